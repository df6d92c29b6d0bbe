package parser

import (
	"slices"
	"strings"
)

// The function words of grammar.txt that the parser compares words with.
var (
	pronouns       = lexicon.set("pronoun")
	demonstratives = lexicon.words("demonstrative")
	addressees     = lexicon.set("addressee")
	relatives      = lexicon.words("relative")
	thats          = lexicon.words("that")
)

// isPronoun reports whether s is a pronoun for people ("mereka", "ia").
func isPronoun(s string) bool { return pronouns[strings.ToLower(s)] }

// cutWord returns s without the first of words it opens with and the space
// after it, and whether s opened with one: "bahwa ia ..." without "bahwa".
func cutWord(s string, words []string) (string, bool) {
	for _, w := range words {
		if rest, ok := strings.CutPrefix(s, w+" "); ok {
			return rest, true
		}
	}
	return s, false
}

// equalFoldAny reports whether s is one of words, ignoring case.
func equalFoldAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.EqualFold(s, w) })
}
