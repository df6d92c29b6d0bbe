// Package mock has fakes of the domain's interfaces, so that the tests of
// their consumers (the HTTP handlers) run without a database. Each fake
// calls the function field of the method; a test sets the ones it needs.
package mock

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

var _ profile.ProfileReader = (*ProfileReader)(nil)

// ProfileReader is a profile.ProfileReader.
type ProfileReader struct {
	GetFn  func(ctx context.Context, slug string) (*profile.Profile, error)
	ListFn func(ctx context.Context, limit int, after *profile.PageKey, filter profile.ListFilter) (profile.Page, error)
}

func (r *ProfileReader) Get(ctx context.Context, slug string) (*profile.Profile, error) {
	return r.GetFn(ctx, slug)
}

func (r *ProfileReader) List(ctx context.Context, limit int, after *profile.PageKey, filter profile.ListFilter) (profile.Page, error) {
	return r.ListFn(ctx, limit, after, filter)
}
