package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/profile"
)

// PoolOptions tune a pool that serves requests.
type PoolOptions struct {
	// MaxConns caps the pool; 0 keeps pgxpool's default, max(4, CPUs).
	MaxConns int32
	// StatementTimeout is set as statement_timeout on every connection, a
	// backstop behind the deadlines of the requests; 0 sets none.
	StatementTimeout time.Duration
	// Logger gets the outage lines of the pool's Availability; nil
	// discards them.
	Logger *slog.Logger
}

// connectTimeout bounds one connection attempt, which pgxpool lets run on
// in the background after the request that caused it has given up.
const connectTimeout = 5 * time.Second

// OpenPool connects a pool to databaseURL, gated by an Availability, and
// pings it. pgx keeps passwords out of its errors, and so does every error
// here.
func OpenPool(ctx context.Context, databaseURL string, opts PoolOptions) (*pgxpool.Pool, *Availability, error) {
	config, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: parse database URL: %w", err)
	}
	if opts.MaxConns > 0 {
		config.MaxConns = opts.MaxConns
	}
	if opts.StatementTimeout > 0 {
		config.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10)
	}
	if config.ConnConfig.ConnectTimeout == 0 {
		config.ConnConfig.ConnectTimeout = connectTimeout
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	avail := newAvailability(logger)
	avail.install(config)
	pool, err := pgxpool.NewWithConfig(ctx, config)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: create pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("postgres: ping: %w", err)
	}
	return pool, avail, nil
}

// Public details of the failures that make the database unavailable.
const (
	unavailableDetail = "The database is unavailable. Please try again later."
	timeoutDetail     = "The database did not answer in time. Please try again later."
)

// classify turns the errors that mean the database cannot answer now
// (it is away, shutting down, starting up or too slow for the request's
// deadline) into EUNAVAILABLE Errors, and returns any other error as it is.
// It is the one place that reads pgx's connection errors.
func classify(err error) error {
	var pgErr *pgconn.PgError
	var netErr net.Error
	var connectErr *pgconn.ConnectError
	switch {
	case err == nil:
		return nil
	case pgconn.Timeout(err), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled),
		errors.As(err, &pgErr) && pgErr.Code == pgerrcode.QueryCanceled:
		return profile.TimedOut(timeoutDetail)
	case errors.Is(err, errDown), errors.As(err, &connectErr), errors.As(err, &netErr),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return profile.Unavailable(unavailableDetail)
	case errors.As(err, &pgErr) && (pgerrcode.IsOperatorIntervention(pgErr.Code) ||
		pgerrcode.IsConnectionException(pgErr.Code) || pgErr.Code == pgerrcode.TooManyConnections):
		return profile.Unavailable(unavailableDetail)
	}
	return err
}
