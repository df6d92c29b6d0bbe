package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The first task sentence of freshText, and the edit the tests make of it.
const (
	freshTask  = "Sehari-hari, ia menangani penjadwalan sesi bimbingan"
	editedTask = "Sehari-hari, ia menangani penjadwalan sesi konseling"
)

// writeHistory writes three revisions of koordinatorSlug: the fresh text by
// alice, the text with one task edited by bob, and a document by alice
// with another title's summary. It returns the texts and the ETag of the
// current profile.
func writeHistory(t *testing.T, a *testAPI) (first, second, etag string) {
	t.Helper()
	first = freshText(t)
	resp, body := a.send(t, http.MethodPost, "/v1/profiles", as(aliceToken, textPlain), first)
	require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	second = strings.Replace(first, freshTask, editedTask, 1)
	resp, body = a.send(t, http.MethodPut, koordinatorPath, as(bobToken, textPlain, "If-Match", resp.Header.Get("ETag")), second)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	doc := strings.Replace(string(body), `"summary":"`, `"summary":"Ringkasan baru. `, 1)
	resp, body = a.send(t, http.MethodPut, koordinatorPath, as(aliceToken, "application/json", "If-Match", resp.Header.Get("ETag")), doc)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	return first, second, resp.Header.Get("ETag")
}

type diffDoc struct {
	From     int                            `json:"from"`
	To       int                            `json:"to"`
	Sections map[string]map[string][]string `json:"sections"`
	Fields   []map[string]string            `json:"fields"`
	Text     *string                        `json:"text"`
}

func TestDiff(t *testing.T) {
	a := newAPI(t, nil)
	writeHistory(t, a)

	got := decode[diffDoc](t, mustGet(t, a, koordinatorPath+"/revisions/2/diff"))
	assert.Equal(t, 1, got.From)
	assert.Equal(t, 2, got.To)
	require.Contains(t, got.Sections, "tasks")
	assert.Len(t, got.Sections, 1, "only the changed section: %v", got.Sections)
	require.Len(t, got.Sections["tasks"]["added"], 1)
	require.Len(t, got.Sections["tasks"]["removed"], 1)
	assert.Contains(t, got.Sections["tasks"]["added"][0], "sesi konseling")
	assert.Contains(t, got.Sections["tasks"]["removed"][0], "sesi bimbingan")
	assert.Empty(t, got.Fields)
	require.NotNil(t, got.Text)
	assert.True(t, strings.HasPrefix(*got.Text, "--- revisi 1\n+++ revisi 2\n@@ -1,5 +1,5 @@\n"), "%s", *got.Text)
	assert.Contains(t, *got.Text, "\n-"+freshTask)
	assert.Contains(t, *got.Text, "\n+"+editedTask)

	got = decode[diffDoc](t, mustGet(t, a, koordinatorPath+"/revisions/3/diff"))
	assert.Empty(t, got.Sections, "a summary is no section")
	assert.Equal(t, "summary", got.Fields[0]["field"])
	assert.True(t, strings.HasPrefix(got.Fields[0]["to"], "Ringkasan baru. "))
	assert.Nil(t, got.Text, "a document has no text")

	got = decode[diffDoc](t, mustGet(t, a, koordinatorPath+"/revisions/1/diff?against=2"))
	assert.Equal(t, diffDoc{From: 2, To: 1, Sections: map[string]map[string][]string{"tasks": {
		"added": got.Sections["tasks"]["added"], "removed": got.Sections["tasks"]["removed"],
	}}, Fields: []map[string]string{}, Text: got.Text}, got)
	assert.Contains(t, got.Sections["tasks"]["added"][0], "sesi bimbingan", "against a newer revision, the change runs backwards")

	got = decode[diffDoc](t, mustGet(t, a, koordinatorPath+"/revisions/1/diff"))
	assert.Equal(t, 0, got.From, "the first revision is compared with an empty profile")
	assert.Contains(t, got.Sections, "tasks")
	assert.Equal(t, []string{}, got.Sections["tasks"]["removed"])
	assert.Nil(t, got.Text)

	for _, tc := range []struct {
		path   string
		status int
		detail string
	}{
		{"/revisions/4/diff", http.StatusNotFound, `The slug "koordinator-rehabilitasi-sosial" has no revision 4.`},
		{"/revisions/2/diff?against=9", http.StatusNotFound, `The slug "koordinator-rehabilitasi-sosial" has no revision 9.`},
		{"/revisions/x/diff", http.StatusNotFound, `Revisions are numbered 1, 2, …; there is no revision "x" of "koordinator-rehabilitasi-sosial".`},
	} {
		resp, body := a.do(t, http.MethodGet, koordinatorPath+tc.path, nil)
		assert.Equal(t, tc.detail, requireProblem(t, resp, body, tc.status), tc.path)
	}
	resp, body := a.do(t, http.MethodGet, "/v1/profiles/juru-masak/revisions/1/diff", nil)
	assert.Equal(t, `The slug "juru-masak" has no revision 1.`, requireProblem(t, resp, body, http.StatusNotFound))
	// The contract already refuses a malformed against; the server says so too.
	resp, body = a.do(t, http.MethodGet, koordinatorPath+"/revisions/2/diff?against=0", nil)
	assert.Equal(t, "The against parameter must be one revision number: 1, 2, ….", requireProblem(t, resp, body, http.StatusBadRequest))
}

