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

// Encoded is one representation of a document (a profile or one of its
// sections) encoded once when it was loaded: the JSON the API serves, its
// gzip when that is worth sending, and the strong entity tag of each.
type Encoded struct {
	JSON []byte
	// ETag is the quoted hex SHA-256 of JSON.
	ETag string
	// Gzip is JSON compressed, nil when JSON is too short to gain from it.
	Gzip []byte
	// GzipETag is the quoted hex SHA-256 of Gzip, empty when Gzip is nil.
	GzipETag string
}

// EncodedReader is a ProfileReader that also holds its documents encoded,
// so that a reader of the catalogue (the HTTP layer) can send the bytes as
// they are. It is optional: a consumer asks a ProfileReader for it and
// encodes the profile itself when it is missing.
type EncodedReader interface {
	ProfileReader
	// Encoded returns the document of the profile under slug when key is
	// empty, else its section key. A slug that no profile has is an
	// ENOTFOUND Error; key must be empty or a valid SectionKey. The result
	// is shared: callers must not change it.
	Encoded(slug string, key SectionKey) (*Encoded, error)
}
