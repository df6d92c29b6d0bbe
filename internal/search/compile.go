package search

import (
	"context"
	"strings"
)

// query is a search text in web-search syntax, split into its units.
type query struct{ units []unit }

// unit is a word, a "quoted phrase", or either after a minus (neg).
type unit struct {
	words       []string
	phrase, neg bool
}

// queryWords returns what websearch_to_tsquery reads as words in text,
// in lower case: runs of letters and digits; the rest only separates them.
func queryWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !isWordRune(r) })
}

// parseQuery splits text as websearch_to_tsquery reads it: quoted phrases
// (an unclosed quote runs to the end), words, and either after a minus. The
// word "or" between units is dropped: the tiers join units themselves.
func parseQuery(text string) query {
	var q query
	for rest := text; ; {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" {
			return q
		}
		neg := false
		if r, ok := strings.CutPrefix(rest, "-"); ok {
			neg, rest = true, r
		}
		var chunk string
		phrase := strings.HasPrefix(rest, `"`)
		if phrase {
			var ok bool
			chunk, rest, ok = strings.Cut(rest[1:], `"`)
			if !ok {
				rest = ""
			}
		} else {
			end := strings.IndexAny(rest, " \t\r\n\"")
			if end < 0 {
				end = len(rest)
			}
			chunk, rest = rest[:end], rest[end:]
		}
		words := queryWords(chunk)
		if len(words) == 0 || !phrase && !neg && len(words) == 1 && words[0] == "or" {
			continue
		}
		q.units = append(q.units, unit{words: words, phrase: phrase || len(words) > 1, neg: neg})
	}
}

// position is one word position of a compiled unit: the lexemes that match
// it, or any word for a stop word.
type position struct {
	any     bool
	lexemes []uint32
}

// term is a unit compiled against an index: a sequence of positions, which
// must follow one another within a sentence (or the title) when there are
// several.
type term struct {
	positions []position
	neg       bool
}

// single reports whether t is one word of one lexeme.
func (t term) single() bool {
	return len(t.positions) == 1 && len(t.positions[0].lexemes) == 1
}

// compile reads the units' words as PostgreSQL does: each word's lexemes
// come from the vocabulary of the texts or, for a word no text holds, from
// the analyzer (once per word: the analysis is cached), and the stem
// corrections widen them. A unit of stop words only is dropped, as
// websearch_to_tsquery drops it.
func (ix *textIndex) compile(ctx context.Context, q query) ([]term, error) {
	var missing []string
	for _, u := range q.units {
		for _, w := range u.words {
			if _, ok := ix.words.ids[w]; !ok {
				if _, ok := ix.engine.words.get(w); !ok {
					missing = append(missing, w)
				}
			}
		}
	}
	if len(missing) > 0 {
		analysed, err := ix.engine.an.Analyze(ctx, missing)
		if err != nil {
			return nil, err
		}
		for i, w := range missing {
			ix.engine.words.put(w, analysed[i])
		}
	}
	var out []term
	for _, u := range q.units {
		t := term{neg: u.neg}
		for _, w := range u.words {
			t.positions = append(t.positions, ix.positions(w)...)
		}
		for len(t.positions) > 0 && t.positions[0].any {
			t.positions = t.positions[1:]
		}
		for len(t.positions) > 0 && t.positions[len(t.positions)-1].any {
			t.positions = t.positions[:len(t.positions)-1]
		}
		if len(t.positions) > 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

// positions returns the positions of one query word, known to the
// vocabulary or to the cache.
func (ix *textIndex) positions(w string) []position {
	var lexemes [][]uint32
	if id, ok := ix.words.ids[w]; ok {
		lexemes = ix.words.chunks[id].positions
	} else {
		analysed, _ := ix.engine.words.get(w)
		for _, pos := range analysed {
			ids := []uint32{}
			for _, l := range pos {
				// A lexeme no text holds matches nothing; the position
				// stays, empty.
				if id, ok := ix.words.lexemes[l]; ok {
					ids = append(ids, id)
				}
			}
			lexemes = append(lexemes, ids)
			if len(pos) == 0 {
				lexemes[len(lexemes)-1] = nil
			}
		}
	}
	out := make([]position, len(lexemes))
	for i, ids := range lexemes {
		if ids == nil {
			out[i].any = true
			continue
		}
		out[i].lexemes = []uint32{}
		for _, id := range ids {
			if group, ok := ix.stems[id]; ok {
				out[i].lexemes = append(out[i].lexemes, group...)
			} else {
				out[i].lexemes = append(out[i].lexemes, id)
			}
		}
	}
	return out
}
