package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
)

func init() {
	// The contract checks the pages' bodies as the strings they are.
	for _, contentType := range []string{"text/html", "text/javascript", "text/css", "image/svg+xml", "application/xml"} {
		openapi3filter.RegisterBodyDecoder(contentType, openapi3filter.FileBodyDecoder)
	}
}

const (
	explorerCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
		"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	docsCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
)

func TestHomeAnswersWhatAcceptAsks(t *testing.T) {
	a := newAPI(t, nil)
	for _, tc := range []struct {
		accept string
		html   bool
	}{
		{"", false},
		{"*/*", false},
		{"application/json", false},
		{"application/json, text/html", false},
		{"text/html;q=0.5, application/json", false},
		{"text/html;q=0", false},
		{"image/png", false},
		{browserAccept, true},
		{"text/html", true},
		{"TEXT/HTML", true},
		{"text/*", true},
		{"application/json;q=0.5, text/html", true},
		{"text/html, */*;q=0.1", true},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			header := http.Header{}
			if tc.accept != "" {
				header.Set("Accept", tc.accept)
			}
			resp, body := a.do(t, http.MethodGet, "/", header)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Contains(t, strings.Split(resp.Header.Get("Vary"), ", "), "Accept")
			if tc.html {
				assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
				assert.Equal(t, explorerCSP, resp.Header.Get("Content-Security-Policy"))
				assert.Equal(t, "no-referrer", resp.Header.Get("Referrer-Policy"))
				assert.Contains(t, string(body), `<script type="module" src="/assets/app.js"></script>`)
				return
			}
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			assert.Equal(t, "default-src 'none'; frame-ancestors 'none'", resp.Header.Get("Content-Security-Policy"), "the policy of every JSON answer")
			assert.JSONEq(t, `{"links": {"profiles": "/v1/profiles", "docs": "/docs", "openapi": "/openapi.yaml",
				"health": "/healthz", "ready": "/readyz", "search": "/v1/search", "suggest": "/v1/suggest",
				"traits": "/v1/traits", "compare": "/v1/compare", "match": "/v1/match",
				"problems": "/problems", "sitemap": "/sitemap.xml", "export": "/v1/export", "parse": "/v1/parse"},
				"version": "devel"}`, string(body), "a test binary is stamped with no version")
		})
	}
}

// TestIndexLinksAnswer follows every link of the JSON index: each is a
// path of the contract, and each of its public operations (the editors'
// writes need a token) is served there. A GET without the query parameters
// it requires is refused with a 400, a POST without a body with a 4xx that
// says what is wrong with the request.
func TestIndexLinksAnswer(t *testing.T) {
	a := newAPI(t, nil)
	_, body := a.do(t, http.MethodGet, "/", nil)
	var index struct{ Links map[string]string }
	require.NoError(t, json.Unmarshal(body, &index))
	for name, path := range index.Links {
		item := a.contract.doc.Paths.Value(path)
		if !assert.NotNil(t, item, "%s: %s is no path of the contract", name, path) {
			continue
		}
		for method, op := range item.Operations() {
			if op.Security != nil && len(*op.Security) > 0 {
				continue
			}
			resp, body := a.do(t, method, path, nil)
			switch {
			case method == http.MethodPost:
				assert.Contains(t, []int{http.StatusBadRequest, http.StatusUnsupportedMediaType}, resp.StatusCode, "%s %s: %s", method, path, body)
			case slices.ContainsFunc(op.Parameters, func(p *openapi3.ParameterRef) bool { return p.Value.In == "query" && p.Value.Required }):
				assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "%s %s: %s", method, path, body)
			default:
				assert.Equal(t, http.StatusOK, resp.StatusCode, "%s %s: %s", method, path, body)
			}
		}
	}
}

// TestIndexOfReadOnlyServer lists no editors' route, and no change feed,
// where none is served.
func TestIndexOfReadOnlyServer(t *testing.T) {
	h := httpapi.NewHandler(&mock.Catalogue{}, nil, slog.New(slog.DiscardHandler))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"links": {"profiles": "/v1/profiles", "docs": "/docs", "openapi": "/openapi.yaml",
		"health": "/healthz", "ready": "/readyz", "search": "/v1/search", "suggest": "/v1/suggest",
		"traits": "/v1/traits", "compare": "/v1/compare", "match": "/v1/match", "problems": "/problems",
		"sitemap": "/sitemap.xml"}, "version": "devel"}`, rec.Body.String())
	for _, path := range []string{"/v1/export", "/v1/parse", "/v1/changes"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		assert.Equal(t, http.StatusNotFound, rec.Code, path)
	}
}

func TestDocsPage(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/docs", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, docsCSP, resp.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "no-referrer", resp.Header.Get("Referrer-Policy"))
	assert.Equal(t, []string{"/assets/scalar-api-reference.js", "/assets/docs.js"}, scriptSources(t, string(body)))
}

// scriptSources returns the src of every script of page, and fails the test
// on an inline script, which the pages' CSP would block.
func scriptSources(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<script\b([^>]*)>(.*?)</script>`).FindAllStringSubmatch(page, -1) {
		assert.Empty(t, strings.TrimSpace(m[2]), "inline script")
		src := regexp.MustCompile(`\bsrc="([^"]+)"`).FindStringSubmatch(m[1])
		if assert.NotNil(t, src, "script without src: %s", m[0]) {
			out = append(out, src[1])
		}
	}
	return out
}

