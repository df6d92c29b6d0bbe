package main

import (
	"fmt"
	"io"
	"math"
	"net/netip"
	"runtime"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/karir/karir/internal/changefeed"
	"github.com/karir/karir/internal/httpapi"
)

// defaultAddr is where serve listens, and so where health looks, when
// KARIR_ADDR is not set.
const defaultAddr = ":8080"

// config is everything serve reads from the environment.
type config struct {
	DatabaseURL    string
	Addr           string
	RequestTimeout time.Duration
	DBMaxConns     int
	ShutdownGrace  time.Duration
	RateLimit      httpapi.RateLimit
	TrustedProxies []netip.Prefix
	// Admission holds the caps on requests at once and on bodies.
	Admission httpapi.Admission
	// HeaderTimeout, IdleTimeout and MaxIdleConns bound the connections
	// between requests.
	HeaderTimeout, IdleTimeout time.Duration
	MaxIdleConns               int
	// Editing holds the editors' tokens and origins; serve adds the store.
	Editing         httpapi.Editing
	ReadDatabaseURL string
	// Feed bounds the open streams of GET /v1/changes.
	Feed        changefeed.Limits
	CursorKey   []byte
	MetricsAddr string
}

// envVar is one environment variable of serve: its default and how it
// sets its field of config.
type envVar struct {
	name, def, help string
	set             func(string) error
	// secret keeps the value out of errors: a token, or a URL that may
	// hold a password.
	secret bool
}

// vars lists serve's environment variables, each setting a field of c:
// adding a variable is one line here and a field above.
func (c *config) vars() []envVar {
	a := httpapi.DefaultAdmission()
	return []envVar{
		{"DATABASE_URL", "", "PostgreSQL URL (required)", stringVar(&c.DatabaseURL), true},
		{"KARIR_ADDR", defaultAddr, "address to listen on", stringVar(&c.Addr), false},
		{"KARIR_METRICS_ADDR", "", "address that serves /metrics alone, which the API's address then does not; unset: /metrics on KARIR_ADDR", stringVar(&c.MetricsAddr), false},
		{"KARIR_REQUEST_TIMEOUT", "3s", "deadline of every request and its queries (a Go duration)", durationVar(&c.RequestTimeout), false},
		{"KARIR_DB_MAX_CONNS", strconv.Itoa(max(4, 2*runtime.NumCPU())), "size of the database connection pool (default: 2 per CPU, at least 4)", intVar(&c.DBMaxConns), false},
		{"KARIR_SHUTDOWN_GRACE", "10s", "how long in-flight requests may finish after SIGTERM/SIGINT", durationVar(&c.ShutdownGrace), false},
		{"KARIR_RATE_LIMIT", "50:100", "requests per second and burst per client, RATE:BURST; 0 turns limiting off", parsedVar(&c.RateLimit, httpapi.ParseRateLimit), false},
		{"KARIR_MAX_IN_FLIGHT", strconv.Itoa(a.MaxInFlight), "requests answered at once; more get 503 at once (probes and /metrics aside)", intVar(&c.Admission.MaxInFlight), false},
		{"KARIR_MAX_HEAVY", strconv.Itoa(a.MaxHeavy), "of those, heavy requests at once (writes, preview, match, export); more get 503", intVar(&c.Admission.MaxHeavy), false},
		{"KARIR_MAX_PER_CLIENT", strconv.Itoa(a.MaxPerClient), "requests at once from one client (an address, an IPv6 /64); more get 429", intVar(&c.Admission.MaxPerClient), false},
		{"KARIR_MAX_PARSES", strconv.Itoa(a.Parses), "texts parsed at once (default: one per CPU but one, at least 1); more wait KARIR_PARSE_WAIT, then get 503", intVar(&c.Admission.Parses), false},
		{"KARIR_PARSE_WAIT", a.ParseWait.String(), "how long a parse waits for its turn", durationVar(&c.Admission.ParseWait), false},
		{"KARIR_PUBLIC_PARSE_BYTES", strconv.Itoa(a.PublicParseBytes), "largest text the preview takes without an editor's token (editors: 1 MiB)", intVar(&c.Admission.PublicParseBytes), false},
		{"KARIR_MIN_BODY_RATE", strconv.Itoa(a.MinBodyRate), "slowest a request body may arrive after KARIR_BODY_GRACE, in bytes a second; slower gets 408", intVar(&c.Admission.MinBodyRate), false},
		{"KARIR_BODY_GRACE", a.BodyGrace.String(), "how long a body may take before KARIR_MIN_BODY_RATE holds", durationVar(&c.Admission.BodyGrace), false},
		{"KARIR_BODY_TIMEOUT", a.BodyTimeout.String(), "longest a whole request may take to arrive", durationVar(&c.Admission.BodyTimeout), false},
		{"KARIR_HEADER_TIMEOUT", "5s", "longest the request line and headers may take to arrive", durationVar(&c.HeaderTimeout), false},
		{"KARIR_IDLE_TIMEOUT", "30s", "how long a kept-alive connection may wait for its next request", durationVar(&c.IdleTimeout), false},
		{"KARIR_MAX_IDLE_CONNS", "1024", "kept-alive connections waiting at once; more are closed", intVar(&c.MaxIdleConns), false},
		{"KARIR_TRUSTED_PROXIES", "", "comma-separated addresses or CIDRs of proxies whose X-Forwarded-For names the client", parsedVar(&c.TrustedProxies, httpapi.ParseTrustedProxies), false},
		{"KARIR_ADMIN_TOKENS", "", "name:token,... of the editors who may write (tokens of 16 characters or more); unset: writes answer 403", parsedVar(&c.Editing.Tokens, httpapi.ParseTokens), true},
		{"KARIR_CORS_ORIGINS", "", "origin,... of the browser pages allowed to write", parsedVar(&c.Editing.Origins, parseOrigins), true},
		{"KARIR_CURSOR_KEY", "", "secret of 32 characters or more that seals the cursors of pages; unset: a random key per start", parsedVar(&c.CursorKey, parseCursorKey), true},
		{"KARIR_READ_DATABASE_URL", "", "a hot standby the read model and search read from; LISTEN and writes stay on DATABASE_URL", stringVar(&c.ReadDatabaseURL), true},
		{"KARIR_FEED_MAX_STREAMS", "1000", "change-feed streams (GET /v1/changes) open at once; more get 503", intVar(&c.Feed.Total), false},
		{"KARIR_FEED_MAX_STREAMS_PER_CLIENT", "8", "change-feed streams one client may hold open; more get 503", intVar(&c.Feed.PerClient), false},
	}
}

