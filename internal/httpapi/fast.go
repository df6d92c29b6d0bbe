package httpapi

import (
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/karir/karir/internal/profile"
)

// fastReads answers the reads that the catalogue in memory holds as bytes
// (a profile's document, one of its sections, the first page of the list)
// without the router and its middleware, which cost as much as the answer
// itself: chi routing twice through the /v1/profiles mount, a copy of the
// request per context value, a wrapped writer, the metrics' label lookups.
// It does what that chain does for such a read (request ID, security and
// CORS headers, the header and Accept checks, the cap on requests in
// flight, the rate limit, metrics under chi's route pattern, the sampled
// access log, ETag and gzip) and hands every other request, and every read
// it would not answer 200 or 304, to the full chain. TestFastPathAsChi
// holds the two to the same answers.
type fastReads struct {
	full     http.Handler
	reader   profile.EncodedReader
	pages    profile.PageKeeper // nil when the reader keeps no pages
	out      responder
	obs      *observer
	inFlight slots
	limiter  *limiter
	// series are the metrics of each fast route, method and status,
	// looked up once.
	series [len(fastRoutes)][2][2]atomic.Pointer[series]
}

// fastRoutes are the routes fastReads serves, by chi's patterns.
var fastRoutes = [...]string{profilesPath, profilesPath + "/{slug}", profilesPath + "/{slug}/{section}"}

const (
	routeList = iota
	routeDocument
	routeSection
)

type series struct {
	requests prometheus.Counter
	duration prometheus.Observer
}

func newFastReads(full http.Handler, reader profile.EncodedReader, out responder, obs *observer, inFlight slots, lim *limiter) *fastReads {
	f := &fastReads{full: full, reader: reader, out: out, obs: obs, inFlight: inFlight, limiter: lim}
	f.pages, _ = reader.(profile.PageKeeper)
	return f
}

// Header values of the fast answers: net/http only reads them.
var (
	varyOriginEncoding = []string{"Origin, Accept-Encoding"}
	anyOrigin          = []string{"*"}
	// What the CORS handler of corsPolicy exposes to reads, canonical.
	exposedToReads = []string{"Etag, Link, Retry-After, X-Request-Id"}
)

func (f *fastReads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	route, enc, link, ok := f.find(r)
	if !ok || !f.plain(r) || !f.admit(r) {
		f.full.ServeHTTP(w, r)
		return
	}
	if f.inFlight != nil {
		defer f.inFlight.give()
	}
	f.obs.m.inFlight.Inc()
	defer f.obs.m.inFlight.Dec()
	defer func() {
		if rec := recover(); rec != nil {
			f.out.panicked(w, r, rec)
		}
	}()

	id := newRequestID(r)
	h := w.Header()
	h["X-Request-Id"] = []string{id}
	setSecureHeaders(h)
	h["Vary"] = varyOriginEncoding
	if _, ok := r.Header["Origin"]; ok {
		h["Access-Control-Allow-Origin"] = anyOrigin
		h["Access-Control-Expose-Headers"] = exposedToReads
	}
	if link != "" {
		h["Link"] = []string{link}
	}
	status, written := writeCoded(w, r, jsonHeader, &enc)

	took := time.Since(start)
	s := f.seriesOf(route, r.Method, status)
	s.requests.Inc()
	s.duration.Observe(took.Seconds())
	f.obs.log(r, id, fastRoutes[route], status, written, took)
}

// find returns the route and the bytes that answer r when r is a read of
// what the reader holds; ok is false otherwise.
func (f *fastReads) find(r *http.Request) (route int, enc profile.Encoded, link string, ok bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead || r.URL.RawPath != "" {
		return 0, enc, "", false
	}
	path := r.URL.Path
	if path == profilesPath {
		if f.pages == nil || r.URL.RawQuery != "" {
			return 0, enc, "", false
		}
		page, kept, err := f.pages.EncodedPage(nil, encodeDefaultPage)
		if err != nil || !kept {
			return 0, enc, "", false
		}
		return routeList, page.Encoded, page.Link, true
	}
	rest, ok := strings.CutPrefix(path, profilesPath+"/")
	if !ok {
		return 0, enc, "", false
	}
	slug, key, nested := strings.Cut(rest, "/")
	route = routeDocument
	if nested {
		if !profile.SectionKey(key).Valid() {
			return 0, enc, "", false
		}
		route = routeSection
	}
	// A slug the reader holds is clean: the path is one chi routes as it
	// stands.
	enc, err := f.reader.Encoded(slug, profile.SectionKey(key), acceptsGzip(r.Header["Accept-Encoding"]))
	return route, enc, "", err == nil
}

// plain reports whether r passes the checks of limitRequest and negotiate.
func (f *fastReads) plain(r *http.Request) bool {
	if headerSize(r) > MaxHeaderBytes || r.ContentLength > maxBodyBytes {
		return false
	}
	accept := r.Header["Accept"]
	return len(accept) == 0 || accepts(strings.Join(accept, ","), jsonType)
}

// admit takes a slot in flight and a token of the rate limit, when they
// are on, and reports whether both were free; a request refused here goes
// to the full chain, which answers it as they do.
// The order is the chain's: a request refused a slot takes no token.
func (f *fastReads) admit(r *http.Request) bool {
	if f.inFlight != nil && !f.inFlight.take() {
		return false
	}
	if f.limiter != nil && f.limiter.wait(f.limiter.clientAddr(r), time.Now()) > 0 {
		if f.inFlight != nil {
			f.inFlight.give()
		}
		return false
	}
	return true
}

// seriesOf returns the metrics of route, method (GET or HEAD) and status
// (200 or 304).
func (f *fastReads) seriesOf(route int, method string, status int) *series {
	m, c := 0, 0
	if method == http.MethodHead {
		m = 1
	}
	if status == http.StatusNotModified {
		c = 1
	}
	p := &f.series[route][m][c]
	if s := p.Load(); s != nil {
		return s
	}
	s := &series{
		requests: f.obs.m.requests.WithLabelValues(fastRoutes[route], method, [...]string{"200", "304"}[c]),
		duration: f.obs.m.duration.WithLabelValues(fastRoutes[route], method),
	}
	p.Store(s)
	return s
}
