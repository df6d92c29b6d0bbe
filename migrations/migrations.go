// Package migrations holds the SQL migrations of the karir schema, embedded so
// that the binary migrates without the source tree.
package migrations

import "embed"

// FS holds the golang-migrate files: NNNNNN_name.up.sql and .down.sql.
//
//go:embed *.sql
var FS embed.FS
