// Package web holds the pages karir serves to browsers: the profile explorer
// at /, the editors' studio at /edit, the API reference at /docs and the template of the problem types'
// pages at /problems, with the files they load from /assets/. They are plain
// HTML, CSS and JavaScript modules, embedded so that the binary serves them
// with no network and no build step; the one third-party file, the
// reference's renderer, is copied from the npm package pinned in
// package-lock.json by `make docs-assets`.
package web

import "embed"

// Files holds index.html (the explorer), edit.html (the studio), docs.html
// (the reference),
// problems.html (the template of the problem types' pages) and assets/, a
// flat folder of the files they load.
//
//go:embed index.html edit.html docs.html problems.html assets
var Files embed.FS
