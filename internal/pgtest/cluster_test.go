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
