package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
)

// SeedBulk inserts the profiles that batches yields, all or nothing: on one
// connection per core (at least two), each in a transaction of its own that
// takes batches as it is free, per batch one multi-row INSERT of the
// profiles and one COPY per child table, never a round trip per profile.
// The transactions commit together at the end; a failure before rolls all
// back, and should a commit fail after another has succeeded, the profiles
// that one stored are deleted again. A profile whose slug is already stored
// is left as it is and counted Unchanged (SeedBulk adds, it does not
// replace); a slug given twice is an EINVALID Error. progress, when set,
// gets the number of profiles handled after each batch, in the order of
// the batches. Running servers are told to reload what changed.
//
// The triggers step aside (migration 000005): the seed stores the words of
// the texts itself, as they would, once per distinct word and outside the
// transactions: a word left over from a failed seed is one the spelling
// correction may try and then find nothing for, as after a delete.
func (s *ProfileStore) SeedBulk(ctx context.Context, batches iter.Seq2[[]*profile.Profile, error], progress func(done int)) (profile.SeedResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A session per core, and a connection left for the words.
	n := max(1, min(max(2, runtime.GOMAXPROCS(0)), int(s.pool.Config().MaxConns)-1))
	sessions, err := s.beginBulk(ctx, n)
	for _, tx := range sessions {
		// A no-op after Commit; after a failure the seed's own error is the news.
		defer tx.Rollback(context.WithoutCancel(ctx))
	}
	if err != nil {
		return profile.SeedResult{}, err
	}

	work := make(chan bulkBatch)
	done := make(chan bulkDone)
	var workers sync.WaitGroup
	for i, tx := range sessions {
		workers.Go(func() {
			for b := range work {
				slugs, err := insertBatch(ctx, tx, b.profiles)
				if err != nil {
					err = bulkError(b.first, len(b.profiles), err)
				}
				done <- bulkDone{batch: b, session: i, slugs: slugs, err: err}
			}
		})
	}
	var fed feedResult
	go func() {
		defer close(work)
		fed = s.feedBulk(ctx, batches, work)
	}()
	go func() {
		workers.Wait()
		close(done)
	}()

	// Progress in the order of the batches, whichever finishes first.
	inserted := make([][]string, len(sessions))
	finished := map[int]bulkDone{}
	next, handled := 0, 0
	var failed error
	for d := range done {
		if d.err != nil && failed == nil {
			failed = d.err
			cancel()
		}
		inserted[d.session] = append(inserted[d.session], d.slugs...)
		finished[d.batch.n] = d
		for {
			d, ok := finished[next]
			if !ok {
				break
			}
			delete(finished, next)
			next++
			handled += len(d.batch.profiles)
			if progress != nil && failed == nil {
				progress(handled)
			}
		}
	}
	// The first batch that failed cancelled the feeder: its error is the news.
	if failed != nil {
		return profile.SeedResult{}, failed
	}
	if fed.err != nil {
		return profile.SeedResult{}, fed.err
	}
	var all []string
	for _, slugs := range inserted {
		all = append(all, slugs...)
	}
	if err := s.commitBulk(ctx, sessions, inserted, all); err != nil {
		return profile.SeedResult{}, err
	}
	return profile.SeedResult{Inserted: len(all), Unchanged: fed.total - len(all)}, nil
}

// bulkBatch is batch n of a bulk seed, whose first profile is the first-th.
type bulkBatch struct {
	n, first int
	profiles []*profile.Profile
}

type bulkDone struct {
	batch   bulkBatch
	session int
	slugs   []string
	err     error
}

type feedResult struct {
	total int
	err   error
}

