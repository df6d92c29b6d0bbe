// Package postgres stores karir's profiles in PostgreSQL: the connection
// pool, the schema migrations and the profile store.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // registers the pgx5:// scheme
	"github.com/golang-migrate/migrate/v4/source"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/migrations"
)

// Open connects a pool to databaseURL with default options and pings it.
func Open(ctx context.Context, databaseURL string) (*pgxpool.Pool, error) {
	pool, _, err := OpenPool(ctx, databaseURL, PoolOptions{})
	return pool, err
}

// MigrateUp applies every pending migration; an up-to-date schema is no
// error. golang-migrate holds a PostgreSQL advisory lock meanwhile, so two
// processes migrating at once apply each migration once.
func MigrateUp(databaseURL string) error {
	return withMigrate(databaseURL, func(m *migrate.Migrate) error {
		if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
			return fmt.Errorf("postgres: migrate up: %w", err)
		}
		return nil
	})
}

// MigrateDown rolls back the newest applied migration. With none applied it
// fails rather than pretend it rolled something back.
func MigrateDown(databaseURL string) error {
	return withMigrate(databaseURL, func(m *migrate.Migrate) error {
		err := m.Steps(-1)
		if errors.Is(err, os.ErrNotExist) {
			return errors.New("postgres: migrate down: no migration is applied")
		}
		if err != nil {
			return fmt.Errorf("postgres: migrate down: %w", err)
		}
		return nil
	})
}

// MigrationVersion reports the applied schema version, 0 when none is, and
// whether a migration failed halfway (dirty).
func MigrationVersion(databaseURL string) (version uint, dirty bool, err error) {
	err = withMigrate(databaseURL, func(m *migrate.Migrate) error {
		version, dirty, err = m.Version()
		if errors.Is(err, migrate.ErrNilVersion) {
			version, dirty, err = 0, false, nil
		}
		if err != nil {
			return fmt.Errorf("postgres: migration version: %w", err)
		}
		return nil
	})
	return version, dirty, err
}

// Ready returns nil only when the database answers and its schema is at the
// newest embedded migration and not dirty: a server on an old schema would
// answer with wrong results.
func Ready(ctx context.Context, pool *pgxpool.Pool) error {
	want, err := latestMigration()
	if err != nil {
		return err
	}
	var version int64
	var dirty bool
	err = pool.QueryRow(ctx, `SELECT version, dirty FROM schema_migrations`).Scan(&version, &dirty)
	var pgErr *pgconn.PgError
	switch {
	case errors.Is(err, pgx.ErrNoRows), errors.As(err, &pgErr) && pgErr.Code == pgerrcode.UndefinedTable:
		return fmt.Errorf("postgres: schema is not migrated, want version %d", want)
	case err != nil:
		return fmt.Errorf("postgres: read schema version: %w", err)
	case dirty:
		return fmt.Errorf("postgres: schema version %d is dirty: a migration failed halfway", version)
	case version != int64(want):
		return fmt.Errorf("postgres: schema is at version %d, want %d", version, want)
	}
	return nil
}

// latestMigration returns the version of the newest embedded migration.
func latestMigration() (uint, error) {
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return 0, fmt.Errorf("postgres: read migrations: %w", err)
	}
	var latest uint
	for _, e := range entries {
		m, err := source.Parse(e.Name())
		if err != nil {
			return 0, fmt.Errorf("postgres: migration file %s: %w", e.Name(), err)
		}
		latest = max(latest, m.Version)
	}
	return latest, nil
}

// withMigrate runs fn on a migrate instance over the embedded migrations
// and always closes it, which also closes its database connection.
func withMigrate(databaseURL string, fn func(*migrate.Migrate) error) (err error) {
	target, err := migrateURL(databaseURL)
	if err != nil {
		return err
	}
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return fmt.Errorf("postgres: read migrations: %w", err)
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, target)
	if err != nil {
		return errors.Join(fmt.Errorf("postgres: connect for migrations: %w", err), src.Close())
	}
	defer func() {
		srcErr, dbErr := m.Close()
		err = errors.Join(err, srcErr, dbErr)
	}()
	return fn(m)
}

// migrateURL turns a postgres:// or postgresql:// URL into the pgx5:// form
// golang-migrate's pgx/v5 driver is registered under. The errors leave the
// URL out: it may hold a password.
func migrateURL(databaseURL string) (string, error) {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "", errors.New("postgres: database URL is not a valid URL")
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return "", errors.New("postgres: database URL must start with postgres:// or postgresql://")
	}
	u.Scheme = "pgx5"
	return u.String(), nil
}
