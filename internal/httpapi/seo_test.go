package httpapi_test

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// markupTitle is a title that would break out of every place a page puts it
// if it were not escaped: an element, an attribute, the JSON-LD block.
const markupTitle = `Pekerja </script><script>alert("x")</script> & 'Sosial' <b>`

func TestProfilePage(t *testing.T) {
	a := newAPI(t, nil)
	doc := decode[profile.Profile](t, mustGet(t, a, manajerPath))

	resp, body := a.do(t, http.MethodGet, "/?profil="+doc.Slug, http.Header{"Accept": {browserAccept}})

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, explorerCSP, resp.Header.Get("Content-Security-Policy"))
	assert.Contains(t, resp.Header.Get("Vary"), "Accept")
	page := string(body)
	url := a.url + "/?profil=" + doc.Slug
	assert.Contains(t, page, "<title>"+html.EscapeString(doc.Title)+" · karir</title>")
	assert.Contains(t, page, `<meta name="description" content="`+html.EscapeString(doc.Summary)+`">`)
	assert.Contains(t, page, `<link rel="canonical" href="`+url+`">`)
	assert.Contains(t, page, `<meta property="og:title" content="`+html.EscapeString(doc.Title)+`">`)
	assert.Contains(t, page, `<meta property="og:url" content="`+url+`">`)
	assert.Contains(t, page, "<h1 tabindex=\"-1\">"+html.EscapeString(doc.Title)+"</h1>")
	assert.Contains(t, page, html.EscapeString(doc.Sections.Tasks.Sentences[0].Text))
	assert.Contains(t, page, `<script type="module" src="/assets/app.js"></script>`, "the scripts take over")

	// The data block is the JSON-LD that the API serves.
	_, ld := a.do(t, http.MethodGet, manajerPath, http.Header{"Accept": {"application/ld+json"}})
	var fromAPI, inPage map[string]any
	require.NoError(t, json.Unmarshal(ld, &fromAPI))
	require.NoError(t, json.Unmarshal([]byte(linkedData(t, page)), &inPage))
	assert.Equal(t, fromAPI, inPage)
}

// linkedData returns the content of the page's JSON-LD data block.
func linkedData(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
	require.NotNil(t, m, "no JSON-LD block in\n%s", page)
	return m[1]
}

func TestProfilePageEscapesMarkup(t *testing.T) {
	a := newAPI(t, nil)
	p := fixtures(t)[0]
	p.Title = markupTitle
	p.Slug = profile.Slugify(markupTitle)
	p.Summary = `Ringkasan <img src=x onerror=alert(1)> "kutip"`
	p.Sections.Tasks.Sentences[0].Text = `Kalimat </ol><script>alert(2)</script>`
	_, err := a.store.Seed(t.Context(), []*profile.Profile{p})
	require.NoError(t, err)
	a.refresh(t, p.Slug)

	_, body := a.do(t, http.MethodGet, "/?profil="+p.Slug, http.Header{"Accept": {"text/html"}})
	page := string(body)

	assert.Equal(t, 1, strings.Count(page, "<script type=\"module\""), "the only script elements are the explorer's and the data block")
	assert.Equal(t, 2, strings.Count(page, "<script"), page)
	assert.NotContains(t, page, "<img")
	assert.NotContains(t, page, "<b>")
	assert.NotContains(t, page, "</ol><script>")
	assert.Contains(t, page, "<title>"+html.EscapeString(markupTitle)+" · karir</title>")
	var ld struct{ Name, Description string }
	require.NoError(t, json.Unmarshal([]byte(linkedData(t, page)), &ld))
	assert.Equal(t, markupTitle, ld.Name, "the JSON-LD block reads back as the title")
	assert.Equal(t, p.Summary, ld.Description)
}

func TestProfilePageMissing(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/?profil=tidak-ada", http.Header{"Accept": {"text/html"}})
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Contains(t, string(body), "Profil ini tidak ditemukan.")
	assert.Contains(t, string(body), `src="/assets/app.js"`)

	resp, _ = a.do(t, http.MethodGet, manajerPath, nil)
	resp, _ = a.send(t, http.MethodDelete, manajerPath, as(aliceToken, "", "If-Match", resp.Header.Get("ETag")), "")
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	resp, body = a.do(t, http.MethodGet, "/?profil=manajer-pelayanan-sosial", http.Header{"Accept": {"text/html"}})
	assert.Equal(t, http.StatusGone, resp.StatusCode)
	assert.Contains(t, string(body), "Profil ini sudah dihapus.")

	// API clients still get the JSON index.
	resp, _ = a.do(t, http.MethodGet, "/?profil=tidak-ada", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
}

func TestSitemapAndRobots(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/sitemap.xml", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/xml", resp.Header.Get("Content-Type"))
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	require.NoError(t, xml.Unmarshal(body, &set))
	profiles := inListOrder(t)
	require.Len(t, set.URLs, len(profiles))
	for i, p := range profiles {
		assert.Equal(t, a.url+"/?profil="+p.Slug, set.URLs[i].Loc)
		assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`, set.URLs[i].LastMod)
	}

	resp, body = a.do(t, http.MethodGet, "/robots.txt", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "User-agent: *\nAllow: /\nSitemap: "+a.url+"/sitemap.xml\n", string(body))
}
