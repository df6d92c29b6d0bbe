package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// TestEachAndLoad shows that the bulk reads give the profiles as they were
// seeded, full and empty alike (TestStoredAsSeeded shows one of them).
func TestEachAndLoad(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	seeded := []*profile.Profile{
		fullProfile("backend-developer", "Backend Developer"),
		emptyProfile("ux-writer", "UX Writer"),
		fullProfile("data-analyst", "Data Analyst"),
	}
	_, err := store.Seed(ctx, seeded)
	require.NoError(t, err)
	want := map[string]*profile.Profile{}
	for _, p := range seeded {
		p.UpdatedAt = updatedAt(t, p.Slug)
		want[p.Slug] = p
	}

	t.Run("each", func(t *testing.T) {
		got := map[string]*profile.Profile{}
		var order []string
		require.NoError(t, store.Each(ctx, func(p *profile.Profile) error {
			got[p.Slug] = p
			order = append(order, p.Slug)
			return nil
		}))
		assert.Equal(t, want, got)
		assert.Equal(t, []string{"backend-developer", "ux-writer", "data-analyst"}, order, "in the order first stored")
	})

	t.Run("each stops at the first error", func(t *testing.T) {
		stop := errors.New("cukup")
		calls := 0
		err := store.Each(ctx, func(*profile.Profile) error {
			calls++
			return stop
		})
		assert.ErrorIs(t, err, stop)
		assert.Equal(t, 1, calls)
	})

	t.Run("load", func(t *testing.T) {
		got, err := store.Load(ctx, []string{"data-analyst", "astronaut", "ux-writer"})
		require.NoError(t, err)
		assert.ElementsMatch(t, []*profile.Profile{want["data-analyst"], want["ux-writer"]}, got)

		got, err = store.Load(ctx, nil)
		require.NoError(t, err)
		assert.Empty(t, got, "no slugs, no profiles (not all of them)")
	})
}

// queryCounter is a pgx tracer that counts the statements sent.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TestLoadIsOneStatement shows that many profiles load in one statement,
// not a round trip per profile.
func TestLoadIsOneStatement(t *testing.T) {
	ctx := t.Context()
	var seeded []*profile.Profile
	var slugs []string
	for i := range 300 {
		p := fullProfile(fmt.Sprintf("job-%03d", i), fmt.Sprintf("Job %03d", i))
		seeded = append(seeded, p)
		slugs = append(slugs, p.Slug)
	}
	_, err := postgres.NewProfileStore(db.Reset(t)).Seed(ctx, seeded)
	require.NoError(t, err)

	config, err := pgxpool.ParseConfig(db.URL)
	require.NoError(t, err)
	counter := &queryCounter{}
	config.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(ctx, config)
	require.NoError(t, err)
	defer pool.Close()
	store := postgres.NewProfileStore(pool)

	got, err := store.Load(ctx, slugs)
	require.NoError(t, err)
	assert.Len(t, got, 300)
	// One query, in a read-only transaction that lifts the pool's
	// statement timeout: begin, set_config, the query, commit.
	assert.Equal(t, int64(4), counter.n.Load())

	n := 0
	require.NoError(t, store.Each(ctx, func(p *profile.Profile) error {
		assert.Equal(t, fullProfile(p.Slug, p.Title).Sections, p.Sections)
		n++
		return nil
	}))
	assert.Equal(t, 300, n)
	assert.Equal(t, int64(8), counter.n.Load())
}

// TestLoadOutlastsStatementTimeout shows a load of the whole catalogue
// finishing on a pool whose statement_timeout, a backstop for requests,
// is shorter than the load: the load's query waits on a lock for longer
// than the timeout, and still completes once the lock is released. The
// timeout is generous for the statements that take no lock, so that a busy
// machine cannot make them miss it.
func TestLoadOutlastsStatementTimeout(t *testing.T) {
	ctx := t.Context()
	const timeout = 200 * time.Millisecond
	var seeded []*profile.Profile
	for i := range 300 {
		seeded = append(seeded, fullProfile(fmt.Sprintf("job-%03d", i), fmt.Sprintf("Job %03d", i)))
	}
	_, err := postgres.NewProfileStore(db.Reset(t)).Seed(ctx, seeded)
	require.NoError(t, err)
	pool, _, err := postgres.OpenPool(ctx, db.URL, postgres.PoolOptions{StatementTimeout: timeout})
	require.NoError(t, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, "SELECT pg_sleep(1)")
	var pgErr *pgconn.PgError
	require.ErrorAs(t, err, &pgErr, "the pool's statement timeout holds")
	require.Equal(t, "57014", pgErr.Code)

	lock, err := db.Pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = lock.Rollback(ctx) }()
	_, err = lock.Exec(ctx, "LOCK TABLE profiles IN ACCESS EXCLUSIVE MODE")
	require.NoError(t, err)
	loaded := make(chan int, 1)
	go func() {
		n := 0
		err := postgres.NewProfileStore(pool).Each(ctx, func(*profile.Profile) error {
			n++
			return nil
		})
		assert.NoError(t, err)
		loaded <- n
	}()
	// The load has waited on the lock for longer than the timeout.
	require.Eventually(t, func() bool {
		var waited bool
		err := db.Pool.QueryRow(ctx, `SELECT count(*) > 0 FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'
			AND now() - query_start > $1::interval`, (2 * timeout).String()).Scan(&waited)
		return err == nil && waited
	}, time.Minute, 10*time.Millisecond)
	require.NoError(t, lock.Commit(ctx))
	assert.Equal(t, 300, <-loaded)
}
