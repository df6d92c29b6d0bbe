package search_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// fakeStems is the fake configuration's stemmer: a word's lexeme is its
// stem here, else the word itself; "yang" is a stop word. Like PostgreSQL's,
// it parts merencanakan from perencanaan (stems.txt joins them).
var fakeStems = map[string]string{
	"pelayanan": "layan", "melayani": "layan", "layanan": "layan",
	"merencanakan": "rencana", "perencanaan": "encana",
	"mengawasi": "awasi", "pengawasan": "awas",
	"kesejahteraan": "sejahtera", "program": "program", "isu": "isu",
}

func lexeme(w string) string {
	if l, ok := fakeStems[w]; ok {
		return l
	}
	return w
}

// analyzer is a fake of PostgreSQL's: a hyphenated word is the compound
// and its parts; it counts its calls in analyses.
func analyzer() *mock.TextAnalyzer {
	return analyzerCounting(new(atomic.Int64))
}

func analyzerCounting(analyses *atomic.Int64) *mock.TextAnalyzer {
	return &mock.TextAnalyzer{
		AnalyzeFn: func(_ context.Context, words []string) ([][][]string, error) {
			analyses.Add(1)
			out := make([][][]string, len(words))
			for i, w := range words {
				parts := strings.Split(w, "-")
				if len(parts) > 1 {
					out[i] = append(out[i], []string{w})
				}
				for _, p := range parts {
					if p == "yang" {
						out[i] = append(out[i], []string{})
						continue
					}
					out[i] = append(out[i], []string{lexeme(p)})
				}
			}
			return out, nil
		},
		CorrectFn: func(_ context.Context, words []string) ([]string, error) {
			out := slices.Clone(words)
			for i, w := range words {
				if w == "pelayann" {
					out[i] = "pelayanan"
				}
			}
			return out, nil
		},
		SimilarTitlesFn: func(_ context.Context, text string, limit int) ([]profile.Suggestion, error) {
			if text == "manjer" {
				return []profile.Suggestion{{Slug: "manajer-pelayanan", Title: "Manajer Pelayanan"}}, nil
			}
			return []profile.Suggestion{}, nil
		},
	}
}

// newProfile is a profile with one sentence per section given, in
// SectionKeys order, each on its own line.
func newProfile(title string, sentences ...string) *profile.Profile {
	p := &profile.Profile{Slug: profile.Slugify(title), Title: title, Sections: profile.NewSections()}
	for i, text := range sentences {
		list := p.Sections.Sentences(profile.SectionKeys()[i])
		*list = append(*list, profile.Sentence{Text: text, Line: i + 1})
	}
	return p
}

func sortByTitle(ps []*profile.Profile) []*profile.Profile {
	out := slices.Clone(ps)
	slices.SortFunc(out, func(a, b *profile.Profile) int {
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return out
}

func slugsOf(ps []*profile.Profile) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Slug)
	}
	return out
}

func build(t *testing.T, an profile.TextAnalyzer, ps ...*profile.Profile) *search.Index {
	t.Helper()
	b := search.NewAnalysis(an).NewBuilder(nil)
	for _, p := range ps {
		b.Add(p)
	}
	ix, err := b.Build(t.Context(), slugsOf(sortByTitle(ps)))
	require.NoError(t, err)
	return ix
}

// catalogue is three small profiles.
func catalogue() []*profile.Profile {
	return []*profile.Profile{
		newProfile("Manajer Pelayanan",
			"Manajer Pelayanan merencanakan program pelayanan.",
			"Cocok bagi yang sabar.",
			"Tidak cocok bagi yang malas.",
			"Orang mengira program itu mudah.",
			"Harapan soal isu-isu warga.",
			"Berbeda dari perawat."),
		newProfile("Kepala Program",
			"Kepala Program melakukan pengawasan anggaran.",
			"Cocok bagi yang teliti dalam perencanaan.",
			"Tidak cocok bagi yang melayani <b>diri</b> sendiri & malas."),
		newProfile("Analis Data",
			"Analis Data mengolah angka.",
			"Cocok bagi yang teliti.",
			"",
			"",
			"",
			"Berbeda dari Manajer Pelayanan yang mengawasi program."),
	}
}

