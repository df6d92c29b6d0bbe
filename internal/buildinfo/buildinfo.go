// Package buildinfo names the build a binary came from. make build, make
// release and the Docker build stamp the version and the commit into it
// with the linker (-ldflags "-X ..."), because the Go toolchain records
// neither where there is no .git to read (a Docker build context) or
// where VCS stamping is turned off (-buildvcs=false).
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Set by the linker:
//
//	-X github.com/karir/karir/internal/buildinfo.version=v0.1.0
//	-X github.com/karir/karir/internal/buildinfo.revision=<commit hash>
var version, revision string

// Info names a build.
type Info struct {
	// Version is a release tag (v0.1.0), what git describe says of a
	// commit past one (v0.1.0-3-gabc1234-dirty), the module version
	// go install recorded, or "devel".
	Version string
	// Revision is the commit hash, or "unknown".
	Revision string
	// GoVersion is the toolchain that built the binary.
	GoVersion string
}

// Read returns the stamped version and commit; where the linker stamped
// none, what the Go toolchain recorded (a go install of a tagged module,
// a go build with VCS stamping on).
func Read() Info {
	info := Info{Version: version, Revision: revision, GoVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if info.Version == "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		if info.Revision == "" {
			info.Revision = vcsRevision(bi.Settings)
		}
	}
	if info.Version == "" {
		info.Version = "devel"
	}
	if info.Revision == "" {
		info.Revision = "unknown"
	}
	return info
}

// vcsRevision is the commit go build recorded, marked when the tree had
// changes it did not commit.
func vcsRevision(settings []debug.BuildSetting) string {
	var rev, modified string
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" && modified == "true" {
		rev += "-dirty"
	}
	return rev
}
