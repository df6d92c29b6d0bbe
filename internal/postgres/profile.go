package postgres

import (
	"cmp"
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

// writeLockKey names the transaction-scoped advisory lock that every write
// to the catalogue takes, across processes. Writes are rare, and taking
// them one at a time makes revision numbers, creating a free slug (a row
// that does not exist yet cannot be locked FOR UPDATE) and conditional
// writes race-free without retries. Reads never wait for it.
const writeLockKey = 0x6b61726972 // "karir"

// ProfileStore keeps profiles in the normalised tables of the schema: it
// writes them (seeds, imports, editors' changes, each with its revisions),
// reads their history and the export, and loads the catalogue for the read
// model (Each, Load), which answers every other read.
type ProfileStore struct {
	pool *pgxpool.Pool
}

// NewProfileStore returns a store over pool.
func NewProfileStore(pool *pgxpool.Pool) *ProfileStore {
	return &ProfileStore{pool: pool}
}

// Seed writes profiles keyed by slug, all or nothing: a new slug is inserted,
// a changed profile replaced, an unchanged one left as it is. Profiles the
// call does not name are left alone. Each insert or change keeps a revision
// by the author "seed". A profile's UpdatedAt, when set, is stored as it
// is (Import relies on it); a parsed profile has none and gets the time of
// the transaction.
func (s *ProfileStore) Seed(ctx context.Context, profiles []*profile.Profile) (profile.SeedResult, error) {
	return s.seedAs(ctx, "seed", profiles, nil)
}

// SeedTexts is Seed that also keeps in each revision it writes the text the
// profile was parsed from: texts[i] is the text of profiles[i].
func (s *ProfileStore) SeedTexts(ctx context.Context, profiles []*profile.Profile, texts []string) (profile.SeedResult, error) {
	if len(texts) != len(profiles) {
		return profile.SeedResult{}, fmt.Errorf("postgres: seed: %d texts for %d profiles", len(texts), len(profiles))
	}
	return s.seedAs(ctx, "seed", profiles, texts)
}

// seedAs is Seed by author, keeping texts[i] (when texts is not nil) in the
// revision of profiles[i]. A profile whose UpdatedAt is set keeps it, as an
// imported one does.
func (s *ProfileStore) seedAs(ctx context.Context, author string, profiles []*profile.Profile, texts []string) (profile.SeedResult, error) {
	var result profile.SeedResult
	bySlug := make(map[string]*profile.Profile, len(profiles))
	for i, p := range profiles {
		if p == nil {
			return result, profile.Invalid("Profile %d of the %s is missing.", i, author)
		}
		if other, ok := bySlug[p.Slug]; ok {
			return result, fmt.Errorf("%s and %s: %w", other.Source.File, p.Source.File, slugTwice(p.Slug))
		}
		bySlug[p.Slug] = p
	}
	err := s.inWriteTx(ctx, author, func(tx pgx.Tx) ([]string, error) {
		var changed []string
		for i, p := range profiles {
			text := ""
			if texts != nil {
				text = texts[i]
			}
			outcome, stored, err := upsertProfile(ctx, tx, p)
			if err == nil && outcome != unchanged {
				err = addRevision(ctx, tx, profile.ActionSeed, author, text, stored)
			}
			if err != nil {
				return nil, seedError(p, err)
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
		return changed, nil
	})
	if err != nil {
		return profile.SeedResult{}, err
	}
	return result, nil
}

// inWriteTx runs fn in a transaction that holds the write lock, announces
// the slugs fn changed and commits. what names the write in errors.
func (s *ProfileStore) inWriteTx(ctx context.Context, what string, fn func(pgx.Tx) ([]string, error)) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	// A no-op after Commit; after a failure fn's own error is the news.
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLockKey); err != nil {
		return fmt.Errorf("postgres: %s: lock: %w", what, err)
	}
	changed, err := fn(tx)
	if err != nil {
		return err
	}
	if err := notifyChanged(ctx, tx, changed); err != nil {
		return fmt.Errorf("postgres: %s: notify: %w", what, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: %s: commit: %w", what, err)
	}
	return nil
}

type seedOutcome int

const (
	inserted seedOutcome = iota
	updated
	unchanged
)

// upsertProfile inserts p, or replaces the stored profile of its slug when
// it differs, and returns the profile as stored, with its UpdatedAt: p's own
// when set (an import keeps it), else the transaction's time. An unchanged
// profile is returned as p.
func upsertProfile(ctx context.Context, tx pgx.Tx, p *profile.Profile) (seedOutcome, *profile.Profile, error) {
	sum, err := digest(p)
	if err != nil {
		return 0, nil, err
	}
	var at *time.Time
	if !p.UpdatedAt.IsZero() {
		at = &p.UpdatedAt
	}
	stored := *p
	var id int64
	var storedSum string
	err = tx.QueryRow(ctx, `SELECT id, digest FROM profiles WHERE slug = $1`, p.Slug).Scan(&id, &storedSum)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		err = tx.QueryRow(ctx, `
			INSERT INTO profiles (slug, title, summary, source_file, source_sha256, digest, warnings, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now()), coalesce($8, now()))
			RETURNING id, updated_at`,
			p.Slug, p.Title, p.Summary, p.Source.File, p.Source.SHA256, sum, warnings(p), at).Scan(&id, &stored.UpdatedAt)
		if err != nil {
			return 0, nil, err
		}
		stored.UpdatedAt = stored.UpdatedAt.UTC()
		return inserted, &stored, writeChildren(ctx, tx, id, p, false)
	case err != nil:
		return 0, nil, err
	case storedSum == sum:
		return unchanged, p, nil
	}
	if err := keepBaseline(ctx, tx, p.Slug); err != nil {
		return 0, nil, err
	}
	err = tx.QueryRow(ctx, `
		UPDATE profiles
		SET title = $2, summary = $3, source_file = $4, source_sha256 = $5, digest = $6, warnings = $7,
			updated_at = coalesce($8, now()), created_at = least(created_at, coalesce($8, now()))
		WHERE id = $1
		RETURNING updated_at`,
		id, p.Title, p.Summary, p.Source.File, p.Source.SHA256, sum, warnings(p), at).Scan(&stored.UpdatedAt)
	if err != nil {
		return 0, nil, err
	}
	stored.UpdatedAt = stored.UpdatedAt.UTC()
	return updated, &stored, writeChildren(ctx, tx, id, p, true)
}

// warnings is the list stored in profiles.warnings: never NULL, so that a
// profile built without the parser still reads back with an empty list.
func warnings(p *profile.Profile) []profile.Warning {
	if p.Warnings == nil {
		return []profile.Warning{}
	}
	return p.Warnings
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

// slugTwice refuses a seed that gives a slug to two profiles.
func slugTwice(slug string) *profile.Error {
	return profile.Invalid("The slug %q is given twice.", slug)
}

// seedError turns the database refusing the data of p into an EINVALID
// Error that names p by its slug (see refused).
func seedError(p *profile.Profile, err error) error {
	from := p.Source.File
	if strings.TrimSpace(from) == "" {
		from = "a profile with no source file"
	}
	return refused(profile.Detail("The profile with the slug %q", p.Slug), from, err)
}

// refused turns the database refusing the data that what names (already
// shortened) into an EINVALID Error whose message, which clients may see,
// holds no SQL and no name of the schema; the error's text adds, for the
// operator, where the data came from and the rule it broke. Any other error
// is returned wrapped, as a fault of the server.
func refused(what, from string, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgerrcode.IsIntegrityConstraintViolation(pgErr.Code):
			return fmt.Errorf("%s: rule %s: %w", from, cmp.Or(pgErr.ConstraintName, "without a name"),
				profile.Invalid("%s breaks a rule of the schema.", profile.Verbatim(what)))
		case pgerrcode.IsDataException(pgErr.Code):
			return fmt.Errorf("%s: %w", from,
				profile.Invalid("%s holds a value the database cannot store.", profile.Verbatim(what)))
		}
	}
	return fmt.Errorf("postgres: seed %s: %w", from, err)
}

