package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleMark stands for the profile's own title inside a stored sentence:
// the texts name their job again and again, so a sentence is kept once for
// every profile that says it about itself. Texts hold no NUL (validation
// refuses it), so the mark cannot be mistaken for text.
const titleMark = "\x00"

// span is where one word stands in a text: text[start:end].
type span struct{ start, end int }

// isWordRune reports the characters of a word: letters and digits, as
// PostgreSQL's parser reads them.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// wordSpans returns the words of text: runs of letters and digits, possibly
// joined by single hyphens ("isu-isu"), which PostgreSQL's parser reads as
// a compound and its parts. A titleMark is a word of its own.
func wordSpans(text string) []span {
	var out []span
	for i := 0; i < len(text); {
		if text[i] == 0 {
			out = append(out, span{i, i + 1})
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			// A hyphen joins two words only when a word follows it.
			if r == '-' && i+1 < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+1:]); isWordRune(next) {
					i++
					continue
				}
			}
			break
		}
		out = append(out, span{start, i})
	}
	return out
}

// parts returns the hyphen-separated parts of a word.
func parts(word string) []string { return strings.Split(word, "-") }

// markTitle replaces each mention of title in text that stands as words of
// its own by titleMark.
func markTitle(text, title string) string {
	if title == "" || !strings.Contains(text, title) {
		return text
	}
	var b strings.Builder
	for {
		at := strings.Index(text, title)
		if at < 0 {
			break
		}
		end := at + len(title)
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if at > 0 && (isWordRune(before) || before == '-') || end < len(text) && (isWordRune(after) || after == '-') {
			b.WriteString(text[:end])
		} else {
			b.WriteString(text[:at])
			b.WriteString(titleMark)
		}
		text = text[end:]
	}
	b.WriteString(text)
	return b.String()
}
