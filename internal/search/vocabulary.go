package search

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

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

// words is the vocabulary an index reads texts with: it only grows, and
// each index keeps its own copy so that a reader never sees it change.
type words struct {
	ids     map[string]uint32 // chunk text → id
	chunks  []chunk
	lexemes map[string]uint32
	// lexemeTexts are the lexemes by id.
	lexemeTexts []string
	stored      map[string]uint32 // sentence text → id
	sents       []sentence
	secIDs      map[string]uint32 // encoded section → id
	secs        []section
	pending     []uint32 // chunks not analysed yet
	// known, when set, is a vocabulary whose analyses this one takes
	// rather than ask the analyzer again: a fresh tier's, the base's.
	known *words
}

// newWords returns an empty vocabulary that takes the analyses known has
// (known may be nil).
func newWords(known *words) *words {
	return &words{ids: map[string]uint32{}, lexemes: map[string]uint32{}, stored: map[string]uint32{}, secIDs: map[string]uint32{}, known: known}
}

func (w *words) clone() *words {
	return &words{
		ids: cloneMap(w.ids), chunks: slices.Clone(w.chunks), lexemes: cloneMap(w.lexemes), lexemeTexts: slices.Clone(w.lexemeTexts),
		stored: cloneMap(w.stored), sents: slices.Clone(w.sents),
		secIDs: cloneMap(w.secIDs), secs: slices.Clone(w.secs), known: w.known,
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

// lexemeID returns the id of a lexeme, adding it when new.
func (w *words) lexemeID(lexeme string) uint32 {
	if id, ok := w.lexemes[lexeme]; ok {
		return id
	}
	id := uint32(len(w.lexemes))
	w.lexemes[lexeme] = id
	w.lexemeTexts = append(w.lexemeTexts, lexeme)
	return id
}

// analyse asks an for the lexemes of the words added since the last call
// that the known vocabulary does not hold.
func (w *words) analyse(ctx context.Context, an profile.TextAnalyzer) error {
	w.pending = slices.DeleteFunc(w.pending, w.fromKnown)
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

// fromKnown takes the analysis of the word id from the known vocabulary,
// and reports whether it held one.
func (w *words) fromKnown(id uint32) bool {
	if w.known == nil {
		return false
	}
	k, ok := w.known.ids[w.chunks[id].text]
	if !ok || slices.Contains(w.known.pending, k) {
		return false
	}
	positions := w.known.chunks[k].positions
	w.chunks[id].positions = make([][]uint32, len(positions))
	for i, lexemes := range positions {
		for _, l := range lexemes {
			w.chunks[id].positions[i] = append(w.chunks[id].positions[i], w.lexemeID(w.known.lexemeTexts[l]))
		}
	}
	return true
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

// sequence appends the lexemes of each position of chunks to seq, reading
// titleChunk as title; nil title makes it one barrier position.
func (w *words) sequence(seq [][]uint32, chunks, title []uint32) [][]uint32 {
	for _, c := range chunks {
		switch {
		case c != titleChunk:
			seq = append(seq, w.chunks[c].positions...)
		case title == nil:
			seq = append(seq, barrier)
		default:
			seq = w.sequence(seq, title, nil)
		}
	}
	return seq
}
