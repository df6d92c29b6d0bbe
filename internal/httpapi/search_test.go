package httpapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
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
)

// searchPage, relatedList and matchList mirror the JSON of the discovery
// routes; the contract checks that they hold nothing more.
type searchPage struct {
	Items []struct {
		Slug    string  `json:"slug"`
		Title   string  `json:"title"`
		Score   float64 `json:"score"`
		URL     string  `json:"url"`
		Matches []struct {
			Section string `json:"section"`
			Line    int    `json:"line"`
			Text    string `json:"text"`
			Snippet string `json:"snippet"`
		} `json:"matches"`
	} `json:"items"`
	Total int    `json:"total"`
	Fuzzy bool   `json:"fuzzy"`
	Next  string `json:"next"`
}

func (p searchPage) slugs() []string {
	out := []string{}
	for _, h := range p.Items {
		out = append(out, h.Slug)
	}
	return out
}

type titled struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

func TestSearch(t *testing.T) {
	a := newAPI(t, nil)

	resp, body := a.do(t, http.MethodGet, "/v1/search?q="+url.QueryEscape(`"pelayanan sosial"`), nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)
	page := decode[searchPage](t, body)
	assert.Equal(t, []string{"manajer-pelayanan-sosial", "direktur-lembaga-kesejahteraan-sosial"}, page.slugs())
	assert.False(t, page.Fuzzy)
	first := page.Items[0]
	assert.Equal(t, "/v1/profiles/manajer-pelayanan-sosial", first.URL)
	assert.Equal(t, "tasks", first.Matches[0].Section)
	assert.Equal(t, 1, first.Matches[0].Line)
	assert.Contains(t, first.Matches[0].Snippet, "manajer <mark>pelayanan</mark> <mark>sosial</mark> melibatkan")

	resp, body = a.do(t, http.MethodGet, "/v1/search?q=komunkasi", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	page = decode[searchPage](t, body)
	assert.True(t, page.Fuzzy)
	assert.NotEmpty(t, page.Items)

	resp, body = a.do(t, http.MethodGet, "/v1/search?q=xqzvw", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.JSONEq(t, `{"items": [], "total": 0, "fuzzy": false}`, string(body))

	resp, body = a.do(t, http.MethodGet, "/v1/search?q=sabar&section=fit", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, []string{"pendamping-sosial-desa"}, decode[searchPage](t, body).slugs())
}

func TestSearchPaging(t *testing.T) {
	a := newAPI(t, nil)
	_, body := a.do(t, http.MethodGet, "/v1/search?q=program", nil)
	all := decode[searchPage](t, body)
	require.Equal(t, 4, all.Total)

	var paged []string
	path := "/v1/search?q=program&limit=2"
	for pages := 1; path != ""; pages++ {
		require.LessOrEqual(t, pages, 3)
		resp, body := a.do(t, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)
		page := decode[searchPage](t, body)
		assert.Equal(t, 4, page.Total)
		paged = append(paged, page.slugs()...)
		path = ""
		if page.Next != "" {
			path = "/v1/search?q=program&limit=2&cursor=" + page.Next
			// A cursor pages only the search that made it.
			resp, body := a.do(t, http.MethodGet, "/v1/search?q=evaluasi&limit=2&cursor="+page.Next, nil)
			assert.Contains(t, requireProblem(t, resp, body, http.StatusBadRequest), "of the same search")
		}
	}
	assert.Equal(t, all.slugs(), paged)
}

func TestSearchRejectsBadParameters(t *testing.T) {
	a := newAPI(t, nil, httpapi.WithCursorKey(testCursorKey))
	const cursed = "The cursor parameter must be given once, as the next value of a previous page of the same search."
	offset := func(key []byte, o string) string {
		return "q=empati&cursor=" + httpapi.SealCursor(key, httpapi.SearchCursor, "empati\x00", `{"n":`+o+`}`)
	}
	for _, tc := range []struct{ name, query, detail string }{
		{"no q", "", "The q parameter must be given once, with at least one word."},
		{"blank q", "q=%20%20", "The q parameter must be given once, with at least one word."},
		{"repeated q", "q=a&q=b", "The q parameter must be given once, with at least one word."},
		{"long q", "q=" + strings.Repeat("a", 201), "The q parameter must be at most 200 characters long."},
		{"unknown section", "q=empati&section=judul",
			"The section parameter must be one of tasks, fit, non_fit, misconceptions, expectations, comparisons."},
		{"bad limit", "q=empati&limit=0", "The limit parameter must be given once, as a whole number from 1 to 100."},
		{"bad cursor", "q=empati&cursor=abc", cursed},
		{"unsealed cursor", "q=empati&cursor=" + base64.RawURLEncoding.EncodeToString([]byte(`{"n":2}`)), cursed},
		{"cursor of another key", offset([]byte("kunci lain"), "2"), cursed},
		{"huge offset", offset(testCursorKey, "9223372036854775807"), cursed},
		{"offset past the deepest page", offset(testCursorKey, "1048577"), cursed},
		{"zero offset", offset(testCursorKey, "0"), cursed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.do(t, http.MethodGet, "/v1/search?"+tc.query, nil)
			assert.Equal(t, tc.detail, requireProblem(t, resp, body, http.StatusBadRequest))
		})
	}
}

func TestSuggest(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/v1/suggest?q=pe", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, []titled{
		{"pendamping-sosial-desa", "Pendamping Sosial Desa"},
		{"pengelola-program-pengembangan-masyarakat", "Pengelola Program Pengembangan Masyarakat"},
		{"pengurus-program-kesejahteraan-sosial", "Pengurus Program Kesejahteraan Sosial"},
		{"manajer-pelayanan-sosial", "Manajer Pelayanan Sosial"},
	}, decode[struct{ Items []titled }](t, body).Items)

	for _, query := range []string{"", "q=k", "q=ke&q=ma"} {
		resp, body := a.do(t, http.MethodGet, "/v1/suggest?"+query, nil)
		assert.Equal(t, "The q parameter must be given once, from 2 to 200 characters long.",
			requireProblem(t, resp, body, http.StatusBadRequest), query)
	}
}

