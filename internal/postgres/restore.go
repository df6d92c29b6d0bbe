package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
)

// Restore makes revision n of slug current again when cond holds, as a new
// revision with the action restore that keeps the revision's source text.
// A document equal to the current one writes nothing, as Put does.
func (s *ProfileStore) Restore(ctx context.Context, slug string, n int, author string, cond profile.Condition) (*profile.Profile, bool, error) {
	var stored *profile.Profile
	var created bool
	err := s.inWriteTx(ctx, "restore", func(tx pgx.Tx) ([]string, error) {
		doc, text, err := readRevision(ctx, tx, slug, n)
		if err != nil {
			return nil, err
		}
		var outcome seedOutcome
		outcome, stored, err = upsertIf(ctx, tx, cond, doc)
		if err != nil || outcome == unchanged {
			return nil, err
		}
		created = outcome == inserted
		if err := addRevision(ctx, tx, profile.ActionRestore, author, text, stored); err != nil {
			return nil, seedError(doc, err)
		}
		return []string{slug}, nil
	})
	if err != nil {
		return nil, false, err
	}
	return stored, created, nil
}

// readRevision reads the document and source text of revision n of slug
// within tx, checked as a write checks what it stores.
func readRevision(ctx context.Context, tx pgx.Tx, slug string, n int) (*profile.Profile, string, error) {
	var data []byte
	var text string
	err := tx.QueryRow(ctx, `SELECT document, coalesce(source_text, '') FROM revisions WHERE slug = $1 AND revision = $2`,
		slug, n).Scan(&data, &text)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", profile.NoRevision(slug, n)
	}
	if err != nil {
		return nil, "", fmt.Errorf("postgres: revision %d of %q: %w", n, slug, classify(err))
	}
	doc := &profile.Profile{}
	if err := json.Unmarshal(data, doc); err != nil {
		return nil, "", fmt.Errorf("postgres: revision %d of %q: decode document: %w", n, slug, classify(err))
	}
	return doc, text, doc.Validate()
}
