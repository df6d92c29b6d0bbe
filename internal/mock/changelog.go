package mock

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

var _ profile.ChangeLog = (*ChangeLog)(nil)

// ChangeLog is a profile.ChangeLog.
type ChangeLog struct {
	ChangesAfterFn func(ctx context.Context, after int64, limit int) ([]profile.ChangeEvent, error)
	LastChangeFn   func(ctx context.Context) (int64, error)
}

func (l *ChangeLog) ChangesAfter(ctx context.Context, after int64, limit int) ([]profile.ChangeEvent, error) {
	return l.ChangesAfterFn(ctx, after, limit)
}

func (l *ChangeLog) LastChange(ctx context.Context) (int64, error) {
	return l.LastChangeFn(ctx)
}
