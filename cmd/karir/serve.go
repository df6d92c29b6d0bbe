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
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
)

func serveHelp(stdout io.Writer) error {
	fmt.Fprintln(stdout, "usage: karir serve\n\nMigrates DATABASE_URL up, then serves the API. Environment:")
	return printVars(stdout)
}

// drainTimeout bounds the wait, after the grace period, for the requests
// whose contexts were cancelled to write their answers, and then for the
// pool to close.
const drainTimeout = 300 * time.Millisecond

func serve(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stdout, nil))
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

	// Requests' contexts descend from base: cancelling it after the grace
	// period ends the queries still running.
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	ready := func(ctx context.Context) error { return postgres.Ready(ctx, pool) }
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		postgres.NewCollector(pool, avail),
	)
	srv := &http.Server{
		Handler: httpapi.NewHandler(postgres.NewProfileStore(pool), ready, logger,
			httpapi.WithRequestTimeout(cfg.RequestTimeout),
			httpapi.WithMetrics(reg),
			httpapi.WithRateLimit(cfg.RateLimit, cfg.TrustedProxies),
			httpapi.WithMaxInFlight(cfg.MaxInFlight)),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		// Longer than any request may take, so that a late answer is
		// written, not cut off.
		WriteTimeout: cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:  func(net.Listener) context.Context { return base },
	}
	// Listening before serving lets KARIR_ADDR=127.0.0.1:0 pick a free port
	// that the log line then names.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		pool.Close()
		return err
	}
	logger.Info("listening", "addr", ln.Addr().String())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		pool.Close()
		return err
	case <-ctx.Done():
	}
	shutdown(srv, cancelBase, func() { pool.Close() }, cfg.ShutdownGrace, logger)
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
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

// printVersion prints the module version and the VCS revision that the Go
// toolchain stamped into the binary.
func printVersion(stdout io.Writer) error {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return errors.New("no build information in this binary")
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	revision := settings["vcs.revision"]
	if revision == "" {
		revision = "unknown"
	}
	if settings["vcs.modified"] == "true" {
		revision += " (modified)"
	}
	_, err := fmt.Fprintf(stdout, "karir %s revision %s %s\n", info.Main.Version, revision, info.GoVersion)
	return err
}