type result struct {
	slug  string
	score float64
}

func results(res profile.SearchResult) []result {
	out := []result{}
	for _, h := range res.Items {
		out = append(out, result{h.Slug, h.Score})
	}
	return out
}

func find(t *testing.T, ix *search.Index, q profile.SearchQuery) profile.SearchResult {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 10
	}
	res, err := ix.Search(t.Context(), q)
	require.NoError(t, err)
	return res
}

func TestSearchScores(t *testing.T) {
	ix := build(t, analyzer(), catalogue()...)
	for _, tc := range []struct {
		q    string
		want []result
	}{
		// Every word: 2; the title: 1; then F/(F+10) where F is the
		// occurrences weighted in tenths (title 10, tasks 4, fit and
		// non_fit 2, the rest 1). Manajer: the title 10, and twice in
		// tasks (the title named, and "pelayanan") 8: 18/28. Kepala:
		// "melayani" has the same stem, in non_fit: 2/12. Analis: once in
		// comparisons: 1/11.
		{"pelayanan", []result{{"manajer-pelayanan", 3.6429}, {"kepala-program", 2.1667}, {"analis-data", 2.0909}}},
		{"melayani", []result{{"manajer-pelayanan", 3.6429}, {"kepala-program", 2.1667}, {"analis-data", 2.0909}}},
		// stems.txt: merencanakan finds perencanaan and back.
		{"merencanakan", []result{{"manajer-pelayanan", 2.2857}, {"kepala-program", 2.1667}}},
		{"perencanaan", []result{{"manajer-pelayanan", 2.2857}, {"kepala-program", 2.1667}}},
		// All words first, then some of them.
		// Kepala: program in the title 10 and named in tasks 4, anggaran
		// in tasks 4: 18/28. Manajer: program in tasks and misconceptions.
		{"program anggaran", []result{{"kepala-program", 3.6429}, {"manajer-pelayanan", 0.3333}, {"analis-data", 0.0909}}},
		{`"program pelayanan"`, []result{{"manajer-pelayanan", 2.2857}}},
		{`"pelayanan yang mengawasi"`, []result{{"analis-data", 2.0909}}},
		// Phrases in the title, into and out of the title named in a
		// sentence, and over all of it.
		{`"kepala program"`, []result{{"kepala-program", 3.5833}}},
		{`"program melakukan"`, []result{{"kepala-program", 2.2857}}},
		{`"cocok bagi yang teliti"`, []result{{"analis-data", 2.1667}, {"kepala-program", 2.1667}}},
		{`"manajer pelayanan merencanakan program"`, []result{{"manajer-pelayanan", 2.2857}}},
		{`"dari manajer pelayanan"`, []result{{"analis-data", 2.0909}}},
		{"program -anggaran", []result{{"manajer-pelayanan", 2.3333}, {"analis-data", 2.0909}}},
		{"-program", []result{}},
		{"yang", []result{}},
		{"xqzvw", []result{}},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res := find(t, ix, profile.SearchQuery{Text: tc.q})
			assert.Equal(t, tc.want, results(res))
			assert.Equal(t, len(tc.want), res.Total)
			assert.False(t, res.Fuzzy)
		})
	}
}

