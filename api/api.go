// Package api holds the OpenAPI description of karir's HTTP API, the
// contract that internal/httpapi serves and its tests enforce.
package api

import _ "embed"

// OpenAPI is api/openapi.yaml, embedded so that the binary serves the very
// document the tests validated it against.
//
//go:embed openapi.yaml
var OpenAPI []byte
