package search_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/profile"
)

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
