package main

import (
	"fmt"
	"io"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/karir/karir/internal/buildinfo"
)

// printVersion prints the version and commit stamped into the binary, and
// the Go toolchain that built it.
func printVersion(stdout io.Writer) error {
	b := buildinfo.Read()
	_, err := fmt.Fprintf(stdout, "karir %s revision %s %s\n", b.Version, b.Revision, b.GoVersion)
	return err
}

// buildInfoGauge is karir_build_info: 1, with the build's names as labels,
// so that a dashboard can tell which version each server runs.
func buildInfoGauge(b buildinfo.Info) prometheus.Collector {
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "karir_build_info",
		Help:        "Always 1; the labels name the version, commit and Go toolchain of the server.",
		ConstLabels: prometheus.Labels{"version": b.Version, "revision": b.Revision, "goversion": b.GoVersion},
	})
	g.Set(1)
	return g
}
