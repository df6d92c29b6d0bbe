package profile

import (
	"bytes"
	"compress/gzip"
	"context"
	"sync"
)

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

// MinGzip is the shortest body worth compressing: below it (most sections)
// gzip saves too few bytes to pay for the client's inflating.
const MinGzip = 2048

// gzippers are gzip writers at BestSpeed (the default level takes several
// times as long for about a tenth fewer bytes), reused across calls.
var gzippers = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // the level is valid
	return zw
}}

// Represent returns the representations of body: itself, and its gzip when
// body is MinGzip bytes or more, each with its strong ETag. Every producer
// of answers (the read model, the HTTP layer) and the preconditions of
// writes derive their tags from it, so that a tag a client read is one a
// write recognises, whichever coding it came in.
func Represent(body []byte) Encoded {
	out := Encoded{JSON: body, ETag: ETag(body)}
	if len(body) >= MinGzip {
		out.Gzip, out.GzipETag = Gzip(body)
	}
	return out
}

// Gzip returns body compressed, as Represent compresses it, and the strong
// ETag of the result.
func Gzip(body []byte) ([]byte, string) {
	var buf bytes.Buffer
	zw := gzippers.Get().(*gzip.Writer)
	defer gzippers.Put(zw)
	zw.Reset(&buf)
	// Writes to a bytes.Buffer do not fail.
	_, _ = zw.Write(body)
	_ = zw.Close()
	return buf.Bytes(), ETag(buf.Bytes())
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
	// ENOTFOUND Error; key must be empty or a valid SectionKey. With gzip
	// false the caller will not send the gzip, which a reader may then
	// leave out (Gzip nil) rather than make. The bytes of the result are
	// shared: callers must not change them.
	Encoded(slug string, key SectionKey, gzip bool) (Encoded, error)
}

// PageSize is the list's default page size: a PageKeeper keeps the pages
// of that size encoded.
const PageSize = 20

// EncodedPage is one page of the list as its consumer encodes it: the
// body's representations and the link to the next page, empty on the last.
type EncodedPage struct {
	Encoded
	Link string
}

// PageKeeper is an EncodedReader that also keeps the pages of the
// unfiltered list, PageSize summaries each, encoded with the catalogue they
// were cut from, so that the common list requests cost no encoding.
type PageKeeper interface {
	EncodedReader
	// EncodedPage returns the page of PageSize summaries of the unfiltered
	// list after the key (nil for the first page), as List would cut it,
	// encoded by encode the first time the catalogue is asked for it. ok is
	// false, and nothing is encoded, when after is not where a kept page
	// starts (a cursor of another page size): the caller lists then. The
	// result is shared: callers must not change it.
	EncodedPage(after *PageKey, encode func(Page) (*EncodedPage, error)) (page *EncodedPage, ok bool, err error)
}
