package parser

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// corpus is every text the parser is held to: the seeds and the fresh
// texts.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	fresh, err := filepath.Glob(filepath.Join("testdata", "fresh", "*.txt"))
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, f := range append(files, fresh...) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		out[filepath.Base(f)] = data
	}
	require.Greater(t, len(out), 5)
	return out
}

// reading is what a layout must not change: title, sections and items.
type reading struct {
	Title, Slug, Summary string
	Sections             map[profile.SectionKey][]string
	Misconceptions       []profile.Misconception
	Expectations         []profile.Expectation
	Comparisons          []profile.Comparison
	Fit, NonFit          []string
}

func readingOf(p *profile.Profile) reading {
	r := reading{Title: p.Title, Slug: p.Slug, Summary: p.Summary, Sections: map[profile.SectionKey][]string{},
		Misconceptions: p.Sections.Misconceptions.Items, Expectations: p.Sections.Expectations.Items,
		Comparisons: p.Sections.Comparisons.Items, Fit: p.Sections.Fit.Traits, NonFit: p.Sections.NonFit.Traits}
	for _, key := range profile.SectionKeys() {
		for _, s := range *p.Sections.Sentences(key) {
			r.Sections[key] = append(r.Sections[key], s.Text)
		}
	}
	return r
}

// paragraphs splits a text at its blank lines, headings and list items,
// the breaks a layout keeps; each paragraph's lines are joined by spaces.
func paragraphs(text string) []string {
	var out []string
	var cur []string
	item := false // cur is a list item
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
		item = false
	}
	lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(text, "\ufeff"), "\r\n", "\n"), "\n")
	width := textWidth(lines)
	for _, line := range lines {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "#"):
			flush()
			out = append(out, line)
		case listItemRE.MatchString(line):
			flush()
			cur = append(cur, line)
			item = true
		case item && endsItem(cur[len(cur)-1], line, width):
			// A capitalised line after an item's full stop closes the list.
			flush()
			cur = append(cur, line)
		default:
			cur = append(cur, line)
		}
	}
	flush()
	return out
}

// oneParagraph joins paragraphs into one, but for the lines that a reader
// would not join: a heading, a title standing alone above the text and a
// list item keep their own lines, and a list ends at a blank line.
func oneParagraph(paras []string) string {
	var b strings.Builder
	for i, p := range paras {
		switch {
		case i == 0:
		case i == 1 && isTitleLine(paras[0]):
			b.WriteString("\n\n")
		case listItemRE.MatchString(paras[i-1]) && !listItemRE.MatchString(p):
			b.WriteString("\n\n")
		case strings.HasPrefix(p, "#") || listItemRE.MatchString(p) || strings.HasPrefix(paras[i-1], "#"):
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// wrap breaks a paragraph into lines of at most width runes, at spaces.
func wrap(paragraph string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(paragraph) {
		l := len([]rune(w))
		if i > 0 && n+1+l > width {
			b.WriteByte('\n')
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}

// TestParseLayoutProperty: for every seed and fresh text, re-wrapping it at
// 60 to 80 columns, joining it into one paragraph, converting it to CRLF or
// adding a BOM gives the same title, sections and items; only line numbers
// may change. A text laid out in paragraphs keeps its blank lines when
// re-wrapped, as an editor's would.
func TestParseLayoutProperty(t *testing.T) {
	for name, data := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			want, err := Parse(name, data)
			require.NoError(t, err)
			text := string(data)
			paras := paragraphs(text)
			layouts := map[string]string{
				"crlf": strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n"),
				"bom":  "\ufeff" + strings.TrimPrefix(text, "\ufeff"),
			}
			layouts["one paragraph"] = oneParagraph(paras)
			for width := 60; width <= 80; width += 5 {
				var wrapped []string
				for _, p := range paras {
					wrapped = append(wrapped, wrap(p, width))
				}
				layouts["wrapped at "+strconv.Itoa(width)] = strings.Join(wrapped, "\n\n")
			}
			for layout, text := range layouts {
				got, err := Parse(name, []byte(text))
				if assert.NoError(t, err, layout) {
					assert.Equal(t, readingOf(want), readingOf(got), layout)
				}
			}
		})
	}
}
