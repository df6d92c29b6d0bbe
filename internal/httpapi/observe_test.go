package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

func TestRequestIDIsEchoedAndLogged(t *testing.T) {
	failing := &mock.Catalogue{EncodedFn: func(string, profile.SectionKey, bool) (wire.Encoded, error) {
		return wire.Encoded{}, errors.New("postgres: disk on fire")
	}}
	a := serveAPI(t, failing, func(context.Context) error { return nil })
	generated := regexp.MustCompile(`^[0-9a-f]{24}$`)
	tests := []struct {
		sent string
		kept bool
	}{
		{"uji-42.a:b_c", true},
		{"", false},
		{"spasi di dalam", false},
		{strings.Repeat("x", 65), false},
		{"<script>", false},
	}
	for _, tt := range tests {
		resp, _ := a.do(t, http.MethodGet, "/v1/profiles/x", http.Header{"X-Request-Id": {tt.sent}})
		require.Equal(t, http.StatusInternalServerError, resp.StatusCode)
		id := resp.Header.Get("X-Request-ID")
		if tt.kept {
			assert.Equal(t, tt.sent, id)
		} else {
			assert.Regexp(t, generated, id, "sent %q", tt.sent)
		}
		// Every line of the request carries its ID.
		for _, msg := range []string{"request failed", "request"} {
			entries := a.logs.entries(t, msg)
			require.NotEmpty(t, entries)
			assert.Equal(t, id, entries[len(entries)-1]["request_id"], msg)
		}
	}
	resp, _ := a.do(t, http.MethodGet, "/healthz", nil)
	assert.Regexp(t, generated, resp.Header.Get("X-Request-ID"))
}

func TestMetrics(t *testing.T) {
	pool, avail, err := postgres.OpenPool(t.Context(), db.URL, postgres.PoolOptions{MaxConns: 3})
	require.NoError(t, err)
	defer pool.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(postgres.NewCollector(pool, avail))
	a := newAPI(t, nil, httpapi.WithMetrics(reg))
	slug := fixtures(t)[0].Slug
	for _, path := range []string{"/v1/profiles/" + slug, "/v1/profiles/" + slug, "/v1/profiles/juru-masak", "/nowhere"} {
		a.do(t, http.MethodGet, path, nil)
	}
	require.NoError(t, pool.Ping(t.Context()))

	resp, body := a.do(t, http.MethodGet, "/metrics", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain; version=0.0.4"), resp.Header.Get("Content-Type"))
	text := string(body)
	for _, line := range []string{
		`karir_http_requests_total{code="200",method="GET",route="/v1/profiles/{slug}"} 2`,
		`karir_http_requests_total{code="404",method="GET",route="/v1/profiles/{slug}"} 1`,
		`karir_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`karir_http_request_duration_seconds_count{method="GET",route="/v1/profiles/{slug}"} 3`,
		// The scrape itself is in flight.
		`karir_http_requests_in_flight 1`,
		`karir_db_up 1`,
		`karir_db_dials_total 1`,
		`karir_db_pool_conns{state="idle"} 1`,
		`karir_db_pool_conns{state="acquired"} 0`,
		`karir_db_pool_max_conns 3`,
	} {
		assert.Contains(t, text, line+"\n")
	}
	for _, name := range []string{"karir_db_pool_acquires_total", "karir_db_pool_empty_acquires_total",
		"karir_db_pool_acquire_seconds_total", "karir_db_pool_empty_acquire_wait_seconds_total", "karir_db_pool_canceled_acquires_total"} {
		assert.Regexp(t, `(?m)^`+name+` \d`, text)
	}
}
