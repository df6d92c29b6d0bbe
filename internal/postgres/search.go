package postgres

import (
	"context"
	_ "embed"
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/profile"
)

//go:embed stems.txt
var stemsText string

// stemRules is the SQL that ts_rewrite runs to widen a query by the stem
// corrections of stems.txt: each word's stem becomes the OR of its group's
// stems. The stems come from the configuration itself, so they stay true
// to the stemmer in use.
var stemRules = mustStemRules(stemsText)

func mustStemRules(text string) string {
	word := regexp.MustCompile(`^[a-z]+$`)
	var groups []string
	for n, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words := strings.Fields(line)
		for _, w := range words {
			if !word.MatchString(w) {
				// The file is embedded: every test run catches this.
				panic(fmt.Sprintf("stems.txt:%d: %q is not a lower-case word", n+1, w))
			}
		}
		groups = append(groups, "(ARRAY['"+strings.Join(words, "','")+"'])")
	}
	return `SELECT to_tsquery('indonesian', w), to_tsquery('indonesian', array_to_string(g, ' | '))
		FROM (VALUES ` + strings.Join(groups, ", ") + `) AS v(g), unnest(g) AS w`
}

// SearchStore answers full-text search and autocomplete from the search
// columns, tables and indexes of migration 000004: the Search and Suggest
// of profile.SearchService. The read model answers the rest of it.
type SearchStore struct {
	pool *pgxpool.Pool
}

// NewSearchStore returns a search store over pool.
func NewSearchStore(pool *pgxpool.Pool) *SearchStore {
	return &SearchStore{pool: pool}
}

// Markers that ts_headline puts around matched words; snippet turns them
// into <mark> after escaping the rest. They are private-use characters, and
// a text that holds them itself is shown without marks.
const (
	markStart = "\ue000"
	markStop  = "\ue001"
)

// searchSQL ranks the profiles matching the query and returns one page of
// them, each with its best three sentences. $1 is the positive part of the
// query in web-search syntax (all must match), $2 the same units joined
// with "or", $3 the excluded units joined with "or", $4 the stem rules, $5
// the section (empty for all), $6 the limit and $7 the offset. The score is
// the sum of three parts:
//
//	2 when the profile matches every unit, else 0;
//	1 when the title matches (unless a section is asked), else 0;
//	ts_rank over the weighted tsvector, normalised into [0, 1):
//	title 1.0, tasks 0.4, fit and non_fit 0.2, the rest 0.1.
const searchSQL = `
WITH q AS (
	SELECT ts_rewrite(websearch_to_tsquery('indonesian', karir_unaccent($1)), $4) AS all_q,
		ts_rewrite(websearch_to_tsquery('indonesian', karir_unaccent($2)), $4) AS any_q,
		ts_rewrite(websearch_to_tsquery('indonesian', karir_unaccent($3)), $4) AS neg_q
), hits AS (
	SELECT p.id, p.slug, p.title,
		(CASE WHEN q.all_q = q.any_q OR d.doc @@ q.all_q THEN 2 ELSE 0 END
		 + CASE WHEN $5 = '' AND p.title_tsv @@ q.any_q THEN 1 ELSE 0 END
		 + ts_rank('{0.1, 0.2, 0.4, 1.0}', d.doc, q.any_q, 32))::float8 AS score
	FROM q, profiles p,
		-- The tsvector is read (detoasted) once per row here, not once per
		-- use: OFFSET 0 keeps the planner from inlining the expression.
		LATERAL (SELECT CASE WHEN $5 = '' THEN p.search || ''::tsvector ELSE (
			SELECT karir_tsvector_agg(setweight(s.tsv, karir_section_weight(s.section)) ORDER BY s.position)
			FROM sentences s WHERE s.profile_id = p.id AND s.section = $5) END AS doc OFFSET 0) d
	WHERE p.search @@ q.any_q AND d.doc @@ q.any_q
		AND (numnode(q.neg_q) = 0 OR NOT (CASE WHEN $5 = '' THEN d.doc ELSE p.search END) @@ q.neg_q)
), page AS (
	SELECT *, count(*) OVER () AS total FROM hits
	ORDER BY score DESC, title COLLATE "C", slug LIMIT $6 OFFSET $7
)
SELECT page.slug, page.title, round(page.score::numeric, 4)::float8, page.total,
	m.section, m.line, m.text, m.headline
FROM page CROSS JOIN q LEFT JOIN LATERAL (
	SELECT s.section, s.line, s.text, s.position,
		ts_rank('{0.1, 0.2, 0.4, 1.0}', setweight(s.tsv, karir_section_weight(s.section)), q.any_q) AS rank,
		ts_headline('indonesian', s.text, q.any_q,
			'HighlightAll=true, StartSel=` + markStart + `, StopSel=` + markStop + `') AS headline
	FROM sentences s
	WHERE s.profile_id = page.id AND s.tsv @@ q.any_q AND ($5 = '' OR s.section = $5)
	ORDER BY rank DESC, array_position(ARRAY['tasks', 'fit', 'non_fit', 'misconceptions', 'expectations', 'comparisons'], s.section), s.position
	LIMIT 3
) m ON true
ORDER BY page.score DESC, page.title COLLATE "C", page.slug, m.rank DESC,
	array_position(ARRAY['tasks', 'fit', 'non_fit', 'misconceptions', 'expectations', 'comparisons'], m.section), m.position`

