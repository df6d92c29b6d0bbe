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
	chimiddleware "github.com/go-chi/chi/v5/middleware"

	"github.com/karir/karir/api"
	"github.com/karir/karir/internal/profile"
)

// profilesPath is where the profile resource is mounted; its links point there.
const profilesPath = "/v1/profiles"

// NewHandler returns the whole API over catalogue, which answers every
// read. ready tells /readyz whether the service can serve requests (for
// example postgres.Ready on the pool); logger gets one line per request and
// every error clients are not shown.
//
// Every request takes one chain of middleware (request ID, security
// headers, metrics and the access log, panics, size limits, the cap on
// requests in flight, the rate limit, CORS, content negotiation), whose
// last step answers the reads the catalogue holds as bytes and routes the
// rest with chi.
func NewHandler(catalogue profile.Catalogue, ready func(context.Context) error, logger *slog.Logger, opts ...Option) http.Handler {
	o := newOptions(opts)
	out := responder{logger: slog.New(withRequestID{logger.Handler()})}
	mux := o.routes(catalogue, ready, out)
	next := routed(mux, o.requestTimeout)
	if o.feed != nil {
		next = o.changes(out).step(next)
	}
	last := fastReads{catalogue: catalogue, cursors: o.cursors, next: next}.serve
	return newHandler(last, o.chain(out))
}

// routes returns the router of the API's routes.
func (o options) routes(catalogue profile.Catalogue, ready func(context.Context) error, out responder) *chi.Mux {
	r := newRouter(out)
	r.Use(chimiddleware.CleanPath, headAsGet)
	// Set before Mount, which hands it down to the subrouters.
	r.NotFound(out.notFound)

	r.With(noStore).Get("/healthz", out.handle(healthz))
	r.With(noStore).Get("/readyz", out.handle(readyz(out.logger, ready)))
	r.Get("/openapi.yaml", func(w http.ResponseWriter, r *http.Request) {
		writeRepresentation(w, r, "application/yaml", api.OpenAPI)
	})
	if !o.metricsApart {
		r.With(noStore).Method(http.MethodGet, "/metrics", MetricsHandler(o.registry, out.logger))
	}
	parses := newParses(o.admission)
	res := NewProfileResource(catalogue, out.logger)
	res.editing, res.cursors, res.parses = o.editing, o.cursors, parses
	profileRoutes := res.Routes()
	discovery := NewSearchResource(catalogue, out.logger)
	discovery.history, discovery.cursors = res.history(), o.cursors
	discovery.Register(r, profileRoutes)
	r.Mount(profilesPath, profileRoutes)
	if o.editing != nil {
		r.Post(parsePath, out.handle(preview(parses, o.editing.Tokens, o.admission.PublicParseBytes)))
		r.Get(exportPath, out.handle(out.export(catalogue)))
	}
	if o.feed != nil {
		// Served before routing (changeStream.step); routed here so that
		// other methods get 405.
		r.Get(changesPath, out.handle(o.changes(out).serve))
	}
	newPages(res, o.feed != nil).routes(r, out)
	return r
}

// changes serves the change feed.
func (o options) changes(out responder) changeStream {
	return changeStream{feed: o.feed, trusted: o.trustedProxies, out: out}
}

// chain is the middleware every request takes, in order.
func (o options) chain(out responder) []middleware {
	var origins []string
	if o.editing != nil {
		origins = o.editing.Origins
	}
	chain := []middleware{
		requestID,
		secureHeaders,
		newObserver(out.logger, newHTTPMetrics(o.registry)).observe,
		recoverPanics(out),
		limitRequest(out),
	}
	chain = append(chain, paceBodies(o.admission), newAdmitter(o.admission, o.trustedProxies).admit)
	if o.rateLimit.Rate > 0 {
		chain = append(chain, limitRate(newLimiter(o.rateLimit, o.trustedProxies)))
	}
	chain = append(chain, corsPolicy(origins), negotiate)
	return append(chain, o.probes...)
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
func recoverPanics(out responder) middleware {
	return func(next step) step {
		return func(x *exchange) {
			defer func() {
				if rec := recover(); rec != nil {
					out.panicked(x, rec)
				}
			}()
			next(x)
		}
	}
}

// panicked answers a request whose handler panicked with rec.
func (out responder) panicked(x *exchange, rec any) {
	if rec == http.ErrAbortHandler {
		// net/http's way to abort a response; it must reach the server.
		panic(rec)
	}
	out.logger.ErrorContext(x.logContext(), "panic",
		slog.Any("panic", rec),
		slog.String("stack", string(debug.Stack())),
	)
	writeProblem(x, x.r, profile.EINTERNAL, internalDetail)
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
