package postgres_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// seedTexts stores the five seed texts and returns the search store.
func seedTexts(t *testing.T, extra ...*profile.Profile) *postgres.SearchStore {
	t.Helper()
	pool := db.Reset(t)
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 5)
	var profiles []*profile.Profile
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := profile.Parse(filepath.Base(f), data)
		require.NoError(t, err)
		profiles = append(profiles, p)
	}
	_, err = postgres.NewProfileStore(pool).Seed(t.Context(), append(profiles, extra...))
	require.NoError(t, err)
	return postgres.NewSearchStore(pool)
}

// scriptProfile holds markup in its text, which snippets must escape.
func scriptProfile() *profile.Profile {
	p := fullProfile("penulis-laporan", "Penulis Laporan")
	p.Sections.Tasks.Sentences = []profile.Sentence{
		{Text: `Menulis <script>alert("x")</script> laporan & ringkasan.`, Line: 1},
	}
	return p
}

// slugs lists the slugs of the hits, in order.
func slugs(hits []profile.SearchHit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Slug)
	}
	return out
}

func search(t *testing.T, s *postgres.SearchStore, q profile.SearchQuery) profile.SearchResult {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 10
	}
	res, err := s.Search(t.Context(), q)
	require.NoError(t, err)
	return res
}

func TestSearchFindsByStem(t *testing.T) {
	s := seedTexts(t)
	for _, tc := range []struct {
		q, first, marked string
	}{
		{"melayani", "manajer-pelayanan-sosial", "<mark>pelayanan</mark>"},
		{"sejahtera", "kepala-bagian-kesejahteraan-masyarakat", "<mark>Kesejahteraan</mark>"},
		// The stem corrections of stems.txt.
		{"merencanakan", "pengelola-program-pengembangan-masyarakat", "<mark>perencanaan</mark>"},
		{"mengawasi", "direktur-lembaga-kesejahteraan-sosial", "<mark>pengawasan</mark>"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res := search(t, s, profile.SearchQuery{Text: tc.q})
			require.NotEmpty(t, res.Items)
			assert.False(t, res.Fuzzy)
			assert.Equal(t, tc.first, res.Items[0].Slug)
			assert.Contains(t, res.Items[0].Matches[0].Snippet, tc.marked)
		})
	}
}

func TestStemCorrectionsAreNeeded(t *testing.T) {
	// Without stems.txt these pairs would not find each other.
	pool := db.Reset(t)
	for _, pair := range [][2]string{{"merencanakan", "perencanaan"}, {"mengawasi", "pengawasan"}} {
		var same bool
		require.NoError(t, pool.QueryRow(t.Context(),
			`SELECT to_tsquery('indonesian', $1) = to_tsquery('indonesian', $2)`, pair[0], pair[1]).Scan(&same))
		assert.False(t, same, "%s and %s", pair[0], pair[1])
	}
}

func TestSearchRanksAllWordsFirst(t *testing.T) {
	s := seedTexts(t)
	res := search(t, s, profile.SearchQuery{Text: "evaluasi anggaran"})
	require.Equal(t, 5, res.Total)
	// Only the director's profile names both words; the rest follow.
	assert.Equal(t, "direktur-lembaga-kesejahteraan-sosial", res.Items[0].Slug)
	assert.Greater(t, res.Items[0].Score, 2.0)
	for _, h := range res.Items[1:] {
		assert.Less(t, h.Score, 1.0, h.Slug)
	}
}

func TestSearchPhraseAndExclusion(t *testing.T) {
	s := seedTexts(t)

	res := search(t, s, profile.SearchQuery{Text: `"pelayanan sosial"`})
	assert.Equal(t, []string{"manajer-pelayanan-sosial", "direktur-lembaga-kesejahteraan-sosial", "kepala-bagian-kesejahteraan-masyarakat"}, slugs(res.Items))
	assert.Contains(t, res.Items[0].Matches[0].Snippet, "<mark>pelayanan</mark> <mark>sosial</mark>")

	res = search(t, s, profile.SearchQuery{Text: "evaluasi -anggaran"})
	assert.Equal(t, 4, res.Total)
	assert.NotContains(t, slugs(res.Items), "direktur-lembaga-kesejahteraan-sosial")

	res = search(t, s, profile.SearchQuery{Text: "evaluasi -masyarakat"})
	assert.Equal(t, profile.SearchResult{Items: []profile.SearchHit{}}, res, "every profile names masyarakat")
}

func TestSearchTitleHitFirst(t *testing.T) {
	s := seedTexts(t)
	res := search(t, s, profile.SearchQuery{Text: "direktur"})
	require.NotEmpty(t, res.Items)
	assert.Equal(t, "direktur-lembaga-kesejahteraan-sosial", res.Items[0].Slug)
	assert.Greater(t, res.Items[0].Score, 3.0, "all words and the title")
}

func TestSearchFuzzy(t *testing.T) {
	s := seedTexts(t)
	for q, want := range map[string]string{
		"kesejahtraan": "kepala-bagian-kesejahteraan-masyarakat",
		"komunkasi":    "kepala-bagian-kesejahteraan-masyarakat",
	} {
		res := search(t, s, profile.SearchQuery{Text: q})
		assert.True(t, res.Fuzzy, q)
		require.NotEmpty(t, res.Items, q)
		assert.Equal(t, want, res.Items[0].Slug, q)
	}
	res := search(t, s, profile.SearchQuery{Text: "xqzvw"})
	assert.Equal(t, profile.SearchResult{Items: []profile.SearchHit{}}, res)
}

