package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/readmodel"
)

// TestMetricsApart serves /metrics on KARIR_METRICS_ADDR: there it
// answers, and the API's address answers 404 for it.
func TestMetricsApart(t *testing.T) {
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL, "KARIR_ADDR": "127.0.0.1:0", "KARIR_METRICS_ADDR": "127.0.0.1:0"})
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, vars, io.Discard))
	addr, logs, stop := startServe(t, vars)
	defer func() { assert.NoError(t, stop()) }()

	m := regexp.MustCompile(`"msg":"metrics listening","addr":"(127\.0\.0\.1:\d+)"`).FindStringSubmatch(logs.String())
	require.NotNil(t, m, "serve logs where the metrics are: %s", logs.String())
	resp, err := http.Get("http://" + m[1] + "/metrics")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), "karir_build_info")
	assert.Contains(t, string(body), "http_requests_total", "the API's requests are counted there")

	resp, err = http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

// TestReadinessKeepsTheDatabaseState asks twice within the time readiness
// keeps what it learnt: the second answer needs no database, so a pool
// closed in between does not change it; once the time is over, it does.
func TestReadinessKeepsTheDatabaseState(t *testing.T) {
	db.Reset(t)
	// A pool of its own, which the test closes.
	pool, err := postgres.Open(t.Context(), db.URL)
	require.NoError(t, err)
	model := readmodel.New(postgres.NewProfileStore(pool), readmodel.Options{})
	require.NoError(t, model.Reload(t.Context()))
	r := newReadiness(model, pool, pool)
	r.ttl = time.Hour
	require.NoError(t, r.check(t.Context()))
	pool.Close()
	assert.NoError(t, r.check(t.Context()), "the state is kept")
	r.ttl = 0
	var unavailable httpapi.DatabaseUnavailable
	assert.ErrorAs(t, r.check(t.Context()), &unavailable, "and asked again once it is old")
}
