package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// wellFormedID is the X-Request-ID a client may choose: short, and safe to
// put in logs and headers as it stands.
var wellFormedID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// requestID gives every request an ID: the client's X-Request-ID when it
// is well-formed, a random one otherwise. The answer echoes it, and every
// log line of the request carries it (see withRequestID).
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !wellFormedID.MatchString(id) {
			var b [12]byte
			_, _ = rand.Read(b[:]) // crypto/rand never fails on Linux
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-ID", id)
		ctx := context.WithValue(r.Context(), middleware.RequestIDKey, id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// withRequestID is a slog.Handler that adds the request ID of the
// context to every record logged with one.
type withRequestID struct{ slog.Handler }

func (h withRequestID) Handle(ctx context.Context, rec slog.Record) error {
	if id := middleware.GetReqID(ctx); id != "" {
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

// observe counts every request once it is answered and logs it (or, for
// quick successful reads, a sample). The route label is chi's pattern, so
// that slugs do not make new series; paths no route serves share one label.
func observe(logger *slog.Logger, m *httpMetrics) func(http.Handler) http.Handler {
	var answered atomic.Uint64
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			m.inFlight.Inc()
			defer m.inFlight.Dec()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			took := time.Since(start)
			route := chi.RouteContext(r.Context()).RoutePattern()
			if route == "" {
				route = "unmatched"
			}
			method := r.Method
			if !knownMethods[method] {
				method = "OTHER"
			}
			m.requests.WithLabelValues(route, method, strconv.Itoa(ww.Status())).Inc()
			m.duration.WithLabelValues(route, method).Observe(took.Seconds())
			read := r.Method == http.MethodGet || r.Method == http.MethodHead
			sampled := read && ww.Status() < 400 && took < logSlow
			if sampled && answered.Add(1)%logSampled != 1 {
				return
			}
			attrs := []slog.Attr{
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("route", route),
				slog.Int("status", ww.Status()),
				slog.Int("bytes", ww.BytesWritten()),
				slog.Duration("duration", took),
			}
			if sampled {
				attrs = append(attrs, slog.Int("sampled", logSampled))
			}
			logger.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
		})
	}
}

// metricsHandler serves reg in Prometheus' text format, gzip-ed by promhttp
// when the client accepts it.
func metricsHandler(reg *prometheus.Registry, logger *slog.Logger) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelError),
	})
}
