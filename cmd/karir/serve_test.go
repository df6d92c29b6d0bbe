package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
)

func TestServeHelpListsEveryVariable(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"serve", "--help"}, env(nil), &out))
	for _, v := range new(config).vars() {
		assert.Regexp(t, `(?m)^  `+v.name+` +\S+ +\S`, out.String())
	}
	assert.Regexp(t, `KARIR_REQUEST_TIMEOUT +3s `, out.String())
	assert.Regexp(t, `KARIR_SHUTDOWN_GRACE +10s `, out.String())
}

func TestServeRefusesBadConfiguration(t *testing.T) {
	tests := []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{}, "DATABASE_URL is not set"},
		{map[string]string{"DATABASE_URL": db.URL, "KARIR_REQUEST_TIMEOUT": "3"}, `KARIR_REQUEST_TIMEOUT="3": want a positive Go duration such as 3s or 500ms`},
		{map[string]string{"DATABASE_URL": db.URL, "KARIR_SHUTDOWN_GRACE": "-1s"}, `KARIR_SHUTDOWN_GRACE="-1s": want a positive Go duration such as 3s or 500ms`},
		{map[string]string{"DATABASE_URL": db.URL, "KARIR_DB_MAX_CONNS": "0"}, `KARIR_DB_MAX_CONNS="0": want a whole number from 1 to 2147483647`},
		{map[string]string{"DATABASE_URL": db.URL, "KARIR_DB_MAX_CONNS": "4294967297"}, `KARIR_DB_MAX_CONNS="4294967297": want a whole number from 1 to 2147483647`},
		{map[string]string{"DATABASE_URL": db.URL, "KARIR_RATE_LIMIT": "20"}, `KARIR_RATE_LIMIT="20": want RATE:BURST, requests per second and burst per client such as 20:40, or 0 for no limit`},
		{map[string]string{"DATABASE_URL": db.URL, "KARIR_TRUSTED_PROXIES": "10.0.0.0/33"}, `KARIR_TRUSTED_PROXIES="10.0.0.0/33": "10.0.0.0/33" is neither an IP address nor a CIDR`},
	}
	for _, tt := range tests {
		err := run(context.Background(), []string{"serve"}, env(tt.vars), io.Discard)
		assert.EqualError(t, err, tt.want)
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"version"}, env(nil), &out))
	assert.Regexp(t, `^karir \S+ revision \S+.* go1\.\d+`, out.String())
}

// TestShutdownWithStuckQuery sends SIGTERM to a real karir process while a
// request waits on a locked table: the process exits 0 within the grace
// period and a second, and the request gets its 503.
func TestShutdownWithStuckQuery(t *testing.T) {
	db.Reset(t)
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, env(map[string]string{"DATABASE_URL": db.URL}), io.Discard))
	bin := buildKarir(t)

	const grace = time.Second
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+db.URL, "KARIR_ADDR=127.0.0.1:0",
		"KARIR_SHUTDOWN_GRACE="+grace.String(), "KARIR_REQUEST_TIMEOUT=1m")
	var logs pgtest.SyncBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	addr := listeningAddr(t, &logs)
	waitReady(t, addr, &logs)

	tx, err := db.Pool.Begin(t.Context())
	require.NoError(t, err)
	defer tx.Rollback(context.Background())
	_, err = tx.Exec(t.Context(), `LOCK TABLE search_words IN ACCESS EXCLUSIVE MODE`)
	require.NoError(t, err)
	answered := make(chan int, 1)
	go func() {
		// Profiles and search are read from memory; the correction of a
		// misspelling asks the database.
		resp, err := http.Get("http://" + addr + "/v1/search?q=kesejahtraan")
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	require.Eventually(t, func() bool {
		var waiting int
		err := db.Pool.QueryRow(t.Context(), `
			SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting)
		return err == nil && waiting == 1
	}, 30*time.Second, 10*time.Millisecond, "the request never waited on the lock")

	start := time.Now()
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	err = cmd.Wait()
	took := time.Since(start)
	require.NoError(t, err, "exit status; log:\n%s", logs.String())
	assert.Less(t, took, grace+time.Second)
	assert.Equal(t, http.StatusServiceUnavailable, <-answered)
	var last string
	for line := range strings.Lines(logs.String()) {
		last = line
	}
	assert.Regexp(t, `"msg":"shut down".*"requests_cancelled":true`, last)
}

// buildKarir builds the command into a temporary folder and returns the
// binary's path.
func buildKarir(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "karir")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}
