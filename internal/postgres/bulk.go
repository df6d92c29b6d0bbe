package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
)

// SeedBulk inserts the profiles that batches yields, all or nothing, in one
// transaction: per batch one multi-row INSERT of the profiles and one COPY
// per child table, never a round trip per profile. A profile whose slug is
// already stored is left as it is and counted Unchanged (SeedBulk adds, it
// does not replace); a slug given twice is an EINVALID Error. progress,
// when set, gets the number of profiles handled after each batch. Running
// servers are told to reload what changed.
func (s *ProfileStore) SeedBulk(ctx context.Context, batches iter.Seq2[[]*profile.Profile, error], progress func(done int)) (profile.SeedResult, error) {
	var result profile.SeedResult
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return result, fmt.Errorf("postgres: bulk seed: %w", err)
	}
	// A no-op after Commit; after a failure the seed's own error is the news.
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLockKey); err != nil {
		return result, fmt.Errorf("postgres: bulk seed: lock: %w", err)
	}
	seen := map[string]bool{}
	var inserted []string
	done := 0
	for batch, err := range batches {
		if err != nil {
			return profile.SeedResult{}, err
		}
		for i, p := range batch {
			if p == nil {
				return profile.SeedResult{}, profile.Errorf(profile.EINVALID, "profile %d of the bulk seed is missing", done+i)
			}
			if seen[p.Slug] {
				return profile.SeedResult{}, profile.Errorf(profile.EINVALID, "slug %q is given twice", p.Slug)
			}
			seen[p.Slug] = true
		}
		slugs, err := insertBatch(ctx, tx, batch)
		if err != nil {
			return profile.SeedResult{}, bulkError(done, len(batch), err)
		}
		inserted = append(inserted, slugs...)
		done += len(batch)
		if progress != nil {
			progress(done)
		}
	}
	if err := notifyChanged(ctx, tx, inserted); err != nil {
		return profile.SeedResult{}, fmt.Errorf("postgres: bulk seed: notify: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return profile.SeedResult{}, fmt.Errorf("postgres: bulk seed: commit: %w", err)
	}
	result.Inserted, result.Unchanged = len(inserted), done-len(inserted)
	return result, nil
}

// insertBatch inserts the profiles of batch that are not stored yet, with
// their child rows, and returns their slugs.
func insertBatch(ctx context.Context, tx pgx.Tx, batch []*profile.Profile) ([]string, error) {
	n := len(batch)
	slugs, titles, summaries := make([]string, n), make([]string, n), make([]string, n)
	files, shas, digests := make([]string, n), make([]string, n), make([]string, n)
	notes := make([]string, n)
	for i, p := range batch {
		sum, err := digest(p)
		if err != nil {
			return nil, err
		}
		note, err := json.Marshal(warnings(p))
		if err != nil {
			return nil, err
		}
		slugs[i], titles[i], summaries[i] = p.Slug, p.Title, p.Summary
		files[i], shas[i], digests[i], notes[i] = p.Source.File, p.Source.SHA256, sum, string(note)
	}
	rows, err := tx.Query(ctx, `
		INSERT INTO profiles (slug, title, summary, source_file, source_sha256, digest, warnings)
		SELECT s, t, su, f, sh, d, w::jsonb
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
			AS u(s, t, su, f, sh, d, w)
		ON CONFLICT (slug) DO NOTHING
		RETURNING id, slug`, slugs, titles, summaries, files, shas, digests, notes)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	var id int64
	var slug string
	if _, err := pgx.ForEachRow(rows, []any{&id, &slug}, func() error {
		ids[slug] = id
		return nil
	}); err != nil {
		return nil, err
	}

	var sentences, traits, contrasts, comparisons [][]any
	var insertedSlugs []string
	for _, p := range batch {
		id, ok := ids[p.Slug]
		if !ok {
			continue // already stored
		}
		insertedSlugs = append(insertedSlugs, p.Slug)
		s := &p.Sections
		for _, key := range profile.SectionKeys() {
			for i, sentence := range *s.Sentences(key) {
				sentences = append(sentences, []any{id, string(key), i, sentence.Line, sentence.Text})
			}
		}
		for i, name := range s.Fit.Traits {
			traits = append(traits, []any{id, string(profile.Fit), i, name})
		}
		for i, name := range s.NonFit.Traits {
			traits = append(traits, []any{id, string(profile.NonFit), i, name})
		}
		for i, m := range s.Misconceptions.Items {
			contrasts = append(contrasts, []any{id, string(profile.Misconceptions), i, m.Myth, m.Reality})
		}
		for i, e := range s.Expectations.Items {
			contrasts = append(contrasts, []any{id, string(profile.Expectations), i, e.Expectation, e.Reality})
		}
		for i, c := range s.Comparisons.Items {
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
			return nil, err
		}
	}
	return insertedSlugs, nil
}

// bulkError names the batch that failed.
func bulkError(first, n int, err error) error {
	return refused(fmt.Sprintf("a profile among %d to %d of the bulk seed", first, first+n-1), err)
}
