package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/profile"
)

// SearchStore is the language authority of the search the read model
// serves from memory: it reads words with the indonesian configuration and
// finds similar words and titles with pg_trgm.
type SearchStore struct {
	pool *pgxpool.Pool
}

var _ profile.TextAnalyzer = (*SearchStore)(nil)

// NewSearchStore returns a search store over pool.
func NewSearchStore(pool *pgxpool.Pool) *SearchStore {
	return &SearchStore{pool: pool}
}

// correctSQL returns, for each word of $1 in order, the most similar word
// of the texts when no text holds it, else the word itself.
const correctSQL = `
SELECT coalesce((
	SELECT v.word FROM search_words v
	WHERE NOT EXISTS (SELECT 1 FROM search_words x WHERE x.word = karir_norm(w)) AND v.word % karir_norm(w)
	ORDER BY similarity(v.word, karir_norm(w)) DESC, v.word LIMIT 1), w)
FROM unnest($1::text[]) WITH ORDINALITY AS u(w, i)
ORDER BY u.i`

// Correct implements profile.TextAnalyzer: pg_trgm's similarity over
// the words of every stored text (search_words), with its threshold (0.3).
func (s *SearchStore) Correct(ctx context.Context, words []string) ([]string, error) {
	rows, err := s.pool.Query(ctx, correctSQL, words)
	if err != nil {
		return nil, fmt.Errorf("postgres: correct words: %w", classify(err))
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: correct words: %w", classify(err))
	}
	return out, nil
}

// analyzeSQL reads each word of $1 as the indonesian configuration reads a
// text after unaccent, as karir_tsvector does: one row per position it
// counts (tokens of a type it maps to dictionaries), with that position's
// lexemes, in order.
const analyzeSQL = `
SELECT u.i, coalesce(d.lexemes, '{}')
FROM unnest($1::text[]) WITH ORDINALITY AS u(w, i),
	ts_debug('indonesian', karir_unaccent(u.w)) WITH ORDINALITY AS d(alias, description, token, dictionaries, dictionary, lexemes, n)
WHERE d.dictionaries <> '{}'
ORDER BY u.i, d.n`

// Analyze implements profile.TextAnalyzer.
func (s *SearchStore) Analyze(ctx context.Context, words []string) ([][][]string, error) {
	rows, err := s.pool.Query(ctx, analyzeSQL, words)
	if err != nil {
		return nil, fmt.Errorf("postgres: analyze words: %w", classify(err))
	}
	out := make([][][]string, len(words))
	var i int
	var lexemes []string
	_, err = pgx.ForEachRow(rows, []any{&i, &lexemes}, func() error {
		out[i-1] = append(out[i-1], lexemes)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: analyze words: %w", classify(err))
	}
	return out, nil
}

// similarTitlesSQL finds titles holding words similar to $1 (pg_trgm's word
// similarity) through the trigram index.
const similarTitlesSQL = `
SELECT slug, title FROM profiles
WHERE karir_norm($1) <% karir_norm(title)
ORDER BY word_similarity(karir_norm($1), karir_norm(title)) DESC, title COLLATE "C", slug
LIMIT $2`

// SimilarTitles implements profile.TextAnalyzer through the trigram index
// of titles (pg_trgm's word similarity).
func (s *SearchStore) SimilarTitles(ctx context.Context, text string, limit int) ([]profile.Suggestion, error) {
	rows, err := s.pool.Query(ctx, similarTitlesSQL, text, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: similar titles: %w", classify(err))
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[profile.Suggestion])
	if err != nil {
		return nil, fmt.Errorf("postgres: similar titles: %w", classify(err))
	}
	return out, nil
}
