package search

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"unsafe"

	"github.com/karir/karir/internal/profile"
)

// RankWordsBothWays ranks the words of text, found anywhere, by blocks
// (rankWords, as Search does) and by accumulating every posting
// (rankTerms), keeping the k best: the hits as "ordinal:key", and the
// totals.
func RankWordsBothWays(ctx context.Context, index *Index, text string, k int) (byBlocks, byTerms []string, blocksTotal, termsTotal int, err error) {
	ix := index.text
	terms, err := ix.compile(ctx, parseQuery(text))
	if err != nil {
		return nil, nil, 0, 0, err
	}
	var lexemes []uint32
	for _, t := range terms {
		if t.neg || !t.single() {
			return nil, nil, 0, 0, fmt.Errorf("%q is not words only", text)
		}
		lexemes = append(lexemes, t.positions[0].lexemes[0])
	}
	if len(lexemes) == 0 {
		return nil, nil, 0, 0, fmt.Errorf("%q has no words", text)
	}
	hits := func(top *ranking) []string {
		out := []string{}
		for _, h := range top.sorted() {
			out = append(out, fmt.Sprintf("%d:%d", h.ord, h.key))
		}
		return out
	}
	top := newRanking(k)
	blocksTotal = ix.rankWords(top, lexemes)
	byBlocks = hits(top)
	top = newRanking(k)
	termsTotal = ix.rankTerms(top, terms, allBits)
	return byBlocks, hits(top), blocksTotal, termsTotal, nil
}

// RankPhraseBothWays ranks the phrase of text within section (all when
// empty) by blocks (rankPhrase, as Search does) and from where match finds
// it (rankOne), keeping the k best: the hits as "ordinal:key:where", and
// the totals.
func RankPhraseBothWays(ctx context.Context, index *Index, text string, section profile.SectionKey, k int) (byBlocks, byMatch []string, blocksTotal, matchTotal int, err error) {
	ix := index.text
	terms, err := ix.compile(ctx, parseQuery(text))
	if err != nil {
		return nil, nil, 0, 0, err
	}
	if len(terms) != 1 || len(terms[0].positions) < 2 || ix.sectionDocs == nil {
		return nil, nil, 0, 0, fmt.Errorf("%q is not one phrase over recombined texts", text)
	}
	filter := uint8(allBits)
	if section != "" {
		filter = sectionBit(slices.Index(profile.SectionKeys(), section))
	}
	hits := func(top *ranking) []string {
		out := []string{}
		for _, h := range top.sorted() {
			out = append(out, fmt.Sprintf("%d:%d:%d", h.ord, h.key, h.where))
		}
		return out
	}
	top := newRanking(k)
	blocksTotal = ix.rankPhrase(top, terms[0], filter)
	byBlocks = hits(top)
	top = newRanking(k)
	m, _ := ix.match(terms[0], filter, false)
	matchTotal = rankOne(top, m, nil)
	putBuf(m)
	return byBlocks, hits(top), blocksTotal, matchTotal, nil
}

// SuggestArrays returns the sorted arrays autocomplete reads, each entry
// as "text|slug".
func SuggestArrays(index *Index) (titles, terms []string) {
	ix := index.text
	show := func(entries []titleEntry) []string {
		out := []string{}
		for _, e := range entries {
			out = append(out, e.text+"|"+ix.docs[e.ord].slug)
		}
		return out
	}
	return show(ix.titles), show(ix.terms)
}

// Postings returns the posting lists of ix by lexeme, each posting as
// "slug:where:how often".
func Postings(index *Index) map[string][]string {
	ix := index.text
	out := map[string][]string{}
	for lexeme, l := range ix.words.lexemes {
		p := &ix.post[l]
		ord, off := -1, 0
		for i, mask := range p.masks {
			gap, n := binary.Uvarint(p.gaps[off:])
			ord += int(gap)
			off += n
			out[lexeme] = append(out[lexeme], fmt.Sprintf("%s:%d:%d", ix.docs[ord].slug, mask, p.weights[i]))
		}
	}
	return out
}

// DiscoveryBytes is the memory discovery adds to an index: each profile's
// Doc (its facts, and the slug and title it shares with the read model),
// what the index reads of them and the interned strings.
func DiscoveryBytes(ix *Index) int {
	d := ix.disc
	n := 8 * len(ix.base)
	for _, doc := range ix.base {
		n += int(unsafe.Sizeof(*doc)) + 4*cap(doc.facts.ids)
	}
	n += 4 * (len(d.fit) + len(d.all) + len(d.fitN) + len(d.allN) + len(d.wordN))
	for _, h := range []holders{d.titleWords, d.professions, d.oddFit} {
		n += 4 * (len(h.start) + len(h.at))
	}
	for _, set := range d.withTrait {
		n += 8 * len(set)
	}
	for _, str := range ix.engine.names.strings {
		// The string, its header in the table and in the map, the id.
		n += len(str) + 16 + 16 + 4 + 8
	}
	return n
}

// TitleHolders returns, by lexeme, the slugs of the profiles whose titles
// hold it, and the slugs of the titles with no position under "".
func TitleHolders(index *Index) map[string][]string {
	ix := index.text
	out := map[string][]string{}
	for lexeme, l := range ix.words.lexemes {
		for _, ord := range ix.titlePost.of(l) {
			out[lexeme] = append(out[lexeme], ix.docs[ord].slug)
		}
	}
	for _, ord := range ix.bareTitles {
		out[""] = append(out[""], ix.docs[ord].slug)
	}
	return out
}

// Tiers returns how many profiles the fresh tier of index holds and how
// many of its base are gone.
func Tiers(index *Index) (fresh, gone int) {
	return len(index.fresh), index.gone.count()
}

// RelatedAt answers Related for the profile at ordinal ord of the
// catalogue's order.
func RelatedAt(index *Index, ord int) []profile.RelatedProfile {
	return index.Related(index.all()[ord])
}

// DocsOf returns the profiles of index in the catalogue's order.
func DocsOf(index *Index) []*Doc { return index.all() }

// DocOf returns the title and slug of the profile under slug in index.
func DocOf(index *Index, slug string) profile.Summary {
	docs := index.all()
	d := docs[slices.IndexFunc(docs, func(d *Doc) bool { return d.slug == slug })]
	return profile.Summary{Title: d.title, Slug: d.slug}
}
