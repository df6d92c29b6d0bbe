package pgtest_test

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
)

// TestLocalPostgresRefusesAForeignServer points .ci/postgres (what make
// run and make test start) at a port that another PostgreSQL holds: it
// refuses, naming the port, instead of seeding into that server.
func TestLocalPostgresRefusesAForeignServer(t *testing.T) {
	c := pgtest.StartCluster(t)
	script, err := filepath.Abs(filepath.Join("..", "..", ".ci", "postgres"))
	require.NoError(t, err)
	cmd := exec.Command(script, "start")
	cmd.Env = append(cmd.Environ(), "KARIR_PGPORT="+strconv.Itoa(c.Port))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", out)
	assert.Equal(t, 1, exit.ExitCode())
	// This checkout's own server may run on its usual port, or not at all.
	assert.Regexp(t, `^\.ci/postgres: (127\.0\.0\.1:`+strconv.Itoa(c.Port)+` is held by a PostgreSQL that is not this checkout's|this checkout's PostgreSQL \(.*\) runs on port \d+, not `+strconv.Itoa(c.Port)+`)`, string(out))
}

func TestLocalPostgresDefaultPortIsBelowTheEphemeralRange(t *testing.T) {
	script, err := filepath.Abs(filepath.Join("..", "..", ".ci", "postgres"))
	require.NoError(t, err)
	cmd := exec.Command(script, "url")
	cmd.Env = append(cmd.Environ(), "KARIR_PGPORT=")
	out, err := cmd.Output()
	require.NoError(t, err)
	assert.Equal(t, "postgres://postgres@127.0.0.1:15432/karir?sslmode=disable\n", string(out))
}