// queueDeleted queues on b the query that sets *deleted when the newest
// revision of slug is a delete. Only a slug no profile has may be deleted.
func queueDeleted(b *pgx.Batch, slug string, deleted *bool) {
	b.Queue(`SELECT action = 'delete' FROM revisions WHERE slug = $1 ORDER BY revision DESC LIMIT 1`,
		slug).QueryRow(func(row pgx.Row) error {
		err := row.Scan(deleted)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		return err
	})
}

// loadProfile reads the profile under slug within tx; nil when there is none.
func loadProfile(ctx context.Context, tx pgx.Tx, slug string) (*profile.Profile, error) {
	p := &profile.Profile{Sections: profile.NewSections()}
	var found bool
	b := &pgx.Batch{}
	queueProfile(b, slug, p, &found)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("postgres: load profile %q: %w", slug, err)
	}
	if !found {
		return nil, nil
	}
	p.UpdatedAt = p.UpdatedAt.UTC()
	return p, nil
}

// queueProfile queues on b the queries that read the profile under slug
// into p, and set *found when it exists.
func queueProfile(b *pgx.Batch, slug string, p *profile.Profile, found *bool) {
	b.Queue(`
		SELECT slug, title, summary, source_file, source_sha256, updated_at, warnings
		FROM profiles WHERE slug = $1`, slug).QueryRow(func(row pgx.Row) error {
		err := row.Scan(&p.Slug, &p.Title, &p.Summary, &p.Source.File, &p.Source.SHA256, &p.UpdatedAt, &p.Warnings)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		*found = err == nil
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
}