// Search implements profile.SearchService.Search.
func (s *SearchStore) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	if err := q.Validate(); err != nil {
		return profile.SearchResult{}, err
	}
	parsed := parseQuery(q.Text)
	res, err := s.search(ctx, q, parsed)
	if err != nil || res.Total > 0 {
		return res, err
	}
	corrected, changed, err := s.correct(ctx, parsed)
	if err != nil || !changed {
		return res, err
	}
	res, err = s.search(ctx, q, corrected)
	res.Fuzzy = res.Total > 0
	return res, err
}

func (s *SearchStore) search(ctx context.Context, q profile.SearchQuery, parsed query) (profile.SearchResult, error) {
	res := profile.SearchResult{Items: []profile.SearchHit{}}
	all, some, neg := parsed.render()
	rows, err := s.pool.Query(ctx, searchSQL, all, some, neg, stemRules, string(q.Section), q.Limit, q.Offset)
	if err != nil {
		return res, fmt.Errorf("postgres: search: %w", classify(err))
	}
	var hit profile.SearchHit
	var section, text, headline *string
	var line *int
	_, err = pgx.ForEachRow(rows, []any{&hit.Slug, &hit.Title, &hit.Score, &res.Total, &section, &line, &text, &headline}, func() error {
		if n := len(res.Items); n == 0 || res.Items[n-1].Slug != hit.Slug {
			res.Items = append(res.Items, profile.SearchHit{Slug: hit.Slug, Title: hit.Title, Score: hit.Score, Matches: []profile.SearchMatch{}})
		}
		if section != nil {
			last := &res.Items[len(res.Items)-1]
			last.Matches = append(last.Matches, profile.SearchMatch{
				Section: profile.SectionKey(*section), Line: *line, Text: *text, Snippet: snippet(*text, *headline),
			})
		}
		return nil
	})
	if err != nil {
		return profile.SearchResult{}, fmt.Errorf("postgres: search: %w", classify(err))
	}
	return res, nil
}

// snippet is text HTML-escaped, with the words ts_headline marked in
// headline inside <mark></mark>.
func snippet(text, headline string) string {
	if strings.NewReplacer(markStart, "", markStop, "").Replace(headline) != text ||
		strings.Contains(text, markStart) || strings.Contains(text, markStop) {
		return html.EscapeString(text)
	}
	return strings.NewReplacer(markStart, "<mark>", markStop, "</mark>").Replace(html.EscapeString(headline))
}

// correctSQL pairs each word of $1 with the most similar word of the texts
// when no text holds it, else with itself.
const correctSQL = `
SELECT w, coalesce((
	SELECT v.word FROM search_words v
	WHERE NOT EXISTS (SELECT 1 FROM search_words x WHERE x.word = karir_norm(w)) AND v.word % karir_norm(w)
	ORDER BY similarity(v.word, karir_norm(w)) DESC, v.word LIMIT 1), w)
FROM unnest($1::text[]) AS w`

// correct replaces each word of the positive units that no text holds by
// the most similar word the texts hold, if any is similar enough (pg_trgm's
// similarity threshold, 0.3). It reports whether any word changed.
func (s *SearchStore) correct(ctx context.Context, q query) (query, bool, error) {
	var words []string
	for _, u := range q.units {
		if !u.neg {
			words = append(words, u.words...)
		}
	}
	rows, err := s.pool.Query(ctx, correctSQL, words)
	if err != nil {
		return q, false, fmt.Errorf("postgres: correct query: %w", classify(err))
	}
	fixes := map[string]string{}
	var from, to string
	_, err = pgx.ForEachRow(rows, []any{&from, &to}, func() error {
		if from != to {
			fixes[from] = to
		}
		return nil
	})
	if err != nil || len(fixes) == 0 {
		return q, false, err
	}
	out := query{units: make([]unit, len(q.units))}
	for i, u := range q.units {
		out.units[i] = unit{neg: u.neg, phrase: u.phrase}
		for _, w := range u.words {
			if fix, ok := fixes[w]; ok && !u.neg {
				w = fix
			}
			out.units[i].words = append(out.units[i].words, w)
		}
	}
	return out, true, nil
}

// query is a search text in web-search syntax, split into its units.
type query struct{ units []unit }

