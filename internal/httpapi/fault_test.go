package httpapi_test

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/pgtest"
	"github.com/karir/karir/internal/postgres"
)

// While the database is away, the server spends under fastFail on 99% of
// the answers of the routes that need it (as its request log measures,
// apart from the clients' own scheduling), and every answer reaches the
// client within fastFailMax. Both are far below the request deadline, so
// no answer waited on the database, yet generous: the tests share two
// cores with many others, under the race detector. Uncontended, the
// figures are a few hundred microseconds (see README, Operations).
const (
	fastFail    = 250 * time.Millisecond
	fastFailMax = 2 * time.Second
)

// TestDatabaseOutage stops PostgreSQL (a private cluster) under load and
// starts it again: meanwhile the routes that read the database (the
// revisions) answer 503 with Retry-After at once, the reads the model
// answers from memory 200, /readyz 503 and /healthz 200, the pool dials a
// bounded number of times, and afterwards service resumes by itself.
func TestDatabaseOutage(t *testing.T) {
	c := pgtest.StartCluster(t)
	url := c.CreateDatabase(t, "karir")
	require.NoError(t, postgres.MigrateUp(url))
	pool, avail, err := postgres.OpenPool(t.Context(), url, postgres.PoolOptions{MaxConns: 4})
	require.NoError(t, err)
	defer pool.Close()
	_, err = postgres.NewProfileStore(pool).Seed(t.Context(), fixtures(t))
	require.NoError(t, err)
	a := serveModel(t, pool, func(ctx context.Context) error { return postgres.Ready(ctx, pool) })

	slug := fixtures(t)[0].Slug
	paths := []string{"/v1/profiles/" + slug + "/revisions", "/v1/profiles/" + slug + "/revisions/1"}
	reads := []string{"/v1/profiles", "/v1/profiles/" + slug, "/v1/profiles/" + slug + "/fit"}
	status := func(client *http.Client, path string) int {
		resp, _ := doWith(t, client, http.MethodGet, a.url+path, nil)
		return resp.StatusCode
	}
	for _, path := range append(paths, "/readyz") {
		require.Equal(t, http.StatusOK, status(a.client, path), path)
	}

	c.Stop(t)
	raw := &http.Client{Transport: a.transport}
	require.Eventually(t, func() bool {
		return status(raw, paths[0]) == http.StatusServiceUnavailable && !avail.Up()
	}, 30*time.Second, time.Millisecond)

	// Every answer of the outage, checked against the contract.
	for _, path := range paths {
		resp, body := a.do(t, http.MethodGet, path, nil)
		detail := requireProblem(t, resp, body, http.StatusServiceUnavailable)
		assert.Equal(t, "The database is unavailable. Please try again later.", detail)
		assert.Equal(t, "2", resp.Header.Get("Retry-After"))
	}
	for _, path := range reads {
		assert.Equal(t, http.StatusOK, status(a.client, path), path)
	}
	resp, body := a.do(t, http.MethodGet, "/readyz", nil)
	requireProblem(t, resp, body, http.StatusServiceUnavailable)
	assert.Equal(t, "2", resp.Header.Get("Retry-After"))
	assert.Equal(t, http.StatusOK, status(a.client, "/healthz"))

	// A load over the revisions: only fast 503s, few dials.
	const workers, load = 4, 1500 * time.Millisecond
	dials := avail.Dials()
	var mu sync.Mutex
	var took []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Go(func() {
			for i := w; time.Since(start) < load; i++ {
				t0 := time.Now()
				got := status(raw, paths[i%len(paths)])
				d := time.Since(t0)
				assert.Equal(t, http.StatusServiceUnavailable, got)
				mu.Lock()
				took = append(took, d)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	attempts := avail.Dials() - dials
	slices.Sort(took)
	var served []time.Duration
	for _, e := range a.logs.entries(t, "request") {
		if e["status"] == 503.0 && e["route"] != "/readyz" {
			served = append(served, time.Duration(e["duration"].(float64)))
		}
	}
	slices.Sort(served)
	p99, slowest := served[len(served)*99/100], took[len(took)-1]
	t.Logf("%d requests in %v: p99 %v in the server, slowest %v at the client, %d dials",
		len(took), time.Since(start), p99, slowest, attempts)
	assert.Less(t, p99, fastFail)
	assert.Less(t, slowest, fastFailMax)
	// At most one dial per backoff window (the shortest is 50 ms) and one
	// under way.
	assert.LessOrEqual(t, attempts, 2+int64(time.Since(start)/(50*time.Millisecond)))

	c.Start(t)
	require.Eventually(t, func() bool {
		for _, path := range append(paths, "/readyz") {
			if status(raw, path) != http.StatusOK {
				return false
			}
		}
		return true
	}, 10*time.Second, 10*time.Millisecond, "service must resume by itself")
	for _, path := range paths {
		assert.Equal(t, http.StatusOK, status(a.client, path), path)
	}
}

// TestLockedTable holds a lock that blocks every read of revisions for
// longer than the request deadline: a request for them gets its 503 within
// the deadline and a margin, and routes that need no database answer.
func TestLockedTable(t *testing.T) {
	const deadline = 300 * time.Millisecond
	a := newAPI(t, nil, httpapi.WithRequestTimeout(deadline))
	slug := fixtures(t)[0].Slug
	tx, err := db.Pool.Begin(t.Context())
	require.NoError(t, err)
	defer tx.Rollback(context.Background())
	_, err = tx.Exec(t.Context(), `LOCK TABLE revisions IN ACCESS EXCLUSIVE MODE`)
	require.NoError(t, err)

	for _, path := range []string{"/v1/profiles/" + slug + "/revisions", "/v1/profiles/" + slug + "/revisions/1"} {
		start := time.Now()
		resp, body := a.do(t, http.MethodGet, path, nil)
		took := time.Since(start)
		detail := requireProblem(t, resp, body, http.StatusServiceUnavailable)
		assert.Equal(t, "The database did not answer in time. Please try again later.", detail)
		assert.Equal(t, "2", resp.Header.Get("Retry-After"))
		assert.Less(t, took, deadline+500*time.Millisecond, path)
	}
	for _, path := range []string{"/healthz", "/openapi.yaml", "/v1/profiles", "/v1/profiles/" + slug} {
		resp, _ := a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
	}
	// The access log records what the client got; it logs every failure
	// (and a sample of quick successful reads).
	var failed []float64
	for _, e := range a.logs.entries(t, "request") {
		if status := e["status"].(float64); status >= 400 {
			failed = append(failed, status)
		}
	}
	assert.Equal(t, []float64{503, 503}, failed)
}
