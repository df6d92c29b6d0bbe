package readmodel

import (
	"slices"
	"strings"
)

// Documents calls fn with the JSON document of every profile, in slug
// order as the store exports them, all from one snapshot, and stops at
// the first error fn returns. It waits on nothing: an export holds no
// database connection and no deadline of a query, however long its
// client takes to read.
func (m *Model) Documents(fn func(doc []byte) error) error {
	s, err := m.current()
	if err != nil {
		return err
	}
	bySlug := slices.Clone(s.order)
	slices.SortFunc(bySlug, func(a, b *entry) int { return strings.Compare(a.summary.Slug, b.summary.Slug) })
	for _, e := range bySlug {
		if err := fn(e.encoded(0, false).Body); err != nil {
			return err
		}
	}
	return nil
}
