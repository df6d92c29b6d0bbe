package parser

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

//go:embed abbreviations.txt
var abbreviationsText string

// abbreviations are read once; a malformed line of the embedded file is a
// programming error that every test run catches at start-up.
var abbreviations = mustAbbreviations(abbreviationsText)

// abbreviationTable holds the short forms whose full stop does not end a
// sentence before a capital (name), before a digit (number), or before
// either (inner: "s.d.", "mis.", which stand only inside a sentence), and
// the degrees written after a person's name ("S.Kep.", "M.T.").
type abbreviationTable struct {
	name, number, inner, degree map[string]bool
}

func mustAbbreviations(text string) abbreviationTable {
	t, err := parseAbbreviations(text)
	if err != nil {
		panic(err)
	}
	return t
}

// parseAbbreviations reads the format of abbreviations.txt.
func parseAbbreviations(text string) (abbreviationTable, error) {
	t := abbreviationTable{name: map[string]bool{}, number: map[string]bool{}, inner: map[string]bool{}, degree: map[string]bool{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, words, _ := strings.Cut(line, ":")
		var set map[string]bool
		switch strings.TrimSpace(kind) {
		case "name":
			set = t.name
		case "number":
			set = t.number
		case "inner":
			set = t.inner
		case "degree":
			set = t.degree
		default:
			return t, fmt.Errorf("abbreviations.txt:%d: want \"name:\", \"number:\", \"inner:\" or \"degree:\" and a list", n+1)
		}
		for _, w := range strings.Split(words, ",") {
			w = strings.TrimSpace(w)
			if w == "" || w != strings.ToLower(w) && w != strings.ToUpper(w) {
				return t, fmt.Errorf("abbreviations.txt:%d: want lower-case or capital abbreviations separated by commas", n+1)
			}
			set[w] = true
		}
	}
	return t, nil
}

// A block is text a reader sees as one unit: a paragraph, a list item or a
// heading. Sentences never run across blocks.
type block struct {
	runes []rune
	// lines are where each source line starts in runes, in order: a
	// rune's line is looked up, not stored rune by rune.
	lines   []lineStart
	heading bool
	item    bool // a list item
	para    int  // paragraph number, counting blank lines, headings and list items
}

var (
	headingRE  = regexp.MustCompile(`^#{1,6}\s+`)
	listItemRE = regexp.MustCompile(`^(?:[-*•–—+]|\d{1,2}[.)]|[a-z][.)])\s+`)
)

// blocks folds lines into blocks: a blank line, a "# heading" or a list item
// starts a new one; any other line break is a space, since a line break is
// not a full stop. Emphasis marks are dropped.
func blocks(lines []string) []block {
	var out []block
	open, para := false, 0
	titleEnd, width := leadingTitle(lines), textWidth(lines)
	for i, raw := range lines {
		line := strings.TrimFunc(raw, unicode.IsSpace)
		switch {
		case line == "":
			open = false
			continue
		case headingRE.MatchString(line):
			para++
			text := strings.TrimRight(headingRE.ReplaceAllString(line, ""), "# \t")
			out = append(out, block{heading: true, para: para})
			appendLine(&out[len(out)-1], stripEmphasis(text), i+1)
			open = false
			continue
		case listItemRE.MatchString(line) && (!open || !numbered(line) || out[len(out)-1].item || opensList(lines[i-1])):
			line = listItemRE.ReplaceAllString(line, "")
			para++
			out = append(out, block{item: true, para: para})
			open = true
		case open && out[len(out)-1].item && endsItem(lines[i-1], raw, width):
			// "4. melatih relawan." then "Pekerjaan ini menuntut ...": a
			// sentence flush left after an item closes the list.
			open = false
		case i <= titleEnd:
			// "Pekerjaan: Manajer Layanan RBM" alone above the text, with
			// no full stop: the title, not a sentence.
			if len(out) == 0 {
				para++
				out = append(out, block{heading: true, para: para})
			}
			appendLine(&out[len(out)-1], stripEmphasis(line), i+1)
			continue
		case !open && i+1 < len(lines) && isBareTitle(line, lines[i+1]):
			// A line of capitalised words opening a block, named again
			// right under it, is a heading written without "#".
			para++
			out = append(out, block{heading: true, para: para})
			appendLine(&out[len(out)-1], stripEmphasis(line), i+1)
			continue
		}
		if !open {
			para++
			out = append(out, block{para: para})
			open = true
		}
		appendLine(&out[len(out)-1], stripEmphasis(line), i+1)
	}
	return out
}

// numbered reports whether a list item is marked with a number, a letter
// or a dash ("4. ...", "b) ...", "– ..."), which a wrapped line may also
// start with: a sentence runs on past a range ("5–\n10 kg") or a dash
// that sets off a phrase ("di desa\n– terutama yang terpencil –").
func numbered(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || r == '–' || r == '—'
}

// opensList reports whether a line may be followed by a numbered item in
// the same block: it ends a sentence, a lead-in or an item. Any other line
// runs on into the next, where a wrapped "60. Bantuan ..." is no item.
func opensList(prev string) bool {
	last, _ := utf8.DecodeLastRuneInString(trimClosers(prev))
	return isTerminator(last) || strings.ContainsRune(":;,", last)
}

// endsItem reports whether a list item ends at the line prev, and line,
// which follows, opens a sentence of its own: flush left and capitalised,
// after an item that ends a sentence ("4. melatih relawan.") or after an
// item written without a mark, the way a list of short phrases is, when
// line is a whole sentence ("• kesediaan berdebat" then "Penulis yang ...
// di sini.") and the writer broke the line by choice: its first word would
// have fitted on prev within width, the longest line of the text. A line
// wrapped for want of room ("... atau grup" then "WhatsApp bila ... dll.")
// runs on.
func endsItem(prev, line string, width int) bool {
	prev = trimClosers(prev)
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(first) {
		return false
	}
	if isTerminator(last) {
		return true
	}
	end, _ := utf8.DecodeLastRuneInString(trimClosers(line))
	word, _, _ := strings.Cut(line, " ")
	return isWordRune(last) && isTerminator(end) && utf8.RuneCountInString(prev)+1+utf8.RuneCountInString(word) <= width
}

// textWidth is the length in runes of the longest line: a text wrapped by
// hand or by an editor breaks its lines at about this length.
func textWidth(lines []string) int {
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(strings.TrimRightFunc(l, unicode.IsSpace)))
	}
	return width
}

