package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// listen subscribes a connection of its own to the changes channel.
func listen(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), db.URL)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	_, err = conn.Exec(t.Context(), "LISTEN "+postgres.ChangesChannel)
	require.NoError(t, err)
	return conn
}

// payloads returns the payloads of the next n notifications, waiting a
// generous while for each.
func payloads(t *testing.T, conn *pgx.Conn, n int) []string {
	t.Helper()
	var out []string
	for range n {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		note, err := conn.WaitForNotification(ctx)
		cancel()
		require.NoError(t, err)
		out = append(out, note.Payload)
	}
	return out
}

// TestSeedNotifies shows that a seed announces exactly the slugs it
// inserted or changed, and that a bulk seed announces a full reload once.
func TestSeedNotifies(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	conn := listen(t)

	a, b := fullProfile("backend-developer", "Backend Developer"), fullProfile("data-analyst", "Data Analyst")
	_, err := store.Seed(ctx, []*profile.Profile{a, b})
	require.NoError(t, err)
	assert.Equal(t, []string{"backend-developer", "data-analyst"}, payloads(t, conn, 2))

	changed := fullProfile(b.Slug, "Data Scientist")
	_, err = store.Seed(ctx, []*profile.Profile{fullProfile(a.Slug, a.Title), changed})
	require.NoError(t, err)
	assert.Equal(t, []string{"data-analyst"}, payloads(t, conn, 1), "an unchanged profile is not announced")

	var bulk []*profile.Profile
	for i := range 101 {
		bulk = append(bulk, emptyProfile(fmt.Sprintf("job-%d", i), fmt.Sprintf("Job %d", i)))
	}
	_, err = store.Seed(ctx, bulk)
	require.NoError(t, err)
	// A marker after the seed shows that nothing else was queued before it.
	_, err = db.Pool.Exec(ctx, `SELECT pg_notify($1, 'marker')`, postgres.ChangesChannel)
	require.NoError(t, err)
	assert.Equal(t, []string{"", "marker"}, payloads(t, conn, 2))
}
