package profile

import (
	"strings"
	"unicode"
)

// Abbreviations whose full stop does not end a sentence when a lowercase word
// follows ("dll. dan", "tsb. yang"). Indonesian texts of this genre use them
// mid-sentence far more often than they end a sentence with them.
var abbreviations = map[string]bool{
	"dll": true, "dsb": true, "dst": true, "dkk": true, "tsb": true, "sbb": true,
	"dgn": true, "dg": true, "yg": true, "utk": true, "krn": true, "spt": true, "thd": true,
	"pd": true, "mis": true, "misal": true, "hlm": true, "no": true, "vol": true, "bag": true,
	"sd": true, "s.d": true, "a.n": true, "u.p": true, "kl": true, "ybs": true, "etc": true, "vs": true,
	"red": true, "pen": true, "ca": true, "jl": true, "kec": true, "kab": true, "kel": true, "prov": true,
}

// Titles and name parts that stand before a capitalised name ("Dr. Sari",
// "Prof. Budi"), so their full stop never ends a sentence.
var nameTitles = map[string]bool{
	"dr": true, "drs": true, "dra": true, "prof": true, "ir": true, "h": true, "hj": true, "st": true,
	"bpk": true, "sdr": true, "sdri": true, "yth": true, "tn": true, "ny": true, "nn": true,
	"no": true, "jl": true, "kec": true, "kab": true, "kel": true, "prov": true,
}

// splitSentences cuts normalised lines into sentences, each with the line it
// starts on. A blank line always ends a sentence; a line break ends one when
// the line before closes with a terminator or the next line starts with a
// capital, and otherwise joins a sentence that was hard-wrapped.
func splitSentences(lines []string) []Sentence {
	var (
		text   []rune
		lineOf []int
		breaks = map[int]bool{} // indexes of text where a new sentence must start
		gap    bool             // a blank line was seen since the last text
	)
	for i, raw := range lines {
		line := strings.TrimFunc(raw, unicode.IsSpace)
		if line == "" {
			gap = true
			continue
		}
		if len(text) > 0 {
			first, _ := firstRune(line)
			if gap || !endsWithTerminator(text) && unicode.IsUpper(first) {
				breaks[len(text)+1] = true
			}
			text = append(text, ' ')
			lineOf = append(lineOf, i+1)
		}
		gap = false
		for _, r := range line {
			if unicode.IsSpace(r) {
				if text[len(text)-1] == ' ' {
					continue
				}
				r = ' '
			}
			text = append(text, r)
			lineOf = append(lineOf, i+1)
		}
	}

	var out []Sentence
	emit := func(from, to int) {
		for from < to && text[from] == ' ' {
			from++
		}
		s := strings.TrimSpace(string(text[from:to]))
		s = strings.TrimLeft(s, "-•*–— ")
		if hasLetter(s) {
			out = append(out, Sentence{Text: s, Line: lineOf[from]})
		}
	}
	start := 0
	for k := 0; k < len(text); k++ {
		if breaks[k] && k > start {
			emit(start, k)
			start = k
		}
		if !isTerminator(text[k]) {
			continue
		}
		j := k + 1
		for j < len(text) && (isTerminator(text[j]) || isCloser(text[j])) {
			j++
		}
		if j == len(text) {
			emit(start, j)
			start, k = j, j
			continue
		}
		if text[j] != ' ' || j+1 >= len(text) {
			k = j - 1
			continue
		}
		if endsSentence(text[start:k], text[k:j], text[j+1]) {
			emit(start, j)
			start = j + 1
		}
		k = j
	}
	if start < len(text) {
		emit(start, len(text))
	}
	return out
}

// endsSentence decides whether the terminators term, written after the
// sentence-so-far before and followed by a space and next, close a sentence.
func endsSentence(before, term []rune, next rune) bool {
	word := lastWord(before)
	lower := strings.ToLower(word)
	if string(term) == "." {
		if unicode.IsLower(next) {
			// "dll. dan", "a.n. ketua", "S.Sos. dan": an abbreviation, not an end.
			return !(abbreviations[lower] || strings.Contains(word, ".") || len([]rune(word)) == 1)
		}
		if nameTitles[lower] {
			return false
		}
		// An initial before a name: "M. Yusuf".
		if r := []rune(word); len(r) == 1 && unicode.IsUpper(r[0]) && unicode.IsUpper(next) {
			return false
		}
		return true
	}
	if strings.Trim(string(term), ".…") == "" && unicode.IsLower(next) {
		// An ellipsis before a lowercase word trails off inside the sentence.
		return false
	}
	return true
}

// lastWord is the run of non-space runes at the end of text.
func lastWord(text []rune) string {
	i := len(text)
	for i > 0 && text[i-1] != ' ' {
		i--
	}
	return strings.TrimLeft(string(text[i:]), "([\"'“‘")
}

func endsWithTerminator(text []rune) bool {
	i := len(text) - 1
	for i >= 0 && isCloser(text[i]) {
		i--
	}
	return i >= 0 && isTerminator(text[i])
}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»':
		return true
	}
	return false
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
