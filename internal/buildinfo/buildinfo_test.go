package buildinfo

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReadStamped(t *testing.T) {
	defer func(v, r string) { version, revision = v, r }(version, revision)
	version, revision = "v0.1.0", "0123456789abcdef0123456789abcdef01234567"
	assert.Equal(t, Info{Version: "v0.1.0", Revision: "0123456789abcdef0123456789abcdef01234567", GoVersion: runtime.Version()}, Read())
}

// TestReadUnstamped reads a test binary, which go test stamps with
// neither a module version nor a VCS revision.
func TestReadUnstamped(t *testing.T) {
	defer func(v, r string) { version, revision = v, r }(version, revision)
	version, revision = "", ""
	assert.Equal(t, Info{Version: "devel", Revision: "unknown", GoVersion: runtime.Version()}, Read())
}

func TestVCSRevision(t *testing.T) {
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "abc"}
	assert.Equal(t, "abc", vcsRevision([]debug.BuildSetting{rev}))
	assert.Equal(t, "abc", vcsRevision([]debug.BuildSetting{rev, {Key: "vcs.modified", Value: "false"}}))
	assert.Equal(t, "abc-dirty", vcsRevision([]debug.BuildSetting{{Key: "vcs.modified", Value: "true"}, rev}))
	assert.Empty(t, vcsRevision(nil))
}
