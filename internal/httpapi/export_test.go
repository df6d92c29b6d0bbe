package httpapi

import (
	"log/slog"

	"github.com/go-chi/chi/v5"
)

// Routes returns the router of the API NewHandler serves under opts, to
// walk.
func Routes(opts ...Option) chi.Routes {
	return newOptions(opts).routes(nil, nil, responder{logger: slog.New(slog.DiscardHandler)})
}