// unit is a word, a "quoted phrase", or either after a minus (neg).
type unit struct {
	words       []string
	phrase, neg bool
}

// wordRE finds what websearch_to_tsquery reads as words; the rest of the
// text only separates them.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// parseQuery splits text as websearch_to_tsquery reads it: quoted phrases
// (an unclosed quote runs to the end), words, and either after a minus. The
// word "or" between units is dropped: rendering joins units itself.
func parseQuery(text string) query {
	var q query
	for rest := text; ; {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" {
			return q
		}
		neg := false
		if r, ok := strings.CutPrefix(rest, "-"); ok {
			neg, rest = true, r
		}
		var chunk string
		phrase := strings.HasPrefix(rest, `"`)
		if phrase {
			var ok bool
			chunk, rest, ok = strings.Cut(rest[1:], `"`)
			if !ok {
				rest = ""
			}
		} else {
			end := strings.IndexAny(rest, " \t\r\n\"")
			if end < 0 {
				end = len(rest)
			}
			chunk, rest = rest[:end], rest[end:]
		}
		words := wordRE.FindAllString(strings.ToLower(chunk), -1)
		if len(words) == 0 || !phrase && !neg && len(words) == 1 && words[0] == "or" {
			continue
		}
		q.units = append(q.units, unit{words: words, phrase: phrase || len(words) > 1, neg: neg})
	}
}

// render returns the positive units in web-search syntax, the same joined
// by "or", and the excluded units joined by "or".
func (q query) render() (all, some, neg string) {
	var pos, negs []string
	for _, u := range q.units {
		s := strings.Join(u.words, " ")
		if u.phrase {
			s = `"` + s + `"`
		}
		if u.neg {
			negs = append(negs, s)
		} else {
			pos = append(pos, s)
		}
	}
	return strings.Join(pos, " "), strings.Join(pos, " or "), strings.Join(negs, " or ")
}

// suggestSQL finds titles that start with $1, then titles with a later word
// that does, by btree range scans that stop at $2 rows each. U+10FFFF is the
// greatest character: in byte order every text that starts with the prefix
// sorts below prefix+U+10FFFF.
const suggestSQL = `
(SELECT slug, title FROM profiles
 WHERE karir_norm(title) COLLATE "C" >= karir_norm($1) AND karir_norm(title) COLLATE "C" < karir_norm($1) || U&'\+10FFFF'
 ORDER BY karir_norm(title) COLLATE "C", slug LIMIT $2)
UNION ALL
(SELECT p.slug, p.title FROM title_terms t JOIN profiles p ON p.id = t.profile_id
 WHERE t.term >= karir_norm($1) AND t.term < karir_norm($1) || U&'\+10FFFF'
 ORDER BY t.term, p.slug LIMIT $2 * 2)`

// similarTitlesSQL finds titles holding words similar to $1 (pg_trgm's word
// similarity) through the trigram index.
const similarTitlesSQL = `
SELECT slug, title FROM profiles
WHERE karir_norm($1) <% karir_norm(title)
ORDER BY word_similarity(karir_norm($1), karir_norm(title)) DESC, title COLLATE "C", slug
LIMIT $2`

// Suggest implements profile.SearchService.Suggest. Titles starting with the
// prefix and titles with a later word starting with it come from btree
// range scans that stop at MaxSuggestions rows; only when they are too few
// does it look for similar titles through the trigram index.
func (s *SearchStore) Suggest(ctx context.Context, prefix string) ([]profile.Suggestion, error) {
	prefix = strings.Join(strings.Fields(prefix), " ")
	if !utf8.ValidString(prefix) || strings.ContainsRune(prefix, 0) ||
		utf8.RuneCountInString(prefix) < profile.MinSuggestLen || utf8.RuneCountInString(prefix) > profile.MaxQueryLength {
		return nil, profile.Errorf(profile.EINVALID,
			"The q parameter must be given once, from %d to %d characters long.", profile.MinSuggestLen, profile.MaxQueryLength)
	}
	out := []profile.Suggestion{}
	seen := map[string]bool{}
	collect := func(rows pgx.Rows) error {
		var sg profile.Suggestion
		_, err := pgx.ForEachRow(rows, []any{&sg.Slug, &sg.Title}, func() error {
			if !seen[sg.Slug] && len(out) < profile.MaxSuggestions {
				seen[sg.Slug] = true
				out = append(out, sg)
			}
			return nil
		})
		return err
	}
	rows, err := s.pool.Query(ctx, suggestSQL, prefix, profile.MaxSuggestions)
	if err == nil {
		err = collect(rows)
	}
	if err == nil && len(out) < profile.MaxSuggestions {
		rows, err = s.pool.Query(ctx, similarTitlesSQL, prefix, 2*profile.MaxSuggestions)
		if err == nil {
			err = collect(rows)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: suggest: %w", classify(err))
	}
	return out, nil
}