// TestAssetsResolve loads every file the pages name, module imports
// included, with its content type.
func TestAssetsResolve(t *testing.T) {
	a := newAPI(t, nil)
	html := http.Header{"Accept": {browserAccept}}
	_, explorer := a.do(t, http.MethodGet, "/", html)
	_, docs := a.do(t, http.MethodGet, "/docs", nil)
	_, studio := a.do(t, http.MethodGet, "/edit", nil)
	assert.Equal(t, []string{"/assets/app.js"}, scriptSources(t, string(explorer)))

	linked := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`)
	imported := regexp.MustCompile(`(?m)^import .* from '\./([^']+)'$`)
	queue := []string{}
	for _, page := range []string{string(explorer), string(docs), string(studio)} {
		for _, m := range linked.FindAllStringSubmatch(page, -1) {
			queue = append(queue, m[1])
		}
	}
	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
	seen := map[string]bool{}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		resp, body := a.do(t, http.MethodGet, path, nil)
		if !assert.Equal(t, http.StatusOK, resp.StatusCode, path) {
			continue
		}
		assert.Equal(t, types[path[strings.LastIndex(path, "."):]], resp.Header.Get("Content-Type"), path)
		assert.Equal(t, "default-src 'none'; frame-ancestors 'none'", resp.Header.Get("Content-Security-Policy"), "a file needs no policy of its own: %s", path)
		for _, m := range imported.FindAllStringSubmatch(string(body), -1) {
			queue = append(queue, "/assets/"+m[1])
		}
	}
	for _, want := range []string{"/assets/app.js", "/assets/views.js", "/assets/compare.js", "/assets/style.css", "/assets/favicon.svg", "/assets/scalar-api-reference.js"} {
		assert.True(t, seen[want], "%s is not reached from the pages", want)
	}
}

func TestAssetCaching(t *testing.T) {
	a := newAPI(t, nil)
	resp, _ := a.do(t, http.MethodGet, "/assets/style.css", nil)
	etag := resp.Header.Get("ETag")
	require.NotEmpty(t, etag)
	resp, body := a.do(t, http.MethodGet, "/assets/style.css", http.Header{"If-None-Match": {etag}})
	assert.Equal(t, http.StatusNotModified, resp.StatusCode)
	assert.Empty(t, body)

	resp, body = a.do(t, http.MethodGet, "/", http.Header{"Accept": {browserAccept}})
	resp2, _ := a.do(t, http.MethodGet, "/", http.Header{"Accept": {browserAccept}, "If-None-Match": {resp.Header.Get("ETag")}})
	assert.Equal(t, http.StatusNotModified, resp2.StatusCode)
	assert.Equal(t, explorerCSP, resp2.Header.Get("Content-Security-Policy"), "a 304 carries the headers of the page")
	assert.NotEmpty(t, body)
}

func TestUnknownAsset(t *testing.T) {
	a := newAPI(t, nil)
	for _, path := range []string{"/assets/nope.js", "/assets/", "/assets/..%2Findex.html", "/assets/app.js/x"} {
		resp, body := a.do(t, http.MethodGet, path, nil)
		requireProblem(t, resp, body, http.StatusNotFound)
	}
	resp, body := a.do(t, http.MethodGet, "/assets/nope.js", nil)
	assert.Equal(t, `No asset is named "nope.js".`, requireProblem(t, resp, body, http.StatusNotFound))
}

func TestAssetsGzip(t *testing.T) {
	a := newAPI(t, nil)
	plainResp, plain := a.do(t, http.MethodGet, "/assets/style.css", http.Header{"Accept-Encoding": {"identity"}})
	for _, tc := range []struct {
		accept string
		gzip   bool
	}{
		{"gzip", true},
		{"br, gzip;q=0.5", true},
		{"*", true},
		{"gzip;q=0, *", false},
		{"br", false},
		{"identity", false},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			resp, body := a.do(t, http.MethodGet, "/assets/style.css", http.Header{"Accept-Encoding": {tc.accept}})
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Contains(t, strings.Split(resp.Header.Get("Vary"), ", "), "Accept-Encoding")
			if !tc.gzip {
				assert.Empty(t, resp.Header.Get("Content-Encoding"))
				assert.Equal(t, plain, body)
				return
			}
			assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
			zr, err := gzip.NewReader(bytes.NewReader(body))
			require.NoError(t, err)
			unzipped, err := io.ReadAll(zr)
			require.NoError(t, err)
			assert.Equal(t, plain, unzipped)
			assert.Less(t, len(body), len(plain))
			assert.NotEqual(t, plainResp.Header.Get("ETag"), resp.Header.Get("ETag"))

			again, _ := a.do(t, http.MethodGet, "/assets/style.css", http.Header{"Accept-Encoding": {tc.accept}, "If-None-Match": {resp.Header.Get("ETag")}})
			assert.Equal(t, http.StatusNotModified, again.StatusCode, "the compressed form has its own tag")
		})
	}
	// Too small to pay: the icon is never compressed.
	resp, _ := a.do(t, http.MethodGet, "/assets/favicon.svg", http.Header{"Accept-Encoding": {"gzip"}})
	assert.Empty(t, resp.Header.Get("Content-Encoding"))
}

func TestStudioPage(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/edit", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, explorerCSP, resp.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "no-referrer", resp.Header.Get("Referrer-Policy"))
	assert.Equal(t, []string{"/assets/studio.js"}, scriptSources(t, string(body)))
}