func TestRevisionsNameChangedSections(t *testing.T) {
	a := newAPI(t, nil)
	writeHistory(t, a)
	list := decode[struct {
		Items []struct {
			Revision        int      `json:"revision"`
			ChangedSections []string `json:"changed_sections"`
		} `json:"items"`
	}](t, mustGet(t, a, koordinatorPath+"/revisions"))
	require.Len(t, list.Items, 3)
	assert.Equal(t, []string{}, list.Items[0].ChangedSections, "a new summary")
	assert.Equal(t, []string{"tasks"}, list.Items[1].ChangedSections)
	assert.Contains(t, list.Items[2].ChangedSections, "tasks", "the first names what it has")
}

func TestRestore(t *testing.T) {
	a := newAPI(t, nil)
	first, _, etag := writeHistory(t, a)
	restorePath := koordinatorPath + "/revisions/1/restore"

	for _, tc := range []struct {
		name   string
		header http.Header
		path   string
		status int
		detail string
	}{
		{"no token", http.Header{"If-Match": {etag}}, restorePath, http.StatusUnauthorized, ""},
		{"no condition", as(aliceToken, ""), restorePath, http.StatusPreconditionRequired,
			"A restore must send If-Match with the profile's current ETag, or If-None-Match: * when the profile is deleted."},
		{"a stale ETag", as(aliceToken, "", "If-Match", `"stale"`), restorePath, http.StatusPreconditionFailed, ""},
		{"not deleted", as(aliceToken, "", "If-None-Match", "*"), restorePath, http.StatusPreconditionFailed,
			`If-None-Match: * does not hold: a profile with the slug "koordinator-rehabilitasi-sosial" exists.`},
		{"no such revision", as(aliceToken, "", "If-Match", etag), koordinatorPath + "/revisions/7/restore", http.StatusNotFound,
			`The slug "koordinator-rehabilitasi-sosial" has no revision 7.`},
		{"a bad ETag", as(aliceToken, "", "If-Match", "stale"), restorePath, http.StatusBadRequest, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.send(t, http.MethodPost, tc.path, tc.header, "")
			detail := requireProblem(t, resp, body, tc.status)
			if tc.detail != "" {
				assert.Equal(t, tc.detail, detail)
			}
		})
	}

	resp, body := a.send(t, http.MethodPost, restorePath, as(bobToken, "", "If-Match", etag), "")
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	got, gotBody := a.do(t, http.MethodGet, koordinatorPath, identity)
	assert.Equal(t, gotBody, body, "the answer is the stored document")
	assert.Equal(t, got.Header.Get("ETag"), resp.Header.Get("ETag"))
	rev := decode[revisionDoc](t, mustGet(t, a, koordinatorPath+"/revisions/4"))
	assert.Equal(t, "restore", rev.Action)
	assert.Equal(t, "bob", rev.Author)
	assert.Equal(t, &first, rev.SourceText, "the text comes back too")

	resp, body = a.send(t, http.MethodDelete, koordinatorPath, as(aliceToken, "", "If-Match", resp.Header.Get("ETag")), "")
	require.Equal(t, http.StatusNoContent, resp.StatusCode, "%s", body)
	resp, body = a.send(t, http.MethodPost, koordinatorPath+"/revisions/5/restore", as(aliceToken, ""), "")
	requireProblem(t, resp, body, http.StatusPreconditionRequired)
	resp, body = a.send(t, http.MethodPost, koordinatorPath+"/revisions/5/restore", as(aliceToken, "", "If-Match", etag), "")
	requireProblem(t, resp, body, http.StatusPreconditionFailed)

	resp, body = a.send(t, http.MethodPost, koordinatorPath+"/revisions/5/restore", as(aliceToken, "", "If-None-Match", "*"), "")
	require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	assert.Equal(t, koordinatorPath, resp.Header.Get("Location"))
	_, gotBody = a.do(t, http.MethodGet, koordinatorPath, identity)
	assert.Equal(t, gotBody, body, "the deleted profile is back")
	assert.Equal(t, "restore", decode[revisionDoc](t, mustGet(t, a, koordinatorPath+"/revisions/6")).Action)
}
