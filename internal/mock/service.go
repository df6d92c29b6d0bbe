package mock

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

var _ profile.ProfileService = (*ProfileService)(nil)

// ProfileService is a profile.ProfileService.
type ProfileService struct {
	CreateFn    func(ctx context.Context, c profile.Change) (*profile.Profile, error)
	PutFn       func(ctx context.Context, c profile.Change, cond profile.Condition) (*profile.Profile, bool, error)
	DeleteFn    func(ctx context.Context, slug, author string, cond profile.Condition) error
	RestoreFn   func(ctx context.Context, slug string, n int, author string, cond profile.Condition) (*profile.Profile, bool, error)
	RevisionsFn func(ctx context.Context, slug string, limit, before int) (profile.RevisionPage, error)
	RevisionFn  func(ctx context.Context, slug string, n int) (*profile.Revision, error)
	ExportFn    func(ctx context.Context, fn func(*profile.Profile) error) error
}

func (s *ProfileService) Create(ctx context.Context, c profile.Change) (*profile.Profile, error) {
	return s.CreateFn(ctx, c)
}

func (s *ProfileService) Put(ctx context.Context, c profile.Change, cond profile.Condition) (*profile.Profile, bool, error) {
	return s.PutFn(ctx, c, cond)
}

func (s *ProfileService) Delete(ctx context.Context, slug, author string, cond profile.Condition) error {
	return s.DeleteFn(ctx, slug, author, cond)
}

func (s *ProfileService) Restore(ctx context.Context, slug string, n int, author string, cond profile.Condition) (*profile.Profile, bool, error) {
	return s.RestoreFn(ctx, slug, n, author, cond)
}

func (s *ProfileService) Revisions(ctx context.Context, slug string, limit, before int) (profile.RevisionPage, error) {
	return s.RevisionsFn(ctx, slug, limit, before)
}

func (s *ProfileService) Revision(ctx context.Context, slug string, n int) (*profile.Revision, error) {
	return s.RevisionFn(ctx, slug, n)
}

func (s *ProfileService) Export(ctx context.Context, fn func(*profile.Profile) error) error {
	return s.ExportFn(ctx, fn)
}
