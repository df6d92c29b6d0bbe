package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/karir/karir/internal/profile"
)

// doc is one profile.
type doc struct {
	slug, title string
	folded      string // the title folded, for autocomplete
	titleChunks []uint32
	sections    [6]uint32
}

// Builder collects the profiles of a snapshot for an index. Add is safe
// for concurrent use.
type Builder struct {
	analysis *Analysis
	prev     *Index // the index it starts from, or nil
	mu       sync.Mutex
	words    *words
	docs     map[string]*doc
}

// NewBuilder returns a builder that starts from the profiles, vocabulary
// and stored sentences of prev, which may be nil.
func (a *Analysis) NewBuilder(prev *Index) *Builder {
	b := &Builder{analysis: a, prev: prev, docs: map[string]*doc{}}
	if prev == nil {
		b.words = &words{ids: map[string]uint32{}, lexemes: map[string]uint32{}, stored: map[string]uint32{}, secIDs: map[string]uint32{}}
		return b
	}
	b.words = prev.words.clone()
	for _, d := range prev.docs {
		b.docs[d.slug] = d
	}
	return b
}

// Add adds p, or replaces the profile of the same slug.
func (b *Builder) Add(p *profile.Profile) {
	title := p.Title
	if strings.Contains(title, titleMark) || strings.TrimSpace(title) == "" {
		title = ""
	}
	folded := fold(p.Title)
	var texts [6][]string
	for i, key := range profile.SectionKeys() {
		for _, s := range *p.Sections.Sentences(key) {
			texts[i] = append(texts[i], markTitle(s.Text, title))
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d := &doc{slug: p.Slug, title: p.Title, folded: folded, titleChunks: b.words.chunksOf(strings.ReplaceAll(p.Title, titleMark, " "))}
	for i, key := range profile.SectionKeys() {
		d.sections[i] = b.words.sectionID(texts[i], *p.Sections.Sentences(key))
	}
	b.docs[p.Slug] = d
}

// Build returns the index of the profiles under slugs, in that order
// (the catalogue's title order), each added to the builder or to the index
// it started from. It asks PostgreSQL for the words it has not read yet.
func (b *Builder) Build(ctx context.Context, slugs []string) (*Index, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	w := b.words
	for _, group := range stems {
		for _, s := range group {
			w.chunkID(s)
		}
	}
	if err := w.analyse(ctx, b.analysis.an); err != nil {
		return nil, fmt.Errorf("search: analyse the words: %w", err)
	}
	ix := &Index{
		analysis:    b.analysis,
		words:       w,
		docs:        make([]*doc, len(slugs)),
		sections:    make([][6]uint32, len(slugs)),
		titleEnds:   make([][3]uint32, len(slugs)),
		stems:       map[uint32][]uint32{},
		corrections: newLRU[string, string](cacheSize),
		similar:     newLRU[string, []profile.Suggestion](cacheSize),
	}
	for i, slug := range slugs {
		d, ok := b.docs[slug]
		if !ok {
			return nil, fmt.Errorf("search: no profile %q was added", slug)
		}
		ix.docs[i] = d
		ix.sections[i] = d.sections
		if n := len(d.titleChunks); n > 0 {
			ix.titleEnds[i] = [3]uint32{d.titleChunks[0], d.titleChunks[n-1], uint32(n)}
		}
	}
	for _, group := range stems {
		var lexemes []uint32
		for _, s := range group {
			for _, pos := range w.chunks[w.ids[s]].positions {
				lexemes = append(lexemes, pos...)
			}
		}
		slices.Sort(lexemes)
		lexemes = slices.Compact(lexemes)
		for _, l := range lexemes {
			ix.stems[l] = lexemes
		}
	}
	if len(w.secs) <= len(ix.docs)/64 {
		ix.sectionDocs = make([][]placed, len(w.secs))
		for ord, secs := range ix.sections {
			for i, id := range secs {
				ix.sectionDocs[id] = place(ix.sectionDocs[id], sectionBit(i), ord)
			}
		}
		for _, places := range ix.sectionDocs {
			for i := range places {
				if summed(len(places[i].ords), len(ix.docs)) {
					places[i].sum = summariseOrds(places[i].ords, len(ix.docs))
				}
			}
		}
	}
	ch := changesFrom(b.prev, ix.docs)
	if b.prev != nil && ch.inOrder {
		ix.post = refreshPostings(w, ix.docs, b.prev.post, ch)
	} else {
		ix.post = buildPostings(w, ix.docs)
	}
	ix.summaries = make([]*summary, len(ix.post))
	for l, p := range ix.post {
		if summed(len(p.masks), len(ix.docs)) {
			ix.summaries[l] = p.summarise(len(ix.docs), nil)
		}
	}
	ix.titlePost, ix.bareTitles = buildTitlePostings(w, ix.docs)
	ix.titles, ix.terms = buildTitles(ix.docs, b.prev, ch)
	return ix, nil
}

// placed are the profiles holding a stored section in one place, the
// section of bit, in ordinal order; summed up by blocks when dense.
type placed struct {
	bit  uint8
	ords []int32
	sum  *summary
}

// place adds the profile ord, holding a stored section in the section of
// bit, to the places of the stored section.
func place(places []placed, bit uint8, ord int) []placed {
	for i := range places {
		if places[i].bit == bit {
			places[i].ords = append(places[i].ords, int32(ord))
			return places
		}
	}
	return append(places, placed{bit: bit, ords: []int32{int32(ord)}})
}
