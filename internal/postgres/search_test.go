package postgres_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// discovery is what cmd/karir serves discovery from: search and suggest
// from the read model's index, with the store as its language authority,
// and the rest from the store.
type discovery struct {
	*postgres.SearchStore
	*readmodel.Model
}

// seedTexts stores the five seed texts and returns discovery over them.
func seedTexts(t *testing.T, extra ...*profile.Profile) discovery {
	t.Helper()
	pool := db.Reset(t)
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 5)
	var profiles []*profile.Profile
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := parser.Parse(filepath.Base(f), data)
		require.NoError(t, err)
		profiles = append(profiles, p)
	}
	_, err = postgres.NewProfileStore(pool).Seed(t.Context(), append(profiles, extra...))
	require.NoError(t, err)
	store := postgres.NewSearchStore(pool)
	model := readmodel.New(postgres.NewProfileStore(pool), readmodel.Options{Analyzer: store})
	require.NoError(t, model.Reload(t.Context()))
	return discovery{store, model}
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

func search(t *testing.T, s discovery, q profile.SearchQuery) profile.SearchResult {
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

// TestSearchWithoutTheDatabase shows what a request whose context has
// ended, as when the database does not answer in time, gets: the index
// answers whatever needs no database (words of the texts, queries seen
// before, enough titles), and the rest is a 503.
func TestSearchWithoutTheDatabase(t *testing.T) {
	s := seedTexts(t)
	// Asked once with the database: the misspelling's correction and the
	// titles similar to "pen" (the five titles are too few) are cached.
	fuzzy := search(t, s, profile.SearchQuery{Text: "kesejahtraan"})
	require.True(t, fuzzy.Fuzzy)
	var res profile.SearchResult
	suggested, err := s.Suggest(t.Context(), "pen")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	res, err = s.Search(ctx, profile.SearchQuery{Text: "evaluasi anggaran", Limit: 10})
	require.NoError(t, err)
	assert.Equal(t, 5, res.Total)
	res, err = s.Search(ctx, profile.SearchQuery{Text: "kesejahtraan", Limit: 10})
	require.NoError(t, err)
	assert.Equal(t, fuzzy, res)
	got, err := s.Suggest(ctx, "pen")
	require.NoError(t, err)
	assert.Equal(t, suggested, got)
	_, err = s.Search(ctx, profile.SearchQuery{Text: "xqzvw", Limit: 10})
	assert.Equal(t, profile.ETIMEOUT, profile.ErrorCode(err), "a word no text holds: analysed by the database")
	_, err = s.Suggest(ctx, "zq")
	assert.Equal(t, profile.ETIMEOUT, profile.ErrorCode(err), "too few titles: similar ones come from the database")
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

// TestIndexReadsAsPostgreSQL holds the index to the indonesian
// configuration: every word of the seed texts, and every two words that
// follow one another in a sentence as a phrase, find in the index exactly
// the profiles PostgreSQL matches them in (a title or a sentence). Only the
// words of stems.txt find more, as they must.
func TestIndexReadsAsPostgreSQL(t *testing.T) {
	s := seedTexts(t)
	rows, err := db.Pool.Query(t.Context(), `
		WITH words AS (
			SELECT s.profile_id, s.section, s.position, w.w, w.i FROM sentences s,
				regexp_split_to_table(lower(s.text), '[^[:alnum:]]+') WITH ORDINALITY AS w(w, i)
			WHERE w.w <> ''
		), queries AS (
			SELECT DISTINCT w AS q FROM words
			UNION SELECT DISTINCT '"' || a.w || ' ' || b.w || '"' FROM words a JOIN words b USING (profile_id, section, position) WHERE b.i = a.i + 1
		)
		SELECT q, ARRAY(SELECT p.slug FROM profiles p
			WHERE karir_tsvector(p.title) @@ websearch_to_tsquery('indonesian', karir_unaccent(q))
				OR EXISTS (SELECT 1 FROM sentences s WHERE s.profile_id = p.id
					AND karir_tsvector(s.text) @@ websearch_to_tsquery('indonesian', karir_unaccent(q)))
			ORDER BY p.slug COLLATE "C")
		FROM queries
		-- The stems of stems.txt's words: the index widens them.
		WHERE NOT tsvector_to_array(to_tsvector('indonesian', karir_unaccent(q)))
			&& tsvector_to_array(to_tsvector('indonesian', 'merencanakan perencanaan mengawasi pengawasan'))`)
	require.NoError(t, err)
	var q string
	var want []string
	n := 0
	_, err = pgx.ForEachRow(rows, []any{&q, &want}, func() error {
		n++
		res := search(t, s, profile.SearchQuery{Text: q, Limit: 10})
		got := slugs(res.Items)
		slices.Sort(got)
		assert.Equal(t, want, got, q)
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, n, 1000, "words and phrases compared")
}

func TestAnalyze(t *testing.T) {
	store := postgres.NewSearchStore(db.Reset(t))
	got, err := store.Analyze(t.Context(), []string{"isu-isu", "pelayanan", "melayani", "café", "2024"})
	require.NoError(t, err)
	assert.Equal(t, [][][]string{
		{{"isu-isu"}, {"isu"}, {"isu"}}, // the compound, then its parts
		{{"layan"}},
		{{"layan"}},
		{{"cafe"}},
		{{"2024"}},
	}, got)
	fixed, err := store.Correct(t.Context(), []string{"xqzvw", "isu"})
	require.NoError(t, err)
	assert.Equal(t, []string{"xqzvw", "isu"}, fixed, "nothing similar; no text")
}