// trimClosers is a line without the spaces, quotes and brackets at its end.
func trimClosers(line string) string {
	return strings.TrimRightFunc(line, func(r rune) bool { return unicode.IsSpace(r) || isCloser(r) })
}

// isBareTitle reports whether a line reads as a title of the text under it:
// two to eight words, each capitalised but for the small words of titles,
// no punctuation, and the next line opens with its first two words
// ("Pekerja Sosial Anak" over "Pekerja sosial anak mendampingi ...").
func isBareTitle(line, next string) bool {
	words := strings.Fields(stripEmphasis(line))
	if len(words) < 2 || len(words) > 8 || strings.ContainsAny(line, ".!?,;:") {
		return false
	}
	if !strings.HasPrefix(lower(strings.TrimSpace(next)), lower(words[0]+" "+words[1])) {
		return false
	}
	return titleLike(words)
}

// maxTitleLines is how many lines a title standing above the text may be
// wrapped over.
const maxTitleLines = 2

// leadingTitle is the last line of a title that stands alone above the
// text, before its first blank line, or -1 if the text opens otherwise.
func leadingTitle(lines []string) int {
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	var title []string
	for i := first; i < len(lines) && i < first+maxTitleLines+1; i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			if len(title) > 0 && isTitleLine(strings.Join(title, " ")) {
				return i - 1
			}
			return -1
		}
		if headingRE.MatchString(line) || listItemRE.MatchString(line) {
			return -1
		}
		title = append(title, line)
	}
	return -1
}

// isTitleLine reports whether a line reads as a title: no mark that ends
// a sentence at its end, and after any words that introduce a job
// ("Pekerjaan:", "Profil Jabatan -") a name written as a title.
func isTitleLine(line string) bool {
	line = strings.TrimSpace(stripEmphasis(line))
	last, _ := utf8.DecodeLastRuneInString(trimClosers(line))
	if isTerminator(last) || last == ':' {
		// A sentence, however it opens ("Menurut Aisyah, ... itu.”").
		return false
	}
	name := withoutIntroduction(tokens(line))
	return len(name) >= 2 && len(name) <= maxTitleWords && titleLike(name)
}

// appendLine adds one line to b, joined by a space, with runs of white space
// folded into one.
func appendLine(b *block, line string, n int) {
	if len(b.lines) == 0 || b.lines[len(b.lines)-1].at < len(b.runes) {
		b.lines = append(b.lines, lineStart{at: len(b.runes), line: n})
	} else {
		// The line before added no rune.
		b.lines[len(b.lines)-1].line = n
	}
	for _, r := range line {
		if unicode.IsSpace(r) {
			r = ' '
		}
		if r == ' ' && (len(b.runes) == 0 || b.runes[len(b.runes)-1] == ' ') {
			continue
		}
		b.runes = append(b.runes, r)
	}
	if len(b.runes) > 0 && b.runes[len(b.runes)-1] != ' ' {
		b.runes = append(b.runes, ' ')
	}
}

