package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Pauses between attempts to subscribe again after a lost connection.
const (
	minListenRetry = 100 * time.Millisecond
	maxListenRetry = 5 * time.Second
)

// Listen subscribes to ChangesChannel on a connection of its own (a pooled
// one would be handed back and lose the subscription) and hands changed
// the payload of each notification, until ctx ends. Each time it
// subscribes, the first time included, it first hands changed an empty
// payload, "reload everything": whatever was announced while it was not
// subscribed is lost, and a listener that loaded before subscribing may
// have missed a change. A lost connection is retried after a pause that
// doubles up to maxListenRetry; logger gets each failure. Listen returns
// nil once ctx ends. databaseURL must name the primary: a hot standby
// cannot LISTEN.
func Listen(ctx context.Context, databaseURL string, changed func(slug string), logger *slog.Logger) error {
	config, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return fmt.Errorf("postgres: parse database URL: %w", err)
	}
	pause := minListenRetry
	for {
		subscribed, err := listenOnce(ctx, config, changed)
		if ctx.Err() != nil {
			return nil
		}
		if subscribed {
			pause = minListenRetry
		}
		logger.Warn("lost the change notifications; subscribing again", "err", err, "after", pause)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(pause):
		}
		pause = min(2*pause, maxListenRetry)
	}
}

// listenOnce subscribes and relays notifications until the connection
// fails, and reports whether it got as far as subscribing.
func listenOnce(ctx context.Context, config *pgx.ConnConfig, changed func(string)) (bool, error) {
	// Bounded like the pool's attempts, so that an unreachable host does not
	// stall the retries.
	connectCtx, cancel := context.WithTimeout(ctx, connectTimeout)
	conn, err := pgx.ConnectConfig(connectCtx, config)
	cancel()
	if err != nil {
		return false, fmt.Errorf("postgres: listen: %w", err)
	}
	defer func() {
		// Close says goodbye to the server, which may be gone.
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{ChangesChannel}.Sanitize()); err != nil {
		return false, fmt.Errorf("postgres: listen: %w", err)
	}
	changed("")
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return true, fmt.Errorf("postgres: wait for notification: %w", err)
		}
		changed(n.Payload)
	}
}