func TestSearchMatchesAndSnippets(t *testing.T) {
	ix := build(t, analyzer(), catalogue()...)
	res := find(t, ix, profile.SearchQuery{Text: "pelayanan isu"})
	require.Len(t, res.Items, 3)
	assert.Equal(t, []profile.SearchMatch{
		{Section: profile.Tasks, Line: 1, Text: "Manajer Pelayanan merencanakan program pelayanan.",
			Snippet: "Manajer <mark>Pelayanan</mark> merencanakan program <mark>pelayanan</mark>."},
		{Section: profile.Expectations, Line: 5, Text: "Harapan soal isu-isu warga.",
			Snippet: "Harapan soal <mark>isu</mark>-<mark>isu</mark> warga."},
	}, res.Items[0].Matches)

	res = find(t, ix, profile.SearchQuery{Text: "melayani"})
	require.Len(t, res.Items, 3)
	assert.Equal(t, []profile.SearchMatch{
		{Section: profile.NonFit, Line: 3, Text: "Tidak cocok bagi yang melayani <b>diri</b> sendiri & malas.",
			Snippet: "Tidak cocok bagi yang <mark>melayani</mark> &lt;b&gt;diri&lt;/b&gt; sendiri &amp; malas."},
	}, res.Items[1].Matches)

	// A phrase that runs out of the title a sentence names finds that
	// sentence; "program" is marked in the title and in the other sentence
	// that names it.
	res = find(t, ix, profile.SearchQuery{Text: `"program melakukan"`})
	require.Len(t, res.Items, 1)
	assert.Equal(t, []profile.SearchMatch{
		{Section: profile.Tasks, Line: 1, Text: "Kepala Program melakukan pengawasan anggaran.",
			Snippet: "Kepala <mark>Program</mark> <mark>melakukan</mark> pengawasan anggaran."},
	}, res.Items[0].Matches)

	// The compound itself marks the whole word.
	res = find(t, ix, profile.SearchQuery{Text: `"isu isu"`})
	require.Len(t, res.Items, 1)
	assert.Equal(t, "Harapan soal <mark>isu</mark>-<mark>isu</mark> warga.", res.Items[0].Matches[0].Snippet)
}

func TestSearchSectionAndPaging(t *testing.T) {
	ix := build(t, analyzer(), catalogue()...)
	// With a section, the title does not count, nor how often.
	res := find(t, ix, profile.SearchQuery{Text: "pelayanan", Section: profile.Tasks})
	assert.Equal(t, []result{{"manajer-pelayanan", 2.2857}}, results(res))
	res = find(t, ix, profile.SearchQuery{Text: "teliti", Section: profile.Fit})
	assert.Equal(t, []result{{"analis-data", 2.1667}, {"kepala-program", 2.1667}}, results(res))
	assert.Equal(t, profile.Fit, res.Items[1].Matches[0].Section)

	// Pages of one make the whole, with the total of all: a page full of
	// profiles matching every word ends the search early.
	for _, q := range []string{"melayani", "merencanakan", `"cocok bagi yang teliti"`, "program anggaran", `program "program pelayanan"`, "pelayanan program -anggaran"} {
		all := find(t, ix, profile.SearchQuery{Text: q})
		var paged []result
		for offset := range all.Total {
			page := find(t, ix, profile.SearchQuery{Text: q, Limit: 1, Offset: offset})
			assert.Equal(t, all.Total, page.Total, q)
			paged = append(paged, results(page)...)
		}
		assert.Equal(t, results(all), paged, q)
		page := find(t, ix, profile.SearchQuery{Text: q, Limit: 1, Offset: all.Total})
		assert.Equal(t, profile.SearchResult{Items: []profile.SearchHit{}, Total: all.Total}, page, q)
	}
	// Kepala is excluded. Manajer: pelayanan 18 as above, program in tasks
	// and misconceptions 5: 23/33. Analis: both once in comparisons: 2/12.
	assert.Equal(t, []result{{"manajer-pelayanan", 3.697}, {"analis-data", 2.1667}},
		results(find(t, ix, profile.SearchQuery{Text: "pelayanan program -anggaran"})))
}

func TestSearchFuzzy(t *testing.T) {
	ix := build(t, analyzer(), catalogue()...)
	res := find(t, ix, profile.SearchQuery{Text: "pelayann"})
	assert.True(t, res.Fuzzy)
	assert.Equal(t, []result{{"manajer-pelayanan", 3.6429}, {"kepala-program", 2.1667}, {"analis-data", 2.0909}}, results(res))
	res = find(t, ix, profile.SearchQuery{Text: "zzz"})
	assert.Equal(t, profile.SearchResult{Items: []profile.SearchHit{}}, res)
}

