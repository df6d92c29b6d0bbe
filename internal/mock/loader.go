package mock

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

var _ profile.ProfileLoader = (*ProfileLoader)(nil)

// ProfileLoader is a profile.ProfileLoader.
type ProfileLoader struct {
	EachFn func(ctx context.Context, fn func(*profile.Profile) error) error
	LoadFn func(ctx context.Context, slugs []string) ([]*profile.Profile, error)
}

func (l *ProfileLoader) Each(ctx context.Context, fn func(*profile.Profile) error) error {
	return l.EachFn(ctx, fn)
}

func (l *ProfileLoader) Load(ctx context.Context, slugs []string) ([]*profile.Profile, error) {
	return l.LoadFn(ctx, slugs)
}
