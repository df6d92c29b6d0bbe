package parser

import (
	"testing"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// FuzzParse feeds the parser arbitrary bytes, starting from the corpus: it
// must never panic, and what it accepts must hold together: each part one
// run of sentences in the order of the text, whatever the order of the
// parts. `make test`
// runs it briefly; run it longer with
// `go test -run '^$' -fuzz FuzzParse -fuzztime 5m ./internal/parser`.
func FuzzParse(f *testing.F) {
	for _, data := range corpus(f) {
		f.Add(data)
	}
	f.Add([]byte("# Judul\n\n**Mitos:** _x_ ... ? ! \u201c.\u201d No. 1 u.p. A. B."))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.txt", data)
		if err != nil {
			if p != nil {
				t.Fatal("a refused text returned a profile")
			}
			return
		}
		if p.Title == "" || p.Slug == "" || p.Warnings == nil {
			t.Fatalf("accepted without title, slug or warnings list: %+v", p)
		}
		var runs [][2]int // the first and last line of each part
		for _, key := range profile.SectionKeys() {
			sentences := *p.Sections.Sentences(key)
			last := 0
			for _, s := range sentences {
				if s.Line < last || s.Line < 1 || s.Text == "" || !utf8.ValidString(s.Text) {
					t.Fatalf("sentence out of order or empty: %+v after line %d", s, last)
				}
				last = s.Line
			}
			if len(sentences) > 0 {
				runs = append(runs, [2]int{sentences[0].Line, last})
			}
		}
		for i, a := range runs {
			for _, b := range runs[i+1:] {
				if a[0] < b[1] && b[0] < a[1] {
					t.Fatalf("two parts interleave: lines %v and %v", a, b)
				}
			}
		}
	})
}
