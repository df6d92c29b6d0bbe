package profile

import (
	"slices"

	"github.com/karir/karir/internal/linediff"
)

// SectionChange is what changed in one section between two versions of a
// profile: the sentences only the older has (Removed) and only the newer
// has (Added), by their text. A section whose traits or items changed
// while its sentences did not has both lists empty.
type SectionChange struct {
	Added   []string
	Removed []string
}

// FieldChange is a field outside the sections that two versions of a
// profile hold different values of.
type FieldChange struct {
	// Field is the document's name of it: title, summary or source.file.
	Field    string
	From, To string
}

// Changes is what changed from one version of a profile to another.
type Changes struct {
	// Sections holds the changed sections only.
	Sections map[SectionKey]SectionChange
	Fields   []FieldChange
}

// Compare returns what changed from version from of a profile to version
// to; a nil from stands for a profile with nothing in it.
func Compare(from, to *Profile) Changes {
	if from == nil {
		from = &Profile{Sections: NewSections()}
	}
	c := Changes{Sections: map[SectionKey]SectionChange{}, Fields: []FieldChange{}}
	for _, key := range ChangedSections(&from.Sections, &to.Sections) {
		var change SectionChange
		for _, e := range linediff.Lines(texts(from.Sections.Sentences(key)), texts(to.Sections.Sentences(key))) {
			switch e.Kind {
			case linediff.Delete:
				change.Removed = append(change.Removed, e.Line)
			case linediff.Insert:
				change.Added = append(change.Added, e.Line)
			}
		}
		c.Sections[key] = change
	}
	for _, f := range []FieldChange{
		{"title", from.Title, to.Title},
		{"summary", from.Summary, to.Summary},
		{"source.file", from.Source.File, to.Source.File},
	} {
		if f.From != f.To {
			c.Fields = append(c.Fields, f)
		}
	}
	return c
}

// ChangedSections returns, in genre order, the keys of the sections whose
// sentence texts (in order), traits or items differ between from and to.
// A sentence that only moved to another line is no change.
func ChangedSections(from, to *Sections) []SectionKey {
	changed := []SectionKey{}
	for _, key := range SectionKeys() {
		if !slices.Equal(texts(from.Sentences(key)), texts(to.Sentences(key))) || !sameDerived(key, from, to) {
			changed = append(changed, key)
		}
	}
	return changed
}

// sameDerived reports whether the traits or items of the section under key
// are the same in a and b.
func sameDerived(key SectionKey, a, b *Sections) bool {
	switch key {
	case Fit:
		return slices.Equal(a.Fit.Traits, b.Fit.Traits)
	case NonFit:
		return slices.Equal(a.NonFit.Traits, b.NonFit.Traits)
	case Misconceptions:
		return slices.Equal(a.Misconceptions.Items, b.Misconceptions.Items)
	case Expectations:
		return slices.Equal(a.Expectations.Items, b.Expectations.Items)
	case Comparisons:
		return slices.Equal(a.Comparisons.Items, b.Comparisons.Items)
	}
	return true
}

func texts(sentences *[]Sentence) []string {
	out := make([]string, len(*sentences))
	for i, s := range *sentences {
		out[i] = s.Text
	}
	return out
}
