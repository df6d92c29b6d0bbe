package profile

import "context"

// ProfileLoader reads whole profiles in bulk, for a copy of the catalogue
// kept in memory (the read model). The PostgreSQL store implements it.
type ProfileLoader interface {
	// Each calls fn with every profile, all read in one snapshot of the
	// catalogue, in no particular order; it stops at fn's first error and
	// returns it. fn must not keep the profile past its return unless it
	// owns it: each call gets a profile of its own.
	Each(ctx context.Context, fn func(*Profile) error) error
	// Load returns the profiles among slugs that exist, read in one
	// snapshot, in no particular order; a slug no profile has is left out.
	Load(ctx context.Context, slugs []string) ([]*Profile, error)
}