func TestSearchCachesTheAnalysis(t *testing.T) {
	var analyses atomic.Int64
	an := analyzerCounting(&analyses)
	ix := build(t, an, catalogue()...)
	require.Equal(t, int64(1), analyses.Load(), "the texts' words, at once")

	find(t, ix, profile.SearchQuery{Text: "program pelayanan"})
	assert.Equal(t, int64(1), analyses.Load(), "words of the texts are known")
	find(t, ix, profile.SearchQuery{Text: "mengurus"})
	find(t, ix, profile.SearchQuery{Text: "mengurus program"})
	assert.Equal(t, int64(2), analyses.Load(), "a word no text holds, analysed once")

	// Without the analyzer, what is known still answers.
	an.AnalyzeFn = func(context.Context, []string) ([][][]string, error) { return nil, errors.New("down") }
	an.CorrectFn = func(context.Context, []string) ([]string, error) { return nil, errors.New("down") }
	find(t, ix, profile.SearchQuery{Text: "mengurus"})
	_, err := ix.Search(t.Context(), profile.SearchQuery{Text: "lansia", Limit: 10})
	assert.EqualError(t, err, "down")
}

func TestRebuildKeepsTheRest(t *testing.T) {
	ps := catalogue()
	first := build(t, analyzer(), ps...)
	b := search.NewAnalysis(analyzer()).NewBuilder(first)
	changed := newProfile("Kepala Program", "Kepala Program melayani lansia.")
	b.Add(changed)
	// Analis Data is gone.
	ix, err := b.Build(t.Context(), []string{"kepala-program", "manajer-pelayanan"})
	require.NoError(t, err)
	assert.Equal(t, []result{{"kepala-program", 2.2857}}, results(find(t, ix, profile.SearchQuery{Text: "lansia"})))
	assert.Equal(t, []result{{"kepala-program", 3.5833}, {"manajer-pelayanan", 2.3333}},
		results(find(t, ix, profile.SearchQuery{Text: "program"})))
	assert.Equal(t, []result{}, results(find(t, ix, profile.SearchQuery{Text: "analis"})))
	assert.Equal(t, []result{{"analis-data", 3.5833}}, results(find(t, first, profile.SearchQuery{Text: "analis"})))
}

// TestRefreshAsFromScratch changes a catalogue (profiles added, replaced
// with new titles and texts, removed) and holds the index refreshed from
// the old one to the index built from nothing over the new catalogue.
func TestRefreshAsFromScratch(t *testing.T) {
	gen, err := generate.FromDir("../../seeds")
	require.NoError(t, err)
	profileAt := func(i int) *profile.Profile {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(t, err)
		return p
	}
	var before, after []*profile.Profile
	for i := range 1500 {
		before = append(before, profileAt(i))
		switch {
		case i%15 == 0: // removed
		case i%25 == 1: // replaced: another profile's title and texts under this slug
			p := profileAt(1500 + i)
			p.Slug = before[i].Slug
			after = append(after, p)
		default:
			after = append(after, before[i])
		}
	}
	for i := 3000; i < 3300; i++ {
		after = append(after, profileAt(i))
	}
	an := analyzer()
	old := build(t, an, before...)
	b := search.NewAnalysis(an).NewBuilder(old)
	for _, p := range after[len(after)-300:] {
		b.Add(p)
	}
	for i, p := range before {
		if i%25 == 1 && i%15 != 0 {
			b.Add(after[slices.IndexFunc(after, func(q *profile.Profile) bool { return q.Slug == p.Slug })])
		}
	}
	refreshed, err := b.Build(t.Context(), slugsOf(sortByTitle(after)))
	require.NoError(t, err)
	fresh := build(t, an, after...)

	assert.Equal(t, search.Postings(fresh), search.Postings(refreshed))
	freshTitles, freshTerms := search.SuggestArrays(fresh)
	titles, terms := search.SuggestArrays(refreshed)
	assert.Equal(t, freshTitles, titles)
	assert.Equal(t, freshTerms, terms)
	for _, q := range []string{"evaluasi", "lansia", "pelayanan sosial", `"pelayanan sosial"`, "koordinator -anggaran", `"pekerjaan koordinator"`} {
		for _, section := range []profile.SectionKey{"", profile.Tasks} {
			query := profile.SearchQuery{Text: q, Section: section, Limit: 20}
			assert.Equal(t, find(t, fresh, query), find(t, refreshed, query), "%s in %q", q, section)
		}
	}
	for _, prefix := range []string{"ko", "kepala", "lay", "suka"} {
		want, err := fresh.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		got, err := refreshed.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		assert.Equal(t, want, got, prefix)
	}

	// Ordinals out of the old order (not a catalogue's) are posted anew.
	reversed := slugsOf(sortByTitle(after))
	slices.Reverse(reversed)
	again, err := search.NewAnalysis(an).NewBuilder(refreshed).Build(t.Context(), reversed)
	require.NoError(t, err)
	fromNothing := search.NewAnalysis(an).NewBuilder(nil)
	for _, p := range after {
		fromNothing.Add(p)
	}
	wantReversed, err := fromNothing.Build(t.Context(), reversed)
	require.NoError(t, err)
	assert.Equal(t, search.Postings(wantReversed), search.Postings(again))
}