func TestSearchSnippetEscapes(t *testing.T) {
	s := seedTexts(t, scriptProfile())
	res := search(t, s, profile.SearchQuery{Text: "laporan ringkasan"})
	require.NotEmpty(t, res.Items)
	assert.Equal(t, "penulis-laporan", res.Items[0].Slug)
	assert.Equal(t, profile.SearchMatch{
		Section: profile.Tasks,
		Line:    1,
		Text:    `Menulis <script>alert("x")</script> laporan & ringkasan.`,
		Snippet: `Menulis &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; <mark>laporan</mark> &amp; <mark>ringkasan</mark>.`,
	}, res.Items[0].Matches[0])
}

func TestSearchSectionAndPaging(t *testing.T) {
	s := seedTexts(t)

	res := search(t, s, profile.SearchQuery{Text: "empati", Section: profile.NonFit})
	require.NotEmpty(t, res.Items)
	for _, h := range res.Items {
		for _, m := range h.Matches {
			assert.Equal(t, profile.NonFit, m.Section)
		}
	}

	all := search(t, s, profile.SearchQuery{Text: "program", Limit: 10})
	require.Equal(t, 5, all.Total)
	var paged []string
	for offset := 0; offset < all.Total; offset += 2 {
		page := search(t, s, profile.SearchQuery{Text: "program", Limit: 2, Offset: offset})
		assert.Equal(t, 5, page.Total)
		paged = append(paged, slugs(page.Items)...)
	}
	assert.Equal(t, slugs(all.Items), paged)
	for _, h := range all.Items {
		assert.NotEmpty(t, h.Matches)
		assert.LessOrEqual(t, len(h.Matches), 3)
	}
}

func TestSearchRefusesBadQueries(t *testing.T) {
	s := seedTexts(t)
	for _, q := range []profile.SearchQuery{
		{Text: "  ", Limit: 10},
		{Text: strings.Repeat("a", 201), Limit: 10},
		{Text: "a\x00", Limit: 10},
		{Text: "evaluasi", Section: "judul", Limit: 10},
		{Text: "evaluasi", Limit: 0},
	} {
		_, err := s.Search(t.Context(), q)
		assert.Equal(t, profile.EINVALID, profile.ErrorCode(err), "%+v", q)
	}
}

func TestSearchHonoursTheDeadline(t *testing.T) {
	s := seedTexts(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	// A request out of time is the database not answering in time: 503.
	_, err := s.Search(ctx, profile.SearchQuery{Text: "evaluasi", Limit: 10})
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
	_, err = s.Suggest(ctx, "kes")
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
}

func TestSuggestOrder(t *testing.T) {
	s := seedTexts(t)
	titles := func(prefix string) []string {
		got, err := s.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		out := []string{}
		for _, g := range got {
			out = append(out, g.Title)
		}
		return out
	}
	// The title that starts with it first, then titles with a later word
	// starting with it, in the order of that word.
	assert.Equal(t, []string{
		"Kepala Bagian Kesejahteraan Masyarakat",
		"Direktur Lembaga Kesejahteraan Sosial",
		"Pengurus Program Kesejahteraan Sosial",
	}, titles("ke"))
	assert.Equal(t, []string{
		"Manajer Pelayanan Sosial",
		"Kepala Bagian Kesejahteraan Masyarakat",
		"Pengelola Program Pengembangan Masyarakat",
	}, titles("MAN"))
	assert.Equal(t, []string{"Pengelola Program Pengembangan Masyarakat", "Pengurus Program Kesejahteraan Sosial"}, titles(" pen "))
	// No prefix: similar titles.
	assert.Equal(t, []string{"Manajer Pelayanan Sosial"}, titles("pelayanan sosil"))
	assert.Equal(t, []string{}, titles("zq"))

	_, err := s.Suggest(t.Context(), " k ")
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
}

func TestListTraitFilter(t *testing.T) {
	seedTexts(t)
	store := postgres.NewProfileStore(db.Pool)
	filter := profile.ListFilter{Traits: []string{"kepemimpinan", "komunikasi"}}

	page, err := store.List(t.Context(), 2, nil, filter)
	require.NoError(t, err)
	assert.Equal(t, 3, page.Total)
	assert.Equal(t, []string{"direktur-lembaga-kesejahteraan-sosial", "kepala-bagian-kesejahteraan-masyarakat"},
		[]string{page.Items[0].Slug, page.Items[1].Slug})
	for _, item := range page.Items {
		assert.Subset(t, item.Traits, filter.Traits)
	}
	require.NotNil(t, page.Next)

	page, err = store.List(t.Context(), 2, page.Next, filter)
	require.NoError(t, err)
	assert.Equal(t, 3, page.Total)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "manajer-pelayanan-sosial", page.Items[0].Slug)
	assert.Nil(t, page.Next)

	page, err = store.List(t.Context(), 10, nil, profile.ListFilter{Traits: []string{"kesabaran"}})
	require.NoError(t, err)
	assert.Equal(t, profile.Page{Items: []profile.Summary{}}, page)

	_, err = store.List(t.Context(), 10, nil, profile.ListFilter{Traits: []string{"terbang"}})
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
	assert.ErrorContains(t, err, `"terbang" is not a known trait; the traits are empati, kepedulian,`)
}
