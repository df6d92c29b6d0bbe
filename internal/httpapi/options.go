package httpapi

import (
	"net/netip"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/karir/karir/internal/changefeed"
)

// DefaultRequestTimeout is the deadline of a request when no option sets one.
const DefaultRequestTimeout = 3 * time.Second

// Option tunes the handler that NewHandler returns.
type Option func(*options)

type options struct {
	requestTimeout time.Duration
	registry       *prometheus.Registry
	metricsApart   bool
	rateLimit      RateLimit
	trustedProxies []netip.Prefix
	admission      Admission
	editing        *Editing
	feed           *changefeed.Feed
	cursorKey      []byte
	cursors        cursors
	// probes are middleware put last in the chain, by tests that watch it.
	probes []middleware
}

// WithRequestTimeout sets the deadline of every request the router answers,
// which reaches every query it makes; a request that runs out of time
// answers 503. Reads answered from memory wait for nothing.
func WithRequestTimeout(d time.Duration) Option {
	return func(o *options) { o.requestTimeout = d }
}

// WithMetrics registers the request metrics on reg and serves reg, with
// whatever else its owner registered (pool statistics, say), at /metrics.
// Without it the handler serves a registry of its own.
func WithMetrics(reg *prometheus.Registry) Option {
	return func(o *options) { o.registry = reg }
}

// WithMetricsApart keeps /metrics off the API: the handler records its
// metrics on the registry all the same, and its owner serves them with
// MetricsHandler on an address of its own, which the public cannot reach.
func WithMetricsApart() Option {
	return func(o *options) { o.metricsApart = true }
}

// WithEditing serves the editors' routes: the preview, the writes, the
// revisions and the export. Without it the API is read-only and serves
// none of them.
func WithEditing(e Editing) Option {
	return func(o *options) { o.editing = &e }
}

// WithCursorKey sets the key that seals the cursors of pages (see
// cursors); without one, or with an empty one, each handler draws a random
// key, and cursors last until the server restarts.
func WithCursorKey(key []byte) Option {
	return func(o *options) { o.cursorKey = key }
}

func newOptions(opts []Option) options {
	o := options{requestTimeout: DefaultRequestTimeout, admission: DefaultAdmission()}
	for _, opt := range opts {
		opt(&o)
	}
	o.cursors = newCursors(o.cursorKey)
	if o.registry == nil {
		o.registry = prometheus.NewRegistry()
	}
	return o
}