func TestSuggest(t *testing.T) {
	ps := append(catalogue(), newProfile("Pelaksana Program Élite"), newProfile("Pengawas Pelayanan Data"))
	ix := build(t, analyzer(), ps...)
	titles := func(prefix string) []string {
		got, err := ix.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		out := []string{}
		for _, g := range got {
			out = append(out, g.Title)
		}
		return out
	}
	// Titles starting with it, then titles with a later word that does, in
	// the order of that word.
	assert.Equal(t, []string{"Pelaksana Program Élite", "Pengawas Pelayanan Data", "Manajer Pelayanan"}, titles("pe"))
	assert.Equal(t, []string{"Analis Data", "Pengawas Pelayanan Data"}, titles(" DATA "))
	assert.Equal(t, []string{"Pelaksana Program Élite"}, titles("eli"))
	assert.Equal(t, []string{"Kepala Program", "Pelaksana Program Élite"}, titles("program"))
	// Similar titles after those.
	assert.Equal(t, []string{"Manajer Pelayanan"}, titles("manjer"))
	assert.Equal(t, []string{}, titles("zq"))
	_, err := ix.Suggest(t.Context(), " k ")
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
}

// fakePositions reads text as the fake analyzer does: each word's lexeme,
// a hyphenated word as the compound and its parts.
func fakePositions(text string) []string {
	var out []string
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '-'
	})
	for _, w := range words {
		w = strings.Trim(w, "-")
		if w == "" {
			continue
		}
		parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' })
		if len(parts) > 1 {
			out = append(out, strings.Join(parts, "-"))
		}
		for _, p := range parts {
			out = append(out, lexeme(p))
		}
	}
	return out
}

// TestPhrasesOverRecombinedTexts checks phrases on a catalogue whose
// sections repeat (the index then checks each stored section once, and the
// profiles whose titles hold a word of the phrase one by one) against
// reading every sentence.
func TestPhrasesOverRecombinedTexts(t *testing.T) {
	gen, err := generate.FromDir("../../seeds")
	require.NoError(t, err)
	// Enough profiles for the 50 or so stored sections to be few.
	var ps []*profile.Profile
	// read is each profile's title and sentences, by section (0 the
	// title), as positions.
	var read [][7][][]string
	for i := range 3300 {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(t, err)
		ps = append(ps, p)
		var r [7][][]string
		r[0] = [][]string{fakePositions(p.Title)}
		for k, key := range profile.SectionKeys() {
			for _, s := range *p.Sections.Sentences(key) {
				r[k+1] = append(r[k+1], fakePositions(s.Text))
			}
		}
		read = append(read, r)
	}
	ix := build(t, analyzer(), ps...)
	// holds reads the stop word of the fake analyzer in the phrase as any
	// word.
	holds := func(seqs [][]string, phrase []string) bool {
		return slices.ContainsFunc(seqs, func(seq []string) bool {
			for i := 0; i+len(phrase) <= len(seq); i++ {
				if slices.EqualFunc(seq[i:i+len(phrase)], phrase, func(got, want string) bool { return got == want || want == "yang" }) {
					return true
				}
			}
			return false
		})
	}
	phrases := []string{"pelayanan sosial", "layanan lansia", "lansia wilayah", "pekerjaan koordinator", "isu isu"}
	for i := 0; i < len(ps); i += 331 {
		phrases = append(phrases, acrossTitle(ps[i])...)
	}
	for _, q := range phrases {
		for _, section := range []int{-1, 0} { // all, tasks
			phrase := fakePositions(q)
			want := []string{}
			for i, r := range read {
				for k := range r {
					if (section < 0 || k == section+1) && holds(r[k], phrase) {
						want = append(want, ps[i].Slug)
						break
					}
				}
			}
			q := profile.SearchQuery{Text: `"` + q + `"`, Limit: len(ps)}
			if section >= 0 {
				q.Section = profile.SectionKeys()[section]
			}
			res := find(t, ix, q)
			if section < 0 {
				assert.NotEmpty(t, want, q.Text)
			}
			assert.Equal(t, len(want), res.Total, "%s in %q", q.Text, q.Section)
			got := slugsOfHits(res)
			slices.Sort(want)
			slices.Sort(got)
			assert.Equal(t, want, got, "%s in %q", q.Text, q.Section)
			// Ranked by blocks as from where the phrase is found.
			for _, k := range []int{1, 20} {
				byBlocks, byMatch, blocksTotal, matchTotal, err := search.RankPhraseBothWays(t.Context(), ix, q.Text, q.Section, k)
				require.NoError(t, err)
				assert.Equal(t, matchTotal, blocksTotal, "%s in %q", q.Text, q.Section)
				assert.Equal(t, byMatch, byBlocks, "%s in %q, %d", q.Text, q.Section, k)
			}
		}
	}
}

