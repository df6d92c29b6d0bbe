package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
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
// 503 otherwise.
func readyz(logger *slog.Logger, ready func(context.Context) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := ready(ctx); err != nil {
			logger.WarnContext(ctx, "not ready",
				slog.Any("err", err),
			)
			if errors.As(err, new(DatabaseUnavailable)) {
				return writeJSON(w, r, status{Status: "ready", Database: "unavailable"})
			}
			return profile.Errorf(profile.EUNAVAILABLE, "The service is not ready to answer requests. Please try again later.")
		}
		return writeJSON(w, r, status{Status: "ready"})
	}
}
