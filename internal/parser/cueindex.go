package parser

import (
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// maxStarts bounds the literals kept for where a phrase may start: a phrase
// that may start in more ways is run as a whole.
const maxStarts = 256

// anyWord stands at the head of a start of a phrase for "any word"
// ("[\pL-]+ baru" starts "\x00 baru"): the phrase may start at a word
// followed by what comes after it.
const anyWord = "\x00"

// startsOf returns literals one of which every match of re starts with
// (anyWord among them if it may start with any word), and false when it
// cannot tell.
func startsOf(re *syntax.Regexp) ([]string, bool) {
	set, _ := prefixes(re)
	if len(set) == 0 || slices.Contains(set, "") {
		return nil, false
	}
	slices.Sort(set)
	return slices.Compact(set), true
}

// anyWordStart reports whether one of starts begins with any word.
func anyWordStart(starts []string) bool {
	return slices.ContainsFunc(starts, func(s string) bool { return strings.HasPrefix(s, anyWord) })
}

// isWordClass reports whether re is a class of all letters that holds no
// space, as "[\pL-]" and "\pL" are.
func isWordClass(re *syntax.Regexp) bool {
	return re.Op == syntax.OpCharClass && inClass(re, 'a') && inClass(re, 'z') && inClass(re, 'é') && !inClass(re, ' ')
}

// inClass reports whether the class re holds r.
func inClass(re *syntax.Regexp, r rune) bool {
	for i := 0; i+1 < len(re.Rune); i += 2 {
		if re.Rune[i] <= r && r <= re.Rune[i+1] {
			return true
		}
	}
	return false
}

// wordRunEnd is where the run of letters, digits and hyphens from s[i]
// ends: at least as far as any word class runs.
func wordRunEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) && r != '-' {
			break
		}
		i += size
	}
	return i
}

// prefixes returns strings every match of re starts with one of, and
// whether they are exactly the strings re matches, so that a sequence may
// go on with what follows.
func prefixes(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return []string{""}, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpEmptyMatch, syntax.OpBeginText, syntax.OpBeginLine:
		return []string{""}, true
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(set) == 16 {
					return []string{""}, false
				}
				set = append(set, string(r))
			}
		}
		return set, true
	case syntax.OpCapture:
		return prefixes(re.Sub[0])
	case syntax.OpQuest:
		set, complete := prefixes(re.Sub[0])
		return append(set, ""), complete
	case syntax.OpPlus:
		if isWordClass(re.Sub[0]) {
			return []string{anyWord}, true
		}
		set, _ := prefixes(re.Sub[0])
		return set, false
	case syntax.OpRepeat:
		if re.Min > 0 {
			set, _ := prefixes(re.Sub[0])
			return set, false
		}
	case syntax.OpAlternate:
		var set []string
		complete := true
		for _, sub := range re.Sub {
			s, c := prefixes(sub)
			set, complete = append(set, s...), complete && c
		}
		return set, complete
	case syntax.OpConcat:
		set := []string{""}
		for _, sub := range re.Sub {
			s, complete := prefixes(sub)
			if len(set)*len(s) > maxStarts || anyWordStart(s) && !slices.Equal(set, []string{""}) {
				// Any word after a literal: the literal is how it starts.
				return set, false
			}
			var next []string
			for _, a := range set {
				for _, b := range s {
					if a == anyWord && b != "" && wordRunEnd(b, 0) > 0 {
						// What follows any word must start past it.
						return set, false
					}
					next = append(next, a+b)
				}
			}
			set = next
			if !complete {
				return set, false
			}
		}
		return set, true
	}
	return []string{""}, false
}

// cueIndex finds where each cue of a vocabulary first matches a sentence in
// one pass over its words: at every word start it tries only the cues that
// may start there, each by its anchored regexp, instead of running every
// cue's regexp over the whole sentence.
type cueIndex struct {
	// heads holds, by the letters a literal opens with and by every
	// shorter start of those, the literals and whether longer heads go on
	// from there: a word is looked up one letter more at a time, and only
	// as long as some head may still match.
	heads   map[string]headNode
	other   []startLit // literals that open with a mark (", sedangkan")
	anyWord []startLit // what follows any word a cue may start with
	// anywhere are the cues whose start cannot be told: each is run once
	// over the whole sentence, which for one regexp costs less than trying
	// it at every word.
	anywhere []int
}

// headNode is the literals whose head is one string, and whether longer
// heads start with it.
type headNode struct {
	lits   []startLit
	longer bool
}

// startLit is a literal that cue number cue may start with.
type startLit struct {
	cue int
	lit string
}

func newCueIndex(cues []cue) cueIndex {
	ix := cueIndex{heads: map[string]headNode{}}
	for i, c := range cues {
		if c.re.starts == nil {
			ix.anywhere = append(ix.anywhere, i)
			continue
		}
		for _, lit := range c.re.starts {
			if tail, ok := strings.CutPrefix(lit, anyWord); ok {
				ix.anyWord = append(ix.anyWord, startLit{i, tail})
				continue
			}
			head := lit[:wordEnd(lit, 0)]
			if head == "" {
				ix.other = append(ix.other, startLit{i, lit})
				continue
			}
			node := ix.heads[head]
			node.lits = append(node.lits, startLit{i, lit})
			ix.heads[head] = node
			for n := range head {
				if n > 0 {
					shorter := ix.heads[head[:n]]
					shorter.longer = true
					ix.heads[head[:n]] = shorter
				}
			}
		}
	}
	return ix
}

