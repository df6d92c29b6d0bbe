package httpapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"runtime"
	"sync"
	"time"

	"github.com/karir/karir/internal/profile"
)

// Admission bounds the work clients may start, so that cheap reads keep
// answering while others send bodies slowly or ask for costly work.
type Admission struct {
	// MaxInFlight caps the requests answered at once; over it a request
	// gets 503 at once. Each answer in flight holds memory (a gzip writer
	// alone takes about 1 MiB). 0 turns it off.
	MaxInFlight int
	// MaxHeavy caps, within MaxInFlight, the heavy requests at once: those
	// that upload a body or cost CPU or the database more than a read
	// (writes, the preview, match, the export). 0 turns it off.
	MaxHeavy int
	// MaxPerClient caps the requests of one client (one address, one /64
	// of IPv6) at once; over it a request gets 429. 0 turns it off.
	MaxPerClient int
	// Parses caps the texts parsed at once; a parse over it waits up to
	// ParseWait for a turn, then gets 503.
	Parses    int
	ParseWait time.Duration
	// PublicParseBytes is the largest text the preview takes without an
	// editor's token; editors may send the 1 MiB the parser takes.
	PublicParseBytes int
	// MinBodyRate is the slowest a body may arrive, in bytes a second,
	// once BodyGrace has passed; BodyTimeout bounds the whole body. A body
	// slower than either is cut with 408.
	MinBodyRate int
	BodyGrace   time.Duration
	BodyTimeout time.Duration
}

// DefaultAdmission returns the limits a server has unless told otherwise.
// Parses leave one core to the reads.
func DefaultAdmission() Admission {
	return Admission{
		MaxInFlight:      128,
		MaxHeavy:         32,
		MaxPerClient:     16,
		Parses:           max(1, runtime.GOMAXPROCS(0)-1),
		ParseWait:        time.Second,
		PublicParseBytes: 256 << 10,
		MinBodyRate:      8 << 10,
		BodyGrace:        2 * time.Second,
		BodyTimeout:      10 * time.Second,
	}
}

// WithAdmission sets the limits of Admission; without it the handler has
// DefaultAdmission's.
func WithAdmission(a Admission) Option {
	return func(o *options) { o.admission = a }
}

// heavy reports whether r is a heavy request (see Admission.MaxHeavy):
// every method but GET and HEAD, and the export.
func heavy(r *http.Request) bool {
	return r.Method != http.MethodGet && r.Method != http.MethodHead || r.URL.Path == exportPath
}

// admitter takes every request through the caps of Admission.
type admitter struct {
	all, heavy slots
	perClient  int
	trusted    []netip.Prefix

	mu      sync.Mutex
	clients map[netip.Prefix]int
}

func newAdmitter(a Admission, trusted []netip.Prefix) *admitter {
	ad := &admitter{perClient: a.MaxPerClient, trusted: trusted, clients: map[netip.Prefix]int{}}
	if a.MaxInFlight > 0 {
		ad.all = make(slots, a.MaxInFlight)
	}
	if a.MaxHeavy > 0 {
		ad.heavy = make(slots, a.MaxHeavy)
	}
	return ad
}

// admit answers 429 to a client over its cap and 503 over the caps of
// the server; probes and the metrics scrape are not counted.
func (ad *admitter) admit(next step) step {
	return func(x *exchange) {
		// The feed's streams live long and are bounded by the feed itself,
		// in all and per client.
		if unlimited(x.r) || x.r.URL.Path == changesPath {
			next(x)
			return
		}
		client := clientOf(x.r, ad.trusted)
		if !ad.enter(client) {
			closeUnread(x)
			writeProblem(x, x.r, kindTooManyRequests,
				fmt.Sprintf("Too many requests at once from your address; at most %d.", ad.perClient))
			return
		}
		defer ad.leave(client)
		if heavy(x.r) {
			if !ad.heavy.take() {
				busy(x)
				return
			}
			defer ad.heavy.give()
		}
		if !ad.all.take() {
			busy(x)
			return
		}
		defer ad.all.give()
		next(x)
	}
}

// busy answers a request over the server's caps.
func busy(x *exchange) {
	closeUnread(x)
	writeProblem(x, x.r, profile.EUNAVAILABLE, "The server is answering as many requests as it can. Please try again later.")
}

// enter counts a request of client, unless the client has its cap.
func (ad *admitter) enter(client netip.Prefix) bool {
	if ad.perClient <= 0 {
		return true
	}
	ad.mu.Lock()
	defer ad.mu.Unlock()
	if ad.clients[client] >= ad.perClient {
		return false
	}
	ad.clients[client]++
	return true
}

