// Package httpapi serves karir's REST API, as api/openapi.yaml describes it,
// with chi.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"

	"github.com/karir/karir/api"
	"github.com/karir/karir/internal/profile"
)

// profilesPath is where the profile resource is mounted; its links point there.
const profilesPath = "/v1/profiles"

// NewHandler returns the whole API over profiles, with discovery answered
// by search. ready tells /readyz
// whether the service can serve requests (for example postgres.Ready on the
// pool); logger gets one line per request and every error clients are not
// shown.
func NewHandler(profiles profile.ProfileReader, search profile.SearchService, ready func(context.Context) error, logger *slog.Logger, opts ...Option) http.Handler {
	o := newOptions(opts)
	logger = slog.New(withRequestID{logger.Handler()})
	var origins []string
	if o.editing != nil {
		origins = o.editing.Origins
	}
	out := responder{logger: logger}
	obs := newObserver(logger, newHTTPMetrics(o.registry))
	r := newRouter(out)
	r.Use(
		requestID,
		secureHeaders,
		obs.middleware,
		recoverPanics(out),
		limitRequest(out),
	)
	var inFlight slots
	if o.maxInFlight > 0 {
		inFlight = make(slots, o.maxInFlight)
		r.Use(inFlight.shed)
	}
	var lim *limiter
	if o.rateLimit.Rate > 0 {
		lim = newLimiter(o.rateLimit, o.trustedProxies)
		r.Use(limitRate(lim))
	}
	r.Use(
		withDeadline(o.requestTimeout),
		corsPolicy(origins),
		middleware.CleanPath,
		negotiate,
		headAsGet,
	)
	// Set before Mount, which hands it down to the subrouters.
	r.NotFound(out.notFound)

	r.With(noStore).Get("/healthz", out.handle(healthz))
	r.With(noStore).Get("/readyz", out.handle(readyz(logger, ready)))
	r.Get("/openapi.yaml", func(w http.ResponseWriter, r *http.Request) {
		writeRepresentation(w, r, "application/yaml", api.OpenAPI)
	})
	r.With(noStore).Method(http.MethodGet, "/metrics", metricsHandler(o.registry, logger))
	res := NewProfileResource(profiles, logger)
	res.editing = o.editing
	profileRoutes := res.Routes()
	NewSearchResource(search, profiles, logger).Register(r, profileRoutes)
	r.Mount(profilesPath, profileRoutes)
	if o.editing != nil {
		r.Post(parsePath, out.handle(preview))
		r.Get(exportPath, out.handle(out.export(o.editing.Service)))
	}
	newPages(o.editing != nil).routes(r, out)
	if encoded, ok := profiles.(profile.EncodedReader); ok && !o.noFastPath {
		return newFastReads(r, encoded, out, obs, inFlight, lim)
	}
	return r
}

// corsPolicy opens reads, and the preview that stores nothing, to any
// origin, and writes only to the origins listed. A preflight is judged by
// the method it asks for.
func corsPolicy(origins []string) func(http.Handler) http.Handler {
	open := cors.Handler(cors.Options{
		AllowedOrigins: []string{"*"},
		AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowedHeaders: []string{"Accept", "If-None-Match", "Content-Type"},
		ExposedHeaders: []string{"ETag", "Link", "Retry-After", "X-Request-ID"},
		MaxAge:         600,
	})
	writes := cors.Handler(cors.Options{
		// Exact, case-sensitive match, as browsers send the origin; with
		// AllowOriginFunc set, an empty list allows no origin at all.
		AllowOriginFunc: func(_ *http.Request, origin string) bool { return slices.Contains(origins, origin) },
		AllowedMethods:  []string{http.MethodPost, http.MethodPut, http.MethodDelete},
		AllowedHeaders:  []string{"Accept", "Authorization", "Content-Type", "If-Match", "If-None-Match"},
		ExposedHeaders:  []string{"ETag", "Link", "Location", "Retry-After", "X-Request-ID"},
		MaxAge:          600,
	})
	return func(next http.Handler) http.Handler {
		openNext, writesNext := open(next), writes(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			method := r.Method
			if requested := r.Header.Get("Access-Control-Request-Method"); r.Method == http.MethodOptions && requested != "" {
				method = requested
			}
			if method == http.MethodGet || method == http.MethodHead || method == http.MethodPost && r.URL.Path == parsePath {
				openNext.ServeHTTP(w, r)
				return
			}
			writesNext.ServeHTTP(w, r)
		})
	}
}

// newRouter returns a router that answers 405 itself. Only the router that
// finds the path knows which methods it serves: chi v5.5 passes them to its
// built-in 405 handler alone, and Mux.Match on a parent router claims every
// method at a mount point (go-chi/chi#794).
func newRouter(out responder) *chi.Mux {
	r := chi.NewRouter()
	r.MethodNotAllowed(out.methodNotAllowed(r))
	return r
}

// headAsGet routes HEAD requests to the GET handlers; net/http drops the
// body. It stands in for chi's GetHead, which asks Mux.Match first and so
// leaves HEAD at a mount point, such as /v1/profiles, unrouted
// (go-chi/chi#794). No route of the API serves HEAD itself.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			chi.RouteContext(r.Context()).RouteMethod = http.MethodGet
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into a 500 problem. chi's Recoverer answers
// with an empty body and prints the stack to stderr instead of the logger.
func recoverPanics(out responder) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if rec := recover(); rec != nil {
					out.panicked(w, r, rec)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// panicked answers a request whose handler panicked with rec.
func (out responder) panicked(w http.ResponseWriter, r *http.Request, rec any) {
	if rec == http.ErrAbortHandler {
		// net/http's way to abort a response; it must reach the server.
		panic(rec)
	}
	out.logger.ErrorContext(r.Context(), "panic",
		slog.Any("panic", rec),
		slog.String("stack", string(debug.Stack())),
	)
	writeProblem(w, r, profile.EINTERNAL, internalDetail)
}

func (out responder) notFound(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, r, profile.ENOTFOUND, "Nothing is served at this path.")
}

// methodNotAllowed returns the 405 handler of routes, whose Allow header
// lists the methods routes serves at the path.
func (out responder) methodNotAllowed(routes chi.Routes) http.HandlerFunc {
	// The methods of RFC 9110, all that chi knows.
	methods := []string{
		http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace,
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if !slices.Contains(methods, r.Method) {
			// chi hands a method it does not know to the root's handler
			// before routing; no path serves it.
			writeProblem(w, r, kindNotImplemented, profile.Detail("The server does not implement the %s method.", r.Method))
			return
		}
		// The path within routes, as chi routes it.
		routePath := chi.RouteContext(r.Context()).RoutePath
		if routePath == "" {
			routePath = r.URL.Path
		}
		var allowed []string
		for _, method := range methods {
			probe := method
			if method == http.MethodHead {
				probe = http.MethodGet // headAsGet
			}
			if routes.Match(chi.NewRouteContext(), probe, routePath) {
				allowed = append(allowed, method)
			}
		}
		list := strings.Join(allowed, ", ")
		w.Header().Set("Allow", list)
		writeProblem(w, r, kindMethodNotAllowed, profile.Detail("This path does not serve %s; it serves %s.", r.Method, profile.Verbatim(list)))
	}
}
