package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// readyTimeout bounds the readiness check, so that a hung database fails
// the probe instead of hanging it.
const readyTimeout = 2 * time.Second

type status struct {
	Status string `json:"status"`
}

// healthz answers while the process runs; it asks nothing of the database,
// so that a database outage does not get the process restarted.
func healthz(out responder) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out.writeJSON(w, r, status{Status: "ok"})
	}
}

// readyz answers 200 while ready reports nil, and 503 otherwise.
func readyz(out responder, ready func(context.Context) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := ready(ctx); err != nil {
			out.logger.WarnContext(ctx, "not ready",
				slog.Any("err", err),
				slog.String("request_id", middleware.GetReqID(ctx)),
			)
			writeProblem(w, r, http.StatusServiceUnavailable, "The service is not ready to answer requests. Please try again later.")
			return
		}
		out.writeJSON(w, r, status{Status: "ready"})
	}
}
