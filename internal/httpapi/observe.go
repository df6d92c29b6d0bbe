package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"maps"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	chimiddleware "github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// requestID gives every request an ID: the client's X-Request-ID when it
// is well-formed, a random one otherwise. The answer echoes it, and every
// log line of the request carries it (see withRequestID).
func requestID(next step) step {
	return func(x *exchange) {
		x.id = newRequestID(x.r)
		x.Header()["X-Request-Id"] = []string{x.id}
		next(x)
	}
}

// newRequestID returns the request's ID: its X-Request-ID when that is
// well-formed (short, and safe to put in logs and headers as it stands),
// else a random one.
func newRequestID(r *http.Request) string {
	if ids := r.Header["X-Request-Id"]; len(ids) > 0 && wellFormedID(ids[0]) {
		return ids[0]
	}
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on Linux
	return hex.EncodeToString(b[:])
}

// wellFormedID reports whether id matches ^[A-Za-z0-9._:-]{1,64}$.
func wellFormedID(id string) bool {
	if len(id) < 1 || len(id) > 64 {
		return false
	}
	for i := range len(id) {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == ':', c == '-':
		default:
			return false
		}
	}
	return true
}

// withRequestID is a slog.Handler that adds the request ID of the
// context to every record logged with one.
type withRequestID struct{ slog.Handler }

func (h withRequestID) Handle(ctx context.Context, rec slog.Record) error {
	if id := chimiddleware.GetReqID(ctx); id != "" {
		rec.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, rec)
}

func (h withRequestID) WithAttrs(attrs []slog.Attr) slog.Handler {
	return withRequestID{h.Handler.WithAttrs(attrs)}
}

func (h withRequestID) WithGroup(name string) slog.Handler {
	return withRequestID{h.Handler.WithGroup(name)}
}

// httpMetrics are the server's request metrics.
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "karir_http_requests_total",
			Help: "Requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "karir_http_request_duration_seconds",
			Help:    "Time to answer a request, by route pattern and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "karir_http_requests_in_flight",
			Help: "Requests being answered now.",
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.inFlight)
	return m
}

// knownMethods bounds the method label; any other method counts as OTHER.
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodOptions: true, http.MethodPost: true,
	http.MethodPut: true, http.MethodPatch: true, http.MethodDelete: true,
}

// Access log sampling: formatting a line costs about as much as serving a
// document from memory, so of the reads (GET, HEAD) answered below 400 in
// less than logSlow, one in logSampled is logged (with sampled=logSampled,
// to scale counts by); every other request, writes included, is logged.
// The metrics count every request.
const (
	logSampled = 100
	logSlow    = time.Second
)

// observer counts every request once it is answered and logs it (or, for
// quick successful reads, a sample). The route label is chi's pattern, so
// that slugs do not make new series; paths no route serves share one label.
type observer struct {
	logger   *slog.Logger
	m        *httpMetrics
	answered atomic.Uint64
	// known are the series looked up so far, replaced whole under mu when
	// one is added: the label sets are few, and reading them takes no lock.
	mu    sync.Mutex
	known atomic.Pointer[map[seriesKey]*series]
}

// seriesKey is the labels of a request's metrics.
type seriesKey struct {
	route, method string
	status        int
}

// series are the metrics of one route, method and status.
type series struct {
	requests prometheus.Counter
	duration prometheus.Observer
}

func newObserver(logger *slog.Logger, m *httpMetrics) *observer {
	o := &observer{logger: logger, m: m}
	o.known.Store(&map[seriesKey]*series{})
	return o
}

// observe counts and logs the requests of the steps after it.
func (o *observer) observe(next step) step {
	return func(x *exchange) {
		start := time.Now()
		o.m.inFlight.Inc()
		defer o.m.inFlight.Dec()
		next(x)
		took := time.Since(start)
		route := x.routePattern()
		method := x.r.Method
		if !knownMethods[method] {
			method = "OTHER"
		}
		s := o.seriesOf(seriesKey{route: route, method: method, status: x.status})
		s.requests.Inc()
		s.duration.Observe(took.Seconds())
		o.log(x, route, took)
	}
}

// seriesOf returns the metrics of k. Looking them up in the vectors hashes
// the labels and formats the status, which costs a read from memory a good
// part of its time: each is looked up once.
func (o *observer) seriesOf(k seriesKey) *series {
	if s, ok := (*o.known.Load())[k]; ok {
		return s
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	known := *o.known.Load()
	if s, ok := known[k]; ok {
		return s
	}
	s := &series{
		requests: o.m.requests.WithLabelValues(k.route, k.method, strconv.Itoa(k.status)),
		duration: o.m.duration.WithLabelValues(k.route, k.method),
	}
	next := maps.Clone(known)
	next[k] = s
	o.known.Store(&next)
	return s
}

// log writes the request's line, unless it is a quick successful read
// that the sample leaves out.
func (o *observer) log(x *exchange, route string, took time.Duration) {
	r := x.r
	read := r.Method == http.MethodGet || r.Method == http.MethodHead
	sampled := read && x.status < 400 && took < logSlow
	if sampled && o.answered.Add(1)%logSampled != 1 {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("route", route),
		slog.Int("status", x.status),
		slog.Int("bytes", x.written),
		slog.Duration("duration", took),
	}
	if sampled {
		attrs = append(attrs, slog.Int("sampled", logSampled))
	}
	o.logger.LogAttrs(x.logContext(), slog.LevelInfo, "request", attrs...)
}

// MetricsHandler serves reg in Prometheus' text format, gzip-ed by promhttp
// when the client accepts it: at /metrics of the API, or on an address of
// its own (see WithMetricsApart).
func MetricsHandler(reg *prometheus.Registry, logger *slog.Logger) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelError),
	})
}
