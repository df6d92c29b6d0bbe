package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// writeEncoded answers a successful GET with a representation encoded
// ahead of time: its gzip when the client accepts gzip and there is one,
// else its JSON, each with its own strong ETag. The answer varies with
// Accept-Encoding, which caches must know.
func writeEncoded(w http.ResponseWriter, r *http.Request, enc *profile.Encoded) {
	h := w.Header()
	// One field line: the CORS handler has already listed Origin.
	switch vary := h["Vary"]; {
	case len(vary) == 0:
		h["Vary"] = varyEncoding
	case len(vary) == 1 && vary[0] == "Origin":
		h["Vary"] = varyOriginEncoding
	default:
		h["Vary"] = []string{strings.Join(vary, ", ") + ", Accept-Encoding"}
	}
	if enc.Gzip != nil && acceptsGzip(r.Header["Accept-Encoding"]) {
		h["Content-Encoding"] = gzipEncoding
		writeTagged(w, r, jsonHeader, enc.Gzip, enc.GzipETag)
		return
	}
	writeTagged(w, r, jsonHeader, enc.JSON, enc.ETag)
}

var (
	varyEncoding       = []string{"Accept-Encoding"}
	varyOriginEncoding = []string{"Origin, Accept-Encoding"}
	gzipEncoding       = []string{"gzip"}
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
