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
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// Bits of a posting's byte: the title, then the sections in
// profile.SectionKeys order.
const (
	titleBit = 1
	allBits  = 1<<7 - 1
)

func sectionBit(i int) uint8 { return 1 << (i + 1) }

// titleChunk is the word id that stands for the profile's title.
const titleChunk = ^uint32(0)

// chunk is one distinct word of the texts: the lexemes of each position
// PostgreSQL counts in it.
type chunk struct {
	text      string
	positions [][]uint32 // lexeme ids; none is a stop word
}

// sentence is a sentence as stored once: its text, with the profile's title
// replaced by titleMark, and its words.
type sentence struct {
	text   string
	chunks []uint32
	titled bool // holds titleMark
}

// section is the sentences of one section of a profile, stored once.
type section struct {
	sentences []uint32
	lines     []int32
	titled    bool
}

// doc is one profile.
type doc struct {
	slug, title string
	folded      string // the title folded, for autocomplete
	titleChunks []uint32
	sections    [6]uint32
}

// postings are the profiles holding a lexeme, by ordinal: the gaps between
// ordinals as uvarints, and for each profile a byte of where (the bits)
// and a byte of how often: the occurrences weighted by where they stand,
// in tenths (weights10), at most 255.
type postings struct {
	gaps    []byte
	masks   []byte
	weights []byte
}

// words is the vocabulary an index reads texts with: it only grows, and
// each index keeps its own copy so that a reader never sees it change.
type words struct {
	ids     map[string]uint32 // chunk text → id
	chunks  []chunk
	lexemes map[string]uint32
	stored  map[string]uint32 // sentence text → id
	sents   []sentence
	secIDs  map[string]uint32 // encoded section → id
	secs    []section
	pending []uint32 // chunks not analysed yet
}

