// Package wire holds answers as the API sends them: bytes encoded once,
// their gzip when that is worth sending, and the strong entity tag of each.
// The read model keeps its documents so, the HTTP layer writes them as they
// are, and the preconditions of writes compare their tags. It imports
// nothing of karir, so that the domain's read interface can name its types.
package wire

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// MinGzip is the shortest body worth compressing: below it (most sections)
// gzip saves too few bytes to pay for the client's inflating.
const MinGzip = 2048

// Encoded is one representation of an answer encoded ahead of time: the
// body, its gzip when that is worth sending, and the strong entity tag of
// each.
type Encoded struct {
	Body []byte
	// ETag is the quoted hex SHA-256 of Body.
	ETag string
	// Gzip is Body compressed, nil when Body is too short to gain from it.
	Gzip []byte
	// GzipETag is the quoted hex SHA-256 of Gzip, empty when Gzip is nil.
	GzipETag string
}

// Page is one page of the profile list as the HTTP layer encodes it: the
// body's representations and the value of its Link field, the link to the
// next page, empty on the last.
type Page struct {
	Encoded
	Link string
}

// ETag is the strong entity tag of a representation: the quoted SHA-256 of
// its bytes. GET answers carry it, and the preconditions of writes compare
// it, so an editor can send back the tag of what they read.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// Represent returns the representations of body: itself, and its gzip when
// body is MinGzip bytes or more, each with its strong ETag. Every producer
// of answers (the read model, the HTTP layer) and the preconditions of
// writes derive their tags from it, so that a tag a client read is one a
// write recognises, whichever coding it came in.
func Represent(body []byte) Encoded {
	out := Encoded{Body: body, ETag: ETag(body)}
	if len(body) >= MinGzip {
		out.Gzip, out.GzipETag = Gzip(body)
	}
	return out
}

// gzippers are gzip writers at BestSpeed (the default level takes several
// times as long for about a tenth fewer bytes), reused across calls.
var gzippers = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // the level is valid
	return zw
}}

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
