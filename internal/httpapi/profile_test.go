package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/profile"
)

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(body, &v), "body: %s", body)
	return v
}

func TestListDefault(t *testing.T) {
	a := newAPI(t, nil)

	resp, body := a.do(t, http.MethodGet, "/v1/profiles", nil)

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.Empty(t, resp.Header.Values("Link"))
	assert.Equal(t, listPage{Items: summaries(inListOrder(t)), Total: 5}, decode[listPage](t, body))
}

func TestListPagination(t *testing.T) {
	a := newAPI(t, nil)
	want := summaries(inListOrder(t))

	for limit := 1; limit <= len(want)+1; limit++ {
		t.Run(fmt.Sprintf("limit=%d", limit), func(t *testing.T) {
			var got []summary
			path := fmt.Sprintf("/v1/profiles?limit=%d", limit)
			for pages := 1; path != ""; pages++ {
				require.LessOrEqual(t, pages, len(want), "the pages do not end")
				resp, body := a.do(t, http.MethodGet, path, nil)
				require.Equal(t, http.StatusOK, resp.StatusCode)
				page := decode[listPage](t, body)
				assert.Equal(t, len(want), page.Total)
				got = append(got, page.Items...)

				link := resp.Header.Get("Link")
				if len(got) == len(want) {
					assert.Empty(t, page.Next, "the last page has no next")
					assert.Empty(t, link)
					path = ""
					continue
				}
				require.Len(t, page.Items, limit)
				require.NotEmpty(t, page.Next)
				require.Equal(t, fmt.Sprintf(`</v1/profiles?limit=%d&cursor=%s>; rel="next"`, limit, page.Next), link)
				// Follow the Link header, as a client would.
				path = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestListCursorAndUnknownParameters(t *testing.T) {
	a := newAPI(t, nil, httpapi.WithCursorKey(testCursorKey))
	want := summaries(inListOrder(t))
	cursor := listCursor(testCursorKey, `{"t":"Manajer Pelayanan Sosial","s":"manajer-pelayanan-sosial"}`)

	resp, body := a.do(t, http.MethodGet, "/v1/profiles?cursor="+cursor+"&bahasa=id&limit=2", nil)

	require.Equal(t, http.StatusOK, resp.StatusCode)
	page := decode[listPage](t, body)
	assert.Equal(t, want[2:4], page.Items)
	assert.Equal(t, 5, page.Total)
	assert.Equal(t, listCursor(testCursorKey,
		`{"t":"Pengelola Program Pengembangan Masyarakat","s":"pengelola-program-pengembangan-masyarakat"}`), page.Next)
}

// listCursor returns the cursor of the unfiltered list that the handler
// with the cursor key key gives for the page key in JSON.
func listCursor(key []byte, pageKey string) string {
	return httpapi.SealCursor(key, httpapi.ListCursor, "", pageKey)
}

func TestListRejectsBadParameters(t *testing.T) {
	a := newAPI(t, nil, httpapi.WithCursorKey(testCursorKey))
	cursor := func(s string) string { return listCursor(testCursorKey, s) }
	valid := cursor(`{"t":"Manajer Pelayanan Sosial","s":"manajer-pelayanan-sosial"}`)
	const (
		limit  = "The limit parameter must be given once, as a whole number from 1 to 100."
		cursed = "The cursor parameter must be given once, as the next value of a previous page with the same trait parameters."
	)

	for _, tc := range []struct {
		name, query, detail string
	}{
		{"limit zero", "limit=0", limit},
		{"limit above the maximum", "limit=101", limit},
		{"negative limit", "limit=-1", limit},
		{"limit not a number", "limit=abc", limit},
		{"fractional limit", "limit=1.5", limit},
		{"limit with an exponent", "limit=1e1", limit},
		{"empty limit", "limit=", limit},
		{"repeated limit", "limit=2&limit=3", limit},
		{"cursor not base64url", "cursor=%21%21", cursed},
		{"empty cursor", "cursor=", cursed},
		{"padded cursor", "cursor=" + url.QueryEscape(base64.URLEncoding.EncodeToString([]byte(`{"t":"Manajer","s":"manajer"}`))), cursed},
		{"cursor not JSON", "cursor=" + cursor("bukan json"), cursed},
		{"cursor as a JSON array", "cursor=" + cursor(`["Manajer Pelayanan Sosial","manajer-pelayanan-sosial"]`), cursed},
		{"cursor without slug", "cursor=" + cursor(`{"t":"Manajer Pelayanan Sosial"}`), cursed},
		{"cursor with an empty title", "cursor=" + cursor(`{"t":"","s":"manajer-pelayanan-sosial"}`), cursed},
		{"cursor with NUL", "cursor=" + cursor(`{"t":"Manajer\u0000","s":"manajer-pelayanan-sosial"}`), cursed},
		{"repeated cursor", "cursor=" + valid + "&cursor=" + valid, cursed},
		{"unsealed cursor", "cursor=" + base64.RawURLEncoding.EncodeToString([]byte(`{"t":"Manajer Pelayanan Sosial","s":"manajer-pelayanan-sosial"}`)), cursed},
		{"cursor of another key", "cursor=" + listCursor([]byte("kunci lain"), `{"t":"Manajer Pelayanan Sosial","s":"manajer-pelayanan-sosial"}`), cursed},
		{"cursor of a search", "cursor=" + httpapi.SealCursor(testCursorKey, httpapi.SearchCursor, "", `{"n":2}`), cursed},
		{"cursor of a filter", "cursor=" + httpapi.SealCursor(testCursorKey, httpapi.ListCursor, "komunikasi", `{"t":"Manajer Pelayanan Sosial","s":"manajer-pelayanan-sosial"}`), cursed},
		{"overlong cursor", "cursor=" + strings.Repeat("A", 3000), cursed},
		{"good limit, bad cursor", "limit=2&cursor=%21", cursed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.do(t, http.MethodGet, "/v1/profiles?"+tc.query, nil)

			assert.Equal(t, tc.detail, requireProblem(t, resp, body, http.StatusBadRequest))
		})
	}
}

func TestGetProfile(t *testing.T) {
	start := time.Now()
	a := newAPI(t, nil)

	for _, want := range fixtures(t) {
		t.Run(want.Slug, func(t *testing.T) {
			resp, body := a.do(t, http.MethodGet, "/v1/profiles/"+want.Slug, nil)

			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			got := decode[profile.Profile](t, body)
			assert.WithinRange(t, got.UpdatedAt, start.Add(-time.Minute), time.Now().Add(time.Minute))
			got.UpdatedAt = time.Time{}
			assert.Equal(t, roundTrip(t, *want), got)
		})
	}
}

func TestGetSection(t *testing.T) {
	a := newAPI(t, nil)

	// One profile with every section filled, one with four empty.
	for _, tc := range []struct {
		slug   string
		filled []profile.SectionKey
	}{
		{"manajer-pelayanan-sosial", profile.SectionKeys()},
		{"pendamping-sosial-desa", []profile.SectionKey{profile.Tasks, profile.Fit}},
	} {
		slug, want := tc.slug, fixture(t, tc.slug)
		for _, key := range profile.SectionKeys() {
			require.Equal(t, slices.Contains(tc.filled, key), len(*want.Sections.Sentences(key)) > 0,
				"whether the %s fixture fills %s", slug, key)
		}
		_, body := a.do(t, http.MethodGet, "/v1/profiles/"+slug, nil)
		doc := decode[struct {
			Sections map[string]json.RawMessage `json:"sections"`
		}](t, body)
		require.Len(t, doc.Sections, len(profile.SectionKeys()))

		for _, key := range profile.SectionKeys() {
			t.Run(slug+"/"+string(key), func(t *testing.T) {
				resp, body := a.do(t, http.MethodGet, "/v1/profiles/"+slug+"/"+string(key), nil)

				require.Equal(t, http.StatusOK, resp.StatusCode)
				assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
				assert.JSONEq(t, string(doc.Sections[string(key)]), string(body), "the section as the document holds it")
				section, ok := want.Sections.Get(key)
				require.True(t, ok)
				seeded, err := json.Marshal(section)
				require.NoError(t, err)
				assert.JSONEq(t, string(seeded), string(body), "the section as it was seeded")
			})
		}
	}
}

func TestUnknownProfileOrSection(t *testing.T) {
	a := newAPI(t, nil)
	const sections = "the sections are tasks, fit, non_fit, misconceptions, expectations, comparisons."

	for _, tc := range []struct {
		name, path, detail string
	}{
		{"unknown slug", "/v1/profiles/juru-masak", `No profile has the slug "juru-masak".`},
		{"section of an unknown slug", "/v1/profiles/juru-masak/tasks", `No profile has the slug "juru-masak".`},
		{"unknown section", "/v1/profiles/manajer-pelayanan-sosial/gaji", `Profiles have no section "gaji"; ` + sections},
		{"section key in another case", "/v1/profiles/manajer-pelayanan-sosial/Tasks", `Profiles have no section "Tasks"; ` + sections},
		{"unknown section of an unknown slug", "/v1/profiles/juru-masak/gaji", `Profiles have no section "gaji"; ` + sections},
		{"slug that is not UTF-8", "/v1/profiles/%FF", `No profile has the slug "\xff".`},
		{"slug with NUL", "/v1/profiles/%00", `No profile has the slug "\x00".`},
		{"path below a section", "/v1/profiles/manajer-pelayanan-sosial/tasks/1", "Nothing is served at this path."},
		{"unknown path", "/v2/profiles", "Nothing is served at this path."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.do(t, http.MethodGet, tc.path, nil)

			assert.Equal(t, tc.detail, requireProblem(t, resp, body, http.StatusNotFound))
		})
	}
}
