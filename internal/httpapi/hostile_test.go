package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/profile"
)

// TestWritesRefuseHostileTitles sends titles that would pass for another
// or hide what they say, as documents and as texts: each is a 422 that
// says why, and nothing is stored.
func TestWritesRefuseHostileTitles(t *testing.T) {
	a := newAPI(t, nil)
	doc := string(mustGet(t, a, manajerPath))
	withTitle := func(title string) string {
		doc := strings.Replace(doc, `"title":"Manajer Pelayanan Sosial"`, `"title":"`+title+`"`, 1)
		return strings.Replace(doc, `"slug":"manajer-pelayanan-sosial"`, `"slug":"`+profile.Slugify(title)+`"`, 1)
	}
	for _, tc := range []struct{ name, title, detail string }{
		{"mixed scripts", "Manajer Pel\u0430yanan Sosial", "The title mixes the Latin and Cyrillic scripts"},
		{"a bidi override", "Manajer \u202eSosial", "U+202E"},
		{"a zero-width space", "Manajer\u200bPelayanan", "U+200B"},
		{"a long title", strings.Repeat("Manajer ", 30), "at most 200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.send(t, http.MethodPost, "/v1/profiles", as(aliceToken, "application/json"), withTitle(tc.title))
			assert.Contains(t, requireProblem(t, resp, body, http.StatusUnprocessableEntity), tc.detail)
			resp, body = a.send(t, http.MethodGet, "/v1/profiles/"+profile.Slugify(tc.title), nil, "")
			requireProblem(t, resp, body, http.StatusNotFound)
		})
	}
	text := strings.Replace(pendampingText, "pendamping sosial desa", "pend\u0430mping sosial desa", 1)
	for _, path := range []string{"/v1/parse", "/v1/profiles"} {
		resp, body := a.send(t, http.MethodPost, path, as(aliceToken, textPlain), text)
		assert.Contains(t, requireProblem(t, resp, body, http.StatusUnprocessableEntity), "mixes the Latin and Cyrillic scripts", path)
	}
}

// TestWritesRefuseOverflowingLines sends a document whose line number
// is past what the store holds: a 400, not a failure of the store.
func TestWritesRefuseOverflowingLines(t *testing.T) {
	a := newAPI(t, nil)
	doc := string(mustGet(t, a, manajerPath))
	i := strings.Index(doc, `"line":`)
	j := i + strings.IndexAny(doc[i:], ",}")
	resp, body := a.send(t, http.MethodPost, "/v1/profiles", as(aliceToken, "application/json"), doc[:i]+`"line":2147483648`+doc[j:])
	assert.Contains(t, requireProblem(t, resp, body, http.StatusBadRequest), "must be from 1 to 1048576")
}
