package parser

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// neutral stands in for a part's opening sentence: it carries no cue of
// any part, the way an opening worded as no cue knows would read.
const neutral = "Hal itu patut dicatat."

// TestPlacementSurvivesAnUnknownOpening: when the sentence that opens one
// part of a fresh text carries no cue at all, the parts after it in the
// text still open where they did: one unknown opening must not push later
// parts off.
// The part itself, and the one before it, may take its sentences.
func TestPlacementSurvivesAnUnknownOpening(t *testing.T) {
	var pushed []string
	tried := 0
	for _, kt := range keyedTexts(t, "fresh") {
		file, data, want := kt.file, kt.data, kt.want
		opens := map[profile.SectionKey]int{} // where each part opens in the key
		for i, s := range want.Sentences {
			if _, ok := opens[s.Section]; !ok {
				opens[s.Section] = i
			}
		}
		for _, key := range profile.SectionKeys() {
			opening, ok := opens[key]
			if !ok || opening == 0 || !strings.Contains(string(data), want.Sentences[opening].Text) {
				// A wrapped sentence cannot be replaced whole.
				continue
			}
			text := strings.Replace(string(data), want.Sentences[opening].Text, neutral, 1)
			p, err := Parse(file, []byte(text))
			if err != nil {
				pushed = append(pushed, fmt.Sprintf("%s without its %s opening: %v", filepath.Base(file), key, err))
				continue
			}
			tried++
			got := map[string]profile.SectionKey{}
			for _, sk := range profile.SectionKeys() {
				for _, s := range *p.Sections.Sentences(sk) {
					got[s.Text] = sk
				}
			}
			for _, s := range want.Sentences {
				if opens[s.Section] > opening && got[s.Text] != s.Section {
					pushed = append(pushed, fmt.Sprintf("%s without its %s opening: %q went to %s, not %s", filepath.Base(file), key, s.Text, got[s.Text], s.Section))
				}
			}
		}
	}
	require.Greater(t, tried, 100)
	require.Empty(t, pushed)
}
