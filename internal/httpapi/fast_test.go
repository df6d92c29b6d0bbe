package httpapi_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// TestFastPathAsChi sends the same requests to the API over a read model
// with its fast path for reads and without it (every request through chi
// and the middleware), and shows the same answers (status, every header
// but the date and a generated request ID, body) and the same metrics.
func TestFastPathAsChi(t *testing.T) {
	store := newAPI(t, nil)
	m := readmodel.New(store.store, readmodel.Options{})
	require.NoError(t, m.Reload(t.Context()))
	ready := func(context.Context) error { return nil }
	fastReg, chiReg := prometheus.NewRegistry(), prometheus.NewRegistry()
	fast := serveAPI(t, m, store.store, ready, httpapi.WithMetrics(fastReg), httpapi.WithMaxInFlight(8))
	viaChi := serveAPI(t, m, store.store, ready, httpapi.WithMetrics(chiReg), httpapi.WithMaxInFlight(8), httpapi.WithoutFastPath())

	// The cursor and the tag the requests below send, asked of both.
	var cursor []string
	var docTag string
	for _, a := range []*testAPI{fast, viaChi} {
		_, first := a.do(t, http.MethodGet, "/v1/profiles?limit=2", nil)
		cursor = regexp.MustCompile(`"next":"([^"]+)"`).FindStringSubmatch(string(first))
		require.Len(t, cursor, 2)
		resp, _ := a.do(t, http.MethodGet, manajerPath, identity)
		docTag = resp.Header.Get("ETag")
	}

	paths := []string{
		manajerPath, manajerPath + "/tasks", manajerPath + "/comparisons", manajerPath + "?x=1",
		"/v1/profiles", "/v1/profiles?limit=20", "/v1/profiles?limit=2&cursor=" + cursor[1],
		"/v1/profiles/", manajerPath + "/", manajerPath + "/gaji", manajerPath + "/related",
		manajerPath + "/tasks/x", "/v1/profiles/juru-masak", "/v1/profiles/juru-masak/tasks",
		"/v1/profiles/manajer-pelayanan-sosial%2Dx", "/v1/profiles//manajer-pelayanan-sosial",
	}
	headers := []http.Header{
		identity,
		{"Accept-Encoding": {"gzip"}},
		{"Accept-Encoding": {"gzip;q=0, br"}},
		{"Origin": {"https://example.org"}, "Accept-Encoding": {"identity"}},
		{"Accept": {"application/json"}, "Accept-Encoding": {"identity"}},
		{"Accept": {"text/html"}, "Accept-Encoding": {"identity"}},
		{"If-None-Match": {docTag}, "Accept-Encoding": {"identity"}},
		{"If-None-Match": {`W/` + docTag + `, "x"`}, "Accept-Encoding": {"identity"}},
		{"X-Request-ID": {"client-chosen.1"}, "Accept-Encoding": {"identity"}},
		{"X-Request-ID": {"not well formed!"}, "Accept-Encoding": {"identity"}},
		{"X-Big": {strings.Repeat("b", httpapi.MaxHeaderBytes)}, "Accept-Encoding": {"identity"}},
	}
	for _, path := range paths {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			for _, header := range headers {
				want, wantBody := doWith(t, viaChi.transportClient(), method, viaChi.url+path, header)
				got, gotBody := doWith(t, fast.transportClient(), method, fast.url+path, header)
				name := method + " " + path + " " + headerString(header)
				assert.Equal(t, want.StatusCode, got.StatusCode, name)
				assert.Equal(t, string(wantBody), string(gotBody), name)
				assert.Equal(t, answerHeaders(want.Header), answerHeaders(got.Header), name)
			}
		}
	}
	assert.Equal(t, requestSeries(t, viaChi), requestSeries(t, fast))
}

func (a *testAPI) transportClient() *http.Client { return &http.Client{Transport: a.transport} }

// answerHeaders is the header of an answer without what differs between
// two answers to the same request: the date and a generated request ID.
func answerHeaders(h http.Header) http.Header {
	out := h.Clone()
	out.Del("Date")
	if id := out.Get("X-Request-ID"); regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(id) {
		out.Set("X-Request-ID", "generated")
	}
	return out
}

func headerString(h http.Header) string {
	var parts []string
	for name, values := range h {
		parts = append(parts, name+"="+cut(strings.Join(values, ",")))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func cut(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// requestSeries returns the lines of /metrics that count requests.
func requestSeries(t *testing.T, a *testAPI) []string {
	t.Helper()
	_, body := a.do(t, http.MethodGet, "/metrics", nil)
	var out []string
	for line := range strings.Lines(string(body)) {
		if strings.HasPrefix(line, "karir_http_requests_total{") || strings.HasPrefix(line, "karir_http_request_duration_seconds_count{") {
			out = append(out, line)
		}
	}
	require.NotEmpty(t, out)
	return out
}

// TestFastPathAdmission shows that the reads the fast path answers count
// against the rate limit and the cap on requests in flight as every other
// request does, and are turned away with the same answers.
func TestFastPathAdmission(t *testing.T) {
	pool := db.Reset(t)
	store := postgres.NewProfileStore(pool)
	_, err := store.Seed(t.Context(), fixtures(t))
	require.NoError(t, err)
	m := readmodel.New(store, readmodel.Options{})
	require.NoError(t, m.Reload(t.Context()))
	modelAPI := func(search profile.SearchService, opts ...httpapi.Option) *testAPI {
		srv := httptest.NewServer(httpapi.NewHandler(m, search, func(context.Context) error { return nil },
			slog.New(slog.DiscardHandler), opts...))
		t.Cleanup(srv.Close)
		c := loadContract(t)
		return &testAPI{url: srv.URL, client: &http.Client{Transport: checkedTransport{base: srv.Client().Transport, contract: c}},
			transport: srv.Client().Transport, contract: c}
	}

	t.Run("rate limit", func(t *testing.T) {
		a := modelAPI(&mock.SearchService{}, httpapi.WithRateLimit(testLimit, nil))
		paths := []string{manajerPath, manajerPath + "/tasks", "/v1/profiles"}
		for _, path := range paths {
			resp, _ := a.do(t, http.MethodGet, path, nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, path)
		}
		for _, path := range paths {
			resp, body := a.do(t, http.MethodGet, path, nil)
			detail := requireProblem(t, resp, body, http.StatusTooManyRequests)
			assert.Equal(t, "Too many requests from your address; at most 0.01 per second with bursts of 3. Retry after 100 s.", detail, path)
			assert.Equal(t, "100", resp.Header.Get("Retry-After"), path)
		}
	})

	t.Run("requests in flight", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		blocking := &mock.SearchService{SearchFn: func(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
			close(entered)
			<-release
			return profile.SearchResult{Items: []profile.SearchHit{}}, nil
		}}
		a := modelAPI(blocking, httpapi.WithMaxInFlight(1))
		first := statusLater(a.client, a.url+"/v1/search?q=program")
		<-entered
		for _, path := range []string{manajerPath, manajerPath + "/tasks", "/v1/profiles"} {
			resp, body := a.do(t, http.MethodGet, path, nil)
			detail := requireProblem(t, resp, body, http.StatusServiceUnavailable)
			assert.Equal(t, "The server is answering as many requests as it can. Please try again later.", detail, path)
			assert.Equal(t, "2", resp.Header.Get("Retry-After"), path)
		}
		close(release)
		assert.Equal(t, http.StatusOK, <-first)
		resp, _ := a.do(t, http.MethodGet, manajerPath, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, "the slot is free again")
	})
}
