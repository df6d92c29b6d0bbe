package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/profile"
)

// seedLockKey names the transaction-scoped advisory lock that serialises
// seeds across processes, so that two of them never race on one slug.
const seedLockKey = 0x6b61726972 // "karir"

// ProfileStore keeps profiles in the normalised tables of the schema.
type ProfileStore struct {
	pool *pgxpool.Pool
}

// NewProfileStore returns a store over pool.
func NewProfileStore(pool *pgxpool.Pool) *ProfileStore {
	return &ProfileStore{pool: pool}
}

// Seed writes profiles keyed by slug, all or nothing: a new slug is inserted,
// a changed profile replaced, an unchanged one left as it is. Profiles the
// call does not name are left alone.
func (s *ProfileStore) Seed(ctx context.Context, profiles []*profile.Profile) (profile.SeedResult, error) {
	var result profile.SeedResult
	bySlug := make(map[string]*profile.Profile, len(profiles))
	for i, p := range profiles {
		if p == nil {
			return result, profile.Errorf(profile.EINVALID, "profile %d of the seed is missing", i)
		}
		if other, ok := bySlug[p.Slug]; ok {
			return result, profile.Errorf(profile.EINVALID, "slug %q is used by both %s and %s",
				p.Slug, other.Source.File, p.Source.File)
		}
		bySlug[p.Slug] = p
	}

	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return result, fmt.Errorf("postgres: seed: %w", err)
	}
	// A no-op after Commit; after a failure the seed's own error is the news.
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, seedLockKey); err != nil {
		return result, fmt.Errorf("postgres: seed: lock: %w", err)
	}
	var changed []string
	for _, p := range profiles {
		outcome, err := seedProfile(ctx, tx, p)
		if err != nil {
			return profile.SeedResult{}, seedError(p, err)
		}
		switch outcome {
		case inserted:
			result.Inserted++
		case updated:
			result.Updated++
		case unchanged:
			result.Unchanged++
			continue
		}
		changed = append(changed, p.Slug)
	}
	if err := notifyChanged(ctx, tx, changed); err != nil {
		return profile.SeedResult{}, fmt.Errorf("postgres: seed: notify: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return profile.SeedResult{}, fmt.Errorf("postgres: seed: commit: %w", err)
	}
	return result, nil
}

type seedOutcome int

const (
	inserted seedOutcome = iota
	updated
	unchanged
)

func seedProfile(ctx context.Context, tx pgx.Tx, p *profile.Profile) (seedOutcome, error) {
	sum, err := digest(p)
	if err != nil {
		return 0, err
	}
	var id int64
	var stored string
	err = tx.QueryRow(ctx, `SELECT id, digest FROM profiles WHERE slug = $1`, p.Slug).Scan(&id, &stored)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		err = tx.QueryRow(ctx, `
			INSERT INTO profiles (slug, title, summary, source_file, source_sha256, digest)
			VALUES ($1, $2, $3, $4, $5, $6)
			RETURNING id`,
			p.Slug, p.Title, p.Summary, p.Source.File, p.Source.SHA256, sum).Scan(&id)
		if err != nil {
			return 0, err
		}
		return inserted, writeChildren(ctx, tx, id, p, false)
	case err != nil:
		return 0, err
	case stored == sum:
		return unchanged, nil
	}
	_, err = tx.Exec(ctx, `
		UPDATE profiles
		SET title = $2, summary = $3, source_file = $4, source_sha256 = $5, digest = $6, updated_at = now()
		WHERE id = $1`,
		id, p.Title, p.Summary, p.Source.File, p.Source.SHA256, sum)
	if err != nil {
		return 0, err
	}
	return updated, writeChildren(ctx, tx, id, p, true)
}

