package httpapi_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// fuzzHandler is the API as cmd/karir serves it, over the test database
// seeded with the fixtures, with the editors' routes; its answers are
// checked by status alone, so it needs no listener and no contract.
func fuzzHandler(f *testing.F) http.Handler {
	pool := db.Reset(f)
	store := postgres.NewProfileStore(pool)
	_, err := store.Seed(f.Context(), fixtures(f))
	require.NoError(f, err)
	model := readmodel.New(store, readmodel.Options{Analyzer: postgres.NewSearchStore(pool)})
	require.NoError(f, model.Reload(f.Context()))
	tokens, err := httpapi.ParseTokens(testTokens)
	require.NoError(f, err)
	ready := func(ctx context.Context) error { return postgres.Ready(ctx, pool) }
	return httpapi.NewHandler(model, ready, slog.New(slog.DiscardHandler),
		httpapi.WithEditing(httpapi.Editing{Service: store, Tokens: tokens}))
}

// serveFuzzed reads the request line as net/http would and answers it
// with h; a line net/http refuses itself never reaches a handler. The
// answer must not be a 5xx, whatever the client sent.
func serveFuzzed(t *testing.T, h http.Handler, method, target string, header http.Header, body string) {
	raw := method + " " + target + " HTTP/1.1\r\nHost: karir.test\r\n\r\n"
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
	if err != nil {
		return
	}
	req.Header = header.Clone()
	req.Body = http.NoBody
	if body != "" {
		req.Body = io.NopCloser(strings.NewReader(body))
		req.ContentLength = int64(len(body))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req.WithContext(t.Context()))
	if rec.Code >= 500 {
		t.Fatalf("%s %q answered %d: %s", method, target, rec.Code, rec.Body.String())
	}
}

// FuzzReads drives the path and the query of every read route: no input
// makes the server fail or panic.
func FuzzReads(f *testing.F) {
	for _, target := range []string{
		"/", "/healthz", "/readyz", "/openapi.yaml", "/docs", "/problems/not-found", "/assets/app.js",
		"/v1/profiles?limit=2&cursor=abc", "/v1/profiles?trait=empati&trait=komunikasi&limit=1",
		manajerPath, manajerPath + "/fit", manajerPath + "/related", manajerPath + "/revisions?limit=1&cursor=2",
		manajerPath + "/revisions/1", manajerPath + "/revisions/2147483648",
		manajerPath + "/revisions/1/diff?against=2147483648", "/edit",
		"/v1/search?q=program&section=fit&limit=2&cursor=eyJuIjoyfQ", "/v1/search?q=%22data+sosial%22+-arsip",
		"/v1/suggest?q=pe", "/v1/traits", "/v1/compare?slugs=manajer-pelayanan-sosial,pendamping-sosial-desa",
		"/v1/export", "/v1/profiles/%E2%80%AE?limit=99999999999999999999",
	} {
		f.Add(target)
	}
	h := fuzzHandler(f)
	f.Fuzz(func(t *testing.T, target string) {
		serveFuzzed(t, h, http.MethodGet, target, nil, "")
	})
}

// FuzzWrites drives the bodies, paths and queries of every route that
// reads a body, with an editor's token.
func FuzzWrites(f *testing.F) {
	doc := func() string {
		p := fixtures(f)[0]
		data, err := profile.Encode(p)
		require.NoError(f, err)
		return string(data)
	}()
	methods := []string{http.MethodPost, http.MethodPut, http.MethodDelete}
	for _, seed := range []struct {
		method      uint8
		target      string
		contentType string
		body        string
	}{
		{0, "/v1/parse", textPlain, pendampingText},
		{0, "/v1/parse?source=a.txt", textPlain, "Pekerjaan sebagai juru masak melibatkan \u202emasakan.\n"},
		{0, "/v1/profiles?source=pendamping.txt", textPlain, pendampingText},
		{0, "/v1/profiles", "application/json", doc},
		{0, "/v1/profiles", "application/json", `{"title":"Kep\u0430la","slug":"kep-la","sections":{"tasks":{"sentences":[{"text":"a","line":2147483648}]}}}`},
		{1, manajerPath, "application/json", doc},
		{2, manajerPath, "", ""},
		{0, manajerPath + "/revisions/1/restore", "", ""},
		{0, "/v1/match", "application/json", `{"traits":["empati"],"avoid":["komunikasi"],"limit":99999999999}`},
	} {
		f.Add(seed.method, seed.target, seed.contentType, seed.body)
	}
	h := fuzzHandler(f)
	f.Fuzz(func(t *testing.T, method uint8, target, contentType, body string) {
		header := http.Header{"Authorization": {"Bearer " + aliceToken}, "Content-Type": {contentType}}
		serveFuzzed(t, h, methods[int(method)%len(methods)], target, header, body)
	})
}
