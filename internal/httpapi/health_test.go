package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
)

func TestHealthz(t *testing.T) {
	// The process is up even when the database is not.
	a := newAPI(t, func(context.Context) error { return errors.New("database down") })

	resp, body := a.do(t, http.MethodGet, "/healthz", nil)

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"status":"ok"}`, string(body))
}

func TestReadyz(t *testing.T) {
	t.Run("ready", func(t *testing.T) {
		a := newAPI(t, nil)

		resp, body := a.do(t, http.MethodGet, "/readyz", nil)

		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.JSONEq(t, `{"status":"ready"}`, string(body))
	})

	t.Run("not ready", func(t *testing.T) {
		var deadline atomic.Bool
		a := newAPI(t, func(ctx context.Context) error {
			_, ok := ctx.Deadline()
			deadline.Store(ok)
			return errors.New(`dial tcp 10.1.2.3:5432: connect: connection refused (password "rahasia")`)
		})

		resp, body := a.do(t, http.MethodGet, "/readyz", http.Header{"X-Request-Id": {"uji-siap-1"}})

		detail := requireProblem(t, resp, body, http.StatusServiceUnavailable)
		assert.Equal(t, "The service is not ready to answer requests. Please try again later.", detail)
		assert.NotContains(t, string(body), "dial")
		assert.NotContains(t, string(body), "rahasia")
		assert.True(t, deadline.Load(), "the check runs under a timeout")
		logged := a.logs.entries(t, "not ready")
		require.Len(t, logged, 1)
		assert.Equal(t, "uji-siap-1", logged[0]["request_id"])
		assert.Contains(t, logged[0]["err"], "connection refused")
	})

	t.Run("logged when it changes", func(t *testing.T) {
		var failure atomic.Pointer[error]
		a := newAPI(t, func(context.Context) error {
			if err := failure.Load(); err != nil {
				return *err
			}
			return nil
		})
		probe := func(want int) {
			t.Helper()
			resp, _ := a.do(t, http.MethodGet, "/readyz", nil)
			require.Equal(t, want, resp.StatusCode)
		}
		fail := func(err error) { failure.Store(&err) }

		probe(http.StatusOK)
		fail(errors.New("loading the read model"))
		probe(http.StatusServiceUnavailable)
		probe(http.StatusServiceUnavailable)
		probe(http.StatusServiceUnavailable)
		failure.Store(nil)
		probe(http.StatusOK)
		probe(http.StatusOK)
		fail(httpapi.DatabaseUnavailable{Err: errors.New("connection refused")})
		probe(http.StatusOK)
		probe(http.StatusOK)

		var reasons []any
		for _, e := range a.logs.entries(t, "not ready") {
			reasons = append(reasons, e["err"])
		}
		assert.Equal(t, []any{"loading the read model", "database unavailable: connection refused"}, reasons)
		assert.Len(t, a.logs.entries(t, "ready"), 1, "ready again, once")
	})
}
