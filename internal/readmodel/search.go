package readmodel

import (
	"context"
	"fmt"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// Search answers as profile.SearchService's Search does, from the search
// index of the snapshot: no database round trip unless the query holds a
// word that no text holds or needs spelling correction, each asked once
// (cached).
func (m *Model) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	ix, err := m.searchIndex()
	if err != nil {
		return profile.SearchResult{}, err
	}
	return ix.Search(ctx, q)
}

// Suggest answers as profile.SearchService's Suggest does, from the
// snapshot's sorted titles; similar titles, needed only when those are
// too few, come from the analyzer (cached).
func (m *Model) Suggest(ctx context.Context, prefix string) ([]profile.Suggestion, error) {
	ix, err := m.searchIndex()
	if err != nil {
		return nil, err
	}
	return ix.Suggest(ctx, prefix)
}

func (m *Model) searchIndex() (*search.Index, error) {
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	if s.search == nil {
		return nil, fmt.Errorf("readmodel: search without an analyzer")
	}
	return s.search, nil
}

// searchBuilder returns a builder of the search index starting from
// prev's, or nil when the model has no analyzer (and so no search).
func (m *Model) searchBuilder(prev *snapshot) *search.Builder {
	if m.analysis == nil {
		return nil
	}
	var from *search.Index
	if prev != nil {
		from = prev.search
	}
	return m.analysis.NewBuilder(from)
}

// addToSearch adds p to b, if any.
func addToSearch(b *search.Builder, p *profile.Profile) {
	if b != nil {
		b.Add(p)
	}
}

// buildSearch builds b's index over order, the snapshot's profiles in
// list order; nil without a builder.
func buildSearch(ctx context.Context, b *search.Builder, order []*entry) (*search.Index, error) {
	if b == nil {
		return nil, nil
	}
	slugs := make([]string, len(order))
	for i, e := range order {
		slugs[i] = e.summary.Slug
	}
	return b.Build(ctx, slugs)
}
