package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ChangesChannel is the channel every change to the catalogue is announced
// on, in the transaction that makes it: a listener learns of a change only
// once it is committed, and of every committed change. The payload is the
// slug that changed, or empty when so many changed that a listener should
// reload everything.
const ChangesChannel = "karir_profiles"

// maxNotifiedSlugs is how many slugs one transaction announces one by one;
// past it a single empty payload says "reload all", which keeps a bulk seed
// from queueing a notification per profile.
const maxNotifiedSlugs = 100

// notifyChanged announces the slugs changed by tx.
func notifyChanged(ctx context.Context, tx pgx.Tx, slugs []string) error {
	if len(slugs) == 0 {
		return nil
	}
	if len(slugs) > maxNotifiedSlugs {
		slugs = []string{""}
	}
	_, err := tx.Exec(ctx, `SELECT pg_notify($1, slug) FROM unnest($2::text[]) AS slug`, ChangesChannel, slugs)
	return err
}
