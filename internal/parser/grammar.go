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
	relatives      = lexicon.set("relative")
	thats          = lexicon.set("that")
)

// isPronoun reports whether s is a pronoun for people ("mereka", "ia").
func isPronoun(s string) bool { return pronouns[strings.ToLower(s)] }

// cutWord returns s without its first word and the space after it if that
// word is one of words, and whether it was: "bahwa ia ..." without
// "bahwa".
func cutWord(s string, words map[string]bool) (string, bool) {
	if first, rest, ok := strings.Cut(s, " "); ok && words[first] {
		return rest, true
	}
	return s, false
}

// equalFoldAny reports whether s is one of words, ignoring case.
func equalFoldAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.EqualFold(s, w) })
}
