package parser

import (
	_ "embed"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

//go:embed cues.txt
var cuesText string

// vocabulary is read once; a malformed line of the embedded file is a
// programming error that every test run catches at start-up.
var vocabulary = mustVocabulary(cuesText)

// A cue is a phrase of the genre that points a sentence to a section.
// Strong cues name the section itself; weak cues are words it tends to use.
type cue struct {
	section profile.SectionKey
	strong  bool
	re      *phraseRE
}

// phraseRE is a compiled phrase with sets of literals such that every match
// holds one literal of each set: a sentence that misses a set is skipped
// without running the regexp, which keeps the parser fast.
type phraseRE struct {
	*regexp.Regexp
	needs    [][]string
	anchored bool // matches only at the start of a sentence
	// start is the phrase anchored at the start of its input, and starts
	// the literals one of which every match opens with (nil if unknown):
	// together they try the phrase only where it may start.
	start  *regexp.Regexp
	starts []string
}

// cueVocabulary is cues.txt compiled.
type cueVocabulary struct {
	cues           []cue
	index          cueIndex
	turn, negation []*phraseRE
	belief         []*phraseRE
	// without is what a cue right after it does not count after ("tanpa
	// perlu berpikir dua kali").
	without []*phraseRE
}

func mustVocabulary(text string) cueVocabulary {
	v, err := parseVocabulary(text)
	if err != nil {
		panic(err)
	}
	return v
}

var macroRE = regexp.MustCompile(`@[a-z]+`)

// parseVocabulary reads the format of cues.txt.
func parseVocabulary(text string) (cueVocabulary, error) {
	var v cueVocabulary
	macros := map[string]string{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(format string, args ...any) (cueVocabulary, error) {
			return cueVocabulary{}, fmt.Errorf("cues.txt:%d: "+format, append([]any{n + 1}, args...)...)
		}
		kind, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		var undefined string
		expand := func(phrase string) string {
			return macroRE.ReplaceAllStringFunc(phrase, func(m string) string {
				p, ok := macros[m[1:]]
				if !ok {
					undefined = m
				}
				return p
			})
		}
		if kind == "define" {
			name, pattern, _ := strings.Cut(rest, " ")
			if name == "" || strings.TrimSpace(pattern) == "" {
				return fail("want \"define NAME REGEXP\"")
			}
			// A define may use those before it.
			if macros[name] = expand(strings.TrimSpace(pattern)); undefined != "" {
				return fail("%s is not defined", undefined)
			}
			continue
		}
		compile := func(phrase string) (*phraseRE, error) {
			expanded := expand(phrase)
			if undefined != "" {
				return nil, fmt.Errorf("%s is not defined", undefined)
			}
			return cueRE(expanded)
		}
		switch kind {
		case "turn", "negation", "belief", "without":
			re, err := compile(rest)
			if err != nil {
				return fail("%v", err)
			}
			list := map[string]*[]*phraseRE{"turn": &v.turn, "negation": &v.negation, "belief": &v.belief, "without": &v.without}[kind]
			*list = append(*list, re)
			continue
		}
		section := profile.SectionKey(kind)
		strength, phrase, _ := strings.Cut(rest, " ")
		phrase = strings.TrimSpace(phrase)
		if !section.Valid() || strength != "strong" && strength != "weak" || phrase == "" {
			return fail("want \"SECTION strong|weak PHRASE\", \"turn|negation|belief|without PHRASE\" or \"define NAME REGEXP\"")
		}
		re, err := compile(phrase)
		if err != nil {
			return fail("%v", err)
		}
		v.cues = append(v.cues, cue{section: section, strong: strength == "strong", re: re})
	}
	v.index = newCueIndex(v.cues)
	return v, nil
}

// cueRE compiles a cue phrase to match whole lower-cased words. The left
// word boundary is checked by find rather than in the pattern, so that a
// phrase that starts with a literal lets the regexp engine scan for it
// instead of trying every position.
func cueRE(phrase string) (*phraseRE, error) {
	pattern := `(?:` + phrase + `)(?:$|[^\pL\pN])`
	rest, anchored := strings.CutPrefix(phrase, "^")
	startPattern := `^(?:` + rest + `)(?:$|[^\pL\pN])`
	if anchored {
		pattern = startPattern
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	start, err := regexp.Compile(startPattern)
	if err != nil {
		return nil, err
	}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	startTree, err := syntax.Parse(rest, syntax.Perl)
	if err != nil {
		return nil, err
	}
	starts, _ := startsOf(startTree.Simplify())
	return &phraseRE{Regexp: re, needs: requiredAll(tree.Simplify()), anchored: anchored, start: start, starts: starts}, nil
}

// requiredAll returns every set of literals a match of re must hold one of:
// one per part of a sequence that has such a set.
func requiredAll(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpConcat:
		var all [][]string
		for _, sub := range re.Sub {
			all = append(all, requiredAll(sub)...)
		}
		return all
	case syntax.OpCapture, syntax.OpPlus:
		return requiredAll(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min > 0 {
			return requiredAll(re.Sub[0])
		}
	case syntax.OpLiteral, syntax.OpAlternate:
		if lits, ok := required(re); ok {
			return [][]string{lits}
		}
	}
	return nil
}

// required returns literals one of which every match of re holds, and
// false when it cannot tell.
func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min > 0 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		// Of the parts that need a literal, the one whose shortest literal
		// is longest rules out the most sentences ("menilai" rather than
		// the "juga" before it).
		var best []string
		for _, sub := range re.Sub {
			if lits, ok := required(sub); ok && (best == nil || shortest(lits) > shortest(best)) {
				best = lits
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			lits, ok := required(sub)
			if !ok {
				return nil, false
			}
			all = append(all, lits...)
		}
		return all, true
	}
	return nil, false
}

// shortest is the length of the shortest of lits.
func shortest(lits []string) int {
	n := len(lits[0])
	for _, l := range lits[1:] {
		n = min(n, len(l))
	}
	return n
}

// mayMatch reports whether lower holds a literal of each set a match of re
// needs.
func (re *phraseRE) mayMatch(lower string) bool {
	for _, set := range re.needs {
		if !slices.ContainsFunc(set, func(lit string) bool { return strings.Contains(lower, lit) }) {
			return false
		}
	}
	return true
}

// find returns where re first matches lower on a word boundary, or -1, and
// the words matched.
func find(re *phraseRE, lower string) (int, string) {
	if re.anchored && re.starts != nil {
		// Trying its starts at the start is cheaper than its literals.
		return findStart(re, lower)
	}
	if !re.mayMatch(lower) {
		return -1, ""
	}
	if re.starts != nil && !anyWordStart(re.starts) {
		return findStart(re, lower)
	}
	return scan(re, lower)
}

// scan is find the slow way, for a phrase whose starts are not known: its
// regexp run over the sentence, one match at a time, until a match stands
// on a word boundary.
func scan(re *phraseRE, lower string) (int, string) {
	for start := 0; start < len(lower) || start == 0; {
		loc := re.FindStringIndex(lower[start:])
		if loc == nil {
			break
		}
		at, end := start+loc[0], start+loc[1]
		if at == 0 || !isWordRune(lastRuneBefore(lower, at)) || at < len(lower) && lower[at] == ',' {
			return at, matchedWords(lower[at:end])
		}
		if re.anchored {
			break
		}
		_, size := utf8.DecodeRuneInString(lower[at:])
		start = at + size
	}
	return -1, ""
}

// matchedWords is a match without the mark after its last word.
func matchedWords(m string) string {
	return strings.TrimRightFunc(m, func(r rune) bool { return !isWordRune(r) })
}

func lastRuneBefore(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lower lower-cases s rune by rune, leaving a rune whose lower case has
// another UTF-8 length as it is, so that byte offsets found in the result
// hold in s.
func lower(s string) string {
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}, s)
}

