package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/karir/karir/internal/buildinfo"
	"github.com/karir/karir/internal/changefeed"
	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/readmodel"
)

func serveHelp(stdout io.Writer) error {
	fmt.Fprintln(stdout, "usage: karir serve\n\nMigrates DATABASE_URL up, then serves the API. Without GOMEMLIMIT the Go\n"+
		"runtime's soft memory limit is 1GiB. The database URLs may leave out what\n"+
		"libpq's variables give, such as the password in PGPASSWORD. Environment:")
	return printVars(stdout)
}

// defaultMemoryLimit is the Go runtime's soft memory limit when GOMEMLIMIT
// does not set one: a safety net, not what keeps a server of 100,000
// profiles at its size (README). Between collections the heap may grow to
// twice what it keeps, the catalogue included; under sustained traffic the
// limit makes the collector run sooner instead.
const defaultMemoryLimit = 1 << 30

// drainTimeout bounds the wait, after the grace period, for the requests
// whose contexts were cancelled to write their answers, and then for the
// pool to close.
const drainTimeout = 300 * time.Millisecond

func serve(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logs := newLogWriter(stdout)
	defer logs.Close()
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if err := postgres.MigrateUp(cfg.DatabaseURL); err != nil {
		return err
	}
	pool, avail, err := postgres.OpenPool(ctx, cfg.DatabaseURL, postgres.PoolOptions{
		MaxConns:         int32(cfg.DBMaxConns),
		StatementTimeout: cfg.RequestTimeout + time.Second,
		Logger:           logger,
	})
	if err != nil {
		return err
	}
	model, readPool, err := openReadModel(ctx, pool, cfg.ReadDatabaseURL, logger)
	if err != nil {
		pool.Close()
		return err
	}
	closePools := func() {
		readPool.Close()
		pool.Close()
	}

	// The model follows the changes until serve returns.
	followCtx, stopFollowing := context.WithCancel(ctx)
	var following sync.WaitGroup
	defer following.Wait()
	defer stopFollowing()
	store := postgres.NewProfileStore(pool)
	feed := changefeed.New(store, cfg.Feed, logger)
	following.Go(func() { _ = model.Run(followCtx) })
	following.Go(func() { _ = feed.Run(followCtx) })
	changed := func(slug string) {
		model.Changed(slug)
		feed.Changed(slug)
	}
	following.Go(func() {
		if err := postgres.Listen(followCtx, cfg.DatabaseURL, changed, logger); err != nil {
			logger.Error("cannot follow changes", "err", err)
		}
	})

	// Requests' contexts descend from base: cancelling it after the grace
	// period ends the queries still running.
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		postgres.NewCollector(pool, avail),
		buildInfoGauge(buildinfo.Read()),
	)
	editing := cfg.Editing
	// A write reaches this server's model before it answers (read your
	// writes), and the other servers' through its notification.
	editing.Service = model.Writes(store)
	logger.Info("editing", "editors", editing.Tokens.Names(), "write_origins", editing.Origins)
	opts := []httpapi.Option{
		httpapi.WithEditing(editing),
		httpapi.WithRequestTimeout(cfg.RequestTimeout),
		httpapi.WithMetrics(reg),
		httpapi.WithRateLimit(cfg.RateLimit, cfg.TrustedProxies),
		httpapi.WithAdmission(cfg.Admission),
		httpapi.WithCursorKey(cfg.CursorKey),
		httpapi.WithChangeFeed(feed),
	}
	if cfg.MetricsAddr != "" {
		stopMetrics, err := serveMetrics(cfg.MetricsAddr, reg, logger)
		if err != nil {
			closePools()
			return err
		}
		defer stopMetrics()
		opts = append(opts, httpapi.WithMetricsApart())
	}
	srv := &http.Server{
		// Reads and discovery come from the model; writes go to the primary.
		Handler:           httpapi.NewHandler(model, newReadiness(model, pool, readPool).check, logger, opts...),
		ReadHeaderTimeout: cfg.HeaderTimeout,
		// The handler paces bodies itself (httpapi.Admission) and moves
		// the read deadline as they arrive; this bounds the rest.
		ReadTimeout: cfg.Admission.BodyTimeout,
		// Longer than any request may take to arrive and be answered, so
		// that a late answer is written, not cut off.
		WriteTimeout: cfg.Admission.BodyTimeout + cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:  cfg.IdleTimeout,
		ConnState:    newIdleConns(cfg.MaxIdleConns).track,
		ErrorLog:     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:  func(net.Listener) context.Context { return base },
	}
	// The feed's streams never end by themselves: they end as shutdown
	// begins, so that their clients reconnect to another server at once.
	srv.RegisterOnShutdown(feed.Close)
	// Listening before serving lets KARIR_ADDR=127.0.0.1:0 pick a free port
	// that the log line then names.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		closePools()
		return err
	}
	logger.Info("listening", "addr", ln.Addr().String(), "explorer", browserURL(ln.Addr()))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		closePools()
		return err
	case <-ctx.Done():
	}
	shutdown(srv, cancelBase, closePools, cfg.ShutdownGrace, logger)
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openReadModel returns the read model over the database it loads from:
// readURL, a hot standby, when it is set (the model then waits for the
// standby to replay each change the primary announces), else the primary's
// pool itself. The caller closes the returned pool.
func openReadModel(ctx context.Context, primary *pgxpool.Pool, readURL string, logger *slog.Logger) (*readmodel.Model, *pgxpool.Pool, error) {
	if readURL == "" {
		// The read pool is the primary's: closing it twice is harmless.
		return readmodel.New(postgres.NewProfileStore(primary), readmodel.Options{Logger: logger, Analyzer: postgres.NewSearchStore(primary)}), primary, nil
	}
	replica, err := postgres.Open(ctx, readURL)
	if err != nil {
		return nil, nil, fmt.Errorf("KARIR_READ_DATABASE_URL: %w", err)
	}
	model := readmodel.New(postgres.NewProfileStore(replica), readmodel.Options{
		CaughtUp: func(ctx context.Context) error { return postgres.CaughtUp(ctx, primary, replica) },
		Logger:   logger,
		Analyzer: postgres.NewSearchStore(replica),
	})
	return model, replica, nil
}

// browserURL is where a person on this machine opens the explorer: an
// address that listens on every interface is reached at localhost.
func browserURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return ""
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// shutdown stops accepting, lets requests in flight finish within grace,
// then cancels those left and gives them drainTimeout to answer, closes
// the pool without waiting longer than drainTimeout on it, and logs one
// line that says how it went.
func shutdown(srv *http.Server, cancelRequests context.CancelFunc, closePool func(), grace time.Duration, logger *slog.Logger) {
	start := time.Now()
	graceCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	drained := srv.Shutdown(graceCtx) == nil
	if !drained {
		cancelRequests()
		drainCtx, cancel := context.WithTimeout(context.Background(), drainTimeout)
		defer cancel()
		if srv.Shutdown(drainCtx) != nil {
			srv.Close()
		}
	}
	poolClosed := make(chan struct{})
	go func() {
		closePool()
		close(poolClosed)
	}()
	select {
	case <-poolClosed:
	case <-time.After(drainTimeout):
	}
	logger.Info("shut down",
		slog.Duration("took", time.Since(start)),
		slog.Duration("grace", grace),
		slog.Bool("requests_cancelled", !drained))
}
