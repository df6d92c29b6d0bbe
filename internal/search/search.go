// Package search answers search and autocomplete from memory: an
// inverted index over every profile of the read model, rebuilt with each
// snapshot. PostgreSQL's indonesian text-search configuration stays the
// language authority: the index asks it (profile.TextAnalyzer) for the
// lexemes of every word the texts and the queries hold, once per word, and
// evaluates the queries itself.
//
// Per lexeme the index keeps a posting list: the ordinals of the profiles
// (their place in the catalogue's title order) that hold it, each with one
// byte saying where (bit 0 the title, then the six sections). Scores come
// from those bytes alone; phrases are checked on the candidates' sentences,
// which are stored once however many profiles share them. The lists of
// common lexemes, and of the profiles sharing a stored section, are also
// summed up by blocks of profiles (blocks.go): a search then reads only the
// blocks that may reach its page, and counts the rest from bitmaps.
package search

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

// cacheSize bounds each cache: analysed query words, corrections, similar
// titles.
const cacheSize = 4096

// Analysis is what the indexes of one model share: the analyzer and the
// analysis of query words that no text holds, which does not depend on the
// catalogue.
type Analysis struct {
	an    profile.TextAnalyzer
	words *lru[string, [][]string]
}

// NewAnalysis returns the shared state of indexes that read words with an.
func NewAnalysis(an profile.TextAnalyzer) *Analysis {
	return &Analysis{an: an, words: newLRU[string, [][]string](cacheSize)}
}

// Index is the search index of one snapshot of the catalogue. It is
// immutable and safe for concurrent use.
type Index struct {
	analysis *Analysis
	words    *words
	docs     []*doc // by ordinal: the catalogue's (title, slug) order
	// sections are the docs' sections side by side, for phrase checks
	// that go through every candidate.
	sections [][6]uint32
	// titleEnds are each title's first and last words and how many it
	// has, side by side: phrase checks read them for many profiles.
	titleEnds [][3]uint32
	// sectionDocs lists, when stored sections are few against the
	// profiles (recombined texts), the profiles holding each, by the
	// section they hold it in.
	sectionDocs [][]placed
	post        []postings
	// summaries are the dense posting lists by blocks, by lexeme; nil for
	// the others.
	summaries []*summary
	// titlePost lists, per lexeme, the profiles whose titles hold it;
	// bareTitles the profiles whose titles PostgreSQL reads no word of.
	titlePost  [][]int32
	bareTitles []int32
	stems      map[uint32][]uint32 // lexeme → the lexemes of its stem group
	// titles and terms serve autocomplete: each title folded, and each
	// folded title from its second word on, sorted.
	titles, terms []titleEntry
	// Spelling corrections and similar titles depend on the catalogue:
	// the caches go with the index.
	corrections *lru[string, string]
	similar     *lru[string, []profile.Suggestion]
}

// Search implements profile.SearchService's Search.
func (ix *Index) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	if err := q.Validate(); err != nil {
		return profile.SearchResult{}, err
	}
	parsed := parseQuery(q.Text)
	res, err := ix.search(ctx, q, parsed)
	if err != nil || res.Total > 0 {
		return res, err
	}
	corrected, changed, err := ix.correct(ctx, parsed)
	if err != nil || !changed {
		return res, err
	}
	res, err = ix.search(ctx, q, corrected)
	res.Fuzzy = res.Total > 0
	return res, err
}
