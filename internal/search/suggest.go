package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// titleEntry is a folded title, or its end from one of its words on, and
// the profile's ordinal.
type titleEntry struct {
	text string
	ord  int32
}

// buildTitles returns the folded titles and their ends from the second
// word on, each sorted by text, then slug. From prev's arrays (prev may be
// nil) it keeps the entries of the profiles docs still holds (ch says
// which), in their order: only the fresh profiles' entries are sorted,
// then merged in. A refresh after a few changes then costs a pass, not a
// sort.
func buildTitles(docs []*textDoc, prev *textIndex, ch changes) (titles, terms []titleEntry) {
	var kept [2][]titleEntry
	if prev != nil {
		for i, old := range [2][]titleEntry{prev.titles, prev.terms} {
			kept[i] = make([]titleEntry, 0, len(old))
			for _, e := range old {
				if to := ch.moved[e.ord]; to >= 0 {
					kept[i] = append(kept[i], titleEntry{e.text, to})
				}
			}
		}
	}
	var added [2][]titleEntry
	for _, ord := range ch.fresh {
		d := docs[ord]
		added[0] = append(added[0], titleEntry{d.folded, int32(ord)})
		for i := 1; i < len(d.folded); i++ {
			if d.folded[i-1] == ' ' {
				added[1] = append(added[1], titleEntry{d.folded[i:], int32(ord)})
			}
		}
	}
	order := func(a, b titleEntry) int {
		return cmp.Or(strings.Compare(a.text, b.text), strings.Compare(docs[a.ord].slug, docs[b.ord].slug))
	}
	for i := range added {
		slices.SortFunc(added[i], order)
	}
	return merge(kept[0], added[0], order), merge(kept[1], added[1], order)
}

// merge returns the entries of a and b, each sorted by order, sorted.
func merge(a, b []titleEntry, order func(a, b titleEntry) int) []titleEntry {
	if len(a) == 0 {
		return slices.Clip(b)
	}
	out := make([]titleEntry, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if order(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// titled is an entry of the titles or their ends, with its profile.
type titled struct {
	text string
	d    *textDoc
}

// withPrefix returns at most limit entries of sorted, the titles or their
// ends, whose text starts with prefix, in order; gone profiles left out.
func (ix *textIndex) withPrefix(sorted []titleEntry, prefix string, limit int) []titled {
	at, _ := slices.BinarySearchFunc(sorted, prefix, func(e titleEntry, p string) int { return strings.Compare(e.text, p) })
	var out []titled
	for i := at; i < len(sorted) && len(out) < limit && strings.HasPrefix(sorted[i].text, prefix); i++ {
		if !ix.gone.has(int(sorted[i].ord)) {
			out = append(out, titled{sorted[i].text, ix.docs[sorted[i].ord]})
		}
	}
	return out
}

// withPrefix returns at most limit entries of the tiers' titles (or, with
// ends set, their ends) whose text starts with prefix, in order.
func (ix *Index) withPrefix(prefix string, limit int, ends bool) []titled {
	var out []titled
	for _, t := range ix.tiers() {
		sorted := t.titles
		if ends {
			sorted = t.terms
		}
		out = append(out, t.withPrefix(sorted, prefix, limit)...)
	}
	slices.SortFunc(out, func(a, b titled) int {
		return cmp.Or(strings.Compare(a.text, b.text), strings.Compare(a.d.slug, b.d.slug))
	})
	return out[:min(len(out), limit)]
}

// suggest answers Index.Suggest.
func (ix *Index) suggest(ctx context.Context, prefix string) ([]profile.Suggestion, error) {
	prefix = strings.Join(strings.Fields(prefix), " ")
	if !utf8.ValidString(prefix) || strings.ContainsRune(prefix, 0) ||
		utf8.RuneCountInString(prefix) < profile.MinSuggestLen || utf8.RuneCountInString(prefix) > profile.MaxQueryLength {
		return nil, profile.BadPrefix()
	}
	folded := foldTitle(prefix)
	out := []profile.Suggestion{}
	seen := map[string]bool{}
	add := func(sg profile.Suggestion) {
		if !seen[sg.Slug] && len(out) < profile.MaxSuggestions {
			seen[sg.Slug] = true
			out = append(out, sg)
		}
	}
	for _, e := range slices.Concat(ix.withPrefix(folded, profile.MaxSuggestions, false), ix.withPrefix(folded, 2*profile.MaxSuggestions, true)) {
		add(profile.Suggestion{Slug: e.d.slug, Title: e.d.title})
	}
	if len(out) == profile.MaxSuggestions {
		return out, nil
	}
	similar, ok := ix.text.similar.get(prefix)
	if !ok {
		var err error
		if similar, err = ix.engine.an.SimilarTitles(ctx, prefix, 2*profile.MaxSuggestions); err != nil {
			return nil, err
		}
		ix.text.similar.put(prefix, similar)
	}
	for _, sg := range similar {
		add(sg)
	}
	return out, nil
}