func TestTraitsAndTraitFilter(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/v1/traits", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	type trait struct {
		Name        string `json:"name"`
		Label       string `json:"label"`
		FitCount    int    `json:"fit_count"`
		NonFitCount int    `json:"non_fit_count"`
	}
	traits := decode[struct{ Items []trait }](t, body).Items
	require.Len(t, traits, 18)
	assert.Equal(t, trait{"kepemimpinan", "Kepemimpinan", 2, 0}, traits[3])
	assert.Equal(t, trait{"kesabaran", "Kesabaran", 1, 0}, traits[11])

	// Two profiles ask for both; page through them one at a time.
	path := "/v1/profiles?limit=1&trait=kepemimpinan&trait=komunikasi"
	resp, body = a.do(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	page := decode[listPage](t, body)
	assert.Equal(t, 2, page.Total)
	assert.Equal(t, "direktur-lembaga-kesejahteraan-sosial", page.Items[0].Slug)
	link := resp.Header.Get("Link")
	assert.Equal(t, `</v1/profiles?limit=1&trait=kepemimpinan&trait=komunikasi&cursor=`+page.Next+`>; rel="next"`, link)

	resp, body = a.do(t, http.MethodGet, strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`), nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	last := decode[listPage](t, body)
	assert.Equal(t, "manajer-pelayanan-sosial", last.Items[0].Slug)
	assert.Empty(t, last.Next)

	// The cursor belongs to its filter.
	for _, other := range []string{"/v1/profiles?limit=1&cursor=", "/v1/profiles?limit=1&trait=komunikasi&cursor="} {
		resp, body = a.do(t, http.MethodGet, other+page.Next, nil)
		assert.Contains(t, requireProblem(t, resp, body, http.StatusBadRequest), "with the same trait parameters")
	}

	// A trait is taken in any case, the label's as /v1/traits gives it.
	resp, body = a.do(t, http.MethodGet, "/v1/profiles?limit=1&trait=Kepemimpinan&trait=KOMUNIKASI", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.Equal(t, page, decode[listPage](t, body))
	assert.Equal(t, link, resp.Header.Get("Link"))

	resp, body = a.do(t, http.MethodGet, "/v1/profiles?trait=terbang", nil)
	assert.Contains(t, requireProblem(t, resp, body, http.StatusBadRequest),
		`"terbang" is not a known trait; the traits are empati, kepedulian, komunikasi, kepemimpinan,`)
}

func TestRelated(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/v1/profiles/direktur-lembaga-kesejahteraan-sosial/related", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)
	type related struct {
		Slug   string  `json:"slug"`
		Title  string  `json:"title"`
		Score  float64 `json:"score"`
		Reason string  `json:"reason"`
		URL    string  `json:"url"`
	}
	items := decode[struct{ Items []related }](t, body).Items
	require.NotEmpty(t, items)
	assert.Equal(t, related{
		Slug:   "manajer-pelayanan-sosial",
		Title:  "Manajer Pelayanan Sosial",
		Score:  0.25,
		Reason: "Sama-sama menuntut komunikasi, kepemimpinan dan wawasan sosial. Judulnya sama-sama memuat kata “sosial”.",
		URL:    "/v1/profiles/manajer-pelayanan-sosial",
	}, items[0])

	resp, body = a.do(t, http.MethodGet, "/v1/profiles/juru-masak/related", nil)
	assert.Equal(t, `No profile has the slug "juru-masak".`, requireProblem(t, resp, body, http.StatusNotFound))
}

func TestCompare(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/v1/compare?slugs=manajer-pelayanan-sosial,direktur-lembaga-kesejahteraan-sosial", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)
	got := decode[struct {
		Profiles []struct {
			Slug string `json:"slug"`
		} `json:"profiles"`
		SharedTraits   []string            `json:"shared_traits"`
		DistinctTraits map[string][]string `json:"distinct_traits"`
	}](t, body)
	require.Len(t, got.Profiles, 2)
	assert.Equal(t, "manajer-pelayanan-sosial", got.Profiles[0].Slug)
	assert.Equal(t, "direktur-lembaga-kesejahteraan-sosial", got.Profiles[1].Slug)
	assert.Equal(t, []string{"komunikasi", "kepemimpinan", "wawasan sosial"}, got.SharedTraits)
	assert.Equal(t, map[string][]string{
		"manajer-pelayanan-sosial":              {"empati", "pemecahan masalah", "adaptasi"},
		"direktur-lembaga-kesejahteraan-sosial": {"kerja sama tim", "kepedulian"},
	}, got.DistinctTraits)

	const count = "The slugs parameter must be given once, as 2 to 4 slugs separated by commas."
	for _, tc := range []struct {
		query, detail string
		status        int
	}{
		{"slugs=manajer-pelayanan-sosial", count, http.StatusBadRequest},
		{"slugs=a,b,c,d,e", count, http.StatusBadRequest},
		{"slugs=a,b&slugs=c,d", count, http.StatusBadRequest},
		{"", count, http.StatusBadRequest},
		{"slugs=manajer-pelayanan-sosial,manajer-pelayanan-sosial", `The slugs parameter names "manajer-pelayanan-sosial" twice.`, http.StatusBadRequest},
		{"slugs=manajer-pelayanan-sosial,juru-masak", `No profile has the slug "juru-masak".`, http.StatusNotFound},
	} {
		resp, body := a.do(t, http.MethodGet, "/v1/compare?"+tc.query, nil)
		assert.Equal(t, tc.detail, requireProblem(t, resp, body, tc.status), tc.query)
	}
}

func (a *testAPI) post(t *testing.T, path, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, a.url+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", contentType)
	resp, err := a.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(resp.Body)
	require.NoError(t, err)
	return resp, buf.Bytes()
}

func TestMatch(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.post(t, "/v1/match", "application/json; charset=utf-8",
		`{"traits": ["empati", "komunikasi"], "avoid": ["kepemimpinan"], "limit": 2}`)
	require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	assert.JSONEq(t, `{"items": [
		{"slug": "pengelola-program-pengembangan-masyarakat", "title": "Pengelola Program Pengembangan Masyarakat",
		 "score": 66.67, "url": "/v1/profiles/pengelola-program-pengembangan-masyarakat",
		 "matched": ["komunikasi", "empati"], "missing": ["kepedulian"],
		 "warnings": ["Profil ini tidak cocok bagi orang yang kurang dalam kepedulian."]},
		{"slug": "pengurus-program-kesejahteraan-sosial", "title": "Pengurus Program Kesejahteraan Sosial",
		 "score": 25, "url": "/v1/profiles/pengurus-program-kesejahteraan-sosial",
		 "matched": ["empati", "komunikasi"],
		 "missing": ["analisis", "wawasan sosial", "organisasi", "kreativitas", "kerja sama tim", "kepedulian"],
		 "warnings": ["Profil ini tidak cocok bagi orang yang kurang dalam kepedulian."]}
	]}`, string(body))
	_, labelled := a.post(t, "/v1/match", "application/json",
		`{"traits": ["Empati", "KOMUNIKASI"], "avoid": ["Kepemimpinan"], "limit": 2}`)
	assert.JSONEq(t, string(body), string(labelled), "traits in any case")

	for _, tc := range []struct {
		name, contentType, body, detail string
		status                          int
	}{
		{"unknown trait", "application/json", `{"traits": ["terbang"]}`, `"terbang" is not a known trait; the traits are`, http.StatusBadRequest},
		{"no traits", "application/json", `{"avoid": ["empati"]}`, "The traits field must name at least one trait", http.StatusBadRequest},
		{"not JSON", "application/json", `traits=empati`, "it is not valid JSON at byte", http.StatusBadRequest},
		{"unknown field", "application/json", `{"traits": ["empati"], "umur": 30}`, `it has the unknown field "umur"`, http.StatusBadRequest},
		{"two objects", "application/json", `{"traits": ["empati"]} {}`, "more follows the object", http.StatusBadRequest},
		{"wrong type", "application/json", `{"traits": "empati"}`, "traits must be []string", http.StatusBadRequest},
		{"bad limit", "application/json", `{"traits": ["empati"], "limit": 0}`, "The limit must be a whole number from 1 to 100.", http.StatusBadRequest},
		{"form", "application/x-www-form-urlencoded", `traits=empati`, "The body must be JSON", http.StatusUnsupportedMediaType},
		{"too large", "application/json", `{"traits": ["empati"], "avoid": ["` + strings.Repeat("a", 70<<10) + `"]}`,
			"The body must be at most 65536 bytes.", http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.post(t, "/v1/match", tc.contentType, tc.body)
			assert.Contains(t, requireProblem(t, resp, body, tc.status), tc.detail)
		})
	}
}

// TestSearchHandlerPassesTheQuery runs the handler on a fake service: what
// it asks the service, and how it answers the service's result and errors.
func TestSearchHandlerPassesTheQuery(t *testing.T) {
	var asked []profile.SearchQuery
	search := &mock.Catalogue{
		SearchFn: func(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
			asked = append(asked, q)
			if q.Text == "putus" {
				return profile.SearchResult{}, profile.Unavailable("The database cannot be reached.")
			}
			return profile.SearchResult{Total: 3, Fuzzy: true, Items: []profile.SearchHit{{
				Slug: "juru-data", Title: "Juru Data", Score: 2.5,
				Matches: []profile.SearchMatch{{Section: profile.Tasks, Line: 2, Text: "a<b", Snippet: "<mark>a</mark>&lt;b"}},
			}}}, nil
		},
	}
	h := httpapi.NewHandler(search, nil, slog.New(slog.DiscardHandler))
	serve := func(target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequestWithContext(t.Context(), http.MethodGet, target, nil))
		return rec
	}

	rec := serve("/v1/search?q=data+-arsip&section=tasks&limit=1")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, []profile.SearchQuery{{Text: "data -arsip", Section: profile.Tasks, Limit: 1}}, asked)
	page := decode[searchPage](t, rec.Body.Bytes())
	assert.True(t, page.Fuzzy)
	assert.Equal(t, 3, page.Total)
	assert.Equal(t, "<mark>a</mark>&lt;b", page.Items[0].Matches[0].Snippet)
	require.NotEmpty(t, page.Next)

	asked = nil
	rec = serve("/v1/search?q=data+-arsip&section=tasks&limit=1&cursor=" + page.Next)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, []profile.SearchQuery{{Text: "data -arsip", Section: profile.Tasks, Limit: 1, Offset: 1}}, asked)

	rec = serve("/v1/search?q=putus")
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Contains(t, rec.Body.String(), "The database cannot be reached.")
}