// acrossTitle returns, for the first sentence of p that names its title
// between other words, the phrases of two words that run into the title
// and out of it, and the phrase of the title with a word on each side.
func acrossTitle(p *profile.Profile) []string {
	for _, key := range profile.SectionKeys() {
		for _, s := range *p.Sections.Sentences(key) {
			before, after, ok := strings.Cut(s.Text, p.Title)
			notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
			wordsBefore, wordsAfter := strings.FieldsFunc(before, notLetter), strings.FieldsFunc(after, notLetter)
			if !ok || len(wordsBefore) == 0 || len(wordsAfter) == 0 {
				continue
			}
			titleWords := strings.Fields(p.Title)
			last, next := wordsBefore[len(wordsBefore)-1], wordsAfter[0]
			return []string{
				last + " " + titleWords[0],
				titleWords[len(titleWords)-1] + " " + next,
				last + " " + p.Title + " " + next,
				// A stop word matches any word: here every word of the title.
				last + strings.Repeat(" yang", len(titleWords)) + " " + next,
			}
		}
	}
	return nil
}

// TestRankingByBlocks holds the ranking of words by blocks, which skips
// the blocks that cannot reach the page, to the ranking that reads every
// posting, over words common and rare, at every depth.
func TestRankingByBlocks(t *testing.T) {
	gen, err := generate.FromDir("../../seeds")
	require.NoError(t, err)
	var ps []*profile.Profile
	var vocabulary []string
	for i := range 5000 {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(t, err)
		ps = append(ps, p)
		if i%50 == 0 {
			vocabulary = append(vocabulary, strings.Fields(p.Title)...)
			vocabulary = append(vocabulary, strings.Fields((*p.Sections.Sentences(profile.SectionKeys()[i/50%6]))[0].Text)...)
		}
	}
	ix := build(t, analyzer(), ps...)
	random := rand.New(rand.NewPCG(7, 11))
	queries := 0
	for queries < 150 {
		words := make([]string, 1+random.IntN(4))
		for i := range words {
			words[i] = strings.Trim(vocabulary[random.IntN(len(vocabulary))], ".,;:()")
		}
		q := strings.Join(words, " ")
		for _, k := range []int{1, 20, 1000, len(ps)} {
			byBlocks, byTerms, blocksTotal, termsTotal, err := search.RankWordsBothWays(t.Context(), ix, q, k)
			if err != nil {
				break // a stop word or a hyphenated word: not words only
			}
			queries++
			assert.Equal(t, termsTotal, blocksTotal, "%q, %d", q, k)
			assert.Equal(t, byTerms, byBlocks, "%q, %d", q, k)
		}
	}
}

func slugsOfHits(res profile.SearchResult) []string {
	out := []string{}
	for _, h := range res.Items {
		out = append(out, h.Slug)
	}
	return out
}
