package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

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

// decodeDocument reads a profile document strictly: one JSON object with
// no field the document does not have and every field of its type. Its
// UpdatedAt, if any, is dropped: the store says when a profile changed.
func decodeDocument(data []byte) (*profile.Profile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p profile.Profile
	if err := dec.Decode(&p); err != nil {
		return nil, jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, profile.Errorf(profile.EINVALID, "The body holds more than one JSON value.")
	}
	p.UpdatedAt = time.Time{}
	return &p, nil
}

// jsonError says in the client's terms why the body is not a document.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return profile.Errorf(profile.EINVALID, "The body is empty; send a profile document.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return profile.Errorf(profile.EINVALID, "The body is not valid JSON: it ends in the middle of a value.")
	case errors.As(err, &syntax):
		return profile.Errorf(profile.EINVALID, "The body is not valid JSON: %s (at byte %d).", syntax.Error(), syntax.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return profile.Errorf(profile.EINVALID, "The body must be a JSON object (a profile document), not a %s.", typ.Value)
	case errors.As(err, &typ):
		return profile.Errorf(profile.EINVALID, "The field %s must be %s, not a %s.", typ.Field, jsonKind(typ), typ.Value)
	}
	// encoding/json's other messages (an unknown field, a malformed time)
	// name the fault in the client's terms.
	return profile.Errorf(profile.EINVALID, "The body is not a profile document: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

func jsonKind(e *json.UnmarshalTypeError) string {
	switch e.Type.Kind().String() {
	case "string":
		return "a string"
	case "int", "int64":
		return "a whole number"
	case "slice":
		return "an array"
	case "struct":
		return "an object"
	}
	return "a " + e.Type.String()
}
