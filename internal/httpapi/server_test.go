package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/api"
	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/profile"
)

const manajerPath = "/v1/profiles/manajer-pelayanan-sosial"

func TestMethodNotAllowed(t *testing.T) {
	a := newAPI(t, nil)

	for _, tc := range []struct{ method, path, allow string }{
		{http.MethodPatch, "/v1/profiles", "GET, HEAD, POST"},
		{http.MethodPatch, manajerPath, "GET, HEAD, PUT, DELETE"},
		{http.MethodPut, manajerPath + "/tasks", "GET, HEAD"},
		{http.MethodDelete, manajerPath + "/revisions", "GET, HEAD"},
		{http.MethodGet, "/v1/parse", "POST"},
		{http.MethodPost, "/v1/export", "GET, HEAD"},
		{http.MethodPatch, "/openapi.yaml", "GET, HEAD"},
		{http.MethodPost, "/healthz", "GET, HEAD"},
		// Not a CORS preflight: no Origin, no Access-Control-Request-Method.
		{http.MethodOptions, "/readyz", "GET, HEAD"},
		{http.MethodTrace, "/v1/profiles", "GET, HEAD, POST"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			resp, body := a.do(t, tc.method, tc.path, nil)

			detail := requireProblem(t, resp, body, http.StatusMethodNotAllowed)
			assert.Equal(t, []string{tc.allow}, resp.Header.Values("Allow"))
			assert.Equal(t, "This path does not serve "+tc.method+"; it serves "+tc.allow+".", detail)
		})
	}

	for _, path := range []string{"/v1/profiles", manajerPath, "/v2/profiles"} {
		t.Run("method outside RFC 9110 on "+path, func(t *testing.T) {
			resp, body := a.do(t, "PROPFIND", path, nil)

			detail := requireProblem(t, resp, body, http.StatusNotImplemented)
			assert.Equal(t, "The server does not implement the PROPFIND method.", detail)
			assert.Empty(t, resp.Header.Values("Allow"))
		})
	}
}

func TestHead(t *testing.T) {
	a := newAPI(t, nil)

	for _, path := range []string{
		"/healthz",
		"/readyz",
		"/openapi.yaml",
		"/v1/profiles",
		"/v1/profiles?limit=2",
		manajerPath,
		manajerPath + "/comparisons",
		"/v1/profiles/juru-masak",
		"/v2/profiles",
	} {
		t.Run(path, func(t *testing.T) {
			// Go's client asks for gzip on GET and not on HEAD: ask for the
			// same representation both times.
			get, getBody := a.do(t, http.MethodGet, path, identity)
			head, headBody := a.do(t, http.MethodHead, path, identity)

			assert.Equal(t, get.StatusCode, head.StatusCode)
			assert.Empty(t, headBody)
			assert.Equal(t, []string{strconv.Itoa(len(getBody))}, head.Header.Values("Content-Length"))
			for _, name := range []string{"Content-Type", "ETag", "Cache-Control", "Link", "X-Content-Type-Options"} {
				assert.Equal(t, get.Header.Values(name), head.Header.Values(name), name)
			}
		})
	}
}

