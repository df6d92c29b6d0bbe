package postgres

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// errDown is what a connection attempt returns, without dialling, while
// the database is known to be away and its backoff has not run out.
var errDown = errors.New("postgres: database unavailable; waiting before the next connection attempt")

// Backoff bounds of the connection attempts while the database is away.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 2 * time.Second
	// logInterval is how often a continuing outage is logged.
	logInterval = 10 * time.Second
)

// Availability tracks whether the database can be reached, as its pool's
// connection attempts find it, and gates those attempts: pgxpool dials
// afresh on every Acquire that finds no idle connection, so without the
// gate every request of an outage would dial. After a failed attempt the
// next one waits an exponential backoff with jitter, capped at maxBackoff;
// requests meanwhile fail at once with an EUNAVAILABLE error. The first
// connection that succeeds opens the gate again. Its zero value is not
// usable; Open makes one per pool.
//
// Other readers of the database (an in-memory read model, say) can ask Up
// whether the database is there without a round trip.
type Availability struct {
	logger *slog.Logger
	dials  atomic.Int64
	down   atomic.Bool

	mu       sync.Mutex
	backoff  time.Duration // the wait after the latest failed attempt
	next     time.Time     // no attempt before this while down
	since    time.Time     // when the outage began
	lastErr  error
	refused  int64 // attempts refused without a dial since the last log line
	failed   int64 // failed dials since the last log line
	lastLogs time.Time
}

func newAvailability(logger *slog.Logger) *Availability {
	return &Availability{logger: logger}
}

// Up reports whether the latest connection attempt succeeded.
func (a *Availability) Up() bool { return !a.down.Load() }

// Dials returns how many times the pool has dialled the database.
func (a *Availability) Dials() int64 { return a.dials.Load() }

// install hooks a onto the pool's connection attempts.
func (a *Availability) install(config *pgxpool.Config) {
	config.BeforeConnect = a.beforeConnect
	config.AfterConnect = a.afterConnect
	dial := config.ConnConfig.DialFunc
	config.ConnConfig.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		a.dials.Add(1)
		conn, err := dial(ctx, network, addr)
		if err != nil {
			a.fail(err)
		}
		return conn, err
	}
}

// beforeConnect lets an attempt through while the database is up, and one
// attempt per backoff while it is down.
func (a *Availability) beforeConnect(context.Context, *pgx.ConnConfig) error {
	if !a.down.Load() {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := time.Now()
	if now.Before(a.next) {
		a.refused++
		a.logOutage(now)
		return errDown
	}
	// This attempt is the probe: later ones wait for the next backoff,
	// whether it succeeds or not.
	a.backoff = min(2*a.backoff, maxBackoff)
	a.next = now.Add(jitter(a.backoff))
	return nil
}

func (a *Availability) afterConnect(context.Context, *pgx.Conn) error {
	if !a.down.Load() {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.down.CompareAndSwap(true, false) {
		a.logger.Info("database available again",
			slog.Duration("outage", time.Since(a.since)),
			slog.Int64("failed_dials", a.failed),
			slog.Int64("refused_attempts", a.refused))
	}
	return nil
}

// fail records a connection attempt that could not reach the database.
func (a *Availability) fail(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := time.Now()
	a.lastErr = err
	a.failed++
	if a.down.CompareAndSwap(false, true) {
		a.since = now
		a.backoff = minBackoff
		a.next = now.Add(jitter(a.backoff))
		a.refused, a.failed = 0, 1
		a.lastLogs = now
		a.logger.Error("database unavailable", slog.Any("err", err), slog.Duration("retry_in", a.backoff))
		return
	}
	a.logOutage(now)
}

// logOutage writes one line per logInterval while the outage lasts, with
// what happened since the previous one; a.mu is held.
func (a *Availability) logOutage(now time.Time) {
	if now.Sub(a.lastLogs) < logInterval {
		return
	}
	a.logger.Error("database still unavailable",
		slog.Any("err", a.lastErr),
		slog.Duration("outage", now.Sub(a.since)),
		slog.Int64("failed_dials", a.failed),
		slog.Int64("refused_attempts", a.refused),
		slog.Duration("retry_in", a.backoff))
	a.refused, a.failed = 0, 0
	a.lastLogs = now
}

// jitter returns a duration in [d/2, d), so that servers that lost the
// database together do not all dial it again at the same instant.
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d/2)
}
