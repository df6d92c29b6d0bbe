package httpapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/karir/karir/internal/wire"
)

// writeJSON answers a successful GET with v encoded as JSON; it writes
// nothing when v does not encode.
func writeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	writeRepresentation(w, r, "application/json", body)
	return nil
}

// writeRepresentation answers a successful GET with body, or its gzip
// when the client accepts it and body is long enough (wire.Represent).
// Each has its strong ETag, a tag writes recognise in If-Match, and
// Cache-Control: no-cache (unless the route set its own) makes clients
// revalidate with If-None-Match, which gets 304 and no body while the body
// is unchanged. Only the coding sent is made and tagged: a body made per
// request is not kept, so its other coding would be work thrown away.
func writeRepresentation(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	var enc wire.Encoded
	if len(body) >= wire.MinGzip && acceptsGzip(r.Header["Accept-Encoding"]) {
		enc.Gzip, enc.GzipETag = wire.Gzip(body)
	} else {
		enc.Body, enc.ETag = body, wire.ETag(body)
	}
	writeEncodedAs(w, r, []string{contentType}, &enc)
}

// Header values shared by every answer: net/http only reads them, and a
// slice of capacity one is copied, never changed, by whoever adds a value.
var (
	noCache    = []string{"no-cache"}
	jsonHeader = []string{jsonType}
)

// writeTagged is writeRepresentation with the entity tag of body given,
// returning the status and the number of body bytes written. It sets
// headers by their canonical keys rather than through Header.Set: it is on
// the path of every read.
func writeTagged(w http.ResponseWriter, r *http.Request, contentType []string, body []byte, etag string) (status, written int) {
	h := w.Header()
	h["Etag"] = []string{etag}
	if _, ok := h["Cache-Control"]; !ok {
		h["Cache-Control"] = noCache
	}
	if noneMatchHits(r.Header["If-None-Match"], etag) {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified, 0
	}
	h["Content-Type"] = contentType
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return http.StatusOK, 0
	}
	n, _ := w.Write(body)
	return http.StatusOK, n
}

// noneMatchHits reports whether the If-None-Match field lines are "*" or list
// an entity tag that weakly matches etag, a strong tag (RFC 9110, 13.1.2).
// A field that is not "*" or a comma-separated list of entity tags matches
// nothing: the answer is then the full representation.
func noneMatchHits(lines []string, etag string) bool {
	field := strings.Join(lines, ",")
	if strings.TrimSpace(field) == "*" {
		return true
	}
	tags, ok := parseETags(field)
	return ok && slices.ContainsFunc(tags, func(tag string) bool { return strings.TrimPrefix(tag, "W/") == etag })
}

// parseETags reads a list of entity tags, weak ones with their W/, and
// reports whether the whole field is one: members apart only by commas
// (empty members allowed), each an opaque tag of visible characters.
func parseETags(field string) ([]string, bool) {
	var tags []string
	for rest := field; ; {
		rest = strings.TrimLeft(rest, " \t")
		switch {
		case rest == "":
			return tags, len(tags) > 0
		case rest[0] == ',':
			rest = rest[1:]
			continue
		}
		weak := strings.HasPrefix(rest, "W/")
		rest = strings.TrimPrefix(rest, "W/")
		if !strings.HasPrefix(rest, `"`) {
			return nil, false
		}
		end := strings.IndexByte(rest[1:], '"')
		if end < 0 || strings.IndexFunc(rest[1:end+1], notETagChar) >= 0 {
			return nil, false
		}
		tag := rest[:end+2]
		if weak {
			tag = "W/" + tag
		}
		tags = append(tags, tag)
		rest = strings.TrimLeft(rest[end+2:], " \t")
		if rest != "" && rest[0] != ',' {
			return nil, false
		}
	}
}

// notETagChar reports a character that etagc (RFC 9110, 8.8.3) leaves out.
func notETagChar(r rune) bool {
	return r <= ' ' || r == '"' || r == 0x7f
}
