package httpapi_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
)

func TestParseRateLimit(t *testing.T) {
	for in, want := range map[string]httpapi.RateLimit{"0": {}, "20:40": {Rate: 20, Burst: 40}, "0.5:1": {Rate: 0.5, Burst: 1}} {
		got, err := httpapi.ParseRateLimit(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, in, got.String())
	}
	for _, in := range []string{"", "20", "20:", ":40", "0:40", "-1:5", "20:0", "x:y", "Inf:3", "NaN:3", "20:40:1"} {
		_, err := httpapi.ParseRateLimit(in)
		assert.Error(t, err, in)
	}
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := httpapi.ParseTrustedProxies(" 10.0.0.0/8, 192.168.1.7 ,::1,, 2001:db8::/32")
	require.NoError(t, err)
	assert.Equal(t, []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.7/32"),
		netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("2001:db8::/32"),
	}, got)
	got, err = httpapi.ParseTrustedProxies("")
	require.NoError(t, err)
	assert.Empty(t, got)
	_, err = httpapi.ParseTrustedProxies("10.0.0.0/8,proxy.local")
	assert.EqualError(t, err, `"proxy.local" is neither an IP address nor a CIDR`)
}

// The tests' rate refills a token every 100 s: only the burst counts.
var testLimit = httpapi.RateLimit{Rate: 0.01, Burst: 3}

func TestRateLimitAfterBurst(t *testing.T) {
	a := newAPI(t, nil, httpapi.WithRateLimit(testLimit, nil))
	for range testLimit.Burst {
		resp, _ := a.do(t, http.MethodGet, "/v1/profiles", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
	resp, body := a.do(t, http.MethodGet, "/v1/profiles", nil)
	detail := requireProblem(t, resp, body, http.StatusTooManyRequests)
	assert.Equal(t, "Too many requests from your address; at most 0.01 per second with bursts of 3. Retry after 100 s.", detail)
	assert.Equal(t, "100", resp.Header.Get("Retry-After"))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	// Probes and scrapes are never limited.
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, _ := a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
	}
}

func TestRateLimitSpoofedForwardedFor(t *testing.T) {
	// The test client's peer address is 127.0.0.1, which no proxy list here
	// but the last trusts.
	forwarded := func(xff string) http.Header { return http.Header{"X-Forwarded-For": {xff}} }
	t.Run("untrusted peer shares its quota whatever it forwards", func(t *testing.T) {
		a := newAPI(t, nil, httpapi.WithRateLimit(testLimit, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}))
		for i, xff := range []string{"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"} {
			resp, _ := a.do(t, http.MethodGet, "/v1/profiles", forwarded(xff))
			want := http.StatusOK
			if i >= testLimit.Burst {
				want = http.StatusTooManyRequests
			}
			assert.Equal(t, want, resp.StatusCode, xff)
		}
	})
	t.Run("trusted proxy: the forwarded address counts", func(t *testing.T) {
		a := newAPI(t, nil, httpapi.WithRateLimit(testLimit, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}))
		for range testLimit.Burst {
			resp, _ := a.do(t, http.MethodGet, "/v1/profiles", forwarded("198.51.100.1"))
			require.Equal(t, http.StatusOK, resp.StatusCode)
		}
		resp, _ := a.do(t, http.MethodGet, "/v1/profiles", forwarded("198.51.100.1"))
		assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
		// A client that puts another address in front of its own, which
		// the proxy appends, is still counted as itself.
		resp, _ = a.do(t, http.MethodGet, "/v1/profiles", forwarded("203.0.113.9, 198.51.100.1"))
		assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
		// Another client behind the proxy has its own quota.
		resp, _ = a.do(t, http.MethodGet, "/v1/profiles", forwarded("198.51.100.2"))
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		// A request from the proxy itself without the header counts as the proxy.
		resp, _ = a.do(t, http.MethodGet, "/v1/profiles", nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	})
}

// TestRateLimitGroupsIPv6By64 forwards, through a trusted proxy, IPv6
// addresses of one /64, which one host may fill at will: they share one
// quota; an address of the next /64 has its own.
func TestRateLimitGroupsIPv6By64(t *testing.T) {
	a := newAPI(t, nil, httpapi.WithRateLimit(testLimit, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}))
	forwarded := func(xff string) http.Header { return http.Header{"X-Forwarded-For": {xff}} }
	for i := range testLimit.Burst + 1 {
		resp, _ := a.do(t, http.MethodGet, "/v1/profiles", forwarded(fmt.Sprintf("2001:db8:0:1::%x", i+1)))
		want := http.StatusOK
		if i >= testLimit.Burst {
			want = http.StatusTooManyRequests
		}
		assert.Equal(t, want, resp.StatusCode, i)
	}
	resp, _ := a.do(t, http.MethodGet, "/v1/profiles", forwarded("2001:db8:0:2::1"))
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}