func TestETag(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, manajerPath, identity)
	etag := resp.Header.Get("ETag")
	sum := sha256.Sum256(body)
	require.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, etag)
	assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
	again, _ := a.do(t, http.MethodGet, manajerPath, identity)
	assert.Equal(t, etag, again.Header.Get("ETag"), "the same representation keeps its tag")

	t.Run("If-None-Match", func(t *testing.T) {
		for _, tc := range []struct {
			name        string
			ifNoneMatch []string
			status      int
		}{
			{"the tag", []string{etag}, http.StatusNotModified},
			{"the tag, weak", []string{"W/" + etag}, http.StatusNotModified},
			{"any tag", []string{"*"}, http.StatusNotModified},
			{"the tag in a list", []string{`"a", ` + etag}, http.StatusNotModified},
			{"the tag after one holding a comma", []string{`"a,b",` + etag}, http.StatusNotModified},
			{"the tag on a second field line", []string{`"a"`, etag}, http.StatusNotModified},
			{"another tag", []string{`"a"`}, http.StatusOK},
			{"another weak tag", []string{`W/"a"`}, http.StatusOK},
			{"the tag unquoted", []string{strings.Trim(etag, `"`)}, http.StatusOK},
			{"the tag after a malformed member", []string{`"a", b, ` + etag}, http.StatusOK},
			{"the tag in a list without commas", []string{`"a" ` + etag}, http.StatusOK},
			{"the tag glued to another", []string{`"a"` + etag}, http.StatusOK},
			{"the tag with empty members", []string{`, ,` + etag + `,`}, http.StatusNotModified},
			{"the tag after one with a space", []string{`"a b", ` + etag}, http.StatusOK},
			{"the tag then trailing junk", []string{etag + ` x`}, http.StatusOK},
			{"a prefix of the tag", []string{etag[:20] + `"`}, http.StatusOK},
		} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				t.Run(method+" "+tc.name, func(t *testing.T) {
					resp, got := a.do(t, method, manajerPath, http.Header{"If-None-Match": tc.ifNoneMatch, "Accept-Encoding": identity["Accept-Encoding"]})

					require.Equal(t, tc.status, resp.StatusCode)
					assert.Equal(t, etag, resp.Header.Get("ETag"))
					assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
					if tc.status == http.StatusOK && method == http.MethodGet {
						assert.Equal(t, body, got)
					} else {
						assert.Empty(t, got)
					}
				})
			}
		}
	})

	t.Run("every representation", func(t *testing.T) {
		seen := map[string]string{manajerPath: etag}
		for _, path := range []string{"/healthz", "/readyz", "/openapi.yaml", "/v1/profiles", "/v1/profiles?limit=2", manajerPath + "/fit"} {
			resp, _ := a.do(t, http.MethodGet, path, nil)
			tag := resp.Header.Get("ETag")
			for other, otherTag := range seen {
				assert.NotEqual(t, otherTag, tag, "%s and %s share a tag", path, other)
			}
			seen[path] = tag

			resp, got := a.do(t, http.MethodGet, path, http.Header{"If-None-Match": {tag}})
			assert.Equal(t, http.StatusNotModified, resp.StatusCode, path)
			assert.Empty(t, got, path)
		}
	})

	t.Run("a changed profile", func(t *testing.T) {
		changed := fixture(t, "manajer-pelayanan-sosial")
		changed.Summary = "Manajer pelayanan sosial mengelola program bantuan sosial bagi masyarakat yang membutuhkan."
		result, err := a.store.Seed(t.Context(), []*profile.Profile{changed})
		require.NoError(t, err)
		require.Equal(t, profile.SeedResult{Updated: 1}, result)
		a.refresh(t, changed.Slug)

		resp, got := a.do(t, http.MethodGet, manajerPath, http.Header{"If-None-Match": {etag}})

		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.NotEqual(t, etag, resp.Header.Get("ETag"))
		assert.Equal(t, changed.Summary, decode[profile.Profile](t, got).Summary)
	})
}

func TestCORS(t *testing.T) {
	a := newAPI(t, nil)
	const origin = "https://karir.contoh.id"

	t.Run("granted preflight", func(t *testing.T) {
		resp, body := a.do(t, http.MethodOptions, manajerPath, http.Header{
			"Origin":                         {origin},
			"Access-Control-Request-Method":  {http.MethodGet},
			"Access-Control-Request-Headers": {"if-none-match"},
		})

		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Empty(t, body)
		assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
		assert.Equal(t, "GET", resp.Header.Get("Access-Control-Allow-Methods"))
		assert.Equal(t, "If-None-Match", resp.Header.Get("Access-Control-Allow-Headers"))
		assert.Equal(t, "600", resp.Header.Get("Access-Control-Max-Age"))
		assert.Contains(t, resp.Header.Values("Vary"), "Origin")
	})

	t.Run("refused preflight", func(t *testing.T) {
		resp, body := a.do(t, http.MethodOptions, manajerPath, http.Header{
			"Origin":                        {origin},
			"Access-Control-Request-Method": {http.MethodDelete},
		})

		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Empty(t, body)
		assert.Empty(t, resp.Header.Values("Access-Control-Allow-Origin"), "without it the browser refuses")
		assert.Empty(t, resp.Header.Values("Access-Control-Allow-Methods"))
	})

	t.Run("request", func(t *testing.T) {
		resp, _ := a.do(t, http.MethodGet, manajerPath, http.Header{"Origin": {origin}})

		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
		exposed := strings.Split(strings.ToLower(resp.Header.Get("Access-Control-Expose-Headers")), ", ")
		assert.ElementsMatch(t, []string{"etag", "link", "retry-after", "x-request-id"}, exposed)
	})
}

