package httpapi

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/profile"
)

// Limits on what a request may carry. net/http refuses a header block
// over the server's MaxHeaderBytes itself, as text/plain; serve sets that
// well above MaxHeaderBytes so that this handler answers first.
const (
	MaxHeaderBytes = 16 << 10
	maxBodyBytes   = parser.MaxInputSize
)

// secureHeaders sets the headers every answer carries: nothing in it may be
// sniffed as another type, run or load anything in a browser, or leak the
// page it was shown on.
func secureHeaders(next step) step {
	return func(x *exchange) {
		setSecureHeaders(x.Header())
		next(x)
	}
}

// The values of the secure headers, shared by every answer: net/http only
// reads them.
var (
	nosniff       = []string{"nosniff"}
	noReferrer    = []string{"no-referrer"}
	contentPolicy = []string{"default-src 'none'; frame-ancestors 'none'"}
)

func setSecureHeaders(h http.Header) {
	h["X-Content-Type-Options"] = nosniff
	h["Referrer-Policy"] = noReferrer
	h["Content-Security-Policy"] = contentPolicy
}

// noStore keeps caches from storing a route's answers: the probes' and
// the metrics' are only true at the moment they are made.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// errBodyTooLarge refuses a body over maxBodyBytes, whether its length
// said so or reading it found out.
var errBodyTooLarge = profile.TooLarge("The request body is larger than %d bytes.", maxBodyBytes)

// limitRequest answers 431 to a request whose request line and headers
// are over MaxHeaderBytes, and 413 to one whose body is over maxBodyBytes;
// it caps the body of the others.
func limitRequest(out responder) middleware {
	return func(next step) step {
		return func(x *exchange) {
			r := x.r
			if size := headerSize(r); size > MaxHeaderBytes {
				writeProblem(x, r, kindHeadersTooLarge,
					fmt.Sprintf("The request line and headers are larger than %d bytes.", MaxHeaderBytes))
				return
			}
			if r.ContentLength > maxBodyBytes {
				out.writeError(x, r, errBodyTooLarge)
				return
			}
			if r.Body != http.NoBody {
				// On a copy: a handler leaves the request it is given as it is.
				x.r = r.WithContext(r.Context())
				x.r.Body = http.MaxBytesReader(x, r.Body, maxBodyBytes)
			}
			next(x)
		}
	}
}

// headerSize is about what the request line and header block took on the
// wire.
func headerSize(r *http.Request) int {
	n := len(r.Method) + len(r.RequestURI) + len(r.Proto) + 4
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + len(v) + 4
		}
	}
	return n
}

// servedType is the media type a path answers with when it succeeds.
func servedType(path string) string {
	switch {
	case path == "/openapi.yaml":
		return "application/yaml"
	case path == "/metrics" || path == "/robots.txt":
		return "text/plain"
	case path == sitemapPath:
		return "application/xml"
	case path == changesPath:
		return "text/event-stream"
	case path == exportPath:
		return "application/x-ndjson"
	case path == "/" || path == "/docs" || strings.HasPrefix(path, "/assets/") ||
		path == problemsPath || strings.HasPrefix(path, problemsPath+"/"):
		// The pages choose their representation from Accept themselves:
		// the explorer or the JSON index, the reference, the files, a
		// problem type's page or JSON.
		return ""
	}
	return "application/json"
}

// negotiate answers 406 when the Accept header rules out the type the path
// serves. Errors are problem+json whatever Accept says (RFC 9110, 15.5.7
// lets a server answer with a type the client did not ask for).
func negotiate(next step) step {
	return func(x *exchange) {
		want := servedType(x.r.URL.Path)
		if accept := x.r.Header.Values("Accept"); want != "" && len(accept) > 0 && !acceptsAny(strings.Join(accept, ","), want, x.r.URL.Path) {
			writeProblem(x, x.r, kindNotAcceptable,
				fmt.Sprintf("This path serves %s, which the Accept header rules out.", want))
			return
		}
		next(x)
	}
}

// acceptsAny reports whether the Accept field value admits want, or
// JSON-LD on a profile document's path, which serves both.
func acceptsAny(field, want, path string) bool {
	if accepts(field, want) {
		return true
	}
	rest, ok := strings.CutPrefix(path, profilesPath+"/")
	return ok && rest != "" && !strings.Contains(rest, "/") && accepts(field, ldJSONType)
}

// accepts reports whether the Accept field value admits mediaType: the
// most specific range that matches it must have a non-zero q. A range
// that does not parse is skipped; a field of none that parse admits all.
func accepts(field, mediaType string) bool {
	major, _, _ := strings.Cut(mediaType, "/")
	best, bestQ, parsed := -1, 0.0, false
	for part := range strings.SplitSeq(field, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		rng, params, err := mime.ParseMediaType(part)
		if err != nil {
			continue
		}
		parsed = true
		specificity := -1
		switch {
		case rng == mediaType:
			specificity = 2
		case rng == major+"/*":
			specificity = 1
		case rng == "*/*":
			specificity = 0
		}
		if specificity <= best {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 1 {
				q = f
			}
		}
		best, bestQ = specificity, q
	}
	return !parsed || bestQ > 0
}
