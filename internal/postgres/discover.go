package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/profile"
)

// relatedSQL scores every profile that shares a fit trait or a compared
// profession with the profile under $1, set by set, then spells out the
// reasons of the best $2 only:
//
//	score = 0.6 × Jaccard index of the fit traits
//	      + 0.25 when both compare themselves with a same profession
//	      + 0.15 × Jaccard index of the title words (three letters or more)
const relatedSQL = `
WITH me AS (
	SELECT id, ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(karir_norm(title), ' ')) AS w WHERE length(w) >= 3) AS words,
		ARRAY(SELECT name FROM profile_traits WHERE profile_id = profiles.id AND section = 'fit') AS traits
	FROM profiles WHERE slug = $1
), shared AS (
	SELECT t.profile_id AS id, count(*) AS n FROM me, profile_traits t
	WHERE t.section = 'fit' AND t.name = ANY(me.traits) AND t.profile_id <> me.id
	GROUP BY t.profile_id
), compared AS (
	SELECT DISTINCT c.profile_id AS id FROM me, comparisons mc, comparisons c
	WHERE mc.profile_id = me.id AND karir_norm(c.profession) = karir_norm(mc.profession) AND c.profile_id <> me.id
), scored AS (
	SELECT p.id, p.slug, p.title,
		0.6 * coalesce(s.n, 0) / greatest(1, cardinality(me.traits) - coalesce(s.n, 0)
			+ (SELECT count(*) FROM profile_traits t WHERE t.profile_id = p.id AND t.section = 'fit'))
		+ 0.25 * (cm.id IS NOT NULL)::int
		+ 0.15 * w.shared / greatest(1, cardinality(me.words) + w.n - w.shared) AS score
	FROM me, (SELECT id FROM shared UNION SELECT id FROM compared) c
		JOIN profiles p ON p.id = c.id
		LEFT JOIN shared s ON s.id = c.id
		LEFT JOIN compared cm ON cm.id = c.id,
		LATERAL (SELECT count(*) FILTER (WHERE d.w = ANY(me.words)) AS shared, count(*) AS n
			FROM (SELECT DISTINCT w FROM unnest(string_to_array(karir_norm(p.title), ' ')) AS w WHERE length(w) >= 3) d) w
), top AS (
	SELECT * FROM scored ORDER BY score DESC, title COLLATE "C", slug LIMIT $2
)
SELECT (SELECT count(*) FROM me), r.slug, r.title, round(r.score, 4)::float8, r.traits, r.professions, r.words
FROM (SELECT 1) AS one LEFT JOIN (
	SELECT top.*,
		ARRAY(SELECT t.name FROM profile_traits t WHERE t.profile_id = top.id AND t.section = 'fit' AND t.name = ANY(me.traits) ORDER BY t.position) AS traits,
		ARRAY(SELECT DISTINCT mc.profession FROM comparisons mc JOIN comparisons oc ON karir_norm(oc.profession) = karir_norm(mc.profession)
			WHERE mc.profile_id = me.id AND oc.profile_id = top.id ORDER BY 1) AS professions,
		ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(karir_norm(top.title), ' ')) AS w WHERE w = ANY(me.words) ORDER BY 1) AS words
	FROM top, me
) r ON true
ORDER BY r.score DESC, r.title COLLATE "C", r.slug`

