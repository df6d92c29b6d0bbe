package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/karir/karir/internal/profile"
)

// Builder collects the profiles of a snapshot for an index. Add is safe
// for concurrent use.
type Builder struct {
	engine *Engine
	prev   *Index // the index it starts from, or nil
	mu     sync.Mutex
	// added holds the Docs added and, with an analyzer, what the text
	// search reads of each.
	added map[*Doc]*textDoc
	// removed holds the Docs of prev that Update leaves out.
	removed map[*Doc]bool
	words   *words // nil without an analyzer
}

// NewBuilder returns a builder that starts from prev, an index of e's or
// nil: from nothing, it builds every tier afresh; from prev, it reads the
// profiles it is given with the vocabulary of prev's fresh tier (tiers.go).
func (e *Engine) NewBuilder(prev *Index) *Builder {
	b := &Builder{engine: e, prev: prev, added: map[*Doc]*textDoc{}, removed: map[*Doc]bool{}}
	switch {
	case e.an == nil:
	case prev == nil:
		b.words = newWords(nil)
	case prev.freshText == nil:
		b.words = newWords(prev.text.words)
	default:
		b.words = prev.freshText.words.clone()
	}
	return b
}

// textDoc is what the text search reads of one profile: its title folded
// and as words, and its sections as stored.
type textDoc struct {
	*Doc
	folded      string // the title folded, for autocomplete
	titleChunks []uint32
	sections    [6]uint32
}

// Remove leaves the profile whose Doc is d, held by the index the builder
// starts from, out of the index Update returns: a profile deleted, or the
// version a change replaces. Safe for concurrent use.
func (b *Builder) Remove(d *Doc) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.removed[d] = true
}

// Add adds the profile p, whose Doc is d: every profile that Build is
// given, or that Update adds to the index the builder starts from. A
// profile that index holds unchanged may be added, for nothing.
func (b *Builder) Add(d *Doc, p *profile.Profile) {
	if b.words == nil {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.added[d] = nil
		return
	}
	title := p.Title
	if strings.Contains(title, titleMark) || strings.TrimSpace(title) == "" {
		title = ""
	}
	folded := foldTitle(p.Title)
	var texts [6][]string
	for i, key := range profile.SectionKeys() {
		for _, s := range *p.Sections.Sentences(key) {
			texts[i] = append(texts[i], markTitle(s.Text, title))
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	td := &textDoc{Doc: d, folded: folded, titleChunks: b.words.chunksOf(strings.ReplaceAll(p.Title, titleMark, " "))}
	for i, key := range profile.SectionKeys() {
		td.sections[i] = b.words.sectionID(texts[i], *p.Sections.Sentences(key))
	}
	b.added[d] = td
}

// Build returns the index of docs, in the catalogue's (title, slug) order,
// each added to a builder that starts from nothing. It asks PostgreSQL
// for the words it has not read yet.
func (b *Builder) Build(ctx context.Context, docs []*Doc) (*Index, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.prev != nil {
		return nil, errors.New("search: a build starts from nothing; an index is updated")
	}
	return b.full(ctx, docs)
}

// full returns the index of docs built from nothing: a base alone.
func (b *Builder) full(ctx context.Context, docs []*Doc) (*Index, error) {
	ch := changesFrom(nil, docs, nil)
	ix := &Index{engine: b.engine, base: docs, disc: newDiscovery(nil, nil, docs, ch)}
	ix.counts = ix.disc.counts
	if b.words == nil {
		return ix, nil
	}
	var err error
	if ix.text, err = b.engine.buildText(ctx, b.words, nil, docs, ch, b.added); err != nil {
		return nil, err
	}
	return ix, nil
}

// buildText returns the text search's index of docs with the vocabulary
// w: from prev's (nil to build from nothing), which ch maps onto docs,
// and the profiles of ch.fresh, read into added.
func (e *Engine) buildText(ctx context.Context, w *words, prev *textIndex, docs []*Doc, ch changes, added map[*Doc]*textDoc) (*textIndex, error) {
	for _, group := range stems {
		for _, s := range group {
			w.chunkID(s)
		}
	}
	if err := w.analyse(ctx, e.an); err != nil {
		return nil, fmt.Errorf("search: analyse the words: %w", err)
	}
	ix := &textIndex{
		engine:      e,
		words:       w,
		docs:        make([]*textDoc, len(docs)),
		sections:    make([][6]uint32, len(docs)),
		titleEnds:   make([][3]uint32, len(docs)),
		stems:       map[uint32][]uint32{},
		corrections: newLRU[string, string](cacheSize),
		similar:     newLRU[string, []profile.Suggestion](cacheSize),
	}
	for old, to := range ch.moved {
		if to >= 0 {
			ix.docs[to] = prev.docs[old]
		}
	}
	for _, i := range ch.fresh {
		if ix.docs[i] = added[docs[i]]; ix.docs[i] == nil {
			return nil, fmt.Errorf("search: no profile %q was added", docs[i].slug)
		}
	}
	for i, d := range ix.docs {
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
	if prev != nil && ch.inOrder {
		ix.post = refreshPostings(w, ix.docs, prev.post, ch)
	} else {
		ix.post = buildPostings(w, ix.docs)
	}
	ix.summaries = make([]*summary, len(ix.post))
	for l, p := range ix.post {
		if summed(len(p.masks), len(ix.docs)) {
			ix.summaries[l] = p.summarise(len(ix.docs), nil)
		}
	}
	ix.titlePost, ix.bareTitles = titleLists(w, ix.docs, prev, ch)
	ix.titles, ix.terms = buildTitles(ix.docs, prev, ch)
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
