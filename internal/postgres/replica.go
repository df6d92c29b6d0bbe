package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// How often, and how long at most, CaughtUp asks the replica.
const (
	replayPoll    = 5 * time.Millisecond
	replayTimeout = 30 * time.Second
)

// CaughtUp returns once replica has replayed every change that primary
// had committed when it was called: a change notification comes from the
// primary, and a hot standby that has not replayed the change yet would
// load the old data. A replica that is not in recovery (the primary
// itself) has nothing to catch up.
func CaughtUp(ctx context.Context, primary, replica *pgxpool.Pool) error {
	ctx, cancel := context.WithTimeout(ctx, replayTimeout)
	defer cancel()
	var lsn string
	if err := primary.QueryRow(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		return fmt.Errorf("postgres: read the primary's WAL position: %w", err)
	}
	tick := time.NewTicker(replayPoll)
	defer tick.Stop()
	for {
		var replayed *bool
		err := replica.QueryRow(ctx, `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn`, lsn).Scan(&replayed)
		switch {
		case err != nil:
			return fmt.Errorf("postgres: read the replica's replay position: %w", err)
		case replayed == nil || *replayed:
			return nil
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("postgres: the replica has not replayed %s after %s", lsn, replayTimeout)
			}
			return ctx.Err()
		case <-tick.C:
		}
	}
}