// writeChildren writes the sections of p under profile id in one round trip,
// after deleting the old ones when replace is set.
func writeChildren(ctx context.Context, tx pgx.Tx, id int64, p *profile.Profile, replace bool) error {
	b := &pgx.Batch{}
	if replace {
		for _, table := range []string{"sentences", "contrasts", "comparisons", "profile_traits"} {
			b.Queue(`DELETE FROM `+table+` WHERE profile_id = $1`, id)
		}
	}

	var sections, texts []string
	var positions, lines []int
	for _, key := range profile.SectionKeys() {
		for i, s := range *p.Sections.Sentences(key) {
			sections = append(sections, string(key))
			positions = append(positions, i)
			lines = append(lines, s.Line)
			texts = append(texts, s.Text)
		}
	}
	b.Queue(`
		INSERT INTO sentences (profile_id, section, position, line, text)
		SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::text[])`,
		id, sections, positions, lines, texts)

	sections, positions, texts = nil, nil, nil
	for _, traits := range []struct {
		key   profile.SectionKey
		names []string
	}{{profile.Fit, p.Sections.Fit.Traits}, {profile.NonFit, p.Sections.NonFit.Traits}} {
		for i, name := range traits.names {
			sections = append(sections, string(traits.key))
			positions = append(positions, i)
			texts = append(texts, name)
		}
	}
	b.Queue(`
		INSERT INTO profile_traits (profile_id, section, position, name)
		SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])`,
		id, sections, positions, texts)

	var claims, realities []string
	sections, positions = nil, nil
	for i, m := range p.Sections.Misconceptions.Items {
		sections, positions = append(sections, string(profile.Misconceptions)), append(positions, i)
		claims, realities = append(claims, m.Myth), append(realities, m.Reality)
	}
	for i, e := range p.Sections.Expectations.Items {
		sections, positions = append(sections, string(profile.Expectations)), append(positions, i)
		claims, realities = append(claims, e.Expectation), append(realities, e.Reality)
	}
	b.Queue(`
		INSERT INTO contrasts (profile_id, section, position, claim, reality)
		SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[])`,
		id, sections, positions, claims, realities)

	var professions, thisFocus, otherFocus []string
	positions = nil
	for i, c := range p.Sections.Comparisons.Items {
		positions = append(positions, i)
		professions = append(professions, c.Profession)
		thisFocus = append(thisFocus, c.ThisFocus)
		otherFocus = append(otherFocus, c.OtherFocus)
	}
	b.Queue(`
		INSERT INTO comparisons (profile_id, position, profession, this_focus, other_focus)
		SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
		id, positions, professions, thisFocus, otherFocus)

	return tx.SendBatch(ctx, b).Close()
}

// digest is the sha256 (hex) of the profile's JSON without UpdatedAt: equal
// digests mean a seed has nothing to write.
func digest(p *profile.Profile) (string, error) {
	c := *p
	c.UpdatedAt = time.Time{}
	data, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("postgres: encode profile: %w", err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// seedError names the profile that failed and turns the database refusing
// its data into an EINVALID Error, without the SQL behind it.
func seedError(p *profile.Profile, err error) error {
	name := fmt.Sprintf("profile %s (slug %q)", p.Source.File, p.Slug)
	if strings.TrimSpace(p.Source.File) == "" {
		name = fmt.Sprintf("profile with slug %q and no source file", p.Slug)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgerrcode.IsIntegrityConstraintViolation(pgErr.Code) && pgErr.ConstraintName != "":
			return profile.Errorf(profile.EINVALID, "%s breaks the rule %s", name, pgErr.ConstraintName)
		case pgerrcode.IsIntegrityConstraintViolation(pgErr.Code):
			return profile.Errorf(profile.EINVALID, "%s breaks a rule of the schema", name)
		case pgerrcode.IsDataException(pgErr.Code):
			return profile.Errorf(profile.EINVALID, "%s holds a value the database cannot store", name)
		}
	}
	return fmt.Errorf("postgres: seed %s: %w", name, err)
}

// Get returns the profile under slug, or an ENOTFOUND Error.
func (s *ProfileStore) Get(ctx context.Context, slug string) (*profile.Profile, error) {
	p := &profile.Profile{Sections: profile.NewSections()}
	found := false

	// One round trip in one repeatable-read snapshot: a seed committing
	// meanwhile cannot mix old and new parts of the profile.
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	b.Queue(`
		SELECT slug, title, summary, source_file, source_sha256, updated_at
		FROM profiles WHERE slug = $1`, slug).QueryRow(func(row pgx.Row) error {
		err := row.Scan(&p.Slug, &p.Title, &p.Summary, &p.Source.File, &p.Source.SHA256, &p.UpdatedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		found = err == nil
		return err
	})
	b.Queue(`
		SELECT s.section, s.line, s.text
		FROM sentences s JOIN profiles p ON p.id = s.profile_id
		WHERE p.slug = $1 ORDER BY s.section, s.position`, slug).Query(func(rows pgx.Rows) error {
		var key profile.SectionKey
		var sentence profile.Sentence
		_, err := pgx.ForEachRow(rows, []any{&key, &sentence.Line, &sentence.Text}, func() error {
			list := p.Sections.Sentences(key)
			if list == nil {
				return fmt.Errorf("postgres: unknown section %q", key)
			}
			*list = append(*list, sentence)
			return nil
		})
		return err
	})
	b.Queue(`
		SELECT t.section, t.name
		FROM profile_traits t JOIN profiles p ON p.id = t.profile_id
		WHERE p.slug = $1 ORDER BY t.section, t.position`, slug).Query(func(rows pgx.Rows) error {
		var key profile.SectionKey
		var name string
		_, err := pgx.ForEachRow(rows, []any{&key, &name}, func() error {
			switch key {
			case profile.Fit:
				p.Sections.Fit.Traits = append(p.Sections.Fit.Traits, name)
			case profile.NonFit:
				p.Sections.NonFit.Traits = append(p.Sections.NonFit.Traits, name)
			default:
				return fmt.Errorf("postgres: unknown trait section %q", key)
			}
			return nil
		})
		return err
	})
	b.Queue(`
		SELECT c.section, c.claim, c.reality
		FROM contrasts c JOIN profiles p ON p.id = c.profile_id
		WHERE p.slug = $1 ORDER BY c.section, c.position`, slug).Query(func(rows pgx.Rows) error {
		var key profile.SectionKey
		var claim, reality string
		_, err := pgx.ForEachRow(rows, []any{&key, &claim, &reality}, func() error {
			switch key {
			case profile.Misconceptions:
				items := &p.Sections.Misconceptions.Items
				*items = append(*items, profile.Misconception{Myth: claim, Reality: reality})
			case profile.Expectations:
				items := &p.Sections.Expectations.Items
				*items = append(*items, profile.Expectation{Expectation: claim, Reality: reality})
			default:
				return fmt.Errorf("postgres: unknown contrast section %q", key)
			}
			return nil
		})
		return err
	})
	b.Queue(`
		SELECT c.profession, c.this_focus, c.other_focus
		FROM comparisons c JOIN profiles p ON p.id = c.profile_id
		WHERE p.slug = $1 ORDER BY c.position`, slug).Query(func(rows pgx.Rows) error {
		var c profile.Comparison
		_, err := pgx.ForEachRow(rows, []any{&c.Profession, &c.ThisFocus, &c.OtherFocus}, func() error {
			p.Sections.Comparisons.Items = append(p.Sections.Comparisons.Items, c)
			return nil
		})
		return err
	})

	conn, err := acquire(ctx, s.pool)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	br := conn.SendBatch(ctx, b)
	if tx := br.Tx(); tx != nil {
		// The transaction only read: ending it by rollback loses nothing.
		defer tx.Rollback(ctx)
	}
	if err := br.Close(); err != nil {
		return nil, fmt.Errorf("postgres: get profile %q: %w", slug, classify(err))
	}
	if !found {
		return nil, profile.Errorf(profile.ENOTFOUND, "No profile has the slug %q.", slug)
	}
	p.UpdatedAt = p.UpdatedAt.UTC()
	return p, nil
}

// List returns up to limit summaries in (title, slug) byte order, starting
// after the key when one is given. It reads limit+1 rows to know whether a
// next page exists.
func (s *ProfileStore) List(ctx context.Context, limit int, after *profile.PageKey) (profile.Page, error) {
	page := profile.Page{Items: []profile.Summary{}}
	if limit < 1 {
		return page, profile.Errorf(profile.EINVALID, "limit %d is below 1", limit)
	}

	const columns = `
		SELECT slug, title, summary,
			ARRAY(SELECT t.name FROM profile_traits t
				WHERE t.profile_id = profiles.id AND t.section = 'fit' ORDER BY t.position)
		FROM profiles`
	const order = ` ORDER BY title COLLATE "C", slug LIMIT $1`
	b := &pgx.Batch{}
	b.Queue(`SELECT count(*) FROM profiles`).QueryRow(func(row pgx.Row) error {
		return row.Scan(&page.Total)
	})
	readItems := func(rows pgx.Rows) error {
		var item profile.Summary
		_, err := pgx.ForEachRow(rows, []any{&item.Slug, &item.Title, &item.Summary, &item.Traits}, func() error {
			if item.Traits == nil {
				item.Traits = []string{}
			}
			page.Items = append(page.Items, item)
			item.Traits = nil
			return nil
		})
		return err
	}
	if after == nil {
		b.Queue(columns+order, limit+1).Query(readItems)
	} else {
		b.Queue(columns+` WHERE (title COLLATE "C", slug) > ($2, $3)`+order,
			limit+1, after.Title, after.Slug).Query(readItems)
	}
	conn, err := acquire(ctx, s.pool)
	if err != nil {
		return profile.Page{}, err
	}
	defer conn.Release()
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return profile.Page{}, fmt.Errorf("postgres: list profiles: %w", classify(err))
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.Next = &profile.PageKey{Title: last.Title, Slug: last.Slug}
	}
	return page, nil
}
