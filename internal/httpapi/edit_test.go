package httpapi_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// The editors' tokens of the test server, and the origin allowed to write.
const (
	aliceToken   = "alice-rahasia-0123456789abcdef"
	bobToken     = "bob-rahasia-fedcba9876543210"
	testTokens   = "alice:" + aliceToken + ",bob:" + bobToken
	editorOrigin = "https://editor.karir.contoh.id"
)

// testCursorKey seals the cursors of the tests that make their own.
var testCursorKey = []byte("kunci-kursor-uji-0123456789abcdef")

const (
	koordinatorSlug = "koordinator-rehabilitasi-sosial"
	koordinatorPath = "/v1/profiles/" + koordinatorSlug
	textPlain       = "text/plain; charset=utf-8"
)

// freshText returns a text the fixtures do not hold.
func freshText(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "parser", "testdata", "fresh", "101_koordinator-rehabilitasi-sosial.txt"))
	require.NoError(t, err)
	return string(data)
}

// send sends a request with a body and returns the answer with its body.
func (a *testAPI) send(t *testing.T, method, path string, header http.Header, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, a.url+path, strings.NewReader(body))
	require.NoError(t, err)
	maps.Copy(req.Header, header)
	resp, err := a.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, data
}

// as returns the headers of a write by the token's holder.
func as(token, contentType string, more ...string) http.Header {
	h := http.Header{"Authorization": {"Bearer " + token}}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(more); i += 2 {
		h.Add(more[i], more[i+1])
	}
	return h
}

func TestPreview(t *testing.T) {
	a := newAPI(t, nil)
	text := freshText(t)
	want, err := parser.Parse("body", []byte(text))
	require.NoError(t, err)
	want.Source.File = koordinatorSlug + ".txt"

	resp, body := a.send(t, http.MethodPost, "/v1/parse", http.Header{"Content-Type": {textPlain}}, text)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.Equal(t, roundTrip(t, *want), decode[profile.Profile](t, body))

	resp, body = a.send(t, http.MethodPost, "/v1/parse?source=koordinator.txt", http.Header{"Content-Type": {"text/plain"}}, text)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "koordinator.txt", decode[profile.Profile](t, body).Source.File)

	resp, _ = a.do(t, http.MethodGet, koordinatorPath, nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "a preview stores nothing")

	for _, tc := range []struct {
		name, contentType, query, body string
		status                         int
		detail                         string
	}{
		{"unreadable text", textPlain, "", "Hari ini cerah sekali.", http.StatusUnprocessableEntity,
			"The parser cannot read the text: no recognisable section: the text does not read as a job profile."},
		{"the line at fault", textPlain, "?source=rusak.txt", "Baris satu.\n\xff", http.StatusUnprocessableEntity,
			"The parser cannot read line 2 of the text: input is not valid UTF-8."},
		{"a document", "application/json", "", "{}", http.StatusUnsupportedMediaType,
			"The body must be text/plain; charset=utf-8 (a profile text)."},
		{"another charset", "text/plain; charset=iso-8859-1", "", text, http.StatusUnsupportedMediaType,
			"The body must be text/plain; charset=utf-8 (a profile text)."},
		{"no content type", "", "", text, http.StatusUnsupportedMediaType,
			"The body must be text/plain; charset=utf-8 (a profile text)."},
		{"over 1 MiB", textPlain, "", strings.Repeat("kata ", parser.MaxInputSize/5+1), http.StatusRequestEntityTooLarge,
			"The request body is larger than 1048576 bytes."},
		{"a source with a folder", textPlain, "?source=a/b.txt", text, http.StatusBadRequest,
			"The source parameter must be a file name ending in .txt, without folders, of at most 200 bytes."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := http.Header{}
			if tc.contentType != "" {
				header.Set("Content-Type", tc.contentType)
			}
			resp, body := a.send(t, http.MethodPost, "/v1/parse"+tc.query, header, tc.body)
			assert.Equal(t, tc.detail, requireProblem(t, resp, body, tc.status))
		})
	}

	t.Run("errors name the line", func(t *testing.T) {
		resp, body := a.send(t, http.MethodPost, "/v1/parse", http.Header{"Content-Type": {textPlain}}, "Baris satu.\n\xff")
		requireProblem(t, resp, body, http.StatusUnprocessableEntity)
		var p struct {
			Errors []map[string]any `json:"errors"`
		}
		require.NoError(t, json.Unmarshal(body, &p))
		assert.Equal(t, []map[string]any{{"line": 2.0, "detail": "Input is not valid UTF-8."}}, p.Errors)

		resp, body = a.send(t, http.MethodPost, "/v1/parse", http.Header{"Content-Type": {textPlain}}, "Hari ini cerah sekali.")
		requireProblem(t, resp, body, http.StatusUnprocessableEntity)
		assert.NotContains(t, string(body), "errors", "no line is to blame")
	})
}