func TestPanicAnswersProblem(t *testing.T) {
	a := newAPI(t, func(context.Context) error { panic("rahasia: pool rusak di 0xdeadbeef") })

	resp, body := a.do(t, http.MethodGet, "/readyz", http.Header{"X-Request-Id": {"uji-panik-1"}})

	detail := requireProblem(t, resp, body, http.StatusInternalServerError)
	assert.Equal(t, "The server could not answer this request. Please try again later.", detail)
	assert.NotContains(t, string(body), "rahasia")
	panics := a.logs.entries(t, "panic")
	require.Len(t, panics, 1)
	assert.Equal(t, "uji-panik-1", panics[0]["request_id"])
	assert.Equal(t, "rahasia: pool rusak di 0xdeadbeef", panics[0]["panic"])
	assert.Contains(t, panics[0]["stack"], "health.go")

	requests := a.logs.entries(t, "request")
	require.NotEmpty(t, requests)
	logged := requests[len(requests)-1]
	assert.Greater(t, logged["duration"], 0.0)
	delete(logged, "duration")
	delete(logged, "time")
	assert.Equal(t, map[string]any{
		"level":      "INFO",
		"msg":        "request",
		"method":     "GET",
		"path":       "/readyz",
		"route":      "/readyz",
		"status":     500.0,
		"bytes":      float64(len(body)),
		"request_id": "uji-panik-1",
	}, logged)

	resp, _ = a.do(t, http.MethodGet, "/healthz", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the server goes on serving")
}

func TestOpenAPIServed(t *testing.T) {
	a := newAPI(t, nil)

	resp, body := a.do(t, http.MethodGet, "/openapi.yaml", identity)

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/yaml", resp.Header.Get("Content-Type"))
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	sum := sha256.Sum256(api.OpenAPI)
	assert.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, resp.Header.Get("ETag"))
	assert.Equal(t, api.OpenAPI, body)
}

func TestRoutesMatchTheDocument(t *testing.T) {
	routes := httpapi.Routes(httpapi.WithEditing(httpapi.Editing{}))
	var routed []string
	require.NoError(t, chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		// A mounted router's root is walked as "/v1/profiles/"; it serves "/v1/profiles".
		if route != "/" {
			route = strings.TrimSuffix(route, "/")
		}
		routed = append(routed, method+" "+route)
		return nil
	}))

	var documented []string
	for path, item := range loadContract(t).doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	assert.ElementsMatch(t, documented, routed)
}

// tamperTransport changes the server's answers before the contract sees them.
type tamperTransport struct {
	base   http.RoundTripper
	tamper func(resp *http.Response, body []byte) []byte
}

func (t tamperTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(t.tamper(resp, body)))
	return resp, nil
}

// editJSON returns a tamper that changes the JSON body.
func editJSON(t *testing.T, edit func(doc map[string]any)) func(*http.Response, []byte) []byte {
	return func(_ *http.Response, body []byte) []byte {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(body, &doc))
		edit(doc)
		out, err := json.Marshal(doc)
		require.NoError(t, err)
		return out
	}
}

func editHeader(edit func(h http.Header)) func(*http.Response, []byte) []byte {
	return func(resp *http.Response, body []byte) []byte {
		edit(resp.Header)
		return body
	}
}

// obj and arr walk decoded JSON.
func obj(v any, key string) map[string]any { return v.(map[string]any)[key].(map[string]any) }
func arr(v any, key string) []any          { return v.(map[string]any)[key].([]any) }

