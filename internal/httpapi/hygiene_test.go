package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	a := newAPI(t, nil)
	for _, path := range []string{"/healthz", "/v1/profiles", "/v1/profiles/juru-masak", "/metrics", "/openapi.yaml"} {
		resp, _ := a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), path)
		assert.Equal(t, "no-referrer", resp.Header.Get("Referrer-Policy"), path)
		assert.Equal(t, "default-src 'none'; frame-ancestors 'none'", resp.Header.Get("Content-Security-Policy"), path)
		assert.Empty(t, resp.Header.Get("Server"), path)
	}
}

func TestCacheControlPerRoute(t *testing.T) {
	a := newAPI(t, nil)
	slug := fixtures(t)[0].Slug
	for path, want := range map[string]string{
		"/v1/profiles":            "no-cache",
		"/v1/profiles/" + slug:    "no-cache",
		"/openapi.yaml":           "no-cache",
		"/healthz":                "no-store",
		"/readyz":                 "no-store",
		"/metrics":                "no-store",
		"/v1/profiles/juru-masak": "no-store",
		"/v1/profiles?limit=0":    "no-store",
	} {
		resp, _ := a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, want, resp.Header.Get("Cache-Control"), path)
	}
}

// TestGzip shows an answer encoded per request (here a comparison)
// compressed for clients that accept gzip; answers under wire.MinGzip bytes
// stay plain.
func TestGzip(t *testing.T) {
	a := newAPI(t, nil)
	const path = "/v1/compare?slugs=manajer-pelayanan-sosial,direktur-lembaga-kesejahteraan-sosial"
	_, plain := a.do(t, http.MethodGet, path, nil)
	// Go's client asks for gzip and decodes it by itself unless the request
	// asks explicitly, as here.
	resp, body := doWith(t, &http.Client{Transport: a.transport}, http.MethodGet, a.url+path,
		http.Header{"Accept-Encoding": {"gzip"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Contains(t, strings.Split(resp.Header.Get("Vary"), ", "), "Accept-Encoding")
	zr, err := gzip.NewReader(bytes.NewReader(body))
	require.NoError(t, err)
	decoded, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, plain, decoded)
	assert.Less(t, len(body), len(plain))

	resp, body = doWith(t, &http.Client{Transport: a.transport}, http.MethodGet, a.url+path,
		http.Header{"Accept-Encoding": {"identity"}})
	assert.Empty(t, resp.Header.Get("Content-Encoding"))
	assert.Equal(t, plain, body)
}

func TestNotAcceptable(t *testing.T) {
	a := newAPI(t, nil)
	for _, tc := range []struct {
		path, accept string
		status       int
	}{
		{"/v1/profiles", "application/json", http.StatusOK},
		{"/v1/profiles", "application/*", http.StatusOK},
		{"/v1/profiles", "text/html, */*;q=0.1", http.StatusOK},
		{"/v1/profiles", "application/json;q=0.5, text/html", http.StatusOK},
		{"/v1/profiles", "not a media range", http.StatusOK},
		{"/v1/profiles", "text/html", http.StatusNotAcceptable},
		{"/v1/profiles", "application/xml, text/*", http.StatusNotAcceptable},
		{"/v1/profiles", "application/json;q=0, */*", http.StatusNotAcceptable},
		{"/v1/profiles", "*/*;q=0", http.StatusNotAcceptable},
		{"/openapi.yaml", "application/yaml", http.StatusOK},
		{"/openapi.yaml", "application/json", http.StatusNotAcceptable},
		{"/metrics", "text/plain", http.StatusOK},
	} {
		resp, body := a.do(t, http.MethodGet, tc.path, http.Header{"Accept": {tc.accept}})
		require.Equal(t, tc.status, resp.StatusCode, "%s %s", tc.path, tc.accept)
		if tc.status == http.StatusNotAcceptable {
			detail := requireProblem(t, resp, body, tc.status)
			assert.Contains(t, detail, "which the Accept header rules out")
		}
	}
}

func TestRequestSizeLimits(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/v1/profiles", http.Header{"X-Padding": {strings.Repeat("x", 17<<10)}})
	detail := requireProblem(t, resp, body, http.StatusRequestHeaderFieldsTooLarge)
	assert.Equal(t, "The request line and headers are larger than 16384 bytes.", detail)

	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, a.url+"/v1/profiles", strings.NewReader(strings.Repeat("x", 1<<20+1)))
	require.NoError(t, err)
	resp, err = a.client.Do(req)
	require.NoError(t, err)
	body, err = io.ReadAll(resp.Body)
	require.NoError(t, err)
	resp.Body.Close()
	detail = requireProblem(t, resp, body, http.StatusRequestEntityTooLarge)
	assert.Equal(t, "The request body is larger than 1048576 bytes.", detail)
}

func TestLongPathsAreCutInProblems(t *testing.T) {
	a := newAPI(t, nil)
	long := strings.Repeat("a", 10<<10)
	for _, path := range []string{"/v1/profiles/" + long, "/v1/profiles/x/" + long, "/" + long} {
		resp, body := a.do(t, http.MethodGet, path, nil)
		detail := requireProblem(t, resp, body, http.StatusNotFound)
		assert.Less(t, len(body), 600, "the body does not grow with the request")
		assert.NotContains(t, detail, strings.Repeat("a", 65))
	}
	resp, body := a.do(t, http.MethodGet, "/v1/profiles/"+long, nil)
	assert.Equal(t, `No profile has the slug "`+strings.Repeat("a", 64)+`…".`, requireProblem(t, resp, body, http.StatusNotFound))
	// A cut never splits a character or an escape.
	resp, body = a.do(t, http.MethodGet, "/v1/profiles/"+strings.Repeat("é", 101), nil)
	assert.Equal(t, `No profile has the slug "`+strings.Repeat("é", 64)+`…".`, requireProblem(t, resp, body, http.StatusNotFound))
}

func TestEscapesInPathsReadAlike(t *testing.T) {
	a := newAPI(t, nil)
	slug := fixtures(t)[0].Slug
	escaped := strings.ReplaceAll(slug, "-", "%2D")
	for _, path := range []string{"/v1/profiles/" + escaped, "/v1/profiles/" + escaped + "/fit"} {
		resp, _ := a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
	}
	for path, want := range map[string]string{
		"/v1/profiles/caf%C3%A9":    `No profile has the slug "café".`,
		"/v1/profiles/caf%C3%A9%2D": `No profile has the slug "café-".`,
		"/v1/profiles/a%2541":       `No profile has the slug "a%41".`,
	} {
		resp, body := a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, want, requireProblem(t, resp, body, http.StatusNotFound), path)
	}
}

func TestMaxInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	// The request is asked of the catalogue before routing and after: it
	// blocks the first time.
	var block sync.Once
	blocking := &mock.Catalogue{EncodedFn: func(slug string, _ profile.SectionKey, _ bool) (wire.Encoded, error) {
		block.Do(func() {
			close(entered)
			<-release
		})
		return wire.Encoded{}, profile.NoProfile(slug)
	}}
	a := serveAPI(t, blocking, func(context.Context) error { return nil }, httpapi.WithMaxInFlight(1))
	first := statusLater(a.client, a.url+"/v1/profiles/a")
	<-entered

	resp, body := a.do(t, http.MethodGet, "/openapi.yaml", nil)
	detail := requireProblem(t, resp, body, http.StatusServiceUnavailable)
	assert.Equal(t, "The server is answering as many requests as it can. Please try again later.", detail)
	assert.Equal(t, "2", resp.Header.Get("Retry-After"))
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, _ := a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
	}
	close(release)
	assert.Equal(t, http.StatusNotFound, <-first)
	resp, _ = a.do(t, http.MethodGet, "/openapi.yaml", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the slot is free again")
}
