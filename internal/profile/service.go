package profile

import (
	"context"

	"github.com/karir/karir/internal/wire"
)

// Catalogue is everything the HTTP layer reads: each profile's document
// and sections, the list, comparisons and discovery. The read model
// implements it from memory, and cmd/karir serves nothing else; handler
// tests use the read model or the fake in internal/mock. The documents come
// encoded (package wire is a leaf of encoded bytes and their tags, not an
// adapter), so that a read sends bytes encoded once.
type Catalogue interface {
	SearchService
	// Encoded returns the document of the profile under slug when key is
	// empty, else its section key. A slug that no profile has is an
	// ENOTFOUND Error; a catalogue not loaded yet answers EUNAVAILABLE;
	// key must be empty or a valid SectionKey. With gzip false the caller
	// will not send the gzip, which may then be left out (Gzip nil) rather
	// than made. It reads memory and never waits, so the HTTP layer asks
	// it before routing a request. The bytes of the result are shared:
	// callers must not change them.
	Encoded(slug string, key SectionKey, gzip bool) (wire.Encoded, error)
	// List returns up to limit summaries of the profiles that filter
	// keeps, in (title, slug) byte order, starting after the key when one
	// is given; Page.Total counts the profiles the filter keeps and
	// Page.Next is set when more follow. A limit below 1 is an EINVALID
	// Error; so is a filter trait outside the vocabulary (TraitNames).
	List(ctx context.Context, limit int, after *PageKey, filter ListFilter) (Page, error)
	// EncodedPage returns the page of PageSize summaries of the unfiltered
	// list after the key (nil for the first page), as List would cut it,
	// encoded by encode the first time the catalogue is asked for it and
	// kept until the catalogue changes, so that the common list requests
	// cost no encoding. ok is false, and nothing is encoded, when after is
	// not where a kept page starts (a cursor of another page size): the
	// caller lists then. Like Encoded it never waits. The result is
	// shared: callers must not change it.
	EncodedPage(after *PageKey, encode func(Page) (*wire.Page, error)) (page *wire.Page, ok bool, err error)
	// Compared returns the JSON document of the profile under slug and its
	// fit traits in order, both from one state of the catalogue, for a
	// comparison that sends the documents as they are. A slug that no
	// profile has is an ENOTFOUND Error. Both are shared: callers must not
	// change them.
	Compared(slug string) ([]byte, []string, error)
	// Documents calls fn with the JSON document of every profile, in slug
	// order, all from one state of the catalogue, and returns the first
	// error fn returns. Like Encoded it never waits, so an export takes
	// as long as its client reads. The documents are shared: fn must not
	// change or keep them.
	Documents(fn func(doc []byte) error) error
}

// PageSize is the list's default page size, the size of the pages that
// EncodedPage keeps.
const PageSize = 20

// ListFilter narrows a list. The zero value keeps every profile.
type ListFilter struct {
	// Traits keeps the profiles whose fit section names every one of
	// them (Summary.Traits holds them all).
	Traits []string
}
