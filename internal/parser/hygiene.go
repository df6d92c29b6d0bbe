package parser

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalise is what a text becomes before anything reads it: composed
// (NFC), so that a loanword typed with a combining accent ("cafe" and
// U+0301) is the word written with "é"; every space of Unicode (no-break,
// thin, ideographic) a plain space; and the invisible marks that only
// steer line breaking (zero-width space, word joiner, soft hyphen, a BOM
// inside the text) dropped, so that they neither split nor join words.
// Line breaks stay where they are: line numbers count them.
func normalise(text string) string {
	text = norm.NFC.String(text)
	if isPlain(text) {
		return text
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case invisible(r):
			return -1
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			return ' '
		}
		return r
	}, text)
}

// isPlain reports whether text holds no rune normalise maps: ASCII without
// control spaces but the line break, the common case, is left as it is.
func isPlain(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 0x80 || c < ' ' && c != '\n' {
			return false
		}
	}
	return true
}

// invisible reports whether r is a mark with no width that only steers
// where a line may break.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}
