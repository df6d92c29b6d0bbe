package parser

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// keyedPart is one part of a keyed text: its section and its lines as the
// text lays them out, a list item on its own line with its marker, a
// heading above the part with it.
type keyedPart struct {
	section profile.SectionKey
	lines   []string
	texts   []string // its sentences as the key gives them
}

// partsOf cuts a keyed text into the lines above its first sentence (a
// title) and its parts, each whole, in the order of the text.
func partsOf(kt keyedText) (preamble string, parts []keyedPart) {
	source := strings.Split(normalise(strings.ReplaceAll(strings.TrimPrefix(string(kt.data), "\ufeff"), "\r\n", "\n")), "\n")
	var prose []string
	flush := func() {
		if len(prose) > 0 {
			p := &parts[len(parts)-1]
			p.lines = append(p.lines, strings.Join(prose, " "))
			prose = nil
		}
	}
	read := 0 // the source lines read so far
	for _, s := range kt.want.Sentences {
		var headings []string
		for ; read < s.Line-1; read++ {
			if line := strings.TrimSpace(source[read]); headingRE.MatchString(line) {
				headings = append(headings, line)
			}
		}
		if len(parts) == 0 {
			preamble = strings.Join(headings, "\n")
			headings = nil
		}
		if len(parts) == 0 || parts[len(parts)-1].section != s.Section {
			flush()
			parts = append(parts, keyedPart{section: s.Section})
		}
		p := &parts[len(parts)-1]
		p.texts = append(p.texts, s.Text)
		if len(headings) > 0 {
			flush()
			p.lines = append(p.lines, headings...)
		}
		if line := strings.TrimSpace(source[s.Line-1]); listItemRE.MatchString(line) && strings.HasSuffix(line, s.Text) {
			flush()
			p.lines = append(p.lines, line)
			continue
		}
		prose = append(prose, s.Text)
	}
	flush()
	return preamble, parts
}

// shuffled lays out the parts in the order given, each as a paragraph,
// under the preamble.
func shuffled(preamble string, parts []keyedPart, order []int) string {
	paras := []string{preamble}
	for _, i := range order {
		paras = append(paras, strings.Join(parts[i].lines, "\n"))
	}
	return strings.TrimSpace(strings.Join(paras, "\n\n"))
}

// TestPlacementIgnoresTheOrderOfParts shuffles the parts of every fresh
// text, each kept whole, three ways: the placement must still place every
// sentence, once, in the order of the text, each part one run, and put
// nearly all of them in their part. A part that announces itself nowhere
// can only be placed by where it stands, so some are lost once it moves:
// the share placed right is logged, and may not fall below the floor.
func TestPlacementIgnoresTheOrderOfParts(t *testing.T) {
	const floor = 0.95
	rng := rand.New(rand.NewPCG(19, 6))
	right, total := 0, 0
	var misses []string
	for _, kt := range keyedTexts(t, "fresh") {
		want := map[string]profile.SectionKey{}
		for _, s := range kt.want.Sentences {
			want[s.Text] = s.Section
		}
		preamble, parts := partsOf(kt)
		for range 3 {
			order := rng.Perm(len(parts))
			lines, _, _ := decode([]byte(shuffled(preamble, parts, order)))
			placements, ok := place(splitLayout(lines))
			require.True(t, ok, filepath.Base(kt.file))
			require.Len(t, placements, len(kt.want.Sentences), "%s shuffled %v: every sentence is placed once", filepath.Base(kt.file), order)
			assertRuns(t, placements, filepath.Base(kt.file))
			var texts []string
			for _, i := range order {
				texts = append(texts, parts[i].texts...)
			}
			wrong := 0
			for i, p := range placements {
				require.Equal(t, texts[i], p.Text, "%s shuffled %v: in the order of the text", filepath.Base(kt.file), order)
				if want[p.Text] != p.Section {
					wrong++
				}
			}
			right, total = right+len(placements)-wrong, total+len(placements)
			if wrong > 0 {
				misses = append(misses, fmt.Sprintf("%s %v: %d misplaced", filepath.Base(kt.file), order, wrong))
			}
		}
	}
	t.Logf("%d of %d shuffled sentences placed in their part (%.1f%%)\n%s", right, total, 100*float64(right)/float64(total), strings.Join(misses, "\n"))
	assert.GreaterOrEqual(t, float64(right)/float64(total), floor)
}

// assertRuns wants each section's sentences to be one run.
func assertRuns(t *testing.T, placements []Placement, name string) {
	t.Helper()
	closed := map[profile.SectionKey]bool{}
	for i, p := range placements {
		if i > 0 && placements[i-1].Section != p.Section {
			closed[placements[i-1].Section] = true
		}
		assert.False(t, closed[p.Section], "%s: %s opens twice, at %q", name, p.Section, p.Text)
	}
}
