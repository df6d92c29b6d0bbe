package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answering serves /readyz with status and body, and 404 elsewhere.
func answering(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func checkHealth(args []string, vars map[string]string) (string, error) {
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"health"}, args...), env(vars), &out)
	return out.String(), err
}

func TestHealthReady(t *testing.T) {
	srv := answering(t, http.StatusOK, `{"status":"ready"}`)
	for _, target := range []string{srv.URL, srv.URL + "/", srv.URL + "/readyz"} {
		out, err := checkHealth([]string{target}, nil)
		require.NoError(t, err, target)
		assert.Equal(t, srv.URL+"/readyz: ready\n", out, target)
	}

	srv = answering(t, http.StatusOK, `{"status":"ready","database":"unavailable"}`)
	out, err := checkHealth([]string{srv.URL}, nil)
	require.NoError(t, err, "a server that answers from memory is ready")
	assert.Equal(t, srv.URL+"/readyz: ready, database unavailable\n", out)
}

// TestHealthLooksAtKarirAddr checks the server KARIR_ADDR names on this
// machine when no URL is given.
func TestHealthLooksAtKarirAddr(t *testing.T) {
	srv := answering(t, http.StatusOK, `{"status":"ready"}`)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	require.NoError(t, err)
	for _, addr := range []string{":" + port, "0.0.0.0:" + port, "127.0.0.1:" + port} {
		out, err := checkHealth(nil, map[string]string{"KARIR_ADDR": addr})
		require.NoError(t, err, addr)
		assert.Equal(t, "http://127.0.0.1:"+port+"/readyz: ready\n", out, addr)
	}
	// Whether a server listens on :8080 here or not, the check names it.
	said, err := checkHealth(nil, nil)
	if err != nil {
		said = err.Error()
	}
	assert.True(t, strings.HasPrefix(said, "http://127.0.0.1:8080/readyz: "), "KARIR_ADDR's default: %s", said)
}

func TestHealthFails(t *testing.T) {
	t.Parallel()
	notReady := answering(t, http.StatusServiceUnavailable,
		`{"title":"Service Unavailable","status":503,"detail":"The service is not ready\nto answer requests."}`)
	teapot := answering(t, http.StatusTeapot, "not json")
	closed := answering(t, http.StatusOK, "")
	closed.Close()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"503", []string{notReady.URL}, notReady.URL + "/readyz: not ready: 503 Service Unavailable: The service is not ready to answer requests."},
		{"not a problem", []string{teapot.URL}, teapot.URL + "/readyz: not ready: 418 I'm a teapot"},
		{"nothing listens", []string{closed.URL}, closed.URL + "/readyz: dial tcp " + closed.Listener.Addr().String() + ": connect: connection refused"},
		{"not a URL", []string{"localhost:8080"}, `"localhost:8080" is not an http:// or https:// URL`},
		{"two URLs", []string{closed.URL, closed.URL}, "health takes at most one URL"},
	}
	for _, tt := range tests {
		_, err := checkHealth(tt.args, nil)
		require.EqualError(t, err, tt.want, tt.name)
		assert.False(t, errors.As(err, new(usageError)), "%s: exits 1, never 2, which Docker's HEALTHCHECK reserves", tt.name)
	}
}

// TestHealthGivesUpAfterTwoSeconds checks a server that takes the request
// and never answers.
func TestHealthGivesUpAfterTwoSeconds(t *testing.T) {
	t.Parallel()
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	t.Cleanup(hung.Close)
	start := time.Now()
	_, err := checkHealth([]string{hung.URL}, nil)
	took := time.Since(start)
	require.EqualError(t, err, hung.URL+"/readyz: no answer within 2s")
	assert.GreaterOrEqual(t, took, healthTimeout)
	assert.Less(t, took, healthTimeout+time.Second)
}

// TestHealthExitCodes runs the binary as Docker's HEALTHCHECK does: exit 0
// and one line on stdout when ready, exit 1 and one line on stderr when not.
func TestHealthExitCodes(t *testing.T) {
	bin := buildKarir(t)
	ready := answering(t, http.StatusOK, `{"status":"ready"}`)
	notReady := answering(t, http.StatusServiceUnavailable, `{"detail":"The read model is loading."}`)
	for _, tt := range []struct {
		url          string
		code         int
		stdout, line string
	}{
		{ready.URL, 0, ready.URL + "/readyz: ready\n", ""},
		{notReady.URL, 1, "", "karir: " + notReady.URL + "/readyz: not ready: 503 Service Unavailable: The read model is loading.\n"},
	} {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, "health", tt.url)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else {
			require.NoError(t, err)
		}
		assert.Equal(t, tt.code, code, tt.url)
		assert.Equal(t, tt.stdout, stdout.String())
		assert.Equal(t, tt.line, stderr.String())
		assert.LessOrEqual(t, strings.Count(stderr.String(), "\n"), 1)
	}
}
