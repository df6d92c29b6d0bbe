package postgres

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
)

var _ profile.ProfileLoader = (*ProfileStore)(nil)

// loadQuery reads whole profiles, one row each, with their child rows
// folded into arrays: a single statement, so one snapshot, streamed row by
// row without a round trip per profile. $1 is the slugs to read, or NULL
// for all.
// selectProfiles reads profiles whole, a row each.
const selectProfiles = `
	SELECT p.slug, p.title, p.summary, p.source_file, p.source_sha256, p.updated_at, p.warnings,
		s.sections, s.lines, s.texts, t.sections, t.names,
		c.sections, c.claims, c.realities, m.professions, m.this_focus, m.other_focus
	FROM profiles p
	CROSS JOIN LATERAL (
		SELECT array_agg(section ORDER BY section, position) AS sections,
			array_agg(line ORDER BY section, position) AS lines,
			array_agg(text ORDER BY section, position) AS texts
		FROM sentences WHERE profile_id = p.id) s
	CROSS JOIN LATERAL (
		SELECT array_agg(section ORDER BY section, position) AS sections,
			array_agg(name ORDER BY section, position) AS names
		FROM profile_traits WHERE profile_id = p.id) t
	CROSS JOIN LATERAL (
		SELECT array_agg(section ORDER BY section, position) AS sections,
			array_agg(claim ORDER BY section, position) AS claims,
			array_agg(reality ORDER BY section, position) AS realities
		FROM contrasts WHERE profile_id = p.id) c
	CROSS JOIN LATERAL (
		SELECT array_agg(profession ORDER BY position) AS professions,
			array_agg(this_focus ORDER BY position) AS this_focus,
			array_agg(other_focus ORDER BY position) AS other_focus
		FROM comparisons WHERE profile_id = p.id) m`

// eachQuery and loadQuery read every profile, or those of some slugs. They
// are apart because one query for both ("$1 IS NULL OR p.slug = ANY($1)")
// gets a generic plan after its fifth run, which reads every profile: a
// refresh of one profile then took 50 ms at 100,000 profiles.
const (
	eachQuery = selectProfiles + ` ORDER BY p.id`
	loadQuery = selectProfiles + ` WHERE p.slug = ANY($1) ORDER BY p.id`
)

// Each calls fn with every stored profile, in the order they were first
// stored, all read in one snapshot.
func (s *ProfileStore) Each(ctx context.Context, fn func(*profile.Profile) error) error {
	if err := s.load(ctx, eachQuery, nil, fn); err != nil {
		return fmt.Errorf("postgres: load profiles: %w", err)
	}
	return nil
}

// Load returns the stored profiles among slugs, read in one snapshot.
func (s *ProfileStore) Load(ctx context.Context, slugs []string) ([]*profile.Profile, error) {
	out := []*profile.Profile{}
	if len(slugs) == 0 {
		return out, nil
	}
	err := s.load(ctx, loadQuery, slugs, func(p *profile.Profile) error {
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: load %d profiles: %w", len(slugs), err)
	}
	return out, nil
}

// loadTimeout bounds a load. The pool's statement_timeout is a backstop
// for requests, a few seconds: the whole catalogue streamed to a server
// that encodes it as it comes takes longer than that, and the timeout
// counts until the last row is sent.
const loadTimeout = 5 * time.Minute

// load runs query, eachQuery or loadQuery of slugs, and calls fn with each
// profile it reads.
func (s *ProfileStore) load(ctx context.Context, query string, slugs []string, fn func(*profile.Profile) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT set_config('statement_timeout', $1, true)", strconv.FormatInt(loadTimeout.Milliseconds(), 10)); err != nil {
			return err
		}
		var args []any
		if slugs != nil {
			args = append(args, slugs)
		}
		rows, err := tx.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProfile(rows)
			if err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// loadedRow is one row of loadQuery; an array is nil when the profile has
// no child row of its kind.
type loadedRow struct {
	sentenceSections, sentenceTexts []string
	lines                           []int
	traitSections, traitNames       []string
	contrastSections                []string
	claims, realities               []string
	professions, thisFocus, other   []string
}

func scanProfile(rows pgx.Rows) (*profile.Profile, error) {
	p := &profile.Profile{Sections: profile.NewSections()}
	var r loadedRow
	err := rows.Scan(&p.Slug, &p.Title, &p.Summary, &p.Source.File, &p.Source.SHA256, &p.UpdatedAt, &p.Warnings,
		&r.sentenceSections, &r.lines, &r.sentenceTexts, &r.traitSections, &r.traitNames,
		&r.contrastSections, &r.claims, &r.realities, &r.professions, &r.thisFocus, &r.other)
	if err != nil {
		return nil, err
	}
	p.UpdatedAt = p.UpdatedAt.UTC()
	for i, key := range r.sentenceSections {
		list := p.Sections.Sentences(profile.SectionKey(key))
		if list == nil {
			return nil, fmt.Errorf("unknown section %q", key)
		}
		*list = append(*list, profile.Sentence{Text: r.sentenceTexts[i], Line: r.lines[i]})
	}
	for i, key := range r.traitSections {
		switch profile.SectionKey(key) {
		case profile.Fit:
			p.Sections.Fit.Traits = append(p.Sections.Fit.Traits, r.traitNames[i])
		case profile.NonFit:
			p.Sections.NonFit.Traits = append(p.Sections.NonFit.Traits, r.traitNames[i])
		default:
			return nil, fmt.Errorf("unknown trait section %q", key)
		}
	}
	for i, key := range r.contrastSections {
		switch profile.SectionKey(key) {
		case profile.Misconceptions:
			items := &p.Sections.Misconceptions.Items
			*items = append(*items, profile.Misconception{Myth: r.claims[i], Reality: r.realities[i]})
		case profile.Expectations:
			items := &p.Sections.Expectations.Items
			*items = append(*items, profile.Expectation{Expectation: r.claims[i], Reality: r.realities[i]})
		default:
			return nil, fmt.Errorf("unknown contrast section %q", key)
		}
	}
	for i, profession := range r.professions {
		p.Sections.Comparisons.Items = append(p.Sections.Comparisons.Items,
			profile.Comparison{Profession: profession, ThisFocus: r.thisFocus[i], OtherFocus: r.other[i]})
	}
	return p, nil
}
