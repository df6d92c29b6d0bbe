package profile

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed traits.txt
var traitLexiconText string

// lexicon is read once; the file ships inside the binary, so a malformed line
// is a programming error that every test run catches at start-up.
var lexicon = mustTraitLexicon(traitLexiconText)

func mustTraitLexicon(text string) []traitPhrase {
	l, err := parseTraitLexicon(text)
	if err != nil {
		panic(err)
	}
	return l
}

// traitPhrase is one way of naming a trait, as lower-case words.
type traitPhrase struct {
	trait string
	words []string
}

// parseTraitLexicon reads the format of traits.txt.
func parseTraitLexicon(text string) ([]traitPhrase, error) {
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
		for _, p := range strings.Split(phrases, ",") {
			words := strings.Fields(strings.ToLower(p))
			if len(words) == 0 {
				return nil, fmt.Errorf("traits.txt:%d: empty phrase", n+1)
			}
			out = append(out, traitPhrase{trait: strings.TrimSpace(trait), words: words})
		}
	}
	return out, nil
}

// findTraits lists the canonical traits the sentences name, in the order
// they first appear.
func findTraits(sentences []Sentence) []string {
	traits := []string{}
	found := map[string]bool{}
	for _, s := range sentences {
		var words []string
		for _, t := range tokens(strings.ToLower(s.Text)) {
			if isWord(t) {
				words = append(words, t)
			}
		}
		for wi := range words {
			for _, p := range lexicon {
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
