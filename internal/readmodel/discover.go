package readmodel

import (
	"context"
	"slices"

	"github.com/karir/karir/internal/profile"
)

// lookup returns the current snapshot and its entry under slug, or an
// ENOTFOUND Error.
func (m *Model) lookup(slug string) (*snapshot, *entry, error) {
	s, err := m.current()
	if err != nil {
		return nil, nil, err
	}
	e := s.bySlug.get(slug)
	if e == nil {
		return nil, nil, profile.NoProfile(slug)
	}
	return s, e, nil
}

// position returns the place of e in the list order.
func (s *snapshot) position(e *entry) int {
	i, _ := slices.BinarySearchFunc(s.order, e, compareEntries)
	return i
}

// Traits returns the vocabulary with the counts of the current snapshot.
func (m *Model) Traits(context.Context) ([]profile.TraitCount, error) {
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	return s.search.Traits(), nil
}

// listTraits is the page of List under a trait filter: the profiles from
// position start on whose fit section names every trait of traits, all
// known.
func (s *snapshot) listTraits(start, limit int, traits []string) profile.Page {
	page := profile.Page{Items: []profile.Summary{}}
	last := -1
	page.Total = s.search.WithTraits(traits, start, func(i int) bool {
		if len(page.Items) == limit {
			page.Next = &profile.PageKey{Title: s.order[last].summary.Title, Slug: s.order[last].summary.Slug}
			return false
		}
		page.Items = append(page.Items, s.order[i].summary)
		last = i
		return true
	})
	return page
}

// Match implements profile.SearchService.Match from the current snapshot.
func (m *Model) Match(_ context.Context, req profile.MatchRequest) ([]profile.MatchResult, error) {
	// A request the index would refuse is refused before the catalogue
	// has loaded too.
	if err := req.Validate(); err != nil {
		return nil, err
	}
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	return s.search.Match(req)
}

// Related implements profile.SearchService.Related from the current
// snapshot.
func (m *Model) Related(_ context.Context, slug string) ([]profile.RelatedProfile, error) {
	s, e, err := m.lookup(slug)
	if err != nil {
		return nil, err
	}
	return s.search.Related(s.position(e)), nil
}
