package httpapi_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// long is client input far over what a detail may repeat; no message of
// the server holds a q, so a run of them in a detail is an echo.
var long = strings.Repeat("q", 10_000)

// refusal is a request the server refuses; echoes says that its detail
// repeats the long input, cut.
type refusal struct {
	name, method, path string
	header             http.Header
	body               string
	echoes             bool
}

// refusedRequests are requests to every route that repeats client input in its
// detail, each with input far too long, and a few others that fail.
func refusedRequests(t *testing.T, a *testAPI) []refusal {
	doc := string(mustGet(t, a, manajerPath))
	const jsonType = "application/json"
	json := as(aliceToken, jsonType)
	return []refusal{
		{"profile", http.MethodGet, "/v1/profiles/" + long, nil, "", true},
		{"section", http.MethodGet, manajerPath + "/" + long, nil, "", true},
		{"section of a slug", http.MethodGet, "/v1/profiles/" + long + "/fit", nil, "", true},
		{"related", http.MethodGet, "/v1/profiles/" + long + "/related", nil, "", true},
		{"revisions", http.MethodGet, "/v1/profiles/" + long + "/revisions", nil, "", true},
		{"revision", http.MethodGet, manajerPath + "/revisions/" + long, nil, "", true},
		{"compare", http.MethodGet, "/v1/compare?slugs=" + long + ",manajer-pelayanan-sosial", nil, "", true},
		// Twice 10,000 characters would be over the 16 KiB of a request line.
		{"compare twice", http.MethodGet, "/v1/compare?slugs=" + long[:7000] + "," + long[:7000], nil, "", true},
		{"trait filter", http.MethodGet, "/v1/profiles?trait=" + long, nil, "", true},
		{"search", http.MethodGet, "/v1/search?q=" + long, nil, "", false},
		{"search section", http.MethodGet, "/v1/search?q=evaluasi&section=" + long, nil, "", false},
		{"suggest", http.MethodGet, "/v1/suggest?q=" + long, nil, "", false},
		{"match", http.MethodPost, "/v1/match", http.Header{"Content-Type": {jsonType}}, `{"traits": ["` + long + `"]}`, true},
		{"match avoiding", http.MethodPost, "/v1/match", http.Header{"Content-Type": {jsonType}}, `{"traits": ["empati"], "avoid": ["` + long + `"]}`, true},
		{"match field", http.MethodPost, "/v1/match", http.Header{"Content-Type": {jsonType}}, `{"` + long + `": 1}`, true},
		{"method", strings.Repeat("Q", 10_000), "/v1/profiles", nil, "", true},
		{"method not allowed", http.MethodPatch, "/v1/profiles/" + long, nil, "", false},
		{"asset", http.MethodGet, "/assets/" + long, nil, "", true},
		{"problem type", http.MethodGet, "/problems/" + long, nil, "", true},
		{"put to a slug", http.MethodPut, "/v1/profiles/" + long, json, doc, true},
		{"delete a slug", http.MethodDelete, "/v1/profiles/" + long, as(aliceToken, ""), "", true},
		{"create with a title", http.MethodPost, "/v1/profiles", json, strings.Replace(doc, `"title":"Manajer Pelayanan Sosial"`, `"title":"`+long+`"`, 1), true},
		{"create with a field", http.MethodPost, "/v1/profiles", json, `{"` + long + `": 1}`, true},
		{"create with a source", http.MethodPost, "/v1/profiles?source=" + long + ".txt", as(aliceToken, textPlain), freshText(t), false},
		{"put with a tag", http.MethodPut, manajerPath, as(aliceToken, jsonType, "If-Match", `"`+long+`"`), doc, false},
		{"create what exists", http.MethodPost, "/v1/profiles", as(aliceToken, textPlain), pendampingText, false},
		{"an unreadable text", http.MethodPost, "/v1/parse?source=rusak.txt", http.Header{"Content-Type": {textPlain}}, "Baris satu.\n\xff", false},
	}
}

// refuse sends r and returns the detail of the problem it gets.
func (a *testAPI) refuse(t *testing.T, r refusal) string {
	t.Helper()
	resp, body := a.send(t, r.method, r.path, r.header, r.body)
	require.GreaterOrEqual(t, resp.StatusCode, 400, "%s: %s", r.name, body)
	return requireProblem(t, resp, body, resp.StatusCode)
}

// TestDetailsRepeatAtMost64Characters drives every route that repeats
// client input in its detail with 10,000 characters of it: no detail
// repeats more than 64 of them, and those that echo mark the cut.
func TestDetailsRepeatAtMost64Characters(t *testing.T) {
	a := newAPI(t, nil)
	for _, r := range refusedRequests(t, a) {
		t.Run(r.name, func(t *testing.T) {
			detail := a.refuse(t, r)
			assert.LessOrEqual(t, longestRun(detail), profile.MaxEcho, detail)
			if r.echoes {
				assert.Positive(t, longestRun(detail), detail)
				assert.Contains(t, detail, "…", "the cut is marked")
			}
		})
	}
}

// longestRun is the length of the longest run of q or Q in s.
func longestRun(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		run++
		if r != 'q' && r != 'Q' {
			run = 0
		}
		longest = max(longest, run)
	}
	return longest
}

// TestDetailsNameNoPartOfTheServer holds the details of every refusal to
// the client's terms: no table, index or constraint of the schema, no file
// (of the server, nor the one the client named). The tables whose names are
// also words of the API (profiles, revisions, sentences, comparisons) may
// be named as such.
func TestDetailsNameNoPartOfTheServer(t *testing.T) {
	a := newAPI(t, nil)
	rows, err := db.Pool.Query(t.Context(), `
		SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
		UNION SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace`)
	require.NoError(t, err)
	var names []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		switch name {
		case "profiles", "revisions", "sentences", "comparisons":
		default:
			names = append(names, regexp.QuoteMeta(name))
		}
	}
	require.NoError(t, rows.Err())
	require.Contains(t, names, "profiles_slug_check")
	schema := regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
	file := regexp.MustCompile(`[\w-]+\.(go|sql|txt)\b|seeds/`)

	for _, r := range refusedRequests(t, a) {
		detail := a.refuse(t, r)
		assert.NotRegexp(t, schema, detail, r.name)
		assert.NotRegexp(t, file, detail, r.name)
	}
}
