package parser

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// answerKey is what a person reading a fresh text by hand says the parser
// must find in it (testdata/fresh/*.want.json).
type answerKey struct {
	Title     string `json:"title"`
	Slug      string `json:"slug"`
	Summary   string `json:"summary"`
	Sentences []struct {
		Section profile.SectionKey `json:"section"`
		Line    int                `json:"line"`
		Text    string             `json:"text"`
	} `json:"sentences"`
	Misconceptions []struct {
		Myth    string `json:"myth_contains"`
		Reality string `json:"reality_contains"`
	} `json:"misconceptions"`
	Expectations []struct {
		Expectation string `json:"expectation_contains"`
		Reality     string `json:"reality_contains"`
	} `json:"expectations"`
	Comparisons []struct {
		Profession string `json:"profession"`
	} `json:"comparisons"`
	FitTraits    []string `json:"fit_traits_include"`
	NonFitTraits []string `json:"non_fit_traits_include"`
}

// keyedText is a text of testdata with its answer key.
type keyedText struct {
	file string
	data []byte
	want answerKey
}

// keyedTexts reads the texts of a folder of testdata and their keys.
func keyedTexts(t testing.TB, dir string) []keyedText {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out []keyedText
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		raw, err := os.ReadFile(strings.TrimSuffix(file, ".txt") + ".want.json")
		require.NoError(t, err)
		var want answerKey
		require.NoError(t, json.Unmarshal(raw, &want))
		out = append(out, keyedText{file: file, data: data, want: want})
	}
	return out
}

// TestParseFreshTexts runs the parser on profiles written for this test in
// the genre but with other jobs, other cue wording and other layouts (CRLF
// with BOM, one paragraph, hard-wrapped lines), against answer keys written
// by hand.
func TestParseFreshTexts(t *testing.T) {
	for _, text := range keyedTexts(t, "fresh") {
		t.Run(filepath.Base(text.file), func(t *testing.T) {
			want := text.want
			e, err := Explain(text.file, text.data)
			require.NoError(t, err)
			p := e.Profile
			assert.Equal(t, want.Title, p.Title)
			assert.Equal(t, want.Slug, p.Slug)
			assert.Equal(t, want.Summary, p.Summary)

			type placed struct {
				Section profile.SectionKey
				Line    int
				Text    string
			}
			var wantPlaced, gotPlaced []placed
			for _, s := range want.Sentences {
				wantPlaced = append(wantPlaced, placed{s.Section, s.Line, s.Text})
			}
			for _, s := range e.Placements {
				gotPlaced = append(gotPlaced, placed{s.Section, s.Line, s.Text})
			}
			// The key lists the sentences in the order of the text, whatever
			// the order of its parts.
			assert.Equal(t, wantPlaced, gotPlaced)

			if assert.Len(t, p.Sections.Misconceptions.Items, len(want.Misconceptions)) {
				for i, w := range want.Misconceptions {
					got := p.Sections.Misconceptions.Items[i]
					assert.Contains(t, strings.ToLower(got.Myth), strings.ToLower(w.Myth))
					assert.Contains(t, strings.ToLower(got.Reality), strings.ToLower(w.Reality))
					assert.NotContains(t, strings.ToLower(got.Myth), strings.ToLower(w.Reality))
				}
			}
			if assert.Len(t, p.Sections.Expectations.Items, len(want.Expectations)) {
				for i, w := range want.Expectations {
					got := p.Sections.Expectations.Items[i]
					assert.Contains(t, strings.ToLower(got.Expectation), strings.ToLower(w.Expectation))
					assert.Contains(t, strings.ToLower(got.Reality), strings.ToLower(w.Reality))
					assert.NotContains(t, strings.ToLower(got.Expectation), strings.ToLower(w.Reality))
				}
			}
			if assert.Len(t, p.Sections.Comparisons.Items, len(want.Comparisons)) {
				for i, w := range want.Comparisons {
					got := p.Sections.Comparisons.Items[i]
					assert.Equal(t, w.Profession, got.Profession)
					assert.NotEmpty(t, got.ThisFocus)
					assert.NotEmpty(t, got.OtherFocus)
				}
			}
			assert.Subset(t, p.Sections.Fit.Traits, want.FitTraits)
			assert.Subset(t, p.Sections.NonFit.Traits, want.NonFitTraits)
		})
	}
}
