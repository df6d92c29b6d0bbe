package mock

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

var _ profile.SearchService = (*SearchService)(nil)

// SearchService is a profile.SearchService.
type SearchService struct {
	SearchFn  func(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error)
	SuggestFn func(ctx context.Context, prefix string) ([]profile.Suggestion, error)
	TraitsFn  func(ctx context.Context) ([]profile.TraitCount, error)
	RelatedFn func(ctx context.Context, slug string) ([]profile.RelatedProfile, error)
	MatchFn   func(ctx context.Context, m profile.MatchRequest) ([]profile.MatchResult, error)
}

func (s *SearchService) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	return s.SearchFn(ctx, q)
}

func (s *SearchService) Suggest(ctx context.Context, prefix string) ([]profile.Suggestion, error) {
	return s.SuggestFn(ctx, prefix)
}

func (s *SearchService) Traits(ctx context.Context) ([]profile.TraitCount, error) {
	return s.TraitsFn(ctx)
}

func (s *SearchService) Related(ctx context.Context, slug string) ([]profile.RelatedProfile, error) {
	return s.RelatedFn(ctx, slug)
}

func (s *SearchService) Match(ctx context.Context, m profile.MatchRequest) ([]profile.MatchResult, error) {
	return s.MatchFn(ctx, m)
}
