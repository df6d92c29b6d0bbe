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
	MaxInFlight    int
	// Editing holds the editors' tokens and origins; serve adds the store.
	Editing         httpapi.Editing
	ReadDatabaseURL string
	CursorKey       []byte
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
	return []envVar{
		{"DATABASE_URL", "", "PostgreSQL URL (required)", stringVar(&c.DatabaseURL), true},
		{"KARIR_ADDR", defaultAddr, "address to listen on", stringVar(&c.Addr), false},
		{"KARIR_REQUEST_TIMEOUT", "3s", "deadline of every request and its queries (a Go duration)", durationVar(&c.RequestTimeout), false},
		{"KARIR_DB_MAX_CONNS", strconv.Itoa(max(4, 2*runtime.NumCPU())), "size of the database connection pool (default: 2 per CPU, at least 4)", intVar(&c.DBMaxConns), false},
		{"KARIR_SHUTDOWN_GRACE", "10s", "how long in-flight requests may finish after SIGTERM/SIGINT", durationVar(&c.ShutdownGrace), false},
		{"KARIR_RATE_LIMIT", "50:100", "requests per second and burst per client, RATE:BURST; 0 turns limiting off", parsedVar(&c.RateLimit, httpapi.ParseRateLimit), false},
		{"KARIR_MAX_IN_FLIGHT", "128", "requests answered at once; more get 503 at once (probes and /metrics aside)", intVar(&c.MaxInFlight), false},
		{"KARIR_TRUSTED_PROXIES", "", "comma-separated addresses or CIDRs of proxies whose X-Forwarded-For names the client", parsedVar(&c.TrustedProxies, httpapi.ParseTrustedProxies), false},
		{"KARIR_ADMIN_TOKENS", "", "name:token,... of the editors who may write (tokens of 16 characters or more); unset: writes answer 403", parsedVar(&c.Editing.Tokens, httpapi.ParseTokens), true},
		{"KARIR_CORS_ORIGINS", "", "origin,... of the browser pages allowed to write", parsedVar(&c.Editing.Origins, parseOrigins), true},
		{"KARIR_CURSOR_KEY", "", "secret of 32 characters or more that seals the cursors of pages; unset: a random key per start", parsedVar(&c.CursorKey, parseCursorKey), true},
		{"KARIR_READ_DATABASE_URL", "", "a hot standby the read model and search read from; LISTEN and writes stay on DATABASE_URL", stringVar(&c.ReadDatabaseURL), true},
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