func (ad *admitter) leave(client netip.Prefix) {
	if ad.perClient <= 0 {
		return
	}
	ad.mu.Lock()
	defer ad.mu.Unlock()
	if ad.clients[client]--; ad.clients[client] == 0 {
		delete(ad.clients, client)
	}
}

// closeUnread has net/http close the connection after a refusal that
// leaves a body unread, rather than read up to 256 KiB of it first at the
// client's pace before it sends the answer.
func closeUnread(x *exchange) {
	if x.r.ContentLength != 0 {
		x.Header().Set("Connection", "close")
	}
}

// slots are the requests that may be answered at once; nil slots have
// no cap.
type slots chan struct{}

// take reports whether a slot was free, and takes it; give returns it.
func (s slots) take() bool {
	if s == nil {
		return true
	}
	select {
	case s <- struct{}{}:
		return true
	default:
		return false
	}
}

func (s slots) give() {
	if s != nil {
		<-s
	}
}

// unlimited reports whether r is a probe or the metrics scrape, which
// neither the rate limit nor the caps on requests in flight hold back.
func unlimited(r *http.Request) bool {
	switch r.URL.Path {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return false
}

// WithMaxInFlight sets Admission.MaxInFlight alone.
func WithMaxInFlight(n int) Option {
	return func(o *options) { o.admission.MaxInFlight = n }
}

// paceBodies holds every request body to a.MinBodyRate after a.BodyGrace,
// and to a.BodyTimeout in all, by moving the connection's read deadline
// as the body arrives: a client that trickles a body in (a byte a second
// over minutes) holds its slot seconds, not minutes, and its read fails
// with os.ErrDeadlineExceeded, which is answered 408 (see writeError).
func paceBodies(a Admission) middleware {
	return func(next step) step {
		return func(x *exchange) {
			if x.r.Body != http.NoBody && a.MinBodyRate > 0 {
				start := time.Now()
				b := &pacedBody{
					ReadCloser: x.r.Body, rc: http.NewResponseController(x),
					first: start.Add(a.BodyGrace), last: start.Add(a.BodyTimeout), rate: a.MinBodyRate,
				}
				// A body left unread is due by the grace too: net/http
				// reads what is left before it answers.
				_ = b.rc.SetReadDeadline(b.due())
				x.r.Body = b
			}
			next(x)
		}
	}
}

// pacedBody is a body whose byte n+1 must have arrived by first plus n
// at rate bytes a second, and all by last.
type pacedBody struct {
	io.ReadCloser
	rc          *http.ResponseController
	first, last time.Time
	rate        int
	n           int64
}

func (b *pacedBody) Read(p []byte) (int, error) {
	// A writer that cannot set a deadline (a test's recorder) reads as
	// before.
	_ = b.rc.SetReadDeadline(b.due())
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	if err == io.EOF {
		// The body is in; what the connection reads next is not paced.
		_ = b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}

// due is when the next byte is due: when the bytes in so far are, at
// rate, and no later than last.
func (b *pacedBody) due() time.Time {
	due := b.first.Add(time.Duration(float64(b.n) / float64(b.rate) * float64(time.Second)))
	if due.After(b.last) {
		return b.last
	}
	return due
}

// parses runs the parses of texts, at most Admission.Parses at once: a
// parse costs a core for up to a second (BenchmarkParseWorst), and more
// at once than the cores would slow every read.
type parses struct {
	turns slots
	wait  time.Duration
}

func newParses(a Admission) parses {
	return parses{turns: make(slots, max(a.Parses, 1)), wait: a.ParseWait}
}

// parse parses the text of a request (see parseText) once a turn is free.
func (p parses) parse(r *http.Request, data []byte) (*profile.Profile, error) {
	if err := p.await(r.Context()); err != nil {
		return nil, err
	}
	defer p.turns.give()
	return parseText(r, data)
}

// await takes a turn, waiting for one up to p.wait or until ctx is done.
func (p parses) await(ctx context.Context) error {
	if p.turns.take() {
		return nil
	}
	wait := time.NewTimer(p.wait)
	defer wait.Stop()
	select {
	case p.turns <- struct{}{}:
		return nil
	case <-wait.C:
		return profile.Unavailable("The server is parsing as many texts as it can at once. Please try again later.")
	case <-ctx.Done():
		return ctx.Err()
	}
}
