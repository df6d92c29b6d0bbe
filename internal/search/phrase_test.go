package search_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

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
