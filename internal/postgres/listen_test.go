package postgres_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// TestListen shows Listen relaying the slugs a seed announces, and after
// the database restarts subscribing again and asking for a full reload.
func TestListen(t *testing.T) {
	cluster := pgtest.StartCluster(t)
	url := cluster.CreateDatabase(t, "karir")
	require.NoError(t, postgres.MigrateUp(url))

	payloads := make(chan string, 100)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- postgres.Listen(ctx, url, func(slug string) { payloads <- slug }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	next := func() string {
		t.Helper()
		select {
		case p := <-payloads:
			return p
		case <-time.After(30 * time.Second):
			t.Fatal("no notification")
			return ""
		}
	}
	seed := func(p *profile.Profile) {
		t.Helper()
		pool, err := postgres.Open(t.Context(), url)
		require.NoError(t, err)
		defer pool.Close()
		_, err = postgres.NewProfileStore(pool).Seed(t.Context(), []*profile.Profile{p})
		require.NoError(t, err)
	}

	assert.Equal(t, "", next(), "subscribing asks for a full load")
	seed(fullProfile("backend-developer", "Backend Developer"))
	assert.Equal(t, "backend-developer", next())

	cluster.Stop(t)
	cluster.Start(t)
	assert.Equal(t, "", next(), "subscribing again asks for a full reload")
	seed(fullProfile("data-analyst", "Data Analyst"))
	assert.Equal(t, "data-analyst", next())

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("Listen did not return once its context ended")
	}
}