// beginBulk begins n transactions that let the word triggers step aside;
// the first takes the write lock, which holds the other writers off all of
// them.
func (s *ProfileStore) beginBulk(ctx context.Context, n int) ([]pgx.Tx, error) {
	var sessions []pgx.Tx
	for i := range n {
		tx, err := s.pool.Begin(ctx)
		if err != nil {
			return sessions, fmt.Errorf("postgres: bulk seed: %w", err)
		}
		sessions = append(sessions, tx)
		if i == 0 {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLockKey); err != nil {
				return sessions, fmt.Errorf("postgres: bulk seed: lock: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('karir.derive', 'bulk', true)`); err != nil {
			return sessions, fmt.Errorf("postgres: bulk seed: %w", err)
		}
	}
	return sessions, nil
}

// feedBulk checks the batches and hands them to the sessions, after storing
// the words of their texts that no batch before had.
func (s *ProfileStore) feedBulk(ctx context.Context, batches iter.Seq2[[]*profile.Profile, error], work chan<- bulkBatch) feedResult {
	seen := map[string]bool{}
	words := map[string]bool{}
	n, total := 0, 0
	for batch, err := range batches {
		if err != nil {
			return feedResult{err: err}
		}
		for i, p := range batch {
			if p == nil {
				return feedResult{err: profile.Invalid("Profile %d of the bulk seed is missing.", total+i)}
			}
			if seen[p.Slug] {
				return feedResult{err: slugTwice(p.Slug)}
			}
			seen[p.Slug] = true
		}
		if err := s.storeWords(ctx, newTokens(batch, words)); err != nil {
			return feedResult{err: fmt.Errorf("postgres: bulk seed: words: %w", err)}
		}
		select {
		case work <- bulkBatch{n: n, first: total, profiles: batch}:
		case <-ctx.Done():
			return feedResult{err: ctx.Err()}
		}
		n++
		total += len(batch)
	}
	return feedResult{total: total}
}

// newTokens returns the tokens of the titles and sentences of batch, split
// at ASCII white space, that are not in seen, and adds them to it.
// karir_words of a text is the union of karir_words of its tokens: neither
// unaccent nor lower makes or removes white space, and the words are split
// at every character that is not a letter.
func newTokens(batch []*profile.Profile, seen map[string]bool) []string {
	var out []string
	add := func(text string) {
		for _, token := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
			if !seen[token] {
				seen[token] = true
				out = append(out, token)
			}
		}
	}
	for _, p := range batch {
		add(p.Title)
		for _, key := range profile.SectionKeys() {
			for _, sentence := range *p.Sections.Sentences(key) {
				add(sentence.Text)
			}
		}
	}
	return out
}

// storeWords stores the words of tokens, as the triggers store the words of
// a text, in a statement of its own.
func (s *ProfileStore) storeWords(ctx context.Context, tokens []string) error {
	if len(tokens) == 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `
		INSERT INTO search_words (word)
		SELECT DISTINCT karir_words(t) FROM unnest($1::text[]) AS t
		ON CONFLICT DO NOTHING`, tokens)
	return err
}

// commitBulk tells running servers what changed and commits the sessions,
// the one holding the lock last; should a commit fail, it deletes what the
// sessions committed before stored.
func (s *ProfileStore) commitBulk(ctx context.Context, sessions []pgx.Tx, inserted [][]string, all []string) error {
	if err := notifyChanged(ctx, sessions[0], all); err != nil {
		return fmt.Errorf("postgres: bulk seed: notify: %w", err)
	}
	var committed []string
	for i := len(sessions) - 1; i >= 0; i-- {
		if err := sessions[i].Commit(ctx); err != nil {
			err = fmt.Errorf("postgres: bulk seed: commit: %w", err)
			if len(committed) > 0 {
				if _, derr := s.pool.Exec(context.WithoutCancel(ctx), `DELETE FROM profiles WHERE slug = ANY($1)`, committed); derr != nil {
					return errors.Join(err, fmt.Errorf("postgres: bulk seed: %d profiles stay stored: %w", len(committed), derr))
				}
			}
			return err
		}
		committed = append(committed, inserted[i]...)
	}
	return nil
}

// insertBatch inserts the profiles of batch that are not stored yet, with
// their child rows, and returns their slugs.
func insertBatch(ctx context.Context, tx pgx.Tx, batch []*profile.Profile) ([]string, error) {
	ids, err := insertProfiles(ctx, tx, batch)
	if err != nil {
		return nil, err
	}
	var inserted []*profile.Profile
	for _, p := range batch {
		if _, ok := ids[p.Slug]; ok {
			inserted = append(inserted, p)
		}
	}
	if err := copyChildren(ctx, tx, inserted, ids); err != nil {
		return nil, err
	}
	slugs := make([]string, len(inserted))
	for i, p := range inserted {
		slugs[i] = p.Slug
	}
	return slugs, nil
}

// insertProfiles inserts the profile rows of batch in one statement and
// returns the ids of those it stored by slug; a slug already stored is
// left as it is and missing from the result.
func insertProfiles(ctx context.Context, tx pgx.Tx, batch []*profile.Profile) (map[string]int64, error) {
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
	_, err = pgx.ForEachRow(rows, []any{&id, &slug}, func() error {
		ids[slug] = id
		return nil
	})
	return ids, err
}

// copyChildren stores the child rows of profiles, whose ids are under
// their slugs, with one COPY per child table.
func copyChildren(ctx context.Context, tx pgx.Tx, profiles []*profile.Profile, ids map[string]int64) error {
	var sentences, traits, contrasts, comparisons [][]any
	for _, p := range profiles {
		id := ids[p.Slug]
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
			return err
		}
	}
	return nil
}

// bulkError names the batch that failed.
func bulkError(first, n int, err error) error {
	return refused(profile.Detail("A profile among %d to %d of the bulk seed", first, first+n-1), "the bulk seed", err)
}
