package httpapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// TestMalformedRequests throws malformed paths, slugs, cursors, limits,
// headers and bodies at every route of a server over the real database:
// the answer is never a 5xx (but 501 for a method outside RFC 9110), and
// every error is a problem that the contract client finds documented.
func TestMalformedRequests(t *testing.T) {
	a := newAPI(t, nil)
	slug := fixtures(t)[0].Slug
	routes := []string{"/healthz", "/readyz", "/openapi.yaml", "/metrics", "/v1/profiles", "/v1/profiles/" + slug, "/v1/profiles/" + slug + "/fit"}
	paths := []string{
		"/v1/profiles/%00", "/v1/profiles/%FF%FE", "/v1/profiles/..%2F..%2Fetc%2Fpasswd", "/v1/profiles/a/b/c",
		"/v1/profiles/" + strings.Repeat("a", 300), "/v1/profiles/" + slug + "/%00",
		"/v1/profiles/%C0%AF", "/v1/profiles/" + slug + "/" + strings.Repeat("x", 5000), "/v1/profiles/%20",
		"/v1/profiles/UPPER", "/v1/profiles/-", "/v1/profiles/a--b", "/v1/profiles/%E2%80%AE", "/v1/profiles/;", "/.well-known/x",
	}
	queries := []string{
		"limit=-1", "limit=0", "limit=abc", "limit=1e3", "limit=101", "limit=1&limit=2", "limit=99999999999999999999",
		"limit=%00", "cursor=!!!", "cursor=" + base64.RawURLEncoding.EncodeToString([]byte(`{"t":1}`)),
		"cursor=" + base64.RawURLEncoding.EncodeToString([]byte(`{"t":"\u0000","s":"x"}`)),
		"cursor=" + base64.RawURLEncoding.EncodeToString([]byte(`{"t":"a","s":"b"}`)), "cursor=" + strings.Repeat("A", 4000),
		"cursor=a&cursor=b", "cursor=", "limit=", "x=%FF", strings.Repeat("q=1&", 500),
	}
	headers := []http.Header{
		{"If-None-Match": {`"unterminated`}}, {"If-None-Match": {`W/`}}, {"If-None-Match": {`*, "a"`}},
		{"Accept": {"*/*;q=abc"}}, {"Accept": {";;;,,,"}}, {"Accept": {"application/json;q=2"}},
		{"Accept-Encoding": {"gzip;q=x, br, *"}}, {"X-Request-ID": {strings.Repeat("z", 1000)}},
		{"X-Forwarded-For": {"not-an-ip, , 999.1.1.1"}}, {"Origin": {"null"}}, {"Origin": {"javascript:alert(1)"}},
		{"Content-Type": {"application/json; charset=\"unterminated"}}, {"Range": {"bytes=0-1"}},
		{"X-Padding": {strings.Repeat("p", 20<<10)}},
	}
	bodies := []string{"", "{", `{"slug":` + strings.Repeat("[", 10000), strings.Repeat("\x00", 1000)}
	methods := []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, "PROPFIND", http.MethodOptions, http.MethodHead}

	check := func(method, target string, header http.Header, body string) {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), method, a.url+target, strings.NewReader(body))
		require.NoError(t, err, target)
		for k, v := range header {
			req.Header[k] = v
		}
		resp, err := a.client.Do(req)
		require.NoError(t, err, "%s %s", method, target)
		defer resp.Body.Close()
		if method == "PROPFIND" {
			// RFC 9110 (15.6.2) answers a method the server does not
			// recognise with 501, the one 5xx a request can earn.
			assert.Equal(t, http.StatusNotImplemented, resp.StatusCode, target)
		} else {
			assert.Less(t, resp.StatusCode, 500, "%s %s %v", method, target, header)
		}
		if resp.StatusCode >= 400 {
			assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"), "%s %s", method, target)
		}
	}
	for _, path := range append(routes, paths...) {
		check(http.MethodGet, path, nil, "")
		for _, q := range queries {
			check(http.MethodGet, path+"?"+q, nil, "")
		}
		for _, h := range headers {
			check(http.MethodGet, path, h, "")
		}
		for _, b := range bodies {
			check(http.MethodGet, path, nil, b)
		}
		for _, m := range methods {
			check(m, path, nil, "")
		}
	}
}

// FuzzRequests sends arbitrary paths, queries and header values to the
// handler over a fake reader: whatever comes, the answer is below 500 and
// an error is a well-formed problem.
func FuzzRequests(f *testing.F) {
	for _, seed := range [][3]string{
		{"/v1/profiles/manajer-pelayanan-sosial", "", ""},
		{"/v1/profiles", "limit=5&cursor=eyJ0IjoiYSIsInMiOiJiIn0", `"x"`},
		{"/v1/profiles/a%2Db/fit", "", "*"},
		{"/v1/profiles/%C3%A9/x", "limit=%00", `W/"a" "b"`},
		{"/healthz", "", ","},
		{"/" + strings.Repeat("a", 300), "", ""},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	catalogue := &mock.Catalogue{
		EncodedFn: func(slug string, _ profile.SectionKey, _ bool) (wire.Encoded, error) {
			return wire.Encoded{}, profile.NoProfile(slug)
		},
		ListFn: func(context.Context, int, *profile.PageKey, profile.ListFilter) (profile.Page, error) {
			return profile.Page{Items: []profile.Summary{}}, nil
		},
		EncodedPageFn: func(*profile.PageKey, func(profile.Page) (*wire.Page, error)) (*wire.Page, bool, error) {
			return nil, false, nil
		},
	}
	h := httpapi.NewHandler(catalogue, func(context.Context) error { return nil }, slog.New(slog.DiscardHandler),
		httpapi.WithRateLimit(httpapi.RateLimit{}, nil))
	f.Fuzz(func(t *testing.T, path, query, ifNoneMatch string) {
		u := &url.URL{Path: "/" + strings.TrimPrefix(path, "/"), RawQuery: query}
		req, err := http.NewRequest(http.MethodGet, "http://karir.test"+u.RequestURI(), nil)
		if err != nil {
			return // no client can send it
		}
		req.Header.Set("If-None-Match", ifNoneMatch)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s answered %d: %s", u.RequestURI(), rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var p struct {
				Status int    `json:"status"`
				Detail string `json:"detail"`
			}
			if rec.Header().Get("Content-Type") != "application/problem+json" || json.Unmarshal(rec.Body.Bytes(), &p) != nil ||
				p.Status != rec.Code || p.Detail == "" {
				t.Fatalf("%s answered %d without a problem: %q", u.RequestURI(), rec.Code, rec.Body)
			}
		}
	})
}
