package search_test

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

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

// indexer builds indexes with one engine, making the Doc of each profile
// once, as the read model does.
type indexer struct {
	engine *search.Engine
	docs   map[*profile.Profile]*search.Doc
}

func newIndexer(an profile.TextAnalyzer) *indexer {
	return &indexer{engine: search.NewEngine(an), docs: map[*profile.Profile]*search.Doc{}}
}

func (x *indexer) doc(p *profile.Profile) *search.Doc {
	if d, ok := x.docs[p]; ok {
		return d
	}
	d := x.engine.NewDoc(p, p.Slug, p.Title)
	x.docs[p] = &d
	return &d
}

// build returns the index of order, the catalogue's order: from nothing
// when prev is nil, else prev updated with the profiles of added added and
// those order no longer holds removed.
func (x *indexer) build(t testing.TB, prev *search.Index, added, order []*profile.Profile) *search.Index {
	t.Helper()
	b := x.engine.NewBuilder(prev)
	docs := make([]*search.Doc, len(order))
	holds := map[*search.Doc]bool{}
	for i, p := range order {
		docs[i] = x.doc(p)
		holds[docs[i]] = true
	}
	for _, p := range added {
		if holds[x.doc(p)] { // not added and replaced or removed since
			b.Add(x.doc(p), p)
		}
	}
	if prev == nil {
		ix, err := b.Build(t.Context(), docs)
		require.NoError(t, err)
		return ix
	}
	for _, d := range search.DocsOf(prev) {
		if !holds[d] {
			b.Remove(d)
		}
	}
	ix, err := b.Update(t.Context())
	require.NoError(t, err)
	require.Equal(t, docs, search.DocsOf(ix), "the index holds the catalogue in its order")
	return ix
}

// build returns the index of ps, read with an.
func build(t testing.TB, an profile.TextAnalyzer, ps ...*profile.Profile) *search.Index {
	t.Helper()
	return newIndexer(an).build(t, nil, ps, sortByTitle(ps))
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

func slugsOfHits(res profile.SearchResult) []string {
	out := []string{}
	for _, h := range res.Items {
		out = append(out, h.Slug)
	}
	return out
}

// person is a profile made for discovery: its title, fit and non_fit
// traits and the professions it compares itself with.
func person(title string, fit, nonFit []string, professions ...string) *profile.Profile {
	p := &profile.Profile{Slug: profile.Slugify(title), Title: title, Sections: profile.NewSections()}
	p.Sections.Fit.Traits = fit
	p.Sections.NonFit.Traits = nonFit
	for _, prof := range professions {
		p.Sections.Comparisons.Items = append(p.Sections.Comparisons.Items, profile.Comparison{Profession: prof})
	}
	return p
}

func traits(names ...string) []string { return names }

// discoveredIndex is an index without an analyzer, as discovery reads it,
// and its profiles in their order.
type discoveredIndex struct {
	*search.Index
	order []*profile.Profile
}

func discovered(t *testing.T, ps ...*profile.Profile) discoveredIndex {
	order := sortByTitle(ps)
	return discoveredIndex{newIndexer(nil).build(t, nil, ps, order), order}
}

// related answers Related for the profile under slug.
func (ix discoveredIndex) related(slug string) []profile.RelatedProfile {
	return search.RelatedAt(ix.Index, slices.IndexFunc(ix.order, func(p *profile.Profile) bool { return p.Slug == slug }))
}
