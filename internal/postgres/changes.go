package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

var _ profile.ChangeLog = (*ProfileStore)(nil)

// ChangesAfter returns up to limit revisions numbered above after, oldest
// first, each with the tag of the document it left.
func (s *ProfileStore) ChangesAfter(ctx context.Context, after int64, limit int) ([]profile.ChangeEvent, error) {
	if limit < 1 {
		return nil, profile.BadLimit(limit)
	}
	rows, err := s.pool.Query(ctx, `
		SELECT seq, slug, revision, action, created_at, document FROM revisions
		WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: changes after %d: %w", after, classify(err))
	}
	var out []profile.ChangeEvent
	var e profile.ChangeEvent
	var doc []byte
	_, err = pgx.ForEachRow(rows, []any{&e.Seq, &e.Slug, &e.Revision, &e.Action, &e.At, &doc}, func() error {
		e.At = e.At.UTC()
		e.ETag = ""
		if e.Action != profile.ActionDelete {
			tag, err := documentTag(doc)
			if err != nil {
				return err
			}
			e.ETag = tag
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: changes after %d: %w", after, classify(err))
	}
	return out, nil
}

// documentTag is the ETag of a stored document as the API encodes it:
// jsonb keeps its values but not its bytes.
func documentTag(doc []byte) (string, error) {
	var p profile.Profile
	if err := json.Unmarshal(doc, &p); err != nil {
		return "", fmt.Errorf("decode document: %w", err)
	}
	body, err := profile.Encode(&p)
	if err != nil {
		return "", err
	}
	return wire.ETag(body), nil
}

// LastChange returns the number of the newest revision, 0 when none.
func (s *ProfileStore) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM revisions`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("postgres: last change: %w", classify(err))
	}
	return seq, nil
}
