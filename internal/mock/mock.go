// Package mock has fakes of the domain's interfaces, so that the tests of
// their consumers (the HTTP handlers) run without a database. Each fake
// calls the function field of the method; a test sets the ones it needs.
package mock

import (
	"context"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

var _ profile.Catalogue = (*Catalogue)(nil)

// Catalogue is a profile.Catalogue.
type Catalogue struct {
	EncodedFn     func(slug string, key profile.SectionKey, gzip bool) (wire.Encoded, error)
	ListFn        func(ctx context.Context, limit int, after *profile.PageKey, filter profile.ListFilter) (profile.Page, error)
	EncodedPageFn func(after *profile.PageKey, encode func(profile.Page) (*wire.Page, error)) (*wire.Page, bool, error)
	ComparedFn    func(slug string) ([]byte, []string, error)
	DocumentsFn   func(fn func(doc []byte) error) error
	SearchFn      func(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error)
	SuggestFn     func(ctx context.Context, prefix string) ([]profile.Suggestion, error)
	TraitsFn      func(ctx context.Context) ([]profile.TraitCount, error)
	RelatedFn     func(ctx context.Context, slug string) ([]profile.RelatedProfile, error)
	MatchFn       func(ctx context.Context, m profile.MatchRequest) ([]profile.MatchResult, error)
}

func (c *Catalogue) Encoded(slug string, key profile.SectionKey, gzip bool) (wire.Encoded, error) {
	return c.EncodedFn(slug, key, gzip)
}

func (c *Catalogue) List(ctx context.Context, limit int, after *profile.PageKey, filter profile.ListFilter) (profile.Page, error) {
	return c.ListFn(ctx, limit, after, filter)
}

func (c *Catalogue) EncodedPage(after *profile.PageKey, encode func(profile.Page) (*wire.Page, error)) (*wire.Page, bool, error) {
	return c.EncodedPageFn(after, encode)
}

func (c *Catalogue) Documents(fn func(doc []byte) error) error { return c.DocumentsFn(fn) }

func (c *Catalogue) Compared(slug string) ([]byte, []string, error) {
	return c.ComparedFn(slug)
}

func (c *Catalogue) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	return c.SearchFn(ctx, q)
}

func (c *Catalogue) Suggest(ctx context.Context, prefix string) ([]profile.Suggestion, error) {
	return c.SuggestFn(ctx, prefix)
}

func (c *Catalogue) Traits(ctx context.Context) ([]profile.TraitCount, error) {
	return c.TraitsFn(ctx)
}

func (c *Catalogue) Related(ctx context.Context, slug string) ([]profile.RelatedProfile, error) {
	return c.RelatedFn(ctx, slug)
}

func (c *Catalogue) Match(ctx context.Context, m profile.MatchRequest) ([]profile.MatchResult, error) {
	return c.MatchFn(ctx, m)
}