// TestContractCatchesDrift proves the checks are not a no-op: each answer
// passes untouched and fails once tampered with.
func TestContractCatchesDrift(t *testing.T) {
	a := newAPI(t, nil)
	const deletedPath = "/v1/profiles/pendamping-sosial-desa"
	require.NoError(t, a.store.Delete(t.Context(), "pendamping-sosial-desa", "uji", profile.Condition{IfMatch: &profile.Tags{Any: true}}))
	a.refresh(t, "pendamping-sosial-desa")
	preflight := http.Header{"Origin": {"https://karir.contoh.id"}, "Access-Control-Request-Method": {http.MethodGet}}
	setStatus := func(status int) func(*http.Response, []byte) []byte {
		return func(resp *http.Response, body []byte) []byte {
			resp.StatusCode = status
			return body
		}
	}

	for _, tc := range []struct {
		name         string
		method, path string
		header       http.Header
		tamper       func(resp *http.Response, body []byte) []byte
	}{
		{"undocumented field in a profile", http.MethodGet, manajerPath, nil,
			editJSON(t, func(doc map[string]any) { doc["rahasia"] = true })},
		{"profile without updated_at", http.MethodGet, manajerPath, nil,
			editJSON(t, func(doc map[string]any) { delete(doc, "updated_at") })},
		{"unknown section key", http.MethodGet, manajerPath, nil,
			editJSON(t, func(doc map[string]any) { obj(doc, "sections")["gaji"] = obj(doc, "sections")["tasks"] })},
		{"wrong section label", http.MethodGet, manajerPath, nil,
			editJSON(t, func(doc map[string]any) { obj(obj(doc, "sections"), "tasks")["label"] = "Tugas" })},
		{"sentence on line zero", http.MethodGet, manajerPath, nil,
			editJSON(t, func(doc map[string]any) {
				arr(obj(obj(doc, "sections"), "tasks"), "sentences")[0].(map[string]any)["line"] = 0
			})},
		{"fit section without traits", http.MethodGet, manajerPath, nil,
			editJSON(t, func(doc map[string]any) { delete(obj(obj(doc, "sections"), "fit"), "traits") })},
		{"undocumented field in a section item", http.MethodGet, manajerPath + "/comparisons", nil,
			editJSON(t, func(doc map[string]any) { arr(doc, "items")[0].(map[string]any)["gaji"] = 1 })},
		{"list item without url", http.MethodGet, "/v1/profiles", nil,
			editJSON(t, func(doc map[string]any) { delete(arr(doc, "items")[0].(map[string]any), "url") })},
		{"null traits", http.MethodGet, "/v1/profiles", nil,
			editJSON(t, func(doc map[string]any) { arr(doc, "items")[0].(map[string]any)["traits"] = nil })},
		{"total as a string", http.MethodGet, "/v1/profiles", nil,
			editJSON(t, func(doc map[string]any) { doc["total"] = "5" })},
		{"malformed Link", http.MethodGet, "/v1/profiles?limit=2", nil,
			editHeader(func(h http.Header) { h.Set("Link", `</v1/profiles?page=2>; rel="next"`) })},
		{"health status other than ok", http.MethodGet, "/healthz", nil,
			editJSON(t, func(doc map[string]any) { doc["status"] = "baik" })},
		{"missing ETag", http.MethodGet, "/healthz", nil, editHeader(func(h http.Header) { h.Del("ETag") })},
		{"weak ETag", http.MethodGet, "/healthz", nil,
			editHeader(func(h http.Header) { h.Set("ETag", "W/"+h.Get("ETag")) })},
		{"caching without revalidation", http.MethodGet, "/healthz", nil,
			editHeader(func(h http.Header) { h.Set("Cache-Control", "max-age=60") })},
		{"missing nosniff", http.MethodGet, "/healthz", nil,
			editHeader(func(h http.Header) { h.Del("X-Content-Type-Options") })},
		{"undocumented status", http.MethodGet, "/healthz", nil, setStatus(http.StatusAccepted)},
		{"problem with an undocumented field", http.MethodGet, "/v1/profiles/juru-masak", nil,
			editJSON(t, func(doc map[string]any) { doc["trace"] = "profiles.go:42" })},
		{"problem with another status than the answer", http.MethodGet, "/v1/profiles/juru-masak", nil,
			editJSON(t, func(doc map[string]any) { doc["status"] = 400 })},
		{"problem as plain JSON", http.MethodGet, "/v1/profiles/juru-masak", nil,
			editHeader(func(h http.Header) { h.Set("Content-Type", "application/json") })},
		{"unrouted path answered 200", http.MethodGet, "/v2/profiles", nil, setStatus(http.StatusOK)},
		{"refused request answered 200", http.MethodGet, "/v1/profiles?limit=0", nil, setStatus(http.StatusOK)},
		{"405 without Allow", http.MethodPatch, "/v1/profiles", nil, editHeader(func(h http.Header) { h.Del("Allow") })},
		{"405 with a malformed Allow", http.MethodPatch, "/v1/profiles", nil,
			editHeader(func(h http.Header) { h.Set("Allow", "GET,HEAD") })},
		{"501 answered 405", "PROPFIND", "/v1/profiles", nil, setStatus(http.StatusMethodNotAllowed)},
		{"304 without ETag", http.MethodGet, "/healthz", http.Header{"If-None-Match": {"*"}},
			editHeader(func(h http.Header) { h.Del("ETag") })},
		{"304 with a body", http.MethodGet, "/healthz", http.Header{"If-None-Match": {"*"}},
			func(*http.Response, []byte) []byte { return []byte(`{"status":"ok"}`) }},
		{"HEAD with a body", http.MethodHead, "/healthz", nil,
			func(*http.Response, []byte) []byte { return []byte(`{"status":"ok"}`) }},
		{"HEAD with an undocumented status", http.MethodHead, "/healthz", nil, setStatus(http.StatusAccepted)},
		{"HEAD without ETag", http.MethodHead, manajerPath, nil, editHeader(func(h http.Header) { h.Del("ETag") })},
		{"HEAD of a problem as plain JSON", http.MethodHead, "/v1/profiles/juru-masak", nil,
			editHeader(func(h http.Header) { h.Set("Content-Type", "application/json") })},
		{"preflight granting a long Max-Age", http.MethodOptions, manajerPath, preflight,
			editHeader(func(h http.Header) { h.Set("Access-Control-Max-Age", "86400") })},
		{"410 without Link", http.MethodGet, deletedPath, nil, editHeader(func(h http.Header) { h.Del("Link") })},
		{"401 without WWW-Authenticate", http.MethodDelete, manajerPath, nil,
			editHeader(func(h http.Header) { h.Del("WWW-Authenticate") })},
		{"revision with an unknown action", http.MethodGet, manajerPath + "/revisions/1", nil,
			editJSON(t, func(doc map[string]any) { doc["action"] = "edit" })},
		{"revision list item without url", http.MethodGet, manajerPath + "/revisions", nil,
			editJSON(t, func(doc map[string]any) { delete(arr(doc, "items")[0].(map[string]any), "url") })},
		{"export as JSON", http.MethodGet, "/v1/export", nil,
			editHeader(func(h http.Header) { h.Set("Content-Type", "application/json") })},
		{"preflight granting PATCH", http.MethodOptions, manajerPath, preflight,
			editHeader(func(h http.Header) { h.Set("Access-Control-Allow-Methods", http.MethodPatch) })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doWith(t, a.client, tc.method, a.url+tc.path, tc.header)

			tampered := &http.Client{Transport: checkedTransport{
				base:     tamperTransport{base: a.transport, tamper: tc.tamper},
				contract: a.contract,
			}}
			req, err := http.NewRequestWithContext(t.Context(), tc.method, a.url+tc.path, nil)
			require.NoError(t, err)
			for name, values := range tc.header {
				req.Header[name] = values
			}
			resp, err := tampered.Do(req)
			if err == nil {
				_ = resp.Body.Close()
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "which api/openapi.yaml does not allow")
			t.Log(err)
		})
	}
}
