package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold is the form names are compared in, as the store's karir_norm:
// lower case, without accents.
func fold(s string) string {
	if isLowerASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isLowerASCII(s string) bool {
	for i := range len(s) {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// foldTitle is the form titles and typed prefixes are compared in for
// autocomplete: folded, composed again (NFC) and with spaces collapsed.
// Folding leaves a letter decomposed when its decomposition holds more
// than marks (a Hangul syllable, a Tamil vowel sign): composed, it sorts
// and matches as typed.
func foldTitle(s string) string {
	return norm.NFC.String(strings.Join(strings.Fields(fold(s)), " "))
}