func (w *words) clone() *words {
	return &words{
		ids: cloneMap(w.ids), chunks: slices.Clone(w.chunks), lexemes: cloneMap(w.lexemes),
		stored: cloneMap(w.stored), sents: slices.Clone(w.sents),
		secIDs: cloneMap(w.secIDs), secs: slices.Clone(w.secs),
	}
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// chunkID returns the id of a word, adding it when new.
func (w *words) chunkID(text string) uint32 {
	if id, ok := w.ids[text]; ok {
		return id
	}
	id := uint32(len(w.chunks))
	w.ids[text] = id
	w.chunks = append(w.chunks, chunk{text: text})
	w.pending = append(w.pending, id)
	return id
}

// chunksOf returns the word ids of text.
func (w *words) chunksOf(text string) []uint32 {
	spans := wordSpans(text)
	out := make([]uint32, len(spans))
	for i, s := range spans {
		if text[s.start:s.end] == titleMark {
			out[i] = titleChunk
			continue
		}
		out[i] = w.chunkID(strings.ToLower(text[s.start:s.end]))
	}
	return out
}

// sentenceID stores text, with the title already marked, once.
func (w *words) sentenceID(text string) uint32 {
	if id, ok := w.stored[text]; ok {
		return id
	}
	id := uint32(len(w.sents))
	w.stored[text] = id
	w.sents = append(w.sents, sentence{text: text, chunks: w.chunksOf(text), titled: strings.Contains(text, titleMark)})
	return id
}

// sectionID stores a section whose sentences' texts are already marked.
func (w *words) sectionID(texts []string, sentences []profile.Sentence) uint32 {
	var s section
	key := make([]byte, 0, 8*len(sentences))
	for i, sent := range sentences {
		id := w.sentenceID(texts[i])
		s.sentences = append(s.sentences, id)
		s.lines = append(s.lines, int32(sent.Line))
		s.titled = s.titled || w.sents[id].titled
		key = binary.LittleEndian.AppendUint32(key, id)
		key = binary.LittleEndian.AppendUint32(key, uint32(sent.Line))
	}
	if id, ok := w.secIDs[string(key)]; ok {
		return id
	}
	id := uint32(len(w.secs))
	w.secIDs[string(key)] = id
	w.secs = append(w.secs, s)
	return id
}

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

// lexemeID returns the id of a lexeme, adding it when new.
func (w *words) lexemeID(lexeme string) uint32 {
	if id, ok := w.lexemes[lexeme]; ok {
		return id
	}
	id := uint32(len(w.lexemes))
	w.lexemes[lexeme] = id
	return id
}

// analyse asks an for the lexemes of the words added since the last call.
func (w *words) analyse(ctx context.Context, an profile.TextAnalyzer) error {
	if len(w.pending) == 0 {
		return nil
	}
	texts := make([]string, len(w.pending))
	for i, id := range w.pending {
		texts[i] = w.chunks[id].text
	}
	analysed, err := an.Analyze(ctx, texts)
	if err != nil {
		return err
	}
	if len(analysed) != len(texts) {
		return fmt.Errorf("search: %d words analysed for %d", len(analysed), len(texts))
	}
	for i, id := range w.pending {
		w.chunks[id].positions = w.lexemeIDs(analysed[i])
	}
	w.pending = nil
	return nil
}

func (w *words) lexemeIDs(positions [][]string) [][]uint32 {
	out := make([][]uint32, len(positions))
	for i, lexemes := range positions {
		for _, l := range lexemes {
			out[i] = append(out[i], w.lexemeID(l))
		}
	}
	return out
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

// weights10 are the weights of the bits of a posting's byte in tenths:
// the title, tasks, fit, non_fit, misconceptions, expectations,
// comparisons.
var weights10 = [7]int{10, 4, 2, 2, 1, 1, 1}

// count is how often a lexeme occurs in a stored section.
type count struct {
	lexeme uint32
	n      int
}

// buildPostings lists, for every lexeme, the profiles holding it in
// ordinal order with where and how often.
func buildPostings(w *words, docs []*doc) []postings {
	post := make([]postings, len(w.lexemes))
	last := make([]int, len(w.lexemes))
	pr := newPoster(w)
	for ord, d := range docs {
		pr.each(d, func(l uint32, mask, weight uint8) {
			p := &post[l]
			p.gaps = binary.AppendUvarint(p.gaps, uint64(ord+1-last[l]))
			p.masks = append(p.masks, mask)
			p.weights = append(p.weights, weight)
			last[l] = ord + 1
		})
	}
	for i := range post {
		post[i].gaps = slices.Clip(post[i].gaps)
		post[i].masks = slices.Clip(post[i].masks)
		post[i].weights = slices.Clip(post[i].weights)
	}
	return post
}

// poster works out the postings of profiles: for each lexeme a profile
// holds, where and how often. What a stored section holds is counted once.
type poster struct {
	w          *words
	secCounts  [][]count // by stored section, once counted
	titleMarks []int     // by stored section: its mentions of the title
	mask       []uint8   // by lexeme, for the profile at hand
	weight     []int
	touched    []uint32
}

func newPoster(w *words) *poster {
	return &poster{
		w: w, secCounts: make([][]count, len(w.secs)), titleMarks: make([]int, len(w.secs)),
		mask: make([]uint8, len(w.lexemes)), weight: make([]int, len(w.lexemes)),
	}
}

func (pr *poster) mark(l uint32, bit uint8, n int) {
	if pr.mask[l] == 0 {
		pr.touched = append(pr.touched, l)
	}
	pr.mask[l] |= bit
	pr.weight[l] += n
}

// each calls fn with every lexeme d holds, where (the bits) and how often
// (weighted, at most 255).
func (pr *poster) each(d *doc, fn func(l uint32, mask, weight uint8)) {
	w := pr.w
	w.eachLexeme(d.titleChunks, nil, func(l uint32) { pr.mark(l, titleBit, weights10[0]) })
	for i, id := range d.sections {
		if pr.secCounts[id] == nil {
			pr.secCounts[id], pr.titleMarks[id] = w.sectionCounts(id)
		}
		bit, w10 := sectionBit(i), weights10[i+1]
		for _, c := range pr.secCounts[id] {
			pr.mark(c.lexeme, bit, c.n*w10)
		}
		if n := pr.titleMarks[id]; n > 0 {
			w.eachLexeme(d.titleChunks, nil, func(l uint32) { pr.mark(l, bit, n*w10) })
		}
	}
	for _, l := range pr.touched {
		fn(l, pr.mask[l], uint8(min(pr.weight[l], 255)))
		pr.mask[l], pr.weight[l] = 0, 0
	}
	pr.touched = pr.touched[:0]
}

// buildTitlePostings lists, for every lexeme, the profiles whose titles
// hold it in ordinal order, and the profiles whose titles have no position.
func buildTitlePostings(w *words, docs []*doc) (post [][]int32, bare []int32) {
	post = make([][]int32, len(w.lexemes))
	for ord, d := range docs {
		if len(w.sequence(nil, d.titleChunks, nil)) == 0 {
			bare = append(bare, int32(ord))
		}
		w.eachLexeme(d.titleChunks, nil, func(l uint32) {
			if n := len(post[l]); n == 0 || post[l][n-1] != int32(ord) {
				post[l] = append(post[l], int32(ord))
			}
		})
	}
	for i := range post {
		post[i] = slices.Clip(post[i])
	}
	return post, bare
}

// sectionCounts returns how often each lexeme occurs in a stored section,
// title marks left out (never nil), and how many title marks it holds.
func (w *words) sectionCounts(id uint32) ([]count, int) {
	var lexemes []uint32
	marks := 0
	for _, s := range w.secs[id].sentences {
		for _, c := range w.sents[s].chunks {
			if c == titleChunk {
				marks++
			}
		}
		w.eachLexeme(w.sents[s].chunks, nil, func(l uint32) { lexemes = append(lexemes, l) })
	}
	slices.Sort(lexemes)
	out := []count{}
	for _, l := range lexemes {
		if n := len(out); n > 0 && out[n-1].lexeme == l {
			out[n-1].n++
		} else {
			out = append(out, count{l, 1})
		}
	}
	return out, marks
}

// eachLexeme calls fn with every lexeme of chunks, reading titleChunk as
// title.
func (w *words) eachLexeme(chunks, title []uint32, fn func(uint32)) {
	for _, c := range chunks {
		if c == titleChunk {
			w.eachLexeme(title, nil, fn)
			continue
		}
		for _, pos := range w.chunks[c].positions {
			for _, l := range pos {
				fn(l)
			}
		}
	}
}