// Related implements profile.SearchService.
func (s *SearchStore) Related(ctx context.Context, slug string) ([]profile.RelatedProfile, error) {
	rows, err := s.pool.Query(ctx, relatedSQL, slug, profile.MaxRelated)
	if err != nil {
		return nil, fmt.Errorf("postgres: related: %w", classify(err))
	}
	out := []profile.RelatedProfile{}
	found := 0
	var r struct {
		slug, title                *string
		score                      *float64
		traits, professions, words []string
	}
	_, err = pgx.ForEachRow(rows, []any{&found, &r.slug, &r.title, &r.score, &r.traits, &r.professions, &r.words}, func() error {
		if r.slug != nil {
			out = append(out, profile.RelatedProfile{
				Slug: *r.slug, Title: *r.title, Score: *r.score, Reason: relatedReason(r.traits, r.professions, r.words),
			})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: related: %w", classify(err))
	}
	if found == 0 {
		return nil, profile.Errorf(profile.ENOTFOUND, "No profile has the slug %q.", slug)
	}
	return out, nil
}

// relatedReason says in Indonesian what two profiles share.
func relatedReason(traits, professions, words []string) string {
	var parts []string
	if len(traits) > 0 {
		parts = append(parts, "Sama-sama menuntut "+joinID(traits)+".")
	}
	if len(professions) > 0 {
		parts = append(parts, "Sama-sama dibandingkan dengan "+joinID(professions)+".")
	}
	if len(words) > 0 {
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "“" + w + "”"
		}
		parts = append(parts, "Judulnya sama-sama memuat kata "+joinID(quoted)+".")
	}
	return strings.Join(parts, " ")
}

// joinID joins a list the Indonesian way: "a, b dan c".
func joinID(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " dan " + items[len(items)-1]
}

// matchSQL scores the profiles naming a trait of $1 by the rule of
// profile.MatchRequest, counting each trait once whether fit, non_fit or
// both name it; $2 is the avoided traits and $3 the limit. Only the best
// $3 have their trait lists read.
const matchSQL = `
WITH scored AS (
	SELECT profile_id,
		greatest(0, round(100.0 * count(*) FILTER (WHERE name = ANY($1)) / count(*)
			- 25 * count(*) FILTER (WHERE name = ANY($2)), 2))::float8 AS score
	FROM (SELECT DISTINCT profile_id, name FROM profile_traits
		WHERE profile_id IN (SELECT profile_id FROM profile_traits WHERE name = ANY($1))) AS named
	GROUP BY profile_id
), top AS (
	SELECT p.id, p.slug, p.title, s.score FROM scored s JOIN profiles p ON p.id = s.profile_id
	ORDER BY s.score DESC, p.title COLLATE "C", p.slug
	LIMIT $3
)
SELECT slug, title, score,
	ARRAY(SELECT name FROM profile_traits WHERE profile_id = top.id AND section = 'fit' ORDER BY position),
	ARRAY(SELECT name FROM profile_traits WHERE profile_id = top.id AND section = 'non_fit' ORDER BY position)
FROM top
ORDER BY score DESC, title COLLATE "C", slug`

// Match implements profile.SearchService. Profiles that name none of the
// person's traits are left out: they would score 0.
func (s *SearchStore) Match(ctx context.Context, m profile.MatchRequest) ([]profile.MatchResult, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, matchSQL, m.Traits, m.Avoid, m.Limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: match: %w", classify(err))
	}
	out := []profile.MatchResult{}
	var r profile.MatchResult
	var fit, nonFit []string
	_, err = pgx.ForEachRow(rows, []any{&r.Slug, &r.Title, &r.Score, &fit, &nonFit}, func() error {
		out = append(out, matchResult(r, fit, nonFit, m))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: match: %w", classify(err))
	}
	return out, nil
}

// matchResult fills in what the person has, lacks and should beware of.
func matchResult(r profile.MatchResult, fit, nonFit []string, m profile.MatchRequest) profile.MatchResult {
	r.Matched, r.Missing, r.Warnings = []string{}, []string{}, []string{}
	for _, t := range slices.Concat(fit, nonFit) {
		switch {
		case slices.Contains(r.Matched, t) || slices.Contains(r.Missing, t):
		case slices.Contains(m.Traits, t):
			r.Matched = append(r.Matched, t)
		default:
			r.Missing = append(r.Missing, t)
		}
		if slices.Contains(m.Avoid, t) && !slices.Contains(r.Warnings, avoidWarning(t)) {
			r.Warnings = append(r.Warnings, avoidWarning(t))
		}
	}
	for _, t := range nonFit {
		if !slices.Contains(m.Traits, t) {
			r.Warnings = append(r.Warnings, "Profil ini tidak cocok bagi orang yang kurang dalam "+t+".")
		}
	}
	return r
}

func avoidWarning(trait string) string {
	return "Pekerjaan ini menuntut " + trait + ", yang ingin Anda hindari."
}
