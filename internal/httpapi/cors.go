package httpapi

import (
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/cors"
)

// corsPolicy opens reads, and the preview that stores nothing, to any
// origin, and writes only to the origins listed. A preflight is judged by
// the method it asks for.
func corsPolicy(origins []string) middleware {
	open := newCrossOrigin(nil,
		[]string{http.MethodGet, http.MethodHead, http.MethodPost},
		[]string{"Accept", "If-None-Match", "Content-Type", "Last-Event-ID"},
		[]string{"ETag", "Link", "Retry-After", "X-Request-ID"})
	// Exact, case-sensitive match, as browsers send the origin.
	writes := newCrossOrigin(func(origin string) bool { return slices.Contains(origins, origin) },
		[]string{http.MethodPost, http.MethodPut, http.MethodDelete},
		[]string{"Accept", "Authorization", "Content-Type", "If-Match", "If-None-Match"},
		[]string{"ETag", "Link", "Location", "Retry-After", "X-Request-ID"})
	return func(next step) step {
		return func(x *exchange) {
			r := x.r
			method := r.Method
			requested := r.Header.Get("Access-Control-Request-Method")
			preflight := r.Method == http.MethodOptions && requested != ""
			if preflight {
				method = requested
			}
			policy := writes
			if method == http.MethodGet || method == http.MethodHead || method == http.MethodPost && r.URL.Path == parsePath {
				policy = open
			}
			if _, origin := r.Header["Origin"]; preflight && origin {
				policy.preflight.ServeHTTP(x, r)
				return
			}
			policy.actual(x.Header(), r)
			next(x)
		}
	}
}

// crossOrigin is one CORS policy. go-chi/cors answers its preflights; the
// headers of an actual request are set here by the rules go-chi/cors
// follows, from values made once, so that a read allocates nothing for
// them.
type crossOrigin struct {
	preflight http.Handler
	// allowed reports whether an origin may make the requests; nil allows
	// any origin.
	allowed func(origin string) bool
	methods []string
	// exposed is the value of Access-Control-Expose-Headers.
	exposed []string
}

func newCrossOrigin(allowed func(string) bool, methods, headers, exposed []string) crossOrigin {
	opts := cors.Options{AllowedMethods: methods, AllowedHeaders: headers, ExposedHeaders: exposed, MaxAge: 600}
	if allowed == nil {
		opts.AllowedOrigins = []string{"*"}
	} else {
		// With AllowOriginFunc set, an empty list allows no origin at all.
		opts.AllowOriginFunc = func(_ *http.Request, origin string) bool { return allowed(origin) }
	}
	canonical := make([]string, 0, len(exposed))
	for _, name := range exposed {
		canonical = append(canonical, http.CanonicalHeaderKey(name))
	}
	return crossOrigin{
		// A preflight never reaches the handler go-chi/cors wraps.
		preflight: cors.New(opts).Handler(http.NotFoundHandler()),
		allowed:   allowed,
		methods:   methods,
		exposed:   []string{strings.Join(canonical, ", ")},
	}
}

// actual sets the CORS headers of a request that is not a preflight: Vary
// always, the others when its origin and method are allowed (a request
// without Origin is not a cross-origin one).
func (c crossOrigin) actual(h http.Header, r *http.Request) {
	addVary(h, "Origin")
	if _, ok := r.Header["Origin"]; !ok {
		return
	}
	origin := r.Header.Get("Origin")
	if c.allowed != nil && !c.allowed(origin) {
		return
	}
	if method := strings.ToUpper(r.Method); method != http.MethodOptions && !slices.Contains(c.methods, method) {
		return
	}
	if c.allowed == nil {
		h["Access-Control-Allow-Origin"] = anyOrigin
	} else {
		h["Access-Control-Allow-Origin"] = []string{origin}
	}
	h["Access-Control-Expose-Headers"] = c.exposed
}

var anyOrigin = []string{"*"}
