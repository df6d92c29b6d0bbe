package httpapi

import (
	"errors"
	"io"
	"mime"
	"net/http"
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
// (in UTF-8) or application/json. It refuses other types and bodies over
// the parser's 1 MiB limit before reading them whole.
func readBody(w http.ResponseWriter, r *http.Request, accepted ...string) (string, []byte, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	charset := params["charset"]
	if err != nil || !slices.Contains(accepted, mediaType) || mediaType == textType && charset != "" && !strings.EqualFold(charset, "utf-8") {
		return "", nil, profile.Errorf(profile.EUNSUPPORTED, "The body must be %s.", describeTypes(accepted))
	}
	tooLarge := profile.Errorf(profile.ETOOLARGE, "The body is larger than the 1 MiB limit.")
	if r.ContentLength > profile.MaxInputSize {
		return "", nil, tooLarge
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, profile.MaxInputSize))
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return "", nil, tooLarge
	case err != nil:
		return "", nil, profile.Errorf(profile.EINVALID, "The body could not be read to its end.")
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
