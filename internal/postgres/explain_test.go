package postgres_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
)

// TestPlansUseTheIndexes shows that the index each discovery query is
// built for can serve it. The test tables hold a handful of rows, for which
// reading them whole is cheapest whatever the indexes: a sequential scan,
// or, with that turned off, a plain scan of any btree in its order, which
// the planner picked or not with the statistics autovacuum had gathered.
// So the statistics are gathered here, and only bitmap scans are left on:
// those need a condition the index serves, and the test fails when no
// index serves the query's. README shows plans of 100,000 profiles, taken
// with the planner's own choice. The plans are generic, as a prepared
// statement's are after its fifth run: a condition no index serves for
// some arguments turns into a scan of every row.
func TestPlansUseTheIndexes(t *testing.T) {
	seedTexts(t)
	tx, err := db.Pool.Begin(t.Context())
	require.NoError(t, err)
	defer tx.Rollback(t.Context())
	for _, sql := range []string{
		`ANALYZE profiles, search_words`,
		`SET LOCAL enable_seqscan = off`, `SET LOCAL enable_indexscan = off`, `SET LOCAL enable_indexonlyscan = off`,
		`SET LOCAL plan_cache_mode = force_generic_plan`,
	} {
		_, err = tx.Exec(t.Context(), sql)
		require.NoError(t, err)
	}

	for i, tc := range []struct {
		name, sql string
		args      string // as SQL literals
		indexes   []string
	}{
		{"similar titles", postgres.SimilarTitlesSQL, `'pelayanan sosil', 20`,
			[]string{"profiles_title_trgm_idx"}},
		{"spelling correction", postgres.CorrectSQL, `'{kesejahtraan}'`,
			[]string{"search_words_trgm_idx"}},
		{"a refresh's load", postgres.LoadSQL, `'{kepala-program}'`,
			[]string{"profiles_slug_key"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A prepared statement, so that the plan is generic.
			name := fmt.Sprintf("explained_%d", i)
			_, err := tx.Exec(t.Context(), "PREPARE "+name+" AS "+tc.sql)
			require.NoError(t, err)
			rows, err := tx.Query(t.Context(), "EXPLAIN EXECUTE "+name+"("+tc.args+")")
			require.NoError(t, err)
			lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
			require.NoError(t, err)
			plan := strings.Join(lines, "\n")
			for _, index := range tc.indexes {
				assert.Contains(t, plan, index, plan)
			}
		})
	}
}
