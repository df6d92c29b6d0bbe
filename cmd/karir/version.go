package main

import (
	"fmt"
	"io"

	"github.com/karir/karir/internal/buildinfo"
)

// printVersion prints the version and commit stamped into the binary, and
// the Go toolchain that built it.
func printVersion(stdout io.Writer) error {
	b := buildinfo.Read()
	_, err := fmt.Fprintf(stdout, "karir %s revision %s %s\n", b.Version, b.Revision, b.GoVersion)
	return err
}
