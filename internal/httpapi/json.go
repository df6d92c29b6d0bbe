package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
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

// writeRepresentation answers a successful GET with body. Its strong ETag is
// the SHA-256 of the body, and Cache-Control: no-cache (unless the route
// set its own) makes clients revalidate with If-None-Match, which gets 304
// and no body while the body is unchanged.
func writeRepresentation(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if noneMatchHits(r.Header.Values("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
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
	return ok && slices.Contains(tags, etag)
}

// parseETags reads a list of entity tags, weak ones without their W/, and
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
		rest = strings.TrimPrefix(rest, "W/")
		if !strings.HasPrefix(rest, `"`) {
			return nil, false
		}
		end := strings.IndexByte(rest[1:], '"')
		if end < 0 || strings.IndexFunc(rest[1:end+1], notETagChar) >= 0 {
			return nil, false
		}
		tags = append(tags, rest[:end+2])
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
