package httpapi

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	chimiddleware "github.com/go-chi/chi/v5/middleware"
)

// exchange is one request on its way through the chain, and the writer of
// its answer. The middleware share what they learn of the request here
// (its ID, the route that answered, the status and size of the answer)
// rather than in its context, so that a read answered from memory costs no
// copy of the request: only a request handed to the router gets a context
// of its own (see routed).
type exchange struct {
	http.ResponseWriter
	r *http.Request
	// id is the request ID (see requestID).
	id string
	// route is the pattern of the route that answered, when the last step
	// answered itself; rctx is chi's routing of a request it routed.
	route string
	rctx  *chi.Context
	// status is the status answered, 0 until one is written; written
	// counts the bytes of the body.
	status, written int
}

// WriteHeader records the first final status, and passes on the
// informational ones, as chi's wrapped writer does.
func (x *exchange) WriteHeader(status int) {
	if status >= 100 && status <= 199 && status != http.StatusSwitchingProtocols {
		x.ResponseWriter.WriteHeader(status)
		return
	}
	if x.status == 0 {
		x.status = status
		x.ResponseWriter.WriteHeader(status)
	}
}

func (x *exchange) Write(b []byte) (int, error) {
	if x.status == 0 {
		x.WriteHeader(http.StatusOK)
	}
	n, err := x.ResponseWriter.Write(b)
	x.written += n
	return n, err
}

// Unwrap gives http.ResponseController the writer of the connection: the
// change feed flushes it and extends its write deadline, and paceBodies
// moves its read deadline.
func (x *exchange) Unwrap() http.ResponseWriter { return x.ResponseWriter }

// routePattern is the pattern of the route that answered, "unmatched" when
// none did (paths no route serves share one label).
func (x *exchange) routePattern() string {
	route := x.route
	if x.rctx != nil {
		route = x.rctx.RoutePattern()
	}
	if route == "" {
		return "unmatched"
	}
	return route
}

// logContext is the request's context with its ID, which every log line
// of the request carries (see withRequestID).
func (x *exchange) logContext() context.Context {
	return context.WithValue(x.r.Context(), chimiddleware.RequestIDKey, x.id)
}

// A step handles an exchange: its part of it, as a middleware, or the
// answer, as the last step.
type step func(x *exchange)

// A middleware is a step every request takes before the last: it may
// answer itself (a refusal) or hand the exchange on to next.
type middleware func(next step) step

// handler takes every request through the middleware, in order, to the
// last step.
type handler struct {
	first step
	// exchanges are reused: net/http lets no one use the writer of an
	// answer once ServeHTTP has returned.
	exchanges sync.Pool
}

func newHandler(last step, chain []middleware) *handler {
	h := &handler{first: last, exchanges: sync.Pool{New: func() any { return new(exchange) }}}
	for i := len(chain) - 1; i >= 0; i-- {
		h.first = chain[i](h.first)
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := h.exchanges.Get().(*exchange)
	*x = exchange{ResponseWriter: w, r: r}
	h.first(x)
	// After a panic the exchange is left to the collector.
	*x = exchange{}
	h.exchanges.Put(x)
}

// routed is the step that hands an exchange to mux, with the context its
// handlers need: chi's routing, the request ID for their log lines, and
// the deadline, which bounds what they wait for (the database, the search
// index's analyzer). A read answered from memory waits for nothing and
// needs none of it.
func routed(mux *chi.Mux, timeout time.Duration) step {
	return func(x *exchange) {
		x.rctx = chi.NewRouteContext()
		x.rctx.Routes = mux
		ctx := context.WithValue(x.r.Context(), chi.RouteCtxKey, x.rctx)
		ctx = context.WithValue(ctx, chimiddleware.RequestIDKey, x.id)
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		mux.ServeHTTP(x, x.r.WithContext(ctx))
	}
}
