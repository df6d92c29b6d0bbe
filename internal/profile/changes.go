package profile

import (
	"context"
	"time"
)

// ChangeEvent is one revision as the change feed announces it.
type ChangeEvent struct {
	// Seq numbers the revisions of every profile in the order they were
	// committed; a client resumes after the last one it saw.
	Seq      int64
	Slug     string
	Revision int
	Action   Action
	// ETag is the strong tag of the document the change left, as GET
	// /v1/profiles/{slug} sends it plain; empty after a delete.
	ETag string
	At   time.Time
}

// ChangeLog reads the revisions in the order they were committed. The
// PostgreSQL store implements it; the change feed reads it.
type ChangeLog interface {
	// ChangesAfter returns up to limit changes numbered above after,
	// oldest first. A limit below 1 is an EINVALID Error.
	ChangesAfter(ctx context.Context, after int64, limit int) ([]ChangeEvent, error)
	// LastChange returns the number of the newest change, 0 when there is
	// none.
	LastChange(ctx context.Context) (int64, error)
}