func TestCreateProfile(t *testing.T) {
	a := newAPI(t, nil)
	text := freshText(t)

	resp, body := a.send(t, http.MethodPost, "/v1/profiles?source=101.txt", as(aliceToken, textPlain), text)
	require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	assert.Equal(t, koordinatorPath, resp.Header.Get("Location"))
	created := decode[profile.Profile](t, body)
	assert.Equal(t, "101.txt", created.Source.File)

	got, gotBody := a.do(t, http.MethodGet, koordinatorPath, identity)
	require.Equal(t, http.StatusOK, got.StatusCode)
	assert.Equal(t, gotBody, body, "the answer is the stored document")
	assert.Equal(t, got.Header.Get("ETag"), resp.Header.Get("ETag"), "and carries the ETag a GET of it answers")

	resp, body = a.send(t, http.MethodPost, "/v1/profiles", as(bobToken, textPlain), text)
	assert.Equal(t, `A profile with the slug "koordinator-rehabilitasi-sosial" exists already.`,
		requireProblem(t, resp, body, http.StatusConflict))

	// What the preview answers is a valid document.
	other, err := os.ReadFile(filepath.Join("..", "parser", "testdata", "fresh", "102_supervisor-layanan-lansia.txt"))
	require.NoError(t, err)
	_, doc := a.send(t, http.MethodPost, "/v1/parse", http.Header{"Content-Type": {textPlain}}, string(other))
	resp, body = a.send(t, http.MethodPost, "/v1/profiles", as(bobToken, "application/json"), string(doc))
	require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	assert.Equal(t, "/v1/profiles/supervisor-layanan-lansia", resp.Header.Get("Location"))

	rev := decode[revisionDoc](t, mustGet(t, a, "/v1/profiles/supervisor-layanan-lansia/revisions/1"))
	assert.Equal(t, "bob", rev.Author)
	assert.Nil(t, rev.SourceText, "a document has no source text")
	rev = decode[revisionDoc](t, mustGet(t, a, koordinatorPath+"/revisions/1"))
	assert.Equal(t, revisionDoc{
		Slug: koordinatorSlug, Revision: 1, CreatedAt: created.UpdatedAt.Format("2006-01-02T15:04:05.999999Z07:00"),
		Action: "create", Author: "alice", SourceText: &text, Document: created,
	}, rev)
}

// revisionDoc mirrors a revision's JSON.
type revisionDoc struct {
	Slug       string          `json:"slug"`
	Revision   int             `json:"revision"`
	CreatedAt  string          `json:"created_at"`
	Action     string          `json:"action"`
	Author     string          `json:"author"`
	SourceText *string         `json:"source_text"`
	Document   profile.Profile `json:"document"`
}

// identity asks for the document itself: Go's client otherwise asks for
// gzip, whose representation has its own ETag.
var identity = http.Header{"Accept-Encoding": {"identity"}}