// opens reports whether lower starts with one of the phrases.
func opens(phrases []*phraseRE, lower string) bool {
	for _, re := range phrases {
		if at, _ := find(re, lower); at == 0 {
			return true
		}
	}
	return false
}

// without reports whether lower, before at, ends with a phrase that a cue
// at at does not count after ("tanpa perlu berpikir dua kali").
func without(lower string, at int) bool {
	if at == 0 {
		return false
	}
	// Only the last words before the cue can hold the phrase.
	from := strings.LastIndex(lower[:max(0, at-maxWithoutBytes)], " ") + 1
	for _, re := range vocabulary.without {
		for start := from; start < at; {
			loc, words := find(re, lower[start:at])
			if loc < 0 {
				break
			}
			if end := start + loc + len(words); strings.TrimSpace(lower[end:at]) == "" {
				return true
			}
			start += loc + max(1, len(words))
		}
	}
	return false
}

// maxWithoutBytes is how far before a cue without looks for its phrase.
const maxWithoutBytes = 24

// negated reports whether one of the three words before at in lower
// negates what follows ("tidak cocok dengan data", "bukan pekerjaan yang
// tepat").
func negated(lower string, at int) bool {
	words := strings.Fields(lower[:at])
	for i := max(0, len(words)-3); i < len(words); i++ {
		w := strings.TrimFunc(words[i], func(r rune) bool { return !isWordRune(r) })
		for _, re := range vocabulary.negation {
			if loc := re.FindStringIndex(w + " "); loc != nil && loc[0] == 0 && loc[1] >= len(w) {
				return true
			}
		}
	}
	return false
}
