package postgres_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// While the database is known to be away a read neither dials nor waits:
// 99% of them fail within failFast, and every one within failFastMax, far
// below the reads' 5 s deadline, with margins for the probe's dial and for
// two cores that many tests share under the race detector.
const (
	failFast    = 250 * time.Millisecond
	failFastMax = 2 * time.Second
)

// TestOutageFailsFastAndBacksOff stops a private cluster under a running
// load: every read fails at once as EUNAVAILABLE, the pool dials at most
// once per backoff instead of once per read, and the first read after the
// database is back (no restart of anything) succeeds.
func TestOutageFailsFastAndBacksOff(t *testing.T) {
	c := pgtest.StartCluster(t)
	url := c.CreateDatabase(t, "karir")
	require.NoError(t, postgres.MigrateUp(url))
	var logs pgtest.SyncBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	pool, avail, err := postgres.OpenPool(t.Context(), url, postgres.PoolOptions{MaxConns: 4, Logger: logger})
	require.NoError(t, err)
	defer pool.Close()
	store := postgres.NewProfileStore(pool)
	_, err = store.Seed(t.Context(), []*profile.Profile{fullProfile("backend-developer", "Backend Developer")})
	require.NoError(t, err)
	read := func() error {
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		_, err := store.Revisions(ctx, "backend-developer", 10, 0)
		return err
	}
	require.NoError(t, read())
	require.True(t, avail.Up())

	c.Stop(t)
	// The connections the pool holds learn of the shutdown first; wait
	// until a read has found the database away.
	require.Eventually(t, func() bool { return read() != nil && !avail.Up() }, 30*time.Second, time.Millisecond)

	// The load runs long enough to span several backoffs.
	const workers, load = 4, 1500 * time.Millisecond
	dials := avail.Dials()
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var took []time.Duration
	for range workers {
		wg.Go(func() {
			for time.Since(start) < load {
				t0 := time.Now()
				err := read()
				d := time.Since(t0)
				mu.Lock()
				took = append(took, d)
				mu.Unlock()
				assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err), "%v", err)
				assert.Equal(t, "The database is unavailable. Please try again later.", profile.ErrorMessage(err))
			}
		})
	}
	wg.Wait()
	outage := time.Since(start)
	// One attempt per backoff window, the shortest window being half of
	// the first backoff (100 ms), plus the attempt under way.
	bound := 2 + int64(outage/(50*time.Millisecond))
	attempts := avail.Dials() - dials
	slices.Sort(took)
	reads := int64(len(took))
	p99, slowest := took[len(took)*99/100], took[len(took)-1]
	t.Logf("%d reads in %v, p99 %v, slowest %v, %d dials (bound %d)", reads, outage, p99, slowest, attempts, bound)
	assert.LessOrEqual(t, attempts, bound)
	assert.GreaterOrEqual(t, attempts, int64(2), "the pool keeps trying")
	assert.Less(t, attempts, reads/100, "the pool must not dial per read")
	assert.Less(t, p99, failFast)
	assert.Less(t, slowest, failFastMax)

	c.Start(t)
	require.Eventually(t, func() bool { return read() == nil }, 10*time.Second, 10*time.Millisecond,
		"reads must resume by themselves once the database is back")
	assert.True(t, avail.Up())
	// The outage is shorter than the log interval: one line when it
	// began and one when it ended, however many reads failed.
	assert.Equal(t, 1, strings.Count(logs.String(), `"msg":"database unavailable"`), logs.String())
	assert.Equal(t, 1, strings.Count(logs.String(), `"msg":"database available again"`), logs.String())
}
