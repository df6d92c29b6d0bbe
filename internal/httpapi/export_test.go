package httpapi

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// Routes returns the router of a handler NewHandler made, to walk.
func Routes(h http.Handler) chi.Routes { return h.(*handler).mux }
