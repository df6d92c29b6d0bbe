package httpapi

import (
	"context"
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
}

// healthz answers while the process runs; it asks nothing of the database,
// so that a database outage does not get the process restarted.
func healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, r, status{Status: "ok"})
}

// readyz answers 200 while ready reports nil, and 503 otherwise.
func readyz(logger *slog.Logger, ready func(context.Context) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := ready(ctx); err != nil {
			logger.WarnContext(ctx, "not ready",
				slog.Any("err", err),
			)
			return profile.Errorf(profile.EUNAVAILABLE, "The service is not ready to answer requests. Please try again later.")
		}
		return writeJSON(w, r, status{Status: "ready"})
	}
}