// match is where a cue first matches a sentence on a word boundary (-1 if
// it does not) and the words it matched.
type match struct {
	at    int
	words string
}

// cueScratch is the memory firstMatches reuses from one sentence to the
// next. An entry is this sentence's only if its stamp is the current
// generation, so that a short sentence costs nothing for the cues it never
// tries.
type cueScratch struct {
	matches []match
	tried   []int
	// may is whether a cue's needed literals are all in the sentence: 0 not
	// yet known, 1 yes, -1 no. It is read once a cue is about to be tried.
	may   []int8
	stamp []uint32
	gen   uint32
	found []int // the cues that match, in the order of the vocabulary
}

var scratchPool = sync.Pool{New: func() any { return new(cueScratch) }}

// reset starts a sentence over n cues.
func (sc *cueScratch) reset(n int) {
	if len(sc.stamp) < n {
		sc.matches, sc.tried = make([]match, n), make([]int, n)
		sc.may, sc.stamp = make([]int8, n), make([]uint32, n)
	}
	sc.gen++
	if sc.gen == 0 {
		clear(sc.stamp)
		sc.gen = 1
	}
	sc.found = sc.found[:0]
}

// fresh makes cue i's entry this sentence's.
func (sc *cueScratch) fresh(i int) {
	if sc.stamp[i] != sc.gen {
		sc.stamp[i], sc.matches[i], sc.tried[i], sc.may[i] = sc.gen, match{at: -1}, -1, 0
	}
}

// match is where cue i first matches the sentence, as firstMatches found.
func (sc *cueScratch) match(i int) match {
	if sc.stamp[i] != sc.gen {
		return match{at: -1}
	}
	return sc.matches[i]
}

// firstMatches finds, for each cue, where it first matches lower, the way
// find would, and returns the cues that match, in the order of the
// vocabulary; sc.match tells where. The memory it uses is sc's, reused
// from one sentence to the next.
func (ix *cueIndex) firstMatches(cues []cue, lower string, sc *cueScratch) []int {
	sc.reset(len(cues))
	try := func(sl startLit, pos int) {
		c := cues[sl.cue].re
		sc.fresh(sl.cue)
		if sc.matches[sl.cue].at >= 0 || sc.tried[sl.cue] == pos || c.anchored && pos > 0 || !strings.HasPrefix(lower[pos:], sl.lit) {
			return
		}
		sc.tried[sl.cue] = pos
		if sc.may[sl.cue] == 0 {
			sc.may[sl.cue] = -1
			if c.mayMatch(lower) {
				sc.may[sl.cue] = 1
			}
		}
		if sc.may[sl.cue] < 0 {
			return
		}
		if words, ok := c.matchAt(lower, pos); ok {
			sc.matches[sl.cue] = match{pos, words}
			sc.found = append(sc.found, sl.cue)
		}
	}
	for _, i := range ix.anywhere {
		sc.fresh(i)
		if at, words := find(cues[i].re, lower); at >= 0 {
			sc.matches[i] = match{at, words}
			sc.found = append(sc.found, i)
		}
	}
	prev := ' '
	for pos, r := range lower {
		if pos == 0 || !isWordRune(prev) || r == ',' {
			word := lower[pos:wordEnd(lower, pos)]
			if word != "" {
				after := lower[wordRunEnd(lower, pos):]
				for _, sl := range ix.anyWord {
					if strings.HasPrefix(after, sl.lit) {
						try(startLit{cue: sl.cue}, pos)
					}
				}
			}
			for n := range word {
				_, size := utf8.DecodeRuneInString(word[n:])
				node, ok := ix.heads[word[:n+size]]
				if !ok {
					break
				}
				for _, sl := range node.lits {
					try(sl, pos)
				}
				if !node.longer {
					break
				}
			}
			for _, sl := range ix.other {
				try(sl, pos)
			}
		}
		prev = r
	}
	slices.Sort(sc.found)
	return sc.found
}

// maxCueSpan bounds the bytes a cue's match may span: the input handed to
// the anchored regexp is cut there, so that trying a cue at one word costs
// the same however long the rest of the sentence is.
const maxCueSpan = 400

// matchAt reports whether re matches lower at pos, and the words it
// matched.
func (re *phraseRE) matchAt(lower string, pos int) (string, bool) {
	in := lower[pos:]
	if len(in) > maxCueSpan {
		in = strings.ToValidUTF8(in[:maxCueSpan], "")
	}
	loc := re.start.FindStringIndex(in)
	if loc == nil {
		return "", false
	}
	return matchedWords(in[:loc[1]]), true
}

// findStart is find for a phrase whose starts are known: it tries the
// phrase only at the word boundaries where one of them opens.
func findStart(re *phraseRE, lower string) (int, string) {
	prev := ' '
	for pos, r := range lower {
		if pos > 0 && re.anchored {
			break
		}
		if pos == 0 || !isWordRune(prev) || r == ',' {
			// The starts are sorted: only those with this first byte can
			// open here.
			b := lower[pos]
			from, _ := slices.BinarySearchFunc(re.starts, b, func(lit string, b byte) int { return int(lit[0]) - int(b) })
			for _, lit := range re.starts[from:] {
				if lit[0] != b {
					break
				}
				if strings.HasPrefix(lower[pos:], lit) {
					if words, ok := re.matchAt(lower, pos); ok {
						return pos, words
					}
					break
				}
			}
		}
		prev = r
	}
	return -1, ""
}

// wordEnd is where the run of letters and digits from s[i] ends.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}
