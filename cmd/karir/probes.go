package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/readmodel"
)

// databaseStateTTL is how long /readyz keeps what it learnt of the
// database: probes every second from several balancers then cost one round
// trip a second in all, not one each.
const databaseStateTTL = time.Second

// readiness is the check of /readyz: not ready until the model has loaded;
// afterwards ready, with the database reported unavailable in the answer
// while either pool cannot reach it, because the model still answers.
type readiness struct {
	model *readmodel.Model
	pools []*pgxpool.Pool
	// ttl is how long it keeps what it learnt of the database.
	ttl         time.Duration
	mu          sync.Mutex
	asked       time.Time
	databaseErr error
}

func newReadiness(model *readmodel.Model, pool, readPool *pgxpool.Pool) *readiness {
	return &readiness{model: model, pools: []*pgxpool.Pool{pool, readPool}, ttl: databaseStateTTL}
}

func (r *readiness) check(ctx context.Context) error {
	if !r.model.Loaded() {
		return errors.New("the read model is not loaded yet")
	}
	if err := r.database(ctx); err != nil {
		return httpapi.DatabaseUnavailable{Err: err}
	}
	return nil
}

// database asks both pools at most once per ttl; the probes
// in between, and those that arrive while one asks, get its answer.
func (r *readiness) database(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if time.Since(r.asked) < r.ttl {
		return r.databaseErr
	}
	r.databaseErr = nil
	for _, p := range r.pools {
		if err := postgres.Ready(ctx, p); err != nil {
			r.databaseErr = err
			break
		}
	}
	r.asked = time.Now()
	return r.databaseErr
}

// serveMetrics serves reg at /metrics on addr, apart from the API, until
// stop; everything else there is a 404.
func serveMetrics(addr string, reg *prometheus.Registry, logger *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", httpapi.MetricsHandler(reg, logger))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	logger.Info("metrics listening", "addr", ln.Addr().String())
	go func() { _ = srv.Serve(ln) }()
	return func() { srv.Close() }, nil
}
