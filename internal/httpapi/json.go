package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/karir/karir/internal/profile"
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
// profile.ETag of the body, the tag writes compare in If-Match, and Cache-Control: no-cache makes clients
// revalidate with If-None-Match, which gets 304 and no body while the body
// is unchanged.
func writeRepresentation(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	writeTagged(w, r, []string{contentType}, body, profile.ETag(body))
}

// Header values shared by every answer: net/http only reads them, and a
// slice of capacity one is copied, never changed, by whoever adds a value.
var (
	noCache    = []string{"no-cache"}
	jsonHeader = []string{jsonType}
)

// writeTagged is writeRepresentation with the entity tag of body given. It
// sets headers by their canonical keys rather than through Header.Set: it
// is on the path of every read.
func writeTagged(w http.ResponseWriter, r *http.Request, contentType []string, body []byte, etag string) {
	h := w.Header()
	h["Etag"] = []string{etag}
	h["Cache-Control"] = noCache
	if noneMatchHits(r.Header["If-None-Match"], etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Type"] = contentType
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
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
		tags, _ := entityTags(line)
		for _, tag := range tags {
			if strings.TrimPrefix(tag, "W/") == etag {
				return true
			}
		}
	}
	return false
}

// entityTags returns the entity tags of one field line, W/ prefixes kept,
// up to the first malformed member; ok is false when there is one.
func entityTags(line string) (tags []string, ok bool) {
	for rest := line; ; {
		rest = strings.TrimLeft(rest, " \t,")
		if rest == "" {
			return tags, true
		}
		weak := strings.HasPrefix(rest, "W/")
		tag := strings.TrimPrefix(rest, "W/")
		// An entity tag is a quoted string without escapes; commas may
		// appear inside it.
		if !strings.HasPrefix(tag, `"`) {
			return tags, false
		}
		end := strings.IndexByte(tag[1:], '"')
		if end < 0 {
			return tags, false
		}
		rest = tag[end+2:]
		tag = tag[:end+2]
		if weak {
			tag = "W/" + tag
		}
		tags = append(tags, tag)
	}
}
