package readmodel

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

// Writes returns svc with every write it commits applied to the model
// before the write returns, so that a client told a write succeeded reads
// it from this server at once (read your writes); other servers take it
// from the change notification as before.
func (m *Model) Writes(svc profile.ProfileService) profile.ProfileService {
	return &writeThrough{ProfileService: svc, model: m}
}

// writeThrough is a ProfileService whose writes reach the model before
// they return.
type writeThrough struct {
	profile.ProfileService
	model *Model
}

func (w *writeThrough) Create(ctx context.Context, c profile.Change) (*profile.Profile, error) {
	p, err := w.ProfileService.Create(ctx, c)
	if err == nil {
		w.model.applyWrite(ctx, p.Slug)
	}
	return p, err
}

func (w *writeThrough) Put(ctx context.Context, c profile.Change, cond profile.Condition) (*profile.Profile, bool, error) {
	p, created, err := w.ProfileService.Put(ctx, c, cond)
	if err == nil {
		w.model.applyWrite(ctx, p.Slug)
	}
	return p, created, err
}

func (w *writeThrough) Delete(ctx context.Context, slug, author string, cond profile.Condition) error {
	err := w.ProfileService.Delete(ctx, slug, author, cond)
	if err == nil {
		w.model.applyWrite(ctx, slug)
	}
	return err
}

func (w *writeThrough) Restore(ctx context.Context, slug string, n int, author string, cond profile.Condition) (*profile.Profile, bool, error) {
	p, created, err := w.ProfileService.Restore(ctx, slug, n, author, cond)
	if err == nil {
		w.model.applyWrite(ctx, slug)
	}
	return p, created, err
}

// applyWrite refreshes the profile under slug, which a write has just
// committed. The write stands whatever happens here: should the refresh
// fail (the database went away, the request ran out of time), the change
// is left to Run, which tries until it applies.
func (m *Model) applyWrite(ctx context.Context, slug string) {
	if err := m.Refresh(ctx, []string{slug}); err != nil {
		m.logger.Warn("read model could not apply a write at once; it follows shortly", "slug", slug, "err", err)
		m.Changed(slug)
	}
}