// lineStart is the source line whose runes start at a block's rune at.
type lineStart struct {
	at, line int
}

// lineOf is the source line of the block's rune i.
func (b block) lineOf(i int) int {
	k, found := slices.BinarySearchFunc(b.lines, i, func(l lineStart, i int) int { return l.at - i })
	if !found {
		k--
	}
	return b.lines[k].line
}

// stripEmphasis drops markdown emphasis: every "**" and "__", and a single
// "*" or "_" at the edge of a word ("*kata*", "_kata_"), but not one inside
// a word.
func stripEmphasis(s string) string {
	if !strings.ContainsAny(s, "*_") {
		return s
	}
	s = strings.NewReplacer("**", "", "__", "").Replace(s)
	r := []rune(s)
	out := r[:0:0]
	for i, c := range r {
		if c == '*' || c == '_' {
			before := i > 0 && isWordRune(r[i-1])
			after := i+1 < len(r) && isWordRune(r[i+1])
			if !(before && after) {
				continue
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// layout is a text cut into sentences, with what the placement weighs
// besides their words.
type layout struct {
	sentences []profile.Sentence
	headings  []profile.Sentence
	para      []int    // the paragraph of each sentence
	under     []string // the heading right above each sentence, or ""
	// inList is set for a sentence that continues a list with the one
	// before it: a list item after another one or after the sentence that
	// leads into the list ("Tugasnya meliputi:").
	inList []bool
	item   []bool // a list item
	// section is the number of the heading above each sentence, 0 before
	// the first one.
	section []int
}

// The words of leadins.txt: leadInOpeners open a sentence that leads into
// a list ("Berikut beberapa tugasnya."), with a mark after them or not, and
// leadInBareOpeners without one; leadInWords end it ("Tugasnya
// meliputi:", "... antara lain."). A colon at its end leads in too.
var (
	leadInOpeners     = lexicon.words("lead-in-opener")
	leadInBareOpeners = lexicon.words("lead-in-opener-bare")
	leadInWords       = lexicon.words("lead-in-end")
)

// leadsIn reports whether a sentence leads into a list ("Tugasnya
// meliputi:", "Berikut beberapa tugasnya.").
func leadsIn(s string) bool {
	if strings.HasSuffix(s, ":") {
		return true
	}
	first, _, _ := strings.Cut(s, " ")
	if equalFoldAny(strings.TrimRight(first, ".,:;"), leadInOpeners) || equalFoldAny(first, leadInBareOpeners) {
		return true
	}
	tail := strings.TrimRightFunc(s, func(r rune) bool { return r == '.' || r == ':' || unicode.IsSpace(r) })
	for _, w := range leadInWords {
		if len(tail) >= len(w) && strings.EqualFold(tail[len(tail)-len(w):], w) {
			before, _ := utf8.DecodeLastRuneInString(tail[:len(tail)-len(w)])
			return len(tail) == len(w) || !isWordRune(before)
		}
	}
	return false
}

// splitLayout cuts normalised lines into sentences, each with the line it
// starts on, and keeps the headings apart.
func splitLayout(lines []string) layout {
	var l layout
	heading, listOpen, n := "", false, 0
	for _, b := range blocks(lines) {
		if b.heading {
			if s := strings.TrimSpace(string(b.runes)); hasLetter(s) {
				l.headings = append(l.headings, profile.Sentence{Text: s, Line: b.lineOf(0)})
				n++
				heading = s
			}
			listOpen = false
			continue
		}
		for i, s := range b.sentences() {
			l.sentences = append(l.sentences, s)
			l.para = append(l.para, b.para)
			l.under = append(l.under, heading)
			l.inList = append(l.inList, b.item && (listOpen || i > 0))
			l.item = append(l.item, b.item)
			l.section = append(l.section, n)
			heading = ""
			listOpen = b.item || leadsIn(s.Text)
		}
	}
	return l
}

// sentences cuts one block at every sentence end.
func (b block) sentences() []profile.Sentence {
	text := b.runes
	var out []profile.Sentence
	emit := func(from, to int) {
		for from < to && text[from] == ' ' {
			from++
		}
		// A list marker run into the paragraph ("... desa. - Ia melatih")
		// is no part of the sentence.
		if s := strings.TrimLeft(strings.TrimSpace(string(text[from:to])), "-•–—* "); hasLetter(s) {
			out = append(out, profile.Sentence{Text: s, Line: b.lineOf(from)})
		}
	}
	start := 0
	for k := 0; k < len(text); k++ {
		if !isTerminator(text[k]) {
			continue
		}
		j := k + 1
		for j < len(text) && isTerminator(text[j]) {
			j++
		}
		for j < len(text) && isCloser(text[j]) {
			j++
		}
		switch {
		case j >= len(text)-1:
			// The block ends here (its last rune is the joining space).
			emit(start, j)
			start, k = len(text), len(text)
		case text[j] != ' ':
			// "Rp2.750.000", "07.30", "S.Kom", "S.Sos.,": inside a word.
			k = j - 1
		default:
			newLine := b.lineOf(j+1) != b.lineOf(k)
			if endsSentence(text[start:k], text[k:j], text[j+1:], newLine) {
				emit(start, j)
				start = j + 1
			}
			k = j
		}
	}
	if start < len(text) {
		emit(start, len(text))
	}
	return out
}

// nextLetter is the first letter or digit of text, past opening quotes and
// brackets; 0 if there is none.
func nextLetter(text []rune) rune {
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		if r == ' ' {
			return 0
		}
	}
	return 0
}

// endsSentence decides whether the terminators term, written after the
// sentence-so-far before and followed by after (on a new line of the
// source if newLine), close a sentence.
func endsSentence(before, term, after []rune, newLine bool) bool {
	next := nextLetter(after)
	switch {
	case unicode.IsLower(next):
		// Careful writers open a sentence with a capital: "dll. sesuai",
		// "tsb. dijalankan", "S.Sos. yang", "menunggu... lalu".
		return false
	case term[len(term)-1] != '.':
		return true
	}
	written := lastWord(before)
	word := strings.ToLower(written)
	switch {
	case isAcronym(written) && !unicode.IsDigit(next):
		// "... pemeriksaan BPK. Apabila", "lulusan SD. Ia": written in
		// capitals, a word is an acronym, not the "Bpk." that stands
		// before a name, unless the table lists it in capitals ("QS.
		// At-Taubah").
		return !abbreviations.name[written]
	case abbreviations.inner[word]:
		// "Senin s.d. Kamis", "pukul 08.00 s.d. 16.00", "mis. Balai ...".
		return false
	case unicode.IsDigit(next):
		return !abbreviations.number[word] && !vowelless(word) && !dottedLower(written)
	case abbreviations.name[word]:
		return false
	case dottedLower(written):
		// An unknown short form with inner stops ("d.a.", "a.l.") ends a
		// sentence only where the writer also broke the line.
		return newLine
	}
	// An initial before a name: "M. Yusuf", "Budi S. Rahardjo"; but a
	// letter that names a class ends its sentence before a word that
	// opens one ("... sama SIM C. Kenyataannya, ...").
	r := []rune(written)
	return !(len(r) == 1 && unicode.IsUpper(r[0]) && unicode.IsUpper(next)) || opensSentence(after)
}

// opensSentence reports whether text starts with a word that opens a
// sentence and no name: a turn to a reality ("Kenyataannya"), or a word
// of titles.txt that opens a sentence ("Namun", "Padahal").
func opensSentence(text []rune) bool {
	word, _, _ := strings.Cut(strings.TrimLeft(string(text[:min(len(text), maxOpenerRunes)]), " \"'“‘("), " ")
	word = lower(strings.TrimRight(word, ",.:;!?"))
	return sentenceOpeners[word] || opens(vocabulary.turn, word)
}

// maxOpenerRunes is how much of the text after a stop opensSentence reads.
const maxOpenerRunes = 40

// isAcronym reports whether word is two or more capitals (and digits),
// the way Indonesian writes acronyms: "BPK", "TKSK", "P2TP2A".
func isAcronym(word string) bool {
	capitals := 0
	for _, r := range word {
		switch {
		case unicode.IsUpper(r):
			capitals++
		case !unicode.IsDigit(r):
			return false
		}
	}
	return capitals >= 2
}

// dottedLower reports whether word is a lower-case short form with inner
// full stops: "s.d", "a.n", "u.p".
func dottedLower(word string) bool {
	if !strings.Contains(word, ".") || strings.HasPrefix(word, ".") {
		return false
	}
	for _, r := range word {
		if r != '.' && !unicode.IsLower(r) {
			return false
		}
	}
	return len(word) <= 7
}

// vowels are the vowels of affixes.txt.
var vowels = lexicon.set("vowel")

// vowelless reports whether word is a short lower-case form without vowels,
// the way Indonesian abbreviates ("tgl", "hlm", "jl").
func vowelless(word string) bool {
	if word == "" || len(word) > 4 {
		return false
	}
	for _, r := range word {
		if !unicode.IsLower(r) || vowels[string(r)] {
			return false
		}
	}
	return true
}

// lastWord is the run of non-space runes at the end of text, without the
// opening punctuation before it.
func lastWord(text []rune) string {
	i := len(text)
	for i > 0 && text[i-1] != ' ' {
		i--
	}
	return strings.TrimLeft(string(text[i:]), "([\"'“‘")
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
