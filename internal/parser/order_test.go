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
			placements, _, ok := place(t.Context(), splitLayout(lines), false)
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

// TestPlacementInAnyOrder: each part opens where the sentence announces
// it, in whatever order the writer put them; an unusual order is said so,
// with the margin it wins by, and warned of.
func TestPlacementInAnyOrder(t *testing.T) {
	const (
		open  = "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga.\n\n"
		fit   = "Orang yang cocok untuk pekerjaan ini adalah orang yang sabar.\n\n"
		unfit = "Posisi ini kurang cocok bagi orang yang mudah marah.\n\n"
		myth  = "Banyak orang mengira pendamping desa membagikan uang. Faktanya, ia melatih warga.\n\n"
		hope  = "Calon pendamping sering berharap bekerja di kantor. Kenyataannya, ia di lapangan.\n\n"
		other = "Dibandingkan dengan camat, pendamping desa lebih dekat dengan warga.\n\n"
		task  = "Pendamping Desa mendampingi warga menyusun rencana desa.\n\n"
	)
	T, F, N, M, E, C := profile.Tasks, profile.Fit, profile.NonFit, profile.Misconceptions, profile.Expectations, profile.Comparisons
	tests := []struct {
		name string
		text string
		want []profile.SectionKey
	}{
		{"non_fit before fit", open + unfit + fit + myth + hope + other, []profile.SectionKey{T, N, F, M, M, E, E, C}},
		{"the comparison before the claims", open + fit + unfit + other + myth + hope, []profile.SectionKey{T, F, N, C, M, M, E, E}},
		{"a myth first, the tasks after it", myth + task + fit + unfit + hope + other, []profile.SectionKey{M, M, T, F, N, E, E, C}},
		{"expectations first, tasks in the middle", hope + myth + task + fit + unfit + other, []profile.SectionKey{E, E, M, M, T, F, N, C}},
		{"a question opens the text and its part", "Cocokkah kamu jadi pendamping desa? Kalau iya, kamu cocok menjadi pendamping.\n\n" + unfit + task + myth + hope + other,
			[]profile.SectionKey{F, F, N, T, M, M, E, E, C}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Explain("x.txt", []byte(tt.text))
			require.NoError(t, err)
			var got []profile.SectionKey
			for _, p := range e.Placements {
				got = append(got, p.Section)
			}
			assert.Equal(t, tt.want, got)
			assert.True(t, e.Order.Unusual)
			assert.Positive(t, e.Order.Margin, "the cues win over the usual order")
			require.NotEmpty(t, e.Profile.Warnings)
			assert.Contains(t, e.Profile.Warnings[0].Detail, "unusual order")
		})
	}
	e, err := Explain("x.txt", []byte(open+fit+unfit+myth+hope+other))
	require.NoError(t, err)
	assert.False(t, e.Order.Unusual)
	assert.Zero(t, e.Order.Margin)
	assert.Len(t, e.Order.Parts, 6)
}

// TestPathStates: the states of the placement number densely, each set of
// parts with each of its parts once.
func TestPathStates(t *testing.T) {
	seen := map[int]bool{}
	for set := partSet(1); set < 1<<parts; set++ {
		for k := range parts {
			if !set.has(k) {
				continue
			}
			st := stateOf(set, k)
			assert.False(t, seen[st])
			seen[st] = true
			assert.Equal(t, pathState{set, k}, pathStates[st])
		}
	}
	assert.Len(t, seen, states)
	assert.Equal(t, 0, missingCost(1<<parts-1))
	assert.Equal(t, skipCost+trailCost, missingCost(partSet(0b011011)), "without non_fit and comparisons")
}