func mustGet(t *testing.T, a *testAPI, path string) []byte {
	t.Helper()
	resp, body := a.do(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", path, body)
	return body
}

func TestWriteRefusesBodies(t *testing.T) {
	a := newAPI(t, nil)
	doc := mustGet(t, a, manajerPath)
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		require.NoError(t, json.Unmarshal(doc, &m))
		f(m)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return string(out)
	}
	const jsonType = "application/json"
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		detail                                string
	}{
		{"unknown field", http.MethodPut, manajerPath, jsonType, edit(func(m map[string]any) { m["gaji"] = 1 }),
			http.StatusBadRequest, `The document is not a profile: unknown field "gaji".`},
		{"wrong type", http.MethodPut, manajerPath, jsonType,
			edit(func(m map[string]any) {
				obj(obj(m, "sections"), "tasks")["sentences"].([]any)[0].(map[string]any)["line"] = "satu"
			}),
			http.StatusBadRequest, "The field sections.tasks.sentences.line must be a whole number, not a string."},
		{"not an object", http.MethodPost, "/v1/profiles", jsonType, `[1]`,
			http.StatusBadRequest, "The document must be a JSON object, not an array."},
		{"malformed JSON", http.MethodPost, "/v1/profiles", jsonType, `{"slug": `,
			http.StatusBadRequest, "The document is not valid JSON: it ends in the middle of a value."},
		{"bad JSON syntax", http.MethodPost, "/v1/profiles", jsonType, `{"slug" "x"}`,
			http.StatusBadRequest, "The document is not valid JSON: invalid character '\"' after object key (at byte 9)."},
		{"two values", http.MethodPut, manajerPath, jsonType, string(doc) + "{}",
			http.StatusBadRequest, "The document holds more than one JSON value."},
		{"empty", http.MethodPost, "/v1/profiles", jsonType, "",
			http.StatusBadRequest, "The document is empty."},
		{"slug of another title", http.MethodPut, manajerPath, jsonType, edit(func(m map[string]any) { m["title"] = "Manajer" }),
			http.StatusBadRequest, `The profile's slug is "manajer-pelayanan-sosial", but the title "Manajer" gives the slug "manajer".`},
		{"missing section", http.MethodPut, manajerPath, jsonType, edit(func(m map[string]any) { delete(obj(m, "sections"), "fit") }),
			http.StatusBadRequest, `The profile's sections.fit.label must be "Siapa yang Cocok".`},
		{"text of another slug", http.MethodPut, "/v1/profiles/juru-masak", textPlain, freshText(t),
			http.StatusUnprocessableEntity, `The profile's title "Koordinator Rehabilitasi Sosial" gives the slug "koordinator-rehabilitasi-sosial", not "juru-masak" of the path.`},
		{"document of another slug", http.MethodPut, "/v1/profiles/juru-masak", jsonType, string(doc),
			http.StatusUnprocessableEntity, `The profile's title "Manajer Pelayanan Sosial" gives the slug "manajer-pelayanan-sosial", not "juru-masak" of the path.`},
		{"unreadable text", http.MethodPost, "/v1/profiles", textPlain, "Hari ini cerah sekali.",
			http.StatusUnprocessableEntity, "The parser cannot read the text: no recognisable section: the text does not read as a job profile."},
		{"form", http.MethodPost, "/v1/profiles", "application/x-www-form-urlencoded", "a=b",
			http.StatusUnsupportedMediaType, "The body must be text/plain; charset=utf-8 (a profile text) or application/json (a profile document)."},
		{"over 1 MiB", http.MethodPut, manajerPath, jsonType, strings.Repeat(" ", parser.MaxInputSize+1),
			http.StatusRequestEntityTooLarge, "The request body is larger than 1048576 bytes."},
		{"unknown traits", http.MethodPut, manajerPath, jsonType,
			edit(func(m map[string]any) {
				obj(obj(m, "sections"), "fit")["traits"] = []string{"empati", "terbang", "Empati"}
				obj(obj(m, "sections"), "non_fit")["traits"] = []string{"terbang", "menyelam"}
			}),
			http.StatusUnprocessableEntity, `The profile names traits outside the vocabulary: "terbang", "Empati", "menyelam"; the traits are ` +
				strings.Join(profile.TraitNames(), ", ") + "."},
		{"invalid UTF-8", http.MethodPut, manajerPath, jsonType, strings.Replace(string(doc), `"summary":"`, "\"summary\":\"\xff", 1),
			http.StatusUnprocessableEntity, fmt.Sprintf("The document is not valid UTF-8 (at byte %d).", bytes.Index(doc, []byte(`"summary":"`))+len(`"summary":"`))},
		{"malformed If-Match", http.MethodPut, manajerPath, jsonType, string(doc),
			http.StatusBadRequest, `The If-Match field must be "*" or a list of entity tags, such as the ETag of a GET.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := as(aliceToken, tc.contentType, "If-Match", "*")
			if tc.name == "malformed If-Match" {
				header.Set("If-Match", "tanpa-kutip")
			}
			resp, body := a.send(t, tc.method, tc.path, header, tc.body)
			assert.Equal(t, tc.detail, requireProblem(t, resp, body, tc.status))
		})
	}
	t.Run("over 1 MiB without Content-Length", func(t *testing.T) {
		// A body of unknown length is sent chunked: the server learns its
		// size only by reading it.
		body := io.MultiReader(strings.NewReader(strings.Repeat("kata ", parser.MaxInputSize/5+1)))
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, a.url+"/v1/profiles", body)
		require.NoError(t, err)
		req.Header = as(aliceToken, textPlain)
		req.ContentLength = -1
		resp, err := a.transport.RoundTrip(req)
		require.NoError(t, err)
		data, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
		assert.Contains(t, string(data), "The request body is larger than 1048576 bytes.")
	})
	assert.Equal(t, doc, mustGet(t, a, manajerPath), "no refused write changed anything")
}

// TestDocumentWriteRecordsItsSource shows that a document sent records
// that it was, not the source of the text it replaces.
func TestDocumentWriteRecordsItsSource(t *testing.T) {
	a := newAPI(t, nil)
	get, doc := a.do(t, http.MethodGet, manajerPath, identity)
	var m map[string]any
	require.NoError(t, json.Unmarshal(doc, &m))
	m["summary"] = "Ringkasan dari dokumen."
	resp, body := a.send(t, http.MethodPut, manajerPath, as(aliceToken, "application/json", "If-Match", get.Header.Get("ETag")),
		string(must(json.Marshal(m))))
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)

	stored := decode[profile.Profile](t, body)
	unsourced := stored
	unsourced.Source, unsourced.UpdatedAt = profile.Source{}, time.Time{}
	sum := sha256.Sum256(must(json.Marshal(&unsourced)))
	assert.Equal(t, profile.Source{File: "manajer-pelayanan-sosial.json", SHA256: hex.EncodeToString(sum[:])}, stored.Source)
	assert.Equal(t, stored, decode[profile.Profile](t, mustGet(t, a, manajerPath)))
	rev := decode[revisionDoc](t, mustGet(t, a, manajerPath+"/revisions/2"))
	assert.Equal(t, stored.Source, rev.Document.Source)
}

func TestPutProfile(t *testing.T) {
	a := newAPI(t, nil)
	text := freshText(t)

	resp, body := a.send(t, http.MethodPut, koordinatorPath, as(aliceToken, textPlain, "If-None-Match", "*"), text)
	require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	assert.Equal(t, koordinatorPath, resp.Header.Get("Location"))
	etag := resp.Header.Get("ETag")

	resp, body = a.send(t, http.MethodPut, koordinatorPath, as(aliceToken, textPlain, "If-None-Match", "*"), text)
	assert.Contains(t, requireProblem(t, resp, body, http.StatusPreconditionFailed), "If-None-Match: * does not hold")

	resp, _ = a.send(t, http.MethodPut, koordinatorPath, as(aliceToken, textPlain, "If-Match", etag), text)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, etag, resp.Header.Get("ETag"), "the same text changes nothing")

	fixed := strings.Replace(text, "pemantauan program", "evaluasi program", 1)
	resp, body = a.send(t, http.MethodPut, koordinatorPath, as(bobToken, textPlain, "If-Match", etag), fixed)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.Empty(t, resp.Header.Values("Location"))
	newTag := resp.Header.Get("ETag")
	assert.NotEqual(t, etag, newTag)
	got, _ := a.do(t, http.MethodGet, koordinatorPath, identity)
	assert.Equal(t, newTag, got.Header.Get("ETag"))

	resp, body = a.send(t, http.MethodPut, koordinatorPath, as(aliceToken, textPlain, "If-Match", etag), text)
	detail := requireProblem(t, resp, body, http.StatusPreconditionFailed)
	assert.Equal(t, `If-Match does not hold: the profile "koordinator-rehabilitasi-sosial" has changed since you read it; its ETag is now `+newTag+".", detail)

	// The document a GET answers, sent back with a fix and its ETag.
	var doc map[string]any
	require.NoError(t, json.Unmarshal(mustGet(t, a, manajerPath), &doc))
	doc["summary"] = "Ringkasan yang diperbaiki."
	data, err := json.Marshal(doc)
	require.NoError(t, err)
	get, _ := a.do(t, http.MethodGet, manajerPath, nil)
	resp, body = a.send(t, http.MethodPut, manajerPath, as(aliceToken, "application/json"), string(data))
	plain, _ := a.do(t, http.MethodGet, manajerPath, identity)
	assert.Contains(t, requireProblem(t, resp, body, http.StatusPreconditionRequired), plain.Header.Get("ETag"),
		"a replace without a condition is refused, naming the ETag to send")
	resp, body = a.send(t, http.MethodPut, manajerPath, as(aliceToken, "application/json", "If-Match", get.Header.Get("ETag")), string(data))
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.Equal(t, "Ringkasan yang diperbaiki.", decode[profile.Profile](t, body).Summary)
}

// TestConditionalWritersRace sends PUTs with the same If-Match at once:
// exactly one wins, every other gets 412.
func TestConditionalWritersRace(t *testing.T) {
	a := newAPI(t, nil)
	get, doc := a.do(t, http.MethodGet, manajerPath, nil)
	etag := get.Header.Get("ETag")

	const editors = 4
	statuses := make([]int, editors)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range editors {
		var m map[string]any
		require.NoError(t, json.Unmarshal(doc, &m))
		m["summary"] = fmt.Sprintf("Versi penyunting %d.", i)
		data, err := json.Marshal(m)
		require.NoError(t, err)
		wg.Go(func() {
			<-start
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, a.url+manajerPath, bytes.NewReader(data))
			if !assert.NoError(t, err) {
				return
			}
			req.Header = as(aliceToken, "application/json", "If-Match", etag)
			resp, err := a.client.Do(req)
			if !assert.NoError(t, err) {
				return
			}
			_ = resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	close(start)
	wg.Wait()
	assert.ElementsMatch(t, []int{http.StatusOK, http.StatusPreconditionFailed, http.StatusPreconditionFailed, http.StatusPreconditionFailed}, statuses)
	page := decode[revisionPage](t, mustGet(t, a, manajerPath+"/revisions"))
	assert.Equal(t, 2, page.Total, "the seed and the one winner")
}

// revisionPage mirrors the revisions' list.
type revisionPage struct {
	Items []struct {
		Revision int    `json:"revision"`
		Action   string `json:"action"`
		Author   string `json:"author"`
		URL      string `json:"url"`
	} `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
}

func TestDeleteProfile(t *testing.T) {
	a := newAPI(t, nil)
	get, doc := a.do(t, http.MethodGet, manajerPath, nil)
	history := `</v1/profiles/manajer-pelayanan-sosial/revisions>; rel="version-history"`

	resp, body := a.send(t, http.MethodDelete, manajerPath, as(bobToken, "", "If-Match", `"basi"`), "")
	requireProblem(t, resp, body, http.StatusPreconditionFailed)
	plain, _ := a.do(t, http.MethodGet, manajerPath, identity)
	resp, body = a.send(t, http.MethodDelete, manajerPath, as(bobToken, ""), "")
	assert.Equal(t, `The profile "manajer-pelayanan-sosial" exists and its ETag is `+plain.Header.Get("ETag")+
		": send it in If-Match to change or delete the profile, so that no other editor's change is overwritten unseen.",
		requireProblem(t, resp, body, http.StatusPreconditionRequired))
	resp, body = a.send(t, http.MethodDelete, manajerPath, as(bobToken, "", "If-Match", get.Header.Get("ETag")), "")
	require.Equal(t, http.StatusNoContent, resp.StatusCode, "%s", body)
	assert.Empty(t, body)

	for _, path := range []string{manajerPath, manajerPath + "/tasks", manajerPath + "/related",
		"/v1/compare?slugs=direktur-lembaga-kesejahteraan-sosial,manajer-pelayanan-sosial"} {
		resp, body = a.do(t, http.MethodGet, path, nil)
		assert.Equal(t, `The profile with the slug "manajer-pelayanan-sosial" was deleted; its revisions stay readable.`,
			requireProblem(t, resp, body, http.StatusGone))
		assert.Equal(t, history, resp.Header.Get("Link"))
	}
	resp, body = a.send(t, http.MethodDelete, manajerPath, as(bobToken, ""), "")
	requireProblem(t, resp, body, http.StatusGone)
	assert.Equal(t, history, resp.Header.Get("Link"))
	resp, body = a.send(t, http.MethodDelete, "/v1/profiles/juru-masak", as(bobToken, ""), "")
	requireProblem(t, resp, body, http.StatusNotFound)
	list := decode[listPage](t, mustGet(t, a, "/v1/profiles"))
	assert.Equal(t, 4, list.Total)

	page := decode[revisionPage](t, mustGet(t, a, manajerPath+"/revisions"))
	require.Len(t, page.Items, 2)
	assert.Equal(t, "delete", page.Items[0].Action)
	assert.Equal(t, "bob", page.Items[0].Author)
	assert.Equal(t, "seed", page.Items[1].Author)
	rev := decode[revisionDoc](t, mustGet(t, a, manajerPath+"/revisions/2"))
	assert.JSONEq(t, string(doc), string(must(json.Marshal(rev.Document))), "a delete keeps the document as it was")

	resp, body = a.send(t, http.MethodPut, manajerPath, as(aliceToken, "application/json"), string(doc))
	require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	page = decode[revisionPage](t, mustGet(t, a, manajerPath+"/revisions"))
	assert.Equal(t, 3, page.Total, "revisions survive delete and re-create")
	first := decode[revisionDoc](t, mustGet(t, a, manajerPath+"/revisions/1"))
	assert.JSONEq(t, string(doc), string(must(json.Marshal(first.Document))))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestRevisionPages(t *testing.T) {
	a := newAPI(t, nil, httpapi.WithCursorKey(testCursorKey))
	for i := range 3 {
		var m map[string]any
		require.NoError(t, json.Unmarshal(mustGet(t, a, manajerPath), &m))
		m["summary"] = fmt.Sprintf("Versi %d.", i)
		resp, body := a.send(t, http.MethodPut, manajerPath, as(aliceToken, "application/json", "If-Match", "*"), string(must(json.Marshal(m))))
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	}
	resp, body := a.do(t, http.MethodGet, manajerPath+"/revisions?limit=3", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	page := decode[revisionPage](t, body)
	assert.Equal(t, 4, page.Total)
	below2 := httpapi.SealCursor(testCursorKey, httpapi.RevisionCursor, "manajer-pelayanan-sosial", `{"n":2}`)
	assert.Equal(t, below2, page.Next, "the next page starts below revision 2")
	assert.Equal(t, `</v1/profiles/manajer-pelayanan-sosial/revisions?limit=3&cursor=`+below2+`>; rel="next"`, resp.Header.Get("Link"))
	var numbers []int
	for _, item := range page.Items {
		numbers = append(numbers, item.Revision)
		assert.Equal(t, fmt.Sprintf("%s/revisions/%d", manajerPath, item.Revision), item.URL)
	}
	assert.Equal(t, []int{4, 3, 2}, numbers)
	page = decode[revisionPage](t, mustGet(t, a, manajerPath+"/revisions?limit=3&cursor="+page.Next))
	require.Len(t, page.Items, 1)
	assert.Equal(t, 1, page.Items[0].Revision)
	assert.Empty(t, page.Next)

	for _, tc := range []struct {
		path   string
		status int
	}{
		{manajerPath + "/revisions?cursor=abc", http.StatusBadRequest},
		{manajerPath + "/revisions?cursor=03", http.StatusBadRequest},
		{manajerPath + "/revisions?cursor=2", http.StatusBadRequest},
		{manajerPath + "/revisions?cursor=" + httpapi.SealCursor(testCursorKey, httpapi.RevisionCursor, "pengelola-program-pengembangan-masyarakat", `{"n":2}`), http.StatusBadRequest},
		{manajerPath + "/revisions?cursor=" + httpapi.SealCursor(testCursorKey, httpapi.RevisionCursor, "manajer-pelayanan-sosial", `{"n":2147483648}`), http.StatusBadRequest},
		{manajerPath + "/revisions?cursor=" + httpapi.SealCursor([]byte("another key"), httpapi.RevisionCursor, "manajer-pelayanan-sosial", `{"n":2}`), http.StatusBadRequest},
		{manajerPath + "/revisions/2147483648", http.StatusNotFound},
		{manajerPath + "/revisions/99999999999999999999", http.StatusNotFound},
		{manajerPath + "/revisions?limit=0", http.StatusBadRequest},
		{"/v1/profiles/juru-masak/revisions", http.StatusNotFound},
		{manajerPath + "/revisions/5", http.StatusNotFound},
		{manajerPath + "/revisions/0", http.StatusNotFound},
		{manajerPath + "/revisions/satu", http.StatusNotFound},
	} {
		resp, body := a.do(t, http.MethodGet, tc.path, nil)
		requireProblem(t, resp, body, tc.status)
	}
}

func TestExport(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/v1/export", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/x-ndjson", resp.Header.Get("Content-Type"))

	var slugs []string
	scanner := bufio.NewScanner(bytes.NewReader(body))
	scanner.Buffer(nil, parser.MaxInputSize)
	for scanner.Scan() {
		p := decode[profile.Profile](t, scanner.Bytes())
		slugs = append(slugs, p.Slug)
		assert.Equal(t, string(mustGet(t, a, "/v1/profiles/"+p.Slug)), scanner.Text(), "a line is the document a GET answers")
	}
	require.NoError(t, scanner.Err())
	assert.Equal(t, []string{
		"direktur-lembaga-kesejahteraan-sosial", "manajer-pelayanan-sosial", "pendamping-sosial-desa",
		"pengelola-program-pengembangan-masyarakat", "pengurus-program-kesejahteraan-sosial",
	}, slugs)
}

func TestWritesNeedAToken(t *testing.T) {
	a := newAPI(t, nil)
	doc := string(mustGet(t, a, manajerPath))
	for _, tc := range []struct {
		name          string
		authorization []string
		detail        string
	}{
		{"no Authorization", nil, "This write needs an editor's token, sent as Authorization: Bearer followed by the token."},
		{"another scheme", []string{"Basic " + aliceToken}, "This write needs an editor's token, sent as Authorization: Bearer followed by the token."},
		{"empty token", []string{"Bearer "}, "This write needs an editor's token, sent as Authorization: Bearer followed by the token."},
		{"wrong token", []string{"Bearer " + aliceToken + "x"}, "The bearer token is not valid."},
		{"a prefix of a token", []string{"Bearer " + aliceToken[:20]}, "The bearer token is not valid."},
		{"a name, not a token", []string{"Bearer alice"}, "The bearer token is not valid."},
	} {
		for _, w := range []struct{ method, path, contentType string }{
			{http.MethodPost, "/v1/profiles", "application/json"},
			{http.MethodPut, manajerPath, "application/json"},
			{http.MethodDelete, manajerPath, ""},
		} {
			t.Run(tc.name+" "+w.method, func(t *testing.T) {
				header := http.Header{"Authorization": tc.authorization, "Content-Type": {w.contentType}}
				resp, body := a.send(t, w.method, w.path, header, doc)
				assert.Equal(t, tc.detail, requireProblem(t, resp, body, http.StatusUnauthorized))
				assert.Equal(t, `Bearer realm="karir"`, resp.Header.Get("WWW-Authenticate"))
			})
		}
	}
	resp, _ := a.send(t, http.MethodPut, manajerPath, http.Header{"Authorization": {"bearer " + bobToken}, "Content-Type": {"application/json"}, "If-Match": {"*"}}, doc)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the scheme is case-insensitive")
	assert.Equal(t, "manajer-pelayanan-sosial.json", decode[profile.Profile](t, mustGet(t, a, manajerPath)).Source.File,
		"the write was stored")
}

func TestWritesDisabledWithoutTokens(t *testing.T) {
	a := newAPI(t, nil, httpapi.WithEditing(httpapi.Editing{Service: postgres.NewProfileStore(db.Pool)}))
	for _, w := range []struct{ method, path string }{
		{http.MethodPost, "/v1/profiles"}, {http.MethodPut, manajerPath}, {http.MethodDelete, manajerPath},
	} {
		resp, body := a.send(t, w.method, w.path, as(aliceToken, textPlain), freshText(t))
		assert.Equal(t, "Writes are disabled on this server: it has no editor tokens.",
			requireProblem(t, resp, body, http.StatusForbidden))
	}
	mustGet(t, a, manajerPath)
	resp, _ := a.send(t, http.MethodPost, "/v1/parse", http.Header{"Content-Type": {textPlain}}, freshText(t))
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the preview stays public")
}

// TestTokensNeverLeak writes with good and bad tokens and looks for any
// token's text in every answer, every log line and every revision.
func TestTokensNeverLeak(t *testing.T) {
	a := newAPI(t, nil)
	var seen bytes.Buffer
	record := func(resp *http.Response, body []byte) {
		for name, values := range resp.Header {
			fmt.Fprintln(&seen, name, values)
		}
		seen.Write(body)
	}
	text := freshText(t)
	for _, header := range []http.Header{
		as(aliceToken, textPlain), as(bobToken, textPlain), as(aliceToken+"x", textPlain),
		as(bobToken, textPlain, "If-Match", `"basi"`), as(aliceToken, "text/html"),
	} {
		record(a.send(t, http.MethodPut, koordinatorPath, header, text))
		record(a.send(t, http.MethodPost, "/v1/profiles", header, text))
		record(a.send(t, http.MethodPost, "/v1/profiles", header, "bukan profil"))
	}
	record(a.send(t, http.MethodDelete, koordinatorPath, as(aliceToken, ""), ""))
	record(a.do(t, http.MethodGet, koordinatorPath+"/revisions", nil))
	for n := 1; n <= 3; n++ {
		record(a.do(t, http.MethodGet, fmt.Sprintf("%s/revisions/%d", koordinatorPath, n), nil))
	}
	var revisions string
	require.NoError(t, db.Pool.QueryRow(t.Context(), `SELECT string_agg(r::text, E'\n') FROM revisions r`).Scan(&revisions))
	require.Contains(t, revisions, "alice", "the revisions name their authors")

	for _, secret := range []string{aliceToken, bobToken, aliceToken[:16], bobToken[:16]} {
		assert.NotContains(t, seen.String(), secret)
		assert.NotContains(t, a.logs.String(), secret)
		assert.NotContains(t, revisions, secret)
	}
	assert.NotEmpty(t, a.logs.entries(t, "request"))
}

func TestCORSForWrites(t *testing.T) {
	a := newAPI(t, nil)
	preflight := func(origin, method, headers string) *http.Response {
		resp, body := a.do(t, http.MethodOptions, manajerPath, http.Header{
			"Origin":                         {origin},
			"Access-Control-Request-Method":  {method},
			"Access-Control-Request-Headers": {headers},
		})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Empty(t, body)
		return resp
	}

	resp := preflight(editorOrigin, http.MethodPut, "authorization, content-type, if-match")
	assert.Equal(t, editorOrigin, resp.Header.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "PUT", resp.Header.Get("Access-Control-Allow-Methods"))
	assert.Equal(t, "Authorization, Content-Type, If-Match", resp.Header.Get("Access-Control-Allow-Headers"))
	assert.Contains(t, resp.Header.Values("Vary"), "Origin")

	for _, origin := range []string{"https://jahat.contoh.id", strings.ToUpper(editorOrigin), editorOrigin + ".jahat.id"} {
		for _, method := range []string{http.MethodPut, http.MethodDelete, http.MethodPost} {
			resp := preflight(origin, method, "authorization")
			assert.Empty(t, resp.Header.Values("Access-Control-Allow-Origin"), "%s %s", origin, method)
			assert.Empty(t, resp.Header.Values("Access-Control-Allow-Methods"))
		}
	}

	doc := string(mustGet(t, a, manajerPath))
	header := as(aliceToken, "application/json", "Origin", "https://jahat.contoh.id", "If-Match", "*")
	resp, _ = a.send(t, http.MethodPut, manajerPath, header, doc)
	assert.Empty(t, resp.Header.Values("Access-Control-Allow-Origin"), "a write from another origin gets no CORS permission")
	header.Set("Origin", editorOrigin)
	resp, _ = a.send(t, http.MethodPut, manajerPath, header, doc)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, editorOrigin, resp.Header.Get("Access-Control-Allow-Origin"))
	exposed := strings.Split(strings.ToLower(resp.Header.Get("Access-Control-Expose-Headers")), ", ")
	assert.ElementsMatch(t, []string{"etag", "link", "location", "retry-after", "x-request-id"}, exposed)

	// Reads and the preview stay open to any origin.
	resp, _ = a.do(t, http.MethodOptions, "/v1/parse", http.Header{
		"Origin": {"https://jahat.contoh.id"}, "Access-Control-Request-Method": {http.MethodPost},
		"Access-Control-Request-Headers": {"content-type"},
	})
	assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
	resp = preflight("https://jahat.contoh.id", http.MethodGet, "if-none-match")
	assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
}
