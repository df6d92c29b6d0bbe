// Package pgtest gives each test package a fresh, migrated database on the
// server named by DATABASE_URL. Only _test.go files import it.
//
//	var db *pgtest.DB
//
//	func TestMain(m *testing.M) {
//		db = pgtest.Create()
//		code := m.Run()
//		db.Drop()
//		os.Exit(code)
//	}
package pgtest

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/postgres"
)

// DB is a database that lives as long as one test binary.
type DB struct {
	URL  string
	Pool *pgxpool.Pool

	serverURL string
	name      string
}

// Create makes a database named karir_test_<package>_<random>, migrates it
// and opens a pool on it. Tests never skip for want of a database: without
// DATABASE_URL, or on any failure, it prints why and exits non-zero.
func Create() *DB {
	serverURL := os.Getenv("DATABASE_URL")
	if serverURL == "" {
		exit(errors.New("DATABASE_URL is not set: run `make test`"))
	}
	db, err := create(serverURL)
	if err != nil {
		exit(err)
	}
	return db
}

func create(serverURL string) (*DB, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	name, err := databaseName()
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return nil, errors.New("pgtest: DATABASE_URL is not a valid URL")
	}
	u.Path = "/" + name

	if err := adminExec(ctx, serverURL, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return nil, err
	}
	db := &DB{URL: u.String(), serverURL: serverURL, name: name}
	if err := postgres.MigrateUp(db.URL); err != nil {
		db.Drop()
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	db.Pool, err = postgres.Open(ctx, db.URL)
	if err != nil {
		db.Drop()
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	return db, nil
}

// Drop closes the pool and drops the database, ending any connection left.
func (db *DB) Drop() {
	if db.Pool != nil {
		db.Pool.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := adminExec(ctx, db.serverURL, "DROP DATABASE IF EXISTS "+pgx.Identifier{db.name}.Sanitize()+" WITH (FORCE)")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}

// Reset empties every data table (schema_migrations stays) so that a test
// starts from a known state, and returns the pool.
func (db *DB) Reset(t testing.TB) *pgxpool.Pool {
	t.Helper()
	ctx := t.Context()
	rows, err := db.Pool.Query(ctx, `
		SELECT quote_ident(tablename) FROM pg_tables
		WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`)
	if err != nil {
		t.Fatalf("pgtest: list tables: %v", err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("pgtest: list tables: %v", err)
	}
	if len(tables) > 0 {
		if _, err := db.Pool.Exec(ctx, "TRUNCATE "+strings.Join(tables, ", ")+" RESTART IDENTITY CASCADE"); err != nil {
			t.Fatalf("pgtest: truncate: %v", err)
		}
	}
	return db.Pool
}

// databaseName is karir_test_<package directory>_<random>: go test runs a
// test binary in its package directory, and the random part keeps parallel
// runs of one package apart.
func databaseName() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("pgtest: %w", err)
	}
	pkg := regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(filepath.Base(dir)), "_")
	// PostgreSQL cuts identifiers at 63 bytes.
	return fmt.Sprintf("karir_test_%.40s_%s", pkg, strings.ToLower(rand.Text()[:10])), nil
}

func adminExec(ctx context.Context, serverURL, sql string) error {
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		return fmt.Errorf("pgtest: connect to DATABASE_URL: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("pgtest: %s: %w", strings.Fields(sql)[0], err)
	}
	return nil
}

func exit(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
