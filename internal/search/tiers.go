package search

import (
	"context"
	"errors"
	"slices"

	"github.com/karir/karir/internal/profile"
)

// A change to a few profiles must not cost a pass over the catalogue: at
// 100,000 profiles, moving every posting list and discovery array to new
// ordinals takes a quarter of a second, and every server makes that pass
// for every write. So an index keeps two tiers. The base is the catalogue
// as the last full build read it, with the profiles changed or gone since
// marked gone, which every stage that counts or ranks passes over. The
// fresh tier is the profiles new since then: few, read again at each build
// from the one before. A search, a match or related profiles rank both and
// merge what they find as one index of every profile would rank it: a
// score depends on the two profiles alone (or the profile and the query),
// and both tiers follow the catalogue's order, which breaks ties. Once
// the fresh and gone profiles together reach compactAt, the build folds
// them into a new base, moving the base's lists as refresh.go does.

// compactAt is how many profiles, fresh or gone, the tiers keep apart from
// the base before a build folds them in.
const compactAt = 512

// Update returns the index the builder started from with the profiles
// removed left out and those added in: its base, with the profiles left
// out marked gone, and a fresh tier of the profiles the base does not
// hold; or, once those are compactAt, a new base alone.
func (b *Builder) Update(ctx context.Context) (*Index, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	prev := b.prev
	if prev == nil {
		return nil, errors.New("search: an update needs an index to start from")
	}
	ix := b.tiers()
	if ix.Unfolded() >= compactAt {
		return prev.fold(ctx, ix.all(), ix.fresh, b.words, func(d *Doc) *textDoc {
			if td := b.added[d]; td != nil {
				return td
			}
			return prev.freshTextOf(d)
		})
	}
	if b.words == nil {
		return ix, nil
	}
	ix.text = prev.text.marked(ix.gone)
	if len(ix.fresh) == 0 {
		return ix, nil
	}
	var err error
	ix.freshText, err = b.freshText(ctx, ix.fresh)
	return ix, err
}

// tiers returns the index the builder started from with what Update was
// told: its base's gone marks, its fresh tier and its trait counts, no
// text index yet.
func (b *Builder) tiers() *Index {
	prev := b.prev
	ix := &Index{engine: b.engine, base: prev.base, disc: prev.disc, counts: prev.counts}
	inFresh := make(map[*Doc]bool, len(prev.fresh))
	for _, d := range prev.fresh {
		inFresh[d] = true
	}
	inBase := func(d *Doc) (int32, bool) {
		ord, ok := ordOf(prev.base, d)
		return ord, ok && !prev.gone.has(int(ord))
	}
	var goneOrds []int32
	out := map[*Doc]bool{}
	for d := range b.removed {
		if _, back := b.added[d]; back {
			continue
		}
		if ord, ok := inBase(d); ok {
			goneOrds = append(goneOrds, ord)
		} else if !inFresh[d] {
			continue // not held
		}
		out[d] = true
		ix.counts.tally(&d.facts, -1)
	}
	for _, d := range prev.fresh {
		if !out[d] {
			ix.fresh = append(ix.fresh, d)
		}
	}
	for d := range b.added {
		if _, held := inBase(d); !held && !inFresh[d] {
			ix.fresh = append(ix.fresh, d)
			ix.counts.tally(&d.facts, 1)
		}
	}
	slices.SortFunc(ix.fresh, compareDocs)
	ix.gone = prev.gone.with(len(prev.base), goneOrds)
	return ix
}

// all returns the profiles of ix in the catalogue's order: the base's
// that are not gone, with the fresh tier's merged in.
func (ix *Index) all() []*Doc {
	out := make([]*Doc, 0, len(ix.base)+len(ix.fresh))
	fresh := ix.fresh
	for ord, d := range ix.base {
		if ix.gone.has(ord) {
			continue
		}
		for len(fresh) > 0 && compareDocs(fresh[0], d) < 0 {
			out, fresh = append(out, fresh[0]), fresh[1:]
		}
		out = append(out, d)
	}
	return append(out, fresh...)
}

// tierHit is a hit with its profile, and whether the fresh tier found it.
type tierHit struct {
	hit
	*Doc
	fresh bool
}

// merged returns the k best of the hits of the base and of the fresh
// tier, each best first: by key, then the catalogue's order.
func (ix *Index) merged(base, fresh []hit, k int) []tierHit {
	out := make([]tierHit, 0, min(k, len(base)+len(fresh)))
	for len(out) < k && len(base)+len(fresh) > 0 {
		if len(fresh) == 0 || len(base) > 0 && (base[0].key > fresh[0].key ||
			base[0].key == fresh[0].key && compareDocs(ix.base[base[0].ord], ix.fresh[fresh[0].ord]) < 0) {
			out, base = append(out, tierHit{base[0], ix.base[base[0].ord], false}), base[1:]
		} else {
			out, fresh = append(out, tierHit{fresh[0], ix.fresh[fresh[0].ord], true}), fresh[1:]
		}
	}
	return out
}

// ordOf returns the ordinal of d in docs, in the catalogue's order, and
// whether docs holds it.
func ordOf(docs []*Doc, d *Doc) (int32, bool) {
	i, found := slices.BinarySearchFunc(docs, d, compareDocs)
	return int32(i), found && docs[i] == d
}

// marked returns ix with the profiles of g gone, and caches of its own.
func (ix *textIndex) marked(g gone) *textIndex {
	out := *ix
	out.gone = g
	out.corrections = newLRU[string, string](cacheSize)
	out.similar = newLRU[string, []profile.Suggestion](cacheSize)
	return &out
}

