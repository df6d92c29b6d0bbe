package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
)

var _ profile.ProfileService = (*ProfileStore)(nil)

// Create stores a new profile and its first revision (or the next one of a
// deleted slug). A slug that a profile has is an ECONFLICT Error.
func (s *ProfileStore) Create(ctx context.Context, c profile.Change) (*profile.Profile, error) {
	if err := c.Profile.Validate(); err != nil {
		return nil, err
	}
	slug := c.Profile.Slug
	var stored *profile.Profile
	err := s.inWriteTx(ctx, "create", func(tx pgx.Tx) ([]string, error) {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM profiles WHERE slug = $1)`, slug).Scan(&exists); err != nil {
			return nil, fmt.Errorf("postgres: create %q: %w", slug, classify(err))
		}
		if exists {
			return nil, profile.Conflict("A profile with the slug %q exists already.", slug)
		}
		var err error
		_, stored, err = upsertProfile(ctx, tx, withoutTime(c.Profile))
		if err == nil {
			err = addRevision(ctx, tx, profile.ActionCreate, c.Author, c.SourceText, stored)
		}
		if err != nil {
			return nil, seedError(c.Profile, err)
		}
		return []string{slug}, nil
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}

// Put creates or replaces the profile under c.Profile.Slug when cond holds.
// An unchanged profile writes nothing and keeps its UpdatedAt, so its ETag
// stays.
func (s *ProfileStore) Put(ctx context.Context, c profile.Change, cond profile.Condition) (*profile.Profile, bool, error) {
	if err := c.Profile.Validate(); err != nil {
		return nil, false, err
	}
	slug := c.Profile.Slug
	var stored *profile.Profile
	var created bool
	err := s.inWriteTx(ctx, "put", func(tx pgx.Tx) ([]string, error) {
		var outcome seedOutcome
		var err error
		outcome, stored, err = upsertIf(ctx, tx, cond, c.Profile)
		if err != nil || outcome == unchanged {
			return nil, err
		}
		action := profile.ActionReplace
		if outcome == inserted {
			created, action = true, profile.ActionCreate
		}
		if err := addRevision(ctx, tx, action, c.Author, c.SourceText, stored); err != nil {
			return nil, seedError(c.Profile, err)
		}
		return []string{slug}, nil
	})
	if err != nil {
		return nil, false, err
	}
	return stored, created, nil
}

// upsertIf stores p under its slug when cond holds for the current profile,
// and returns the profile as stored: the current one when p equals it.
func upsertIf(ctx context.Context, tx pgx.Tx, cond profile.Condition, p *profile.Profile) (seedOutcome, *profile.Profile, error) {
	current, err := loadProfile(ctx, tx, p.Slug)
	if err != nil {
		return 0, nil, err
	}
	if err := cond.Check(p.Slug, current); err != nil {
		return 0, nil, err
	}
	outcome, stored, err := upsertProfile(ctx, tx, withoutTime(p))
	switch {
	case err != nil:
		return 0, nil, seedError(p, err)
	case outcome == unchanged:
		return unchanged, current, nil
	}
	return outcome, stored, nil
}

// Delete removes the profile under slug when cond holds; its revisions stay,
// and a last one keeps the deleted document.
func (s *ProfileStore) Delete(ctx context.Context, slug, author string, cond profile.Condition) error {
	return s.inWriteTx(ctx, "delete", func(tx pgx.Tx) ([]string, error) {
		current, err := loadProfile(ctx, tx, slug)
		if err != nil {
			return nil, err
		}
		if current == nil {
			return nil, s.missing(ctx, tx, slug)
		}
		if err := cond.Check(slug, current); err != nil {
			return nil, err
		}
		if err := keepBaseline(ctx, tx, slug); err != nil {
			return nil, fmt.Errorf("postgres: delete %q: %w", slug, classify(err))
		}
		if _, err := tx.Exec(ctx, `DELETE FROM profiles WHERE slug = $1`, slug); err != nil {
			return nil, fmt.Errorf("postgres: delete %q: %w", slug, classify(err))
		}
		if err := addRevision(ctx, tx, profile.ActionDelete, author, "", current); err != nil {
			return nil, fmt.Errorf("postgres: delete %q: %w", slug, classify(err))
		}
		return []string{slug}, nil
	})
}

// missing is the error for a slug no profile has: EGONE when it was deleted.
func (s *ProfileStore) missing(ctx context.Context, tx pgx.Tx, slug string) error {
	var deleted bool
	b := &pgx.Batch{}
	queueDeleted(b, slug, &deleted)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("postgres: revisions of %q: %w", slug, classify(err))
	}
	if deleted {
		return profile.Deleted(slug)
	}
	return profile.NoProfile(slug)
}

// withoutTime returns p without UpdatedAt: the store, not the editor, says
// when a profile changed.
func withoutTime(p *profile.Profile) *profile.Profile {
	c := *p
	c.UpdatedAt = time.Time{}
	return &c
}

// keepBaseline records the stored profile under slug as its first revision
// when it has none, before a change replaces or deletes it: a profile
// stored before revisions were kept (schema version 1) must not lose the
// version it had.
func keepBaseline(ctx context.Context, tx pgx.Tx, slug string) error {
	var kept bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM revisions WHERE slug = $1)`, slug).Scan(&kept); err != nil || kept {
		return err
	}
	current, err := loadProfile(ctx, tx, slug)
	if err != nil || current == nil {
		return err
	}
	return addRevision(ctx, tx, profile.ActionSeed, "seed", "", current)
}

