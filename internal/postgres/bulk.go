package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
)

// Insert adds new profiles in one transaction with COPY, for bulk loads of
// generated profiles: much faster than Seed, which compares each profile
// with the stored one. A slug that is already stored fails the whole call.
func (s *ProfileStore) Insert(ctx context.Context, profiles []*profile.Profile) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: insert: %w", err)
	}
	// A no-op after Commit.
	defer tx.Rollback(ctx)
	if err := insertProfiles(ctx, tx, profiles); err != nil {
		return fmt.Errorf("postgres: insert: %w", err)
	}
	slugs := make([]string, len(profiles))
	for i, p := range profiles {
		slugs[i] = p.Slug
	}
	if err := notifyChanged(ctx, tx, slugs); err != nil {
		return fmt.Errorf("postgres: insert: notify: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: insert: commit: %w", err)
	}
	return nil
}

func insertProfiles(ctx context.Context, tx pgx.Tx, profiles []*profile.Profile) error {
	rows := make([][]any, len(profiles))
	slugs := make([]string, len(profiles))
	for i, p := range profiles {
		sum, err := digest(p)
		if err != nil {
			return err
		}
		rows[i] = []any{p.Slug, p.Title, p.Summary, p.Source.File, p.Source.SHA256, sum, warnings(p)}
		slugs[i] = p.Slug
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"profiles"},
		[]string{"slug", "title", "summary", "source_file", "source_sha256", "digest", "warnings"}, pgx.CopyFromRows(rows)); err != nil {
		return err
	}
	ids := make(map[string]int64, len(profiles))
	idRows, err := tx.Query(ctx, `SELECT slug, id FROM profiles WHERE slug = ANY($1)`, slugs)
	if err != nil {
		return err
	}
	var slug string
	var id int64
	if _, err := pgx.ForEachRow(idRows, []any{&slug, &id}, func() error { ids[slug] = id; return nil }); err != nil {
		return err
	}

	var sentences, traits, contrasts, comparisons [][]any
	for _, p := range profiles {
		id := ids[p.Slug]
		for _, key := range profile.SectionKeys() {
			for i, s := range *p.Sections.Sentences(key) {
				sentences = append(sentences, []any{id, string(key), i, s.Line, s.Text})
			}
		}
		for i, name := range p.Sections.Fit.Traits {
			traits = append(traits, []any{id, string(profile.Fit), i, name})
		}
		for i, name := range p.Sections.NonFit.Traits {
			traits = append(traits, []any{id, string(profile.NonFit), i, name})
		}
		for i, m := range p.Sections.Misconceptions.Items {
			contrasts = append(contrasts, []any{id, string(profile.Misconceptions), i, m.Myth, m.Reality})
		}
		for i, e := range p.Sections.Expectations.Items {
			contrasts = append(contrasts, []any{id, string(profile.Expectations), i, e.Expectation, e.Reality})
		}
		for i, c := range p.Sections.Comparisons.Items {
			comparisons = append(comparisons, []any{id, i, c.Profession, c.ThisFocus, c.OtherFocus})
		}
	}
	for _, c := range []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"sentences", []string{"profile_id", "section", "position", "line", "text"}, sentences},
		{"profile_traits", []string{"profile_id", "section", "position", "name"}, traits},
		{"contrasts", []string{"profile_id", "section", "position", "claim", "reality"}, contrasts},
		{"comparisons", []string{"profile_id", "position", "profession", "this_focus", "other_focus"}, comparisons},
	} {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.columns, pgx.CopyFromRows(c.rows)); err != nil {
			return err
		}
	}
	return nil
}
