package parser

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

//go:embed traits.txt
var traitLexiconText string

// traitIndex is the lexicon by the first word of each phrase. It is read
// once; the file ships inside the binary, so a malformed line, or a phrase
// of a trait the domain's vocabulary does not hold, is a programming error
// that every test run catches at start-up.
var traitIndex = indexTraits(must(parseTraitLexicon(traitLexiconText, profile.TraitNames())))

// traitLexicon is traits.txt by the first word of each phrase, so that a
// word is checked only against the phrases that may start with it.
type traitLexicon struct {
	byFirst map[string][]traitPhrase
	stems   []traitPhrase // phrases whose first word is a stem ("mengorganisasi*")
}

func indexTraits(l []traitPhrase) traitLexicon {
	x := traitLexicon{byFirst: map[string][]traitPhrase{}}
	for i, p := range l {
		p.order = i
		if strings.HasSuffix(p.words[0], "*") {
			x.stems = append(x.stems, p)
		} else {
			x.byFirst[p.words[0]] = append(x.byFirst[p.words[0]], p)
		}
	}
	return x
}

// startingWith returns the phrases that may start at word, in the order
// of the file.
func (x traitLexicon) startingWith(word string) []traitPhrase {
	out := x.byFirst[word]
	for _, p := range x.stems {
		if strings.HasPrefix(word, strings.TrimSuffix(p.words[0], "*")) {
			out = append(slices.Clip(out), p)
			slices.SortFunc(out, func(a, b traitPhrase) int { return a.order - b.order })
		}
	}
	return out
}

// traitPhrase is one way of naming a trait, as lower-case words.
type traitPhrase struct {
	trait string
	words []string
	order int // its place in the file
}

// parseTraitLexicon reads the format of traits.txt, whose traits must be
// those of vocabulary.
func parseTraitLexicon(text string, vocabulary []string) ([]traitPhrase, error) {
	var out []traitPhrase
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		trait, phrases, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(trait) == "" {
			return nil, fmt.Errorf("traits.txt:%d: want \"trait: phrase, phrase\"", n+1)
		}
		if trait = strings.TrimSpace(trait); !slices.Contains(vocabulary, trait) {
			return nil, fmt.Errorf("traits.txt:%d: %q is not a trait of the vocabulary (internal/profile/traits.txt)", n+1, trait)
		}
		for _, p := range strings.Split(phrases, ",") {
			words := strings.Fields(strings.ToLower(p))
			if len(words) == 0 {
				return nil, fmt.Errorf("traits.txt:%d: empty phrase", n+1)
			}
			out = append(out, traitPhrase{trait: trait, words: words})
		}
	}
	return out, nil
}

// findTraits lists the canonical traits the sentences name, in the order
// they first appear.
func findTraits(sentences []profile.Sentence) []string {
	traits := []string{}
	found := map[string]bool{}
	for _, s := range sentences {
		var words []string
		for _, t := range tokens(strings.ToLower(s.Text)) {
			if isWord(t) {
				words = append(words, t)
			}
		}
		for wi, w := range words {
			for _, p := range traitIndex.startingWith(w) {
				if found[p.trait] || !matchesAt(words[wi:], p.words) {
					continue
				}
				found[p.trait] = true
				traits = append(traits, p.trait)
			}
		}
	}
	return traits
}

func matchesAt(words, phrase []string) bool {
	if len(words) < len(phrase) {
		return false
	}
	for i, p := range phrase {
		if stem, ok := strings.CutSuffix(p, "*"); ok {
			if !strings.HasPrefix(words[i], stem) {
				return false
			}
		} else if words[i] != p {
			return false
		}
	}
	return true
}
