package profile

import "context"

// ProfileReader reads the catalogue. The PostgreSQL store implements it,
// and so may any other source of profiles (an in-memory read model, the
// fakes of handler tests); the HTTP layer depends on nothing else.
type ProfileReader interface {
	// Get returns the profile under slug. A slug that no profile has is an
	// ENOTFOUND Error; a database that cannot be reached, EUNAVAILABLE.
	Get(ctx context.Context, slug string) (*Profile, error)
	// List returns up to limit summaries of the profiles that filter
	// keeps, in (title, slug) byte order, starting after the key when one
	// is given; Page.Total counts the profiles the filter keeps and
	// Page.Next is set when more follow. A limit below 1 is an EINVALID
	// Error; so is a filter trait outside the vocabulary (TraitNames).
	List(ctx context.Context, limit int, after *PageKey, filter ListFilter) (Page, error)
}

// ListFilter narrows a list. The zero value keeps every profile.
type ListFilter struct {
	// Traits keeps the profiles whose fit section names every one of
	// them (Summary.Traits holds them all).
	Traits []string
}
