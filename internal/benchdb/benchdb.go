// Package benchdb is the scratch database the benchmark programs load
// generated profiles into: karir_bench, on the server of DATABASE_URL, so
// that a benchmark never touches the catalogue it was pointed at.
package benchdb

import (
	"context"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// URL is the URL of karir_bench on the server of serverURL.
func URL(serverURL string) (string, error) {
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", err
	}
	u.Path = "/karir_bench"
	q := u.Query()
	q.Set("sslmode", q.Get("sslmode"))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Recreate drops karir_bench on the server of serverURL, whoever is
// connected to it, and creates it empty.
func Recreate(ctx context.Context, serverURL string) error {
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, sql := range []string{`DROP DATABASE IF EXISTS karir_bench WITH (FORCE)`, `CREATE DATABASE karir_bench`} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			return err
		}
	}
	return nil
}

// Execer is a connection or a pool.
type Execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// Settle vacuums, analyses and checkpoints the database after a load: the
// load leaves hundreds of megabytes of dirty pages that the checkpointer
// would otherwise write out while the benchmark measures.
func Settle(ctx context.Context, db Execer) error {
	for _, sql := range []string{`VACUUM ANALYZE`, `CHECKPOINT`} {
		if _, err := db.Exec(ctx, sql); err != nil {
			return err
		}
	}
	return nil
}
