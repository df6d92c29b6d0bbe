package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
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
// A malformed list is read up to the first fault.
func noneMatchHits(lines []string, etag string) bool {
	for _, line := range lines {
		if strings.TrimSpace(line) == "*" {
			return true
		}
		for rest := line; ; {
			rest = strings.TrimLeft(rest, " \t,")
			if rest == "" {
				break
			}
			rest = strings.TrimPrefix(rest, "W/")
			// An entity tag is a quoted string without escapes; commas may
			// appear inside it.
			if !strings.HasPrefix(rest, `"`) {
				break
			}
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				break
			}
			if rest[:end+2] == etag {
				return true
			}
			rest = rest[end+2:]
		}
	}
	return false
}
