package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// traitNames is the canonical traits, in lexicon order: trait i is bit i
// of a mask. The lexicon ships inside the binary and holds fewer than 32.
var traitNames = profile.TraitNames()

// Doc is what an index reads of one version of a profile: its slug and
// title, and the facts discovery compares. The read model keeps it with
// the profile's entry, so that an index built after a change reads again
// only the profiles whose Doc is new.
type Doc struct {
	slug, title string
	facts       facts
}

// NewDoc reads the Doc of p. slug and title are p's, given apart so that
// the Doc shares the strings its caller keeps (the read model's lie in its
// encoded document).
func (e *Engine) NewDoc(p *profile.Profile, slug, title string) Doc {
	return Doc{slug: slug, title: title, facts: e.names.factsOf(p)}
}

// facts are what discovery reads of one profile, as small ids: its traits
// (the vocabulary's ids, or interned ids of names outside it), the distinct
// words of its title and the professions it compares itself with. Ids are
// packed in one slice, so that a profile costs one small allocation.
type facts struct {
	// fit and nonFit are the vocabulary traits of each section as masks.
	fit, nonFit uint32
	// ids holds, in order: the fit traits, the non_fit traits, the title
	// words and, per profession, its text's id then its folded form's id.
	ids                   []uint32
	nFit, nNonFit, nWords uint32
}

func (f *facts) fitTraits() []uint32    { return f.ids[:f.nFit] }
func (f *facts) nonFitTraits() []uint32 { return f.ids[f.nFit : f.nFit+f.nNonFit] }
func (f *facts) words() []uint32        { return f.ids[f.nFit+f.nNonFit:][:f.nWords] }

// professions returns the ids of the professions' texts and folded forms,
// alternately.
func (f *facts) professions() []uint32 { return f.ids[int(f.nFit+f.nNonFit+f.nWords):] }

// allTraits is how many distinct traits the profile names, fit and non_fit.
func (f *facts) allTraits() int {
	n := int(f.nFit)
	for _, id := range f.nonFitTraits() {
		if !slices.Contains(f.fitTraits(), id) {
			n++
		}
	}
	return n
}

// interner gives each distinct string an id, for the life of the engine: a
// title word or a profession stays known after its last profile goes, which
// bounds the table by the words ever loaded. Ids below len(traitNames) are
// the vocabulary's traits.
type interner struct {
	mu      sync.RWMutex
	ids     map[string]uint32
	strings []string
}

func newInterner() *interner {
	in := &interner{ids: map[string]uint32{}}
	for _, t := range traitNames {
		in.id(t)
	}
	return in
}

func (in *interner) id(s string) uint32 {
	in.mu.RLock()
	id, ok := in.ids[s]
	in.mu.RUnlock()
	if ok {
		return id
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if id, ok := in.ids[s]; ok {
		return id
	}
	s = strings.Clone(s) // the table must not keep a whole title alive
	id = uint32(len(in.strings))
	in.ids[s] = id
	in.strings = append(in.strings, s)
	return id
}

// text returns the strings of ids.
func (in *interner) text(ids []uint32) []string {
	in.mu.RLock()
	defer in.mu.RUnlock()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = in.strings[id]
	}
	return out
}

// factsOf reads p's facts.
func (in *interner) factsOf(p *profile.Profile) facts {
	var f facts
	add := func(id uint32) { f.ids = append(f.ids, id) }
	s := &p.Sections
	f.ids = make([]uint32, 0, len(s.Fit.Traits)+len(s.NonFit.Traits)+4+2*len(s.Comparisons.Items))
	for _, t := range s.Fit.Traits {
		id := in.id(t)
		f.fit |= traitBit(id)
		add(id)
	}
	for _, t := range s.NonFit.Traits {
		id := in.id(t)
		f.nonFit |= traitBit(id)
		add(id)
	}
	for _, w := range titleWords(p.Title) {
		add(in.id(w))
	}
	f.nFit, f.nNonFit = uint32(len(s.Fit.Traits)), uint32(len(s.NonFit.Traits))
	f.nWords = uint32(len(f.ids)) - f.nFit - f.nNonFit
	for _, c := range s.Comparisons.Items {
		add(in.id(c.Profession))
		add(in.id(fold(c.Profession)))
	}
	return f
}

// traitBit is the mask of a vocabulary trait's id, 0 for other ids.
func traitBit(id uint32) uint32 {
	if id < uint32(len(traitNames)) {
		return 1 << id
	}
	return 0
}

// traitMask returns the bits of the vocabulary's traits among names.
func traitMask(names []string) uint32 {
	var m uint32
	for _, t := range names {
		if i := slices.Index(traitNames, t); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// titleWords are the distinct words of a title, folded, of three letters or
// more, in title order: the words the store split the title into on single
// spaces.
func titleWords(title string) []string {
	var out []string
	for _, w := range strings.Split(fold(title), " ") {
		if utf8.RuneCountInString(w) >= 3 && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
