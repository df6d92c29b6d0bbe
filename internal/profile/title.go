package profile

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// MaxTitleLength is the longest title, in characters: titles of the genre
// are a few words, and its slug (one ASCII character at most a character)
// then fits the store's 200 bytes.
const MaxTitleLength = 200

// CheckTitle refuses, with an EUNPROCESSABLE Error that says why, a title
// that could pass for another or hide what it says (docs/editing.md,
// "Titles"):
//   - one longer than MaxTitleLength characters;
//   - one holding an invisible format character (Unicode's category Cf:
//     the bidi controls such as U+202E, zero-width spaces and joiners, the
//     soft hyphen) or another control character;
//   - one whose letters are of more than one script (a Cyrillic "а" in a
//     Latin word looks the same and makes another slug);
//   - one without a Latin letter or a digit, which leaves its slug empty.
func CheckTitle(title string) error {
	if n := utf8.RuneCountInString(title); n > MaxTitleLength {
		return Unprocessable("The title is %d characters long; it must be at most %d.", n, MaxTitleLength)
	}
	var script *unicode.RangeTable
	var scriptName string
	for _, r := range title {
		if unicode.Is(unicode.Cf, r) || unicode.IsControl(r) {
			return Unprocessable("The title holds the invisible or control character %s; remove it.", Verbatim(fmt.Sprintf("U+%04X", r)))
		}
		if !unicode.IsLetter(r) {
			continue
		}
		name, table := scriptOf(r)
		switch {
		case script == nil:
			script, scriptName = table, name
		case table != script:
			return Unprocessable("The title mixes the %s and %s scripts, which can make it pass for another; write it in one script.",
				Verbatim(scriptName), Verbatim(name))
		}
	}
	if Slugify(title) == "" {
		return Unprocessable("The title must hold a Latin letter or a digit: its slug is made of them.")
	}
	return nil
}

// scriptOf returns the script of the letter r and its name; letters of no
// script Go knows share one, "unknown".
func scriptOf(r rune) (string, *unicode.RangeTable) {
	if unicode.Is(unicode.Latin, r) {
		// The common case first: the titles of the genre are Indonesian.
		return "Latin", unicode.Latin
	}
	for name, table := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(table, r) {
			return name, table
		}
	}
	return "unknown", unicode.Common
}
