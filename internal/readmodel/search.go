package readmodel

import (
	"context"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// Search answers as profile.SearchService's Search does, from the search
// index of the snapshot: no database round trip unless the query holds a
// word that no text holds or needs spelling correction, each asked once
// (cached).
func (m *Model) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	s, err := m.current()
	if err != nil {
		return profile.SearchResult{}, err
	}
	return s.search.Search(ctx, q)
}

// Suggest answers as profile.SearchService's Suggest does, from the
// snapshot's sorted titles; similar titles, needed only when those are
// too few, come from the analyzer (cached).
func (m *Model) Suggest(ctx context.Context, prefix string) ([]profile.Suggestion, error) {
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	return s.search.Suggest(ctx, prefix)
}

// buildSearch builds b's index over order, the snapshot's profiles in
// list order.
func buildSearch(ctx context.Context, b *search.Builder, order []*entry) (*search.Index, error) {
	docs := make([]*search.Doc, len(order))
	for i, e := range order {
		docs[i] = &e.search
	}
	return b.Build(ctx, docs)
}