// freshText returns the text index of fresh, the fresh tier in the
// catalogue's order: from that of the index the builder started from,
// with the vocabulary the builder read the new profiles with.
func (b *Builder) freshText(ctx context.Context, fresh []*Doc) (*textIndex, error) {
	from := b.prev.freshText
	var ch changes
	if from == nil {
		ch = changesFrom(nil, fresh, nil)
	} else {
		ch = paired(docsOf(from.docs), fresh)
	}
	return b.engine.buildText(ctx, b.words, from, fresh, ch, b.added)
}

// fold returns the index of docs as one base, from the base of prev:
// without its gone profiles, and with fresh, whose texts (read with the
// vocabulary w) are read again into a copy of the base's vocabulary.
func (prev *Index) fold(ctx context.Context, docs, fresh []*Doc, w *words, text func(*Doc) *textDoc) (*Index, error) {
	inFresh := make(map[*Doc]bool, len(fresh))
	for _, d := range fresh {
		inFresh[d] = true
	}
	ch := changesFrom(prev.base, docs, func(d *Doc) bool { return inFresh[d] })
	ix := &Index{engine: prev.engine, base: docs, disc: newDiscovery(prev.disc, prev.base, docs, ch)}
	ix.counts = ix.disc.counts
	if prev.text == nil {
		return ix, nil
	}
	into := prev.text.words.clone()
	added := make(map[*Doc]*textDoc, len(fresh))
	for _, d := range fresh {
		added[d] = rehome(text(d), w, into)
	}
	var err error
	ix.text, err = prev.engine.buildText(ctx, into, prev.text, docs, ch, added)
	return ix, err
}

// freshTextOf returns what the fresh tier's text index read of d, one of
// its profiles.
func (ix *Index) freshTextOf(d *Doc) *textDoc {
	docs := ix.freshText.docs
	i, _ := slices.BinarySearchFunc(docs, d, func(t *textDoc, d *Doc) int { return compareDocs(t.Doc, d) })
	return docs[i]
}

// Unfolded returns how many profiles the index holds apart from its base:
// fresh, or gone from it. Folded makes them none.
func (ix *Index) Unfolded() int { return len(ix.fresh) + ix.gone.count() }

// Folded returns the index of the same profiles as ix, as one base: the
// work a build does every compactAt changes, which a caller may do beside
// serving ix, then take its result up with Rebased.
func (ix *Index) Folded(ctx context.Context) (*Index, error) {
	var w *words
	if ix.freshText != nil {
		w = ix.freshText.words
	}
	folded, err := ix.fold(ctx, ix.all(), ix.fresh, w, ix.freshTextOf)
	if err != nil {
		return nil, err
	}
	folded.foldedFrom = ix.disc
	return folded, nil
}

// Rebased returns ix on the base of folded, which Folded made of an index
// ix was built from (ix itself, or one before its latest changes), and
// whether it could: not when ix has a base of its own since. The profiles
// of ix that folded does not hold form its fresh tier.
func (ix *Index) Rebased(ctx context.Context, folded *Index) (*Index, bool, error) {
	if folded.foldedFrom != ix.disc {
		return nil, false, nil
	}
	inFresh := make(map[*Doc]bool, len(ix.fresh))
	for _, d := range ix.fresh {
		inFresh[d] = true
	}
	docs := ix.all()
	ch := changesFrom(folded.base, docs, func(d *Doc) bool { return inFresh[d] })
	out := &Index{engine: ix.engine, base: folded.base, disc: folded.disc, counts: ix.counts}
	var goneOrds []int32
	for old, to := range ch.moved {
		if to < 0 {
			goneOrds = append(goneOrds, int32(old))
		}
	}
	out.gone = gone(nil).with(len(folded.base), goneOrds)
	for _, i := range ch.fresh {
		out.fresh = append(out.fresh, docs[i])
	}
	if ix.text == nil {
		return out, true, nil
	}
	out.text = folded.text.marked(out.gone)
	if len(out.fresh) == 0 {
		return out, true, nil
	}
	w := newWords(folded.text.words)
	texts := make(map[*Doc]*textDoc, len(out.fresh))
	for _, d := range out.fresh {
		texts[d] = rehome(ix.freshTextOf(d), ix.freshText.words, w)
	}
	var err error
	out.freshText, err = ix.engine.buildText(ctx, w, nil, out.fresh, changesFrom(nil, out.fresh, nil), texts)
	return out, err == nil, err
}

// rehome returns d, read with the vocabulary from, as the vocabulary to
// reads it.
func rehome(d *textDoc, from, to *words) *textDoc {
	out := &textDoc{Doc: d.Doc, folded: d.folded, titleChunks: make([]uint32, len(d.titleChunks))}
	for i, c := range d.titleChunks {
		out.titleChunks[i] = to.chunkID(from.chunks[c].text)
	}
	for i, id := range d.sections {
		sec := &from.secs[id]
		texts := make([]string, len(sec.sentences))
		sentences := make([]profile.Sentence, len(sec.sentences))
		for j, s := range sec.sentences {
			texts[j] = from.sents[s].text
			sentences[j].Line = int(sec.lines[j])
		}
		out.sections[i] = to.sectionID(texts, sentences)
	}
	return out
}

// docsOf returns the Docs of tds.
func docsOf(tds []*textDoc) []*Doc {
	out := make([]*Doc, len(tds))
	for i, d := range tds {
		out[i] = d.Doc
	}
	return out
}
