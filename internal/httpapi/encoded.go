package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/karir/karir/internal/wire"
)

// writeEncoded answers a successful GET with a JSON representation encoded
// ahead of time.
func writeEncoded(w http.ResponseWriter, r *http.Request, enc *wire.Encoded) {
	writeEncodedAs(w, r, jsonHeader, enc)
}

// writeEncodedAs answers a successful GET with a representation of
// contentType: its gzip when the client accepts gzip and there is one,
// else its plain bytes, each with its own strong ETag. The answer varies
// with Accept-Encoding, which caches must know.
func writeEncodedAs(w http.ResponseWriter, r *http.Request, contentType []string, enc *wire.Encoded) {
	addVary(w.Header(), "Accept-Encoding")
	writeCoded(w, r, contentType, enc)
}

// writeCoded is writeEncodedAs with the Vary field already set; it returns
// the status and the number of body bytes written.
func writeCoded(w http.ResponseWriter, r *http.Request, contentType []string, enc *wire.Encoded) (status, written int) {
	if enc.Gzip != nil && acceptsGzip(r.Header["Accept-Encoding"]) {
		w.Header()["Content-Encoding"] = gzipEncoding
		return writeTagged(w, r, contentType, enc.Gzip, enc.GzipETag)
	}
	return writeTagged(w, r, contentType, enc.Body, enc.ETag)
}

// addVary adds name to the Vary field, keeping it one field line, as the
// contract states the header once: the CORS policy and the pages may have
// named Origin and Accept already. The values every read has are shared,
// so that a read allocates nothing for them.
func addVary(h http.Header, name string) {
	vary := h["Vary"]
	switch {
	case len(vary) == 0 && name == "Origin":
		h["Vary"] = varyOrigin
	case len(vary) == 0:
		h["Vary"] = []string{name}
	case len(vary) == 1 && vary[0] == "Origin" && name == "Accept-Encoding":
		h["Vary"] = varyOriginEncoding
	case len(vary) == 1 && vary[0] == "Origin" && name == "Accept":
		h["Vary"] = varyOriginAccept
	case len(vary) == 1 && vary[0] == varyOriginAccept[0] && name == "Accept-Encoding":
		h["Vary"] = varyOriginAcceptEncoding
	default:
		h["Vary"] = []string{strings.Join(append(vary, name), ", ")}
	}
}

// Header values shared by answers: net/http only reads them, and whoever
// adds to one copies it, as its capacity is its length.
var (
	gzipEncoding       = []string{"gzip"}
	varyOrigin         = []string{"Origin"}
	varyOriginEncoding = []string{"Origin, Accept-Encoding"}
	// A profile document varies with Accept too: JSON or JSON-LD.
	varyOriginAccept         = []string{"Origin, Accept"}
	varyOriginAcceptEncoding = []string{"Origin, Accept, Accept-Encoding"}
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
