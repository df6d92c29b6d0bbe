package httpapi

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit is a token bucket per client address: Rate requests per second
// on average and Burst at once. A zero Rate turns limiting off.
type RateLimit struct {
	Rate  float64
	Burst int
}

// ParseRateLimit reads RATE:BURST (for example 20:40), or 0 for no limit.
func ParseRateLimit(s string) (RateLimit, error) {
	if s == "0" {
		return RateLimit{}, nil
	}
	r, b, ok := strings.Cut(s, ":")
	rps, err1 := strconv.ParseFloat(r, 64)
	burst, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || !(rps > 0) || math.IsInf(rps, 0) || burst < 1 {
		return RateLimit{}, fmt.Errorf("want RATE:BURST, requests per second and burst per client such as 20:40, or 0 for no limit")
	}
	return RateLimit{Rate: rps, Burst: burst}, nil
}

func (l RateLimit) String() string {
	if l.Rate == 0 {
		return "0"
	}
	return strconv.FormatFloat(l.Rate, 'f', -1, 64) + ":" + strconv.Itoa(l.Burst)
}

// ParseTrustedProxies reads a comma-separated list of addresses and CIDRs;
// an empty string trusts no proxy.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for field := range strings.SplitSeq(s, ",") {
		field = strings.TrimSpace(field)
		if field == "" {
			continue
		}
		p, err := netip.ParsePrefix(field)
		if err != nil {
			a, aerr := netip.ParseAddr(field)
			if aerr != nil {
				return nil, fmt.Errorf("%q is neither an IP address nor a CIDR", field)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// WithRateLimit limits each client to l. The client is the direct peer,
// unless the peer is one of trusted: then it is the nearest address of
// X-Forwarded-For that is not a trusted proxy, so that a header a client
// forges buys it no fresh quota.
func WithRateLimit(l RateLimit, trusted []netip.Prefix) Option {
	return func(o *options) {
		o.rateLimit = l
		o.trustedProxies = trusted
	}
}

// limiter keeps a bucket per client; buckets idle long enough to be full
// again are swept.
type limiter struct {
	limit   RateLimit
	trusted []netip.Prefix

	mu        sync.Mutex
	buckets   map[netip.Prefix]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(l RateLimit, trusted []netip.Prefix) *limiter {
	return &limiter{limit: l, trusted: trusted, buckets: map[netip.Prefix]*bucket{}, lastSweep: time.Now()}
}

// wait returns how long the client must wait before its request would be
// allowed; zero allows it and takes its token.
func (l *limiter) wait(client netip.Prefix, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b := l.buckets[client]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(l.limit.Rate), l.limit.Burst)}
		l.buckets[client] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d
	}
	return 0
}

// sweep forgets buckets that have refilled, once per refill time.
func (l *limiter) sweep(now time.Time) {
	full := time.Duration(float64(l.limit.Burst) / l.limit.Rate * float64(time.Second))
	if now.Sub(l.lastSweep) < max(full, time.Minute) {
		return
	}
	for addr, b := range l.buckets {
		if now.Sub(b.seen) > full {
			delete(l.buckets, addr)
		}
	}
	l.lastSweep = now
}

// clientOf is the client a request is counted against: the peer's
// address, unless the peer is one of trusted: then the nearest address of
// X-Forwarded-For that is not a trusted proxy, so that a header a client
// forges buys it no fresh quota. An IPv6 client is its /64, the least a
// network hands one host, which it may fill with addresses at will.
func clientOf(r *http.Request, trusted []netip.Prefix) netip.Prefix {
	client := clientAddr(r, trusted)
	if client.Is6() {
		return netip.PrefixFrom(client, 64).Masked()
	}
	return netip.PrefixFrom(client, client.BitLen())
}

// clientAddr is the address clientOf counts against.
func clientAddr(r *http.Request, trusted []netip.Prefix) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	client := peer.Unmap()
	if !isTrusted(trusted, client) {
		return client
	}
	// The nearest hop that is not a trusted proxy; the header's
	// left-most part may be forged by the client.
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return client
		}
		client = hop.Unmap()
		if !isTrusted(trusted, client) {
			return client
		}
	}
	return client
}

func isTrusted(trusted []netip.Prefix, a netip.Addr) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// limitRate answers 429 with Retry-After to a client over its limit.
// Probes and the metrics scrape are not limited.
func limitRate(l *limiter) middleware {
	return func(next step) step {
		return func(x *exchange) {
			if unlimited(x.r) {
				next(x)
				return
			}
			if d := l.wait(clientOf(x.r, l.trusted), time.Now()); d > 0 {
				secs := int(math.Ceil(d.Seconds()))
				closeUnread(x)
				x.Header().Set("Retry-After", strconv.Itoa(secs))
				writeProblem(x, x.r, kindTooManyRequests,
					fmt.Sprintf("Too many requests from your address; at most %s per second with bursts of %d. Retry after %d s.",
						strconv.FormatFloat(l.limit.Rate, 'f', -1, 64), l.limit.Burst, secs))
				return
			}
			next(x)
		}
	}
}
