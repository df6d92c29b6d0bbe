// Package generate makes any number of distinct job-profile texts from a
// few parsed templates, for bulk seeds and load tests: text i is template
// i mod len(templates) with its job title followed by place name i. The
// profile of each is derived from its template's parse by the same
// substitution, without parsing the text again: the tests show that it is
// what the parser makes of the text.
package generate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"github.com/karir/karir/internal/profile"
)

// Generator makes the texts of its templates.
type Generator struct {
	templates []template
}

type template struct {
	text []byte
	p    *profile.Profile
}

// New parses the template texts, keyed by file name; a text the parser
// refuses is an error.
func New(files []string, texts [][]byte) (*Generator, error) {
	g := &Generator{}
	for i, text := range texts {
		p, err := profile.Parse(files[i], text)
		if err != nil {
			return nil, err
		}
		g.templates = append(g.templates, template{text: text, p: p})
	}
	if len(g.templates) == 0 {
		return nil, fmt.Errorf("generate: no templates")
	}
	return g, nil
}

// syllables spell the place names: five of them name 20^5 (3.2 million)
// places.
var syllables = [...]string{"ba", "ka", "la", "ma", "na", "ra", "sa", "ta", "wa", "ja",
	"da", "ga", "pa", "ha", "ya", "nu", "ri", "so", "te", "mo"}

// Place is the place name of text i: five syllables, capitalised.
func Place(i int) string {
	var b strings.Builder
	for range 5 {
		b.WriteString(syllables[i%len(syllables)])
		i /= len(syllables)
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// Profile returns text i and its profile, whose source file is
// gen-<i>.txt. i must be from 0 to 20^5-1.
func (g *Generator) Profile(i int) ([]byte, *profile.Profile) {
	t := g.templates[i%len(g.templates)]
	place := Place(i)
	replace := titleReplacer(t.p.Title, t.p.Title+" "+place)
	text := []byte(replace(string(t.text)))
	sum := sha256.Sum256(text)

	p := *t.p
	p.Slug = profile.Slugify(p.Title + " " + place)
	p.Title = replace(p.Title)
	p.Summary = replace(p.Summary)
	p.Source = profile.Source{File: fmt.Sprintf("gen-%d.txt", i), SHA256: hex.EncodeToString(sum[:])}
	p.Sections = profile.NewSections()
	s, ts := &p.Sections, &t.p.Sections
	for _, key := range profile.SectionKeys() {
		for _, sentence := range *ts.Sentences(key) {
			sentence.Text = replace(sentence.Text)
			*s.Sentences(key) = append(*s.Sentences(key), sentence)
		}
	}
	s.Fit.Traits = ts.Fit.Traits
	s.NonFit.Traits = ts.NonFit.Traits
	for _, m := range ts.Misconceptions.Items {
		s.Misconceptions.Items = append(s.Misconceptions.Items, profile.Misconception{Myth: replace(m.Myth), Reality: replace(m.Reality)})
	}
	for _, e := range ts.Expectations.Items {
		s.Expectations.Items = append(s.Expectations.Items, profile.Expectation{Expectation: replace(e.Expectation), Reality: replace(e.Reality)})
	}
	for _, c := range ts.Comparisons.Items {
		s.Comparisons.Items = append(s.Comparisons.Items, profile.Comparison{
			Profession: replace(c.Profession), ThisFocus: replace(c.ThisFocus), OtherFocus: replace(c.OtherFocus)})
	}
	return text, &p
}

// titleReplacer replaces every mention of old, whatever its case, with new
// in the case of the mention: as written, all lower case, or with only its
// first letter a capital.
func titleReplacer(old, new string) func(string) string {
	lower, newLower := strings.ToLower(old), strings.ToLower(new)
	sentence := func(s string) string {
		r := []rune(s)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	return strings.NewReplacer(
		old, new,
		lower, newLower,
		sentence(lower), sentence(newLower),
	).Replace
}
