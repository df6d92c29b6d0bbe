package readmodel

import (
	"context"

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

// Traits returns the vocabulary with the counts of the current snapshot.
func (m *Model) Traits(context.Context) ([]profile.TraitCount, error) {
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	return s.search.Traits(), nil
}

// listTraits is the page of List under a trait filter: the profiles after
// the key whose fit section names every trait of traits, all known.
func (s *snapshot) listTraits(after *profile.PageKey, limit int, traits []string) profile.Page {
	page := profile.Page{Items: []profile.Summary{}}
	page.Total = s.search.WithTraits(traits, after, func(slug string) bool {
		if len(page.Items) == limit {
			last := page.Items[limit-1]
			page.Next = &profile.PageKey{Title: last.Title, Slug: last.Slug}
			return false
		}
		page.Items = append(page.Items, s.entry(slug).summary)
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
	return s.search.Related(&e.search), nil
}
