package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/karir/karir/internal/profile"
)

// A change to a few profiles must not cost a pass over every posting of
// the catalogue: at 100,000 profiles that pass takes a quarter of a
// second, and every server makes it for every write. So the text search
// keeps two tiers. The base tier is the catalogue as the last full build
// read it, with the profiles changed or gone since marked gone, which every
// stage that counts or ranks passes over. The fresh tier indexes the
// profiles new since then; it is small, and each build makes it again from
// the one before. A search ranks both and merges their hits
// (Index.search) as one index of every profile would rank them: a score
// comes from the profile's own postings alone, and both tiers follow the
// catalogue's order. Once the fresh and gone profiles together reach
// compactAt, the build folds them into a new base, moving the base's
// postings as refresh.go does.

// compactAt is how many profiles, fresh or gone, the tiers keep apart from
// the base before a build folds them in.
const compactAt = 512

// layer returns the tiers of the index of docs, which ch maps prev's
// profiles onto: prev's base with the profiles docs no longer holds marked
// gone, and the fresh tier of the profiles the base does not hold (nil
// when none); or, once those are compactAt, a new base alone.
func (b *Builder) layer(ctx context.Context, docs []*Doc, ch changes) (base, fresh *textIndex, err error) {
	prev := b.prev
	removed := map[*Doc]bool{}
	for old, to := range ch.moved {
		if to < 0 {
			removed[prev.docs[old]] = true
		}
	}
	var goneOrds []int32
	for d := range removed {
		if ord, ok := prev.text.ordOf(d); ok {
			goneOrds = append(goneOrds, ord)
		}
	}
	var tier []*textDoc
	if prev.fresh != nil {
		for _, d := range prev.fresh.docs {
			if !removed[d.Doc] {
				tier = append(tier, d)
			}
		}
	}
	for _, i := range ch.fresh {
		d := b.added[docs[i]]
		if d == nil {
			return nil, nil, fmt.Errorf("search: no profile %q was added", docs[i].slug)
		}
		tier = append(tier, d)
	}
	slices.SortFunc(tier, func(a, b *textDoc) int { return compareDocs(a.Doc, b.Doc) })
	g := prev.text.gone.with(len(prev.text.docs), goneOrds)
	// Docs out of prev's order are not a catalogue's, which both tiers
	// follow: the build starts again from the base.
	if len(tier)+g.count() >= compactAt || !ch.inOrder {
		base, err = b.compact(ctx, docs, tier)
		return base, nil, err
	}
	base = prev.text.marked(g)
	if len(tier) == 0 {
		return base, nil, nil
	}
	fresh, err = b.freshTier(ctx, tier)
	return base, fresh, err
}

// ordOf returns the ordinal of d in ix, and whether ix holds it: found
// in the catalogue's order, or by a pass over an index in another order.
func (ix *textIndex) ordOf(d *Doc) (int32, bool) {
	i, found := slices.BinarySearchFunc(ix.docs, d, func(t *textDoc, d *Doc) int { return compareDocs(t.Doc, d) })
	if found && ix.docs[i].Doc == d {
		return int32(i), true
	}
	i = slices.IndexFunc(ix.docs, func(t *textDoc) bool { return t.Doc == d })
	return int32(i), i >= 0
}

// marked returns ix with the profiles of g gone, and caches of its own.
func (ix *textIndex) marked(g gone) *textIndex {
	out := *ix
	out.gone = g
	out.corrections = newLRU[string, string](cacheSize)
	out.similar = newLRU[string, []profile.Suggestion](cacheSize)
	return &out
}

// freshTier returns the index of tier, in the catalogue's order: from the
// fresh tier of the index the builder started from, with the vocabulary
// the builder read the new profiles with.
func (b *Builder) freshTier(ctx context.Context, tier []*textDoc) (*textIndex, error) {
	docs := docsOf(tier)
	from := b.prev.fresh
	var ch changes
	if from == nil {
		ch = changesFrom(nil, docs, nil)
	} else {
		ch = paired(docsOf(from.docs), docs)
	}
	added := make(map[*Doc]*textDoc, len(ch.fresh))
	for _, i := range ch.fresh {
		added[docs[i]] = tier[i]
	}
	return b.engine.buildText(ctx, b.words, from, docs, ch, added)
}

// compact returns a new base of docs: the base of the index the builder
// started from, without its gone profiles and with those of tier, the
// fresh tier, read again into a copy of its vocabulary.
func (b *Builder) compact(ctx context.Context, docs []*Doc, tier []*textDoc) (*textIndex, error) {
	base := b.prev.text
	w := base.words.clone()
	added := make(map[*Doc]*textDoc, len(tier))
	for _, d := range tier {
		added[d.Doc] = rehome(d, b.words, w)
	}
	ch := changesFrom(&Index{docs: docsOf(base.docs)}, docs, func(d *Doc) bool {
		_, ok := added[d]
		return ok
	})
	return b.engine.buildText(ctx, w, base, docs, ch, added)
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
