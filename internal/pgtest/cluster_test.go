package pgtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
)

// TestCluster shows that a private cluster serves, stops and serves again
// on the same port.
func TestCluster(t *testing.T) {
	c := pgtest.StartCluster(t)
	assert.Less(t, c.Port, 32768)
	url := c.CreateDatabase(t, "karir")
	query := func() error {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		return conn.QueryRow(ctx, "SELECT 1").Scan(new(int))
	}
	require.NoError(t, query())
	c.Stop(t)
	assert.Error(t, query())
	c.Start(t)
	assert.NoError(t, query())
}

// TestStandby shows a standby that replays what the primary commits and
// refuses writes.
func TestStandby(t *testing.T) {
	primary := pgtest.StartCluster(t)
	url := primary.CreateDatabase(t, "karir")
	standby := pgtest.StartStandby(t, primary)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()

	p, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer p.Close(ctx)
	_, err = p.Exec(ctx, `CREATE TABLE t (n int); INSERT INTO t VALUES (42)`)
	require.NoError(t, err)
	s, err := pgx.Connect(ctx, standby.URL("karir"))
	require.NoError(t, err)
	defer s.Close(ctx)
	var inRecovery bool
	require.NoError(t, s.QueryRow(ctx, `SELECT pg_is_in_recovery()`).Scan(&inRecovery))
	assert.True(t, inRecovery)
	var n int
	require.Eventually(t, func() bool { return s.QueryRow(ctx, `SELECT n FROM t`).Scan(&n) == nil },
		time.Minute, 10*time.Millisecond, "the standby never replayed the insert")
	assert.Equal(t, 42, n)
	_, err = s.Exec(ctx, `INSERT INTO t VALUES (1)`)
	assert.ErrorContains(t, err, "read-only transaction")
}
