package profile

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Validate checks a profile the way the store's schema and the parser see
// it, so that a document an editor sends is held to what a parsed text
// gives: a title, the slug of that title, the six sections with their
// labels and lists, whole sentences and items, and a source. The EINVALID
// Error names the first field at fault by its JSON path.
func (p *Profile) Validate() error {
	v := validator{}
	v.text("title", p.Title)
	if v.err == nil && p.Slug != Slugify(p.Title) {
		v.fail("slug", "is %q, but the title %q gives the slug %q", p.Slug, p.Title, Slugify(p.Title))
	}
	v.storable("summary", p.Summary)
	v.text("source.file", p.Source.File)
	if v.err == nil && !sha256Hex.MatchString(p.Source.SHA256) {
		v.fail("source.sha256", "must be 64 lower-case hex digits")
	}
	s := &p.Sections
	for _, key := range SectionKeys() {
		v.section(key, s)
	}
	v.traits("sections.fit.traits", s.Fit.Traits)
	v.traits("sections.non_fit.traits", s.NonFit.Traits)
	items(&v, "sections.misconceptions.items", s.Misconceptions.Items, func(m Misconception) []field {
		return []field{{"myth", m.Myth}, {"reality", m.Reality}}
	})
	items(&v, "sections.expectations.items", s.Expectations.Items, func(e Expectation) []field {
		return []field{{"expectation", e.Expectation}, {"reality", e.Reality}}
	})
	items(&v, "sections.comparisons.items", s.Comparisons.Items, func(c Comparison) []field {
		return []field{{"profession", c.Profession}, {"this_focus", c.ThisFocus}, {"other_focus", c.OtherFocus}}
	})
	for i, w := range p.Warnings {
		path := fmt.Sprintf("warnings[%d]", i)
		if !w.Section.Valid() {
			v.fail(path+".section", "is %q, not one of the six sections", w.Section)
		}
		v.line(path+".line", w.Line)
		v.text(path+".detail", w.Detail)
	}
	return v.err
}

// validator keeps the first fault it is told of.
type validator struct{ err error }

type field struct{ name, value string }

func (v *validator) fail(path, format string, args ...any) {
	if v.err == nil {
		v.err = Invalid("The profile's %s %s.", Verbatim(path), Verbatim(Detail(format, args...)))
	}
}

// storable refuses what PostgreSQL cannot store in text.
func (v *validator) storable(path, s string) {
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		v.fail(path, "holds invalid UTF-8 or a NUL character")
	}
}

// text requires a non-blank, storable string.
func (v *validator) text(path, s string) {
	if strings.TrimSpace(s) == "" {
		v.fail(path, "is missing or blank")
	}
	v.storable(path, s)
}

// MaxLine is the highest line number a document may give: a text of at
// most 1 MiB has no more lines.
const MaxLine = 1 << 20

// line requires a line number from 1 to MaxLine.
func (v *validator) line(path string, n int) {
	if n < 1 || n > MaxLine {
		v.fail(path, "must be from 1 to %d", MaxLine)
	}
}

// section checks the label and sentences every section has, and that its
// lists are present (a JSON null or a missing key leaves them nil).
func (v *validator) section(key SectionKey, s *Sections) {
	path := "sections." + string(key)
	value, _ := s.Get(key)
	// list names the section's second list, if it has one; missing says
	// the list is nil.
	var label, list string
	var missing bool
	switch sec := value.(type) {
	case *Section:
		label = sec.Label
	case *TraitSection:
		label, list, missing = sec.Label, "traits", sec.Traits == nil
	case *ItemSection[Misconception]:
		label, list, missing = sec.Label, "items", sec.Items == nil
	case *ItemSection[Expectation]:
		label, list, missing = sec.Label, "items", sec.Items == nil
	case *ItemSection[Comparison]:
		label, list, missing = sec.Label, "items", sec.Items == nil
	}
	if label != key.Label() {
		v.fail(path+".label", "must be %q", key.Label())
	}
	sentences := *s.Sentences(key)
	if sentences == nil {
		v.fail(path+".sentences", "is missing")
	}
	if missing {
		v.fail(path+"."+list, "is missing")
	}
	for i, sentence := range sentences {
		at := fmt.Sprintf("%s.sentences[%d]", path, i)
		v.text(at+".text", sentence.Text)
		v.line(at+".line", sentence.Line)
	}
}

// traits requires distinct, non-blank traits of at most MaxTitleLength
// characters.
func (v *validator) traits(path string, traits []string) {
	seen := make(map[string]bool, len(traits))
	for i, t := range traits {
		v.text(fmt.Sprintf("%s[%d]", path, i), t)
		if utf8.RuneCountInString(t) > MaxTitleLength {
			v.fail(fmt.Sprintf("%s[%d]", path, i), "is longer than %d characters", MaxTitleLength)
		}
		if seen[t] {
			v.fail(fmt.Sprintf("%s[%d]", path, i), "repeats %q", t)
		}
		seen[t] = true
	}
}

// items requires every field of every item to be non-blank.
func items[T any](v *validator, path string, list []T, fields func(T) []field) {
	for i, item := range list {
		for _, f := range fields(item) {
			v.text(fmt.Sprintf("%s[%d].%s", path, i, f.name), f.value)
		}
	}
}
