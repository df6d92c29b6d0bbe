package httpapi

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// Media types of request bodies.
const (
	textType = "text/plain"
	jsonType = "application/json"
)

// readBody returns the body and its media type, one of accepted: text/plain
// (in UTF-8) or application/json. It refuses other types, and bodies over
// the parser's 1 MiB limit, which limitRequest caps.
func readBody(r *http.Request, accepted ...string) (string, []byte, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	charset := params["charset"]
	if err != nil || !slices.Contains(accepted, mediaType) || mediaType == textType && charset != "" && !strings.EqualFold(charset, "utf-8") {
		return "", nil, profile.UnsupportedMediaType("The body must be %s.", profile.Verbatim(describeTypes(accepted)))
	}
	// limitRequest has refused a body over the limit by its length, and caps
	// one sent without a length.
	data, err := io.ReadAll(r.Body)
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return "", nil, errBodyTooLarge
	case errors.Is(err, os.ErrDeadlineExceeded):
		// Too slow (paceBodies): writeError answers 408.
		return "", nil, err
	case err != nil:
		return "", nil, profile.Invalid("The body could not be read to its end.")
	}
	return mediaType, data, nil
}

func describeTypes(types []string) string {
	var out []string
	for _, t := range types {
		switch t {
		case textType:
			out = append(out, "text/plain; charset=utf-8 (a profile text)")
		case jsonType:
			out = append(out, "application/json (a profile document)")
		}
	}
	return strings.Join(out, " or ")
}
