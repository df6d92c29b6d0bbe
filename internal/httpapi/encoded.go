package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// writeEncoded answers a successful GET with a JSON representation encoded
// ahead of time.
func writeEncoded(w http.ResponseWriter, r *http.Request, enc *profile.Encoded) {
	writeEncodedAs(w, r, jsonHeader, enc)
}

// writeEncodedAs answers a successful GET with a representation of
// contentType: its gzip when the client accepts gzip and there is one,
// else its plain bytes, each with its own strong ETag. The answer varies
// with Accept-Encoding, which caches must know.
func writeEncodedAs(w http.ResponseWriter, r *http.Request, contentType []string, enc *profile.Encoded) {
	addVary(w.Header(), "Accept-Encoding")
	writeCoded(w, r, contentType, enc)
}

// writeCoded is writeEncodedAs with the Vary field already set; it returns
// the status and the number of body bytes written.
func writeCoded(w http.ResponseWriter, r *http.Request, contentType []string, enc *profile.Encoded) (status, written int) {
	if enc.Gzip != nil && acceptsGzip(r.Header["Accept-Encoding"]) {
		w.Header()["Content-Encoding"] = gzipEncoding
		return writeTagged(w, r, contentType, enc.Gzip, enc.GzipETag)
	}
	return writeTagged(w, r, contentType, enc.JSON, enc.ETag)
}

// addVary adds name to the Vary field, keeping it one field line, as the
// contract states the header once: the CORS handler and the pages may have
// named Origin and Accept already.
func addVary(h http.Header, name string) {
	if vary := h["Vary"]; len(vary) > 0 {
		h["Vary"] = []string{strings.Join(append(vary, name), ", ")}
		return
	}
	h["Vary"] = []string{name}
}

var (
	gzipEncoding = []string{"gzip"}
)

// acceptsGzip reports whether Accept-Encoding field lines allow gzip: named
// (or x-gzip, or *) with a q-value above zero (RFC 9110, 12.5.3).
func acceptsGzip(lines []string) bool {
	named, star := -1.0, -1.0
	for _, line := range lines {
		for member := range strings.SplitSeq(line, ",") {
			coding, params, _ := strings.Cut(member, ";")
			q := 1.0
			for param := range strings.SplitSeq(params, ";") {
				name, value, _ := strings.Cut(param, "=")
				if strings.EqualFold(strings.TrimSpace(name), "q") {
					v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
					if err != nil || v < 0 || v > 1 {
						v = 0
					}
					q = v
				}
			}
			switch coding = strings.ToLower(strings.TrimSpace(coding)); coding {
			case "gzip", "x-gzip":
				named = max(named, q)
			case "*":
				star = max(star, q)
			}
		}
	}
	if named >= 0 {
		return named > 0
	}
	return star > 0
}
