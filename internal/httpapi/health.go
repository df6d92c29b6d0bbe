package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/karir/karir/internal/profile"
)

// readyTimeout bounds the readiness check, so that a hung database fails
// the probe instead of hanging it.
const readyTimeout = 2 * time.Second

type status struct {
	Status string `json:"status"`
	// Database is "unavailable" while the service answers without it.
	Database string `json:"database,omitempty"`
}

// DatabaseUnavailable is what a readiness check returns when the database
// fails but the service still answers reads from memory: /readyz then
// stays 200 and says the database is unavailable, so that a load balancer
// keeps sending reads to a server that can answer them.
type DatabaseUnavailable struct{ Err error }

func (e DatabaseUnavailable) Error() string { return "database unavailable: " + e.Err.Error() }
func (e DatabaseUnavailable) Unwrap() error { return e.Err }

// healthz answers while the process runs; it asks nothing of the database,
// so that a database outage does not get the process restarted.
func healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, r, status{Status: "ok"})
}

// readyz answers 200 while ready reports nil or DatabaseUnavailable, and
// 503 otherwise. It logs the answer when it changes: a warning with the
// reason when the service stops being ready (or the reason changes), and
// a line when it is ready again. Probes come every few seconds, and each
// would otherwise repeat the same warning for as long as a load or an
// outage lasts.
func readyz(logger *slog.Logger, ready func(context.Context) error) handlerFunc {
	var last lastReason
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		err := ready(ctx)
		if last.changed(err) {
			if err != nil {
				logger.WarnContext(ctx, "not ready", slog.Any("err", err))
			} else {
				logger.InfoContext(ctx, "ready")
			}
		}
		switch {
		case err == nil:
			return writeJSON(w, r, status{Status: "ready"})
		case errors.As(err, new(DatabaseUnavailable)):
			return writeJSON(w, r, status{Status: "ready", Database: "unavailable"})
		default:
			return profile.Unavailable("The service is not ready to answer requests. Please try again later.")
		}
	}
}

// lastReason is the reason the readiness check last gave, "" for ready:
// the state the service starts in, so a first ready probe logs nothing.
type lastReason struct {
	mu     sync.Mutex
	reason string
}

// changed records err's reason and reports whether it differs from the
// last one.
func (l *lastReason) changed(err error) bool {
	reason := ""
	if err != nil {
		reason = err.Error()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if reason == l.reason {
		return false
	}
	l.reason = reason
	return true
}
