package postgres_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"testing"

	"github.com/golang-migrate/migrate/v4/source"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/migrations"
)

// migrationVersions returns the versions of the embedded migrations in
// order, so that no test hard-codes the newest one.
func migrationVersions(t *testing.T) []uint {
	t.Helper()
	entries, err := fs.ReadDir(migrations.FS, ".")
	require.NoError(t, err)
	var versions []uint
	for _, e := range entries {
		m, err := source.Parse(e.Name())
		require.NoError(t, err)
		if !slices.Contains(versions, m.Version) {
			versions = append(versions, m.Version)
		}
	}
	slices.Sort(versions)
	return versions
}

func TestMigrations(t *testing.T) {
	db.Reset(t)
	ctx := t.Context()
	versions := migrationVersions(t)
	latest := versions[len(versions)-1]
	t.Cleanup(func() {
		// Leave the schema as TestMain made it for the other tests.
		_, err := db.Pool.Exec(context.Background(), `UPDATE schema_migrations SET version = $1, dirty = false`, latest)
		require.NoError(t, err)
		require.NoError(t, postgres.MigrateUp(db.URL))
	})

	version := func(wantVersion uint, wantDirty bool) {
		t.Helper()
		v, dirty, err := postgres.MigrationVersion(db.URL)
		require.NoError(t, err)
		assert.Equal(t, wantVersion, v)
		assert.Equal(t, wantDirty, dirty)
	}
	tables := func() []string {
		t.Helper()
		rows, err := db.Pool.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
		require.NoError(t, err)
		defer rows.Close()
		names := []string{}
		for rows.Next() {
			var name string
			require.NoError(t, rows.Scan(&name))
			names = append(names, name)
		}
		require.NoError(t, rows.Err())
		return names
	}
	schema := []string{"comparisons", "contrasts", "profile_traits", "profiles", "revisions", "schema_migrations",
		"search_words", "sentences"}
	notMigrated := fmt.Sprintf("postgres: schema is not migrated, want version %d", latest)

	version(latest, false)
	require.NoError(t, postgres.Ready(ctx, db.Pool))
	require.NoError(t, postgres.MigrateUp(db.URL), "an up-to-date schema is no error")
	assert.Equal(t, schema, tables())

	for i := len(versions) - 1; i >= 0; i-- {
		require.NoError(t, postgres.MigrateDown(db.URL))
		if i > 0 {
			version(versions[i-1], false)
			assert.EqualError(t, postgres.Ready(ctx, db.Pool),
				fmt.Sprintf("postgres: schema is at version %d, want %d", versions[i-1], latest))
		}
	}
	version(0, false)
	assert.Equal(t, []string{"schema_migrations"}, tables())
	assert.EqualError(t, postgres.Ready(ctx, db.Pool), notMigrated)
	assert.EqualError(t, postgres.MigrateDown(db.URL), "postgres: migrate down: no migration is applied")

	require.NoError(t, postgres.MigrateUp(db.URL))
	version(latest, false)
	assert.Equal(t, schema, tables())
	require.NoError(t, postgres.Ready(ctx, db.Pool))

	_, err := db.Pool.Exec(ctx, `UPDATE schema_migrations SET dirty = true`)
	require.NoError(t, err)
	version(latest, true)
	assert.EqualError(t, postgres.Ready(ctx, db.Pool), fmt.Sprintf("postgres: schema version %d is dirty: a migration failed halfway", latest))
	assert.ErrorContains(t, postgres.MigrateUp(db.URL), fmt.Sprintf("Dirty database version %d", latest))

	_, err = db.Pool.Exec(ctx, `UPDATE schema_migrations SET version = $1, dirty = false`, latest+1)
	require.NoError(t, err)
	assert.EqualError(t, postgres.Ready(ctx, db.Pool), fmt.Sprintf("postgres: schema is at version %d, want %d", latest+1, latest))
}

// TestLatestMigrationRoundTripsSeededData migrates a seeded database down
// one version and up again: the data comes back as it was.
func TestLatestMigrationRoundTripsSeededData(t *testing.T) {
	seedTexts(t)
	t.Cleanup(func() { require.NoError(t, postgres.MigrateUp(db.URL)) })
	before := tableRows(t)
	require.Contains(t, before, "search_words")

	require.NoError(t, postgres.MigrateDown(db.URL))
	require.NoError(t, postgres.MigrateUp(db.URL))
	assert.Equal(t, before, tableRows(t))
}

// tableRows returns the rows of every table but schema_migrations, as
// text in order, by table.
func tableRows(t *testing.T) map[string]string {
	t.Helper()
	rows, err := db.Pool.Query(t.Context(), `
		SELECT quote_ident(tablename) FROM pg_tables
		WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`)
	require.NoError(t, err)
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	out := map[string]string{}
	for _, table := range tables {
		var text string
		require.NoError(t, db.Pool.QueryRow(t.Context(),
			`SELECT coalesce(string_agg(r::text, E'\n' ORDER BY r::text), '') FROM `+table+` r`).Scan(&text))
		require.NotEmpty(t, text, table)
		out[table] = text
	}
	return out
}

func TestReadyWithoutSchemaTable(t *testing.T) {
	ctx := t.Context()
	// With search_path on a schema that does not exist, the database answers
	// but holds no schema_migrations table.
	u, err := url.Parse(db.URL)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", "nowhere")
	u.RawQuery = q.Encode()
	pool, err := postgres.Open(ctx, u.String())
	require.NoError(t, err)
	defer pool.Close()
	versions := migrationVersions(t)
	assert.EqualError(t, postgres.Ready(ctx, pool),
		fmt.Sprintf("postgres: schema is not migrated, want version %d", versions[len(versions)-1]))

	pool.Close()
	assert.ErrorContains(t, postgres.Ready(ctx, pool), "postgres: read schema version:")
}

func TestMigrateAcceptsPostgresqlScheme(t *testing.T) {
	u, err := url.Parse(db.URL)
	require.NoError(t, err)
	u.Scheme = "postgresql"
	require.NoError(t, postgres.MigrateUp(u.String()))
	v, dirty, err := postgres.MigrationVersion(u.String())
	require.NoError(t, err)
	versions := migrationVersions(t)
	assert.Equal(t, versions[len(versions)-1], v)
	assert.False(t, dirty)
}

func TestConnectionErrorsKeepThePasswordOut(t *testing.T) {
	const secret = "s3cr3t-pw"
	unreachable := "postgres://karir:" + secret + "@127.0.0.1:1/karir?sslmode=disable&connect_timeout=2"
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"open", func() error { _, err := postgres.Open(t.Context(), unreachable); return err }, "postgres: ping:"},
		{"open bad URL", func() error {
			_, err := postgres.Open(t.Context(), "postgres://karir:"+secret+"@127.0.0.1:port/x")
			return err
		}, "postgres: parse database URL:"},
		{"migrate up", func() error { return postgres.MigrateUp(unreachable) }, "postgres: connect for migrations:"},
		{"migrate down", func() error { return postgres.MigrateDown(unreachable) }, "postgres: connect for migrations:"},
		{"version", func() error { _, _, err := postgres.MigrationVersion(unreachable); return err }, "postgres: connect for migrations:"},
		{"bad URL", func() error { return postgres.MigrateUp("postgres://karir:" + secret + "@127.0.0.1:port/x") }, "postgres: database URL is not a valid URL"},
		{"other scheme", func() error { return postgres.MigrateUp("mysql://karir:" + secret + "@127.0.0.1/karir") }, "postgres: database URL must start with postgres:// or postgresql://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), secret)
		})
	}
}
