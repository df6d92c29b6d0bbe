package parser

import (
	"testing"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// FuzzParse feeds the parser arbitrary bytes, starting from the corpus: it
// must never panic, and what it accepts must hold together. `make test`
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
		last := 0
		for _, key := range profile.SectionKeys() {
			for _, s := range *p.Sections.Sentences(key) {
				if s.Line < last || s.Line < 1 || s.Text == "" || !utf8.ValidString(s.Text) {
					t.Fatalf("sentence out of order or empty: %+v after line %d", s, last)
				}
				last = s.Line
			}
		}
	})
}