// loadConfig reads the variables, each once, falling back to its default.
func loadConfig(getenv func(string) string) (config, error) {
	var c config
	for _, v := range c.vars() {
		value := getenv(v.name)
		if value == "" {
			value = v.def
		}
		if err := v.set(value); err != nil && v.secret {
			return config{}, fmt.Errorf("%s: %w", v.name, err)
		} else if err != nil {
			return config{}, fmt.Errorf("%s=%q: %w", v.name, value, err)
		}
	}
	if c.DatabaseURL == "" {
		return config{}, errDatabaseURL
	}
	return c, nil
}

// printVars writes the table of serve's variables for --help.
func printVars(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  VARIABLE\tDEFAULT\tMEANING")
	for _, v := range new(config).vars() {
		def := v.def
		if def == "" {
			def = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", v.name, def, v.help)
	}
	return tw.Flush()
}

func parsedVar[T any](p *T, parse func(string) (T, error)) func(string) error {
	return func(s string) error {
		v, err := parse(s)
		*p = v
		return err
	}
}

// parseCursorKey reads KARIR_CURSOR_KEY: several servers behind one
// address share it, so that a page one gave another continues.
func parseCursorKey(s string) ([]byte, error) {
	if s != "" && len(s) < 32 {
		return nil, fmt.Errorf("want a secret of 32 characters or more")
	}
	return []byte(s), nil
}

func stringVar(p *string) func(string) error {
	return func(s string) error { *p = s; return nil }
}

func durationVar(p *time.Duration) func(string) error {
	return func(s string) error {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return fmt.Errorf("want a positive Go duration such as 3s or 500ms")
		}
		*p = d
		return nil
	}
}

func intVar(p *int) func(string) error {
	return func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > math.MaxInt32 {
			return fmt.Errorf("want a whole number from 1 to %d", math.MaxInt32)
		}
		*p = n
		return nil
	}
}
