// Package search answers search, autocomplete and discovery (the trait
// counts, related profiles, fit matching) from memory: an index over every
// profile of the read model, built with each snapshot from the one before
// (refresh.go). PostgreSQL's indonesian text-search configuration stays the
// language authority: the index asks it (profile.TextAnalyzer) for the
// lexemes of every word the texts and the queries hold, once per word, and
// evaluates the queries itself.
//
// A search goes through stages, a file each: compile.go reads the query's
// words as PostgreSQL does; rank.go ranks the profiles from their posting
// lists, blocks.go by blocks of profiles, phrase.go checks phrases;
// snippet.go picks and marks the sentences a page shows; correct.go
// corrects a query that finds nothing.
//
// Per lexeme the index keeps a posting list: the ordinals of the profiles
// (their place in the catalogue's title order) that hold it, each with one
// byte saying where (bit 0 the title, then the six sections). Scores come
// from those bytes alone; phrases are checked on the candidates' sentences,
// which are stored once however many profiles share them. The lists of
// common lexemes, and of the profiles sharing a stored section, are also
// summed up by blocks of profiles: a search then reads only the blocks that
// may reach its page, and counts the rest from bitmaps.
//
// Discovery reads small facts of each profile (facts.go): its traits, the
// words of its title, the professions it compares itself with. Related
// profiles and matches rank every profile from arrays of those, side by
// side (discovery.go). Search, related and match keep their best with one
// bounded heap (top.go); what discovery says in Indonesian comes from
// lexicon/messages.txt, beside the stem corrections of lexicon/stems.txt.
package search

import (
	"cmp"
	"context"
	"errors"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// cacheSize bounds each cache: analysed query words, corrections, similar
// titles.
const cacheSize = 4096

// Engine is what the indexes of one read model share: the analyzer, with
// the analysis of query words that no text holds (it does not depend on
// the catalogue), and the names discovery compares, interned.
type Engine struct {
	an    profile.TextAnalyzer // nil: no search or autocomplete
	words *lru[string, [][]string]
	names *interner
}

// NewEngine returns the engine of indexes that read words with an; nil
// leaves them discovery only.
func NewEngine(an profile.TextAnalyzer) *Engine {
	return &Engine{an: an, words: newLRU[string, [][]string](cacheSize), names: newInterner()}
}

// Index is the index of one snapshot of the catalogue. It is immutable and
// safe for concurrent use.
//
// It keeps two tiers (tiers.go). The base is the catalogue as the last full
// build read it, by ordinal: its profiles in the catalogue's (title, slug)
// order, what discovery reads of them, and what search reads (text); those
// changed or gone since are marked gone. The fresh tier is the profiles new
// since, in the catalogue's order, with their own text index (freshText).
type Index struct {
	engine *Engine
	base   []*Doc
	disc   *discovery
	gone   gone
	fresh  []*Doc
	// counts are the trait counts of the catalogue: the base's, less the
	// gone, plus the fresh.
	counts traitCounts
	// text and freshText are nil without an analyzer; freshText is nil
	// too when the fresh tier is empty.
	text, freshText *textIndex
	// foldedFrom is, in an index Folded made, the base it was made from.
	foldedFrom *discovery
}

// textIndex is what search and autocomplete read.
type textIndex struct {
	engine *Engine
	words  *words
	docs   []*textDoc // by ordinal, as Index.docs
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
	titlePost  holders
	bareTitles []int32
	stems      map[uint32][]uint32 // lexeme → the lexemes of its stem group
	// titles and terms serve autocomplete: each title folded, and each
	// folded title from its second word on, sorted.
	titles, terms []titleEntry
	// gone marks the profiles changed or gone since it was built.
	gone gone
	// Spelling corrections and similar titles depend on the catalogue:
	// the caches go with the index (with the base tier of each).
	corrections *lru[string, string]
	similar     *lru[string, []profile.Suggestion]
}

// errNoAnalyzer answers search and autocomplete on an engine without an
// analyzer.
var errNoAnalyzer = errors.New("search: no analyzer: search and autocomplete are off")

// Search implements profile.SearchService's Search.
func (ix *Index) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	if ix.text == nil {
		return profile.SearchResult{}, errNoAnalyzer
	}
	if err := q.Validate(); err != nil {
		return profile.SearchResult{}, err
	}
	parsed := parseQuery(q.Text)
	res, err := ix.search(ctx, q, parsed)
	if err != nil || res.Total > 0 {
		return res, err
	}
	corrected, changed, err := ix.text.correct(ctx, parsed)
	if err != nil || !changed {
		return res, err
	}
	res, err = ix.search(ctx, q, corrected)
	res.Fuzzy = res.Total > 0
	return res, err
}

// tiers returns the tiers of the text search.
func (ix *Index) tiers() []*textIndex {
	if ix.freshText == nil {
		return []*textIndex{ix.text}
	}
	return []*textIndex{ix.text, ix.freshText}
}

// search ranks the query parsed in each tier and merges their hits into
// the page q asks for, as one index of every profile would rank them.
func (ix *Index) search(ctx context.Context, q profile.SearchQuery, parsed query) (profile.SearchResult, error) {
	res := profile.SearchResult{Items: []profile.SearchHit{}}
	k := q.Offset + q.Limit
	var found [2]ranked // the base's, the fresh tier's
	for i, t := range ix.tiers() {
		r, err := t.rank(ctx, q, parsed, k)
		if err != nil {
			return res, err
		}
		res.Total += r.total
		found[i] = r
	}
	hits := ix.merged(found[0].hits, found[1].hits, k)
	for _, h := range hits[min(q.Offset, len(hits)):] {
		r := &found[0]
		if h.fresh {
			r = &found[1]
		}
		res.Items = append(res.Items, r.item(h.hit))
	}
	return res, nil
}

// compareDocs orders Docs as the catalogue lists them: by title, then slug.
func compareDocs(a, b *Doc) int {
	return cmp.Or(strings.Compare(a.title, b.title), strings.Compare(a.slug, b.slug))
}

// Suggest implements profile.SearchService's Suggest: titles that start
// with the prefix, then titles with a later word that does, from the sorted
// arrays of each tier; only when they are fewer than profile.MaxSuggestions
// does it ask the analyzer for similar titles (cached).
func (ix *Index) Suggest(ctx context.Context, prefix string) ([]profile.Suggestion, error) {
	if ix.text == nil {
		return nil, errNoAnalyzer
	}
	return ix.suggest(ctx, prefix)
}
