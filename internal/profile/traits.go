package profile

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed traits.txt
var vocabularyText string

// vocabulary is traits.txt, read once: the file ships inside the binary, so
// a malformed line is a programming error that every test run catches at
// start-up.
var vocabulary = mustVocabulary(vocabularyText)

func mustVocabulary(text string) []string {
	v, err := parseVocabulary(text)
	if err != nil {
		panic(err)
	}
	return v
}

// parseVocabulary reads the format of traits.txt.
func parseVocabulary(text string) ([]string, error) {
	var out []string
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line != strings.ToLower(line) || strings.Join(strings.Fields(line), " ") != line || strings.ContainsAny(line, ":,") {
			return nil, fmt.Errorf("traits.txt:%d: want one lower-case trait, its words separated by single spaces", n+1)
		}
		if slices.Contains(out, line) {
			return nil, fmt.Errorf("traits.txt:%d: %q is listed twice", n+1, line)
		}
		out = append(out, line)
	}
	return out, nil
}

// TraitNames returns the canonical traits of the vocabulary, in the order
// traits.txt lists them.
func TraitNames() []string { return slices.Clone(vocabulary) }

// TraitLabel is the name as a frontend shows it: capitalised.
func TraitLabel(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// CanonicalTraits returns names as the vocabulary spells them, in lower
// case, so that a trait is accepted in any case, the label's included.
func CanonicalTraits(names []string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(n)
	}
	return out
}

// maxNamedTraits is how many unknown traits a detail names.
const maxNamedTraits = 5

// CheckVocabulary returns an EUNPROCESSABLE Error naming every fit and
// non_fit trait of p outside the vocabulary, and listing the vocabulary: a
// document must name traits the filter and match can find, as the parser's
// always do.
func (p *Profile) CheckVocabulary() error {
	var unknown []string
	for _, t := range slices.Concat(p.Sections.Fit.Traits, p.Sections.NonFit.Traits) {
		if !slices.Contains(vocabulary, t) && !slices.Contains(unknown, t) {
			unknown = append(unknown, t)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	// A detail does not grow with the request: it names the first few.
	named := unknown[:min(len(unknown), maxNamedTraits)]
	quoted := make([]string, len(named))
	for i, t := range named {
		quoted[i] = strconv.Quote(Detail("%s", t))
	}
	if more := len(unknown) - len(named); more > 0 {
		quoted = append(quoted, fmt.Sprintf("and %d more", more))
	}
	return Unprocessable("The profile names traits outside the vocabulary: %s; the traits are %s.",
		Verbatim(strings.Join(quoted, ", ")), Verbatim(strings.Join(vocabulary, ", ")))
}

// CheckTraits returns an EINVALID Error naming the first name that is not
// a trait of the vocabulary, and listing the vocabulary.
func CheckTraits(names []string) error {
	for _, n := range names {
		if !slices.Contains(vocabulary, n) {
			return Invalid("%q is not a known trait; the traits are %s.", n, Verbatim(strings.Join(vocabulary, ", ")))
		}
	}
	return nil
}
