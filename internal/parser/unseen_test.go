package parser

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// TestUnseenTexts reads the texts of testdata/unseen: written and keyed by a
// separate writer and held out from every change to the parser, they
// measure how it reads texts it was not tuned on. Each must parse (a
// well-written profile is never refused); how many key sentences land in
// the right section on the right line, and whether the title is found, is
// logged, not required, so that the set stays a measurement and never
// becomes a target to tune to. `make parser-score` prints it.
func TestUnseenTexts(t *testing.T) {
	texts := keyedTexts(t, "unseen")
	placed, total, titles := 0, 0, 0
	for _, text := range texts {
		file, want := text.file, text.want
		p, err := Parse(file, text.data)
		require.NoError(t, err, "a well-written profile is refused")
		got := map[profile.Sentence]profile.SectionKey{}
		for _, key := range profile.SectionKeys() {
			for _, s := range *p.Sections.Sentences(key) {
				got[s] = key
			}
		}
		right := 0
		for _, s := range want.Sentences {
			if got[profile.Sentence{Text: s.Text, Line: s.Line}] == s.Section {
				right++
			}
		}
		if p.Title == want.Title {
			titles++
		}
		placed, total = placed+right, total+len(want.Sentences)
		t.Logf("%s: %d/%d sentences, title %q (key %q)", filepath.Base(file), right, len(want.Sentences), p.Title, want.Title)
	}
	t.Logf("unseen texts: %d/%d sentences placed right (%.1f%%), %d/%d titles", placed, total, 100*float64(placed)/float64(total), titles, len(texts))
}