// addRevision records the next revision of doc's slug.
func addRevision(ctx context.Context, tx pgx.Tx, action profile.Action, author, sourceText string, doc *profile.Profile) error {
	data, err := profile.Encode(doc)
	if err != nil {
		return fmt.Errorf("postgres: encode revision: %w", classify(err))
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO revisions (slug, revision, action, author, source_text, document)
		SELECT $1, coalesce(max(revision), 0) + 1, $2, $3, NULLIF($4, ''), $5::jsonb
		FROM revisions WHERE slug = $1`,
		doc.Slug, string(action), author, sourceText, string(data))
	return err
}

// Revisions returns up to limit revisions of slug, newest first, below
// revision number before when it is above 0. Items carry no source text or
// document; Revision reads them.
func (s *ProfileStore) Revisions(ctx context.Context, slug string, limit, before int) (profile.RevisionPage, error) {
	page := profile.RevisionPage{Items: []profile.Revision{}}
	if limit < 1 {
		return page, profile.BadLimit(limit)
	}
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	b.Queue(`SELECT count(*) FROM revisions WHERE slug = $1`, slug).QueryRow(func(row pgx.Row) error {
		return row.Scan(&page.Total)
	})
	b.Queue(`
		SELECT r.revision, r.created_at, r.action, r.author, r.document->'sections', p.document->'sections'
		FROM revisions r LEFT JOIN revisions p ON p.slug = r.slug AND p.revision = r.revision - 1
		WHERE r.slug = $1 AND ($2 = 0 OR r.revision < $2)
		ORDER BY r.revision DESC LIMIT $3`, slug, before, limit+1).Query(func(rows pgx.Rows) error {
		r := profile.Revision{Slug: slug}
		var sections, previous []byte
		_, err := pgx.ForEachRow(rows, []any{&r.Number, &r.CreatedAt, &r.Action, &r.Author, &sections, &previous}, func() error {
			r.CreatedAt = r.CreatedAt.UTC()
			var err error
			r.ChangedSections, err = changedSections(previous, sections)
			page.Items = append(page.Items, r)
			return err
		})
		return err
	})
	br := s.pool.SendBatch(ctx, b)
	if tx := br.Tx(); tx != nil {
		defer tx.Rollback(ctx)
	}
	if err := br.Close(); err != nil {
		return profile.RevisionPage{}, fmt.Errorf("postgres: revisions of %q: %w", slug, classify(err))
	}
	if page.Total == 0 {
		return profile.RevisionPage{}, profile.NoHistory(slug)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.Next = page.Items[limit-1].Number
	}
	return page, nil
}

// changedSections compares the sections of two revisions' documents, as
// stored; a nil from is the first revision's missing predecessor.
func changedSections(from, to []byte) ([]profile.SectionKey, error) {
	a, b := profile.NewSections(), profile.NewSections()
	if from != nil {
		if err := json.Unmarshal(from, &a); err != nil {
			return nil, fmt.Errorf("decode revision sections: %w", err)
		}
	}
	if err := json.Unmarshal(to, &b); err != nil {
		return nil, fmt.Errorf("decode revision sections: %w", err)
	}
	return profile.ChangedSections(&a, &b), nil
}

// Revision returns revision number n of slug, or an ENOTFOUND Error.
func (s *ProfileStore) Revision(ctx context.Context, slug string, n int) (*profile.Revision, error) {
	r := &profile.Revision{Slug: slug, Number: n}
	var doc []byte
	err := s.pool.QueryRow(ctx, `
		SELECT created_at, action, author, coalesce(source_text, ''), document
		FROM revisions WHERE slug = $1 AND revision = $2`, slug, n).
		Scan(&r.CreatedAt, &r.Action, &r.Author, &r.SourceText, &doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, profile.NoRevision(slug, n)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: revision %d of %q: %w", n, slug, classify(err))
	}
	r.CreatedAt = r.CreatedAt.UTC()
	r.Profile = &profile.Profile{}
	if err := json.Unmarshal(doc, r.Profile); err != nil {
		return nil, fmt.Errorf("postgres: revision %d of %q: decode document: %w", n, slug, classify(err))
	}
	return r, nil
}

// Export calls fn with every profile in slug order, all read in one
// repeatable-read transaction: writes committed meanwhile are not seen.
func (s *ProfileStore) Export(ctx context.Context, fn func(*profile.Profile) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("postgres: export: %w", classify(err))
	}
	// The transaction only reads.
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, `SELECT slug FROM profiles ORDER BY slug`)
	if err != nil {
		return fmt.Errorf("postgres: export: %w", classify(err))
	}
	slugs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("postgres: export: %w", classify(err))
	}
	for _, slug := range slugs {
		p, err := loadProfile(ctx, tx, slug)
		if err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// Import writes exported profiles like Seed, all or nothing, but keeps
// their UpdatedAt, so that exporting again gives the same documents; the
// revisions it writes are by the author "import".
func (s *ProfileStore) Import(ctx context.Context, profiles []*profile.Profile) (profile.SeedResult, error) {
	for _, p := range profiles {
		if p == nil {
			continue
		}
		if err := p.Validate(); err != nil {
			return profile.SeedResult{}, err
		}
	}
	return s.seedAs(ctx, "import", profiles, nil)
}
