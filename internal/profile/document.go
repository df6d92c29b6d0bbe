package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// DecodeDocument reads one profile document strictly: a JSON object with
// no field a Profile does not have and every field of its type; warnings
// may be left out. The
// EINVALID Error names the fault in the sender's terms. It does not
// Validate the profile.
func DecodeDocument(data []byte) (*Profile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, Invalid("The document holds more than one JSON value.")
	}
	if p.Warnings == nil {
		// Warnings are optional in a document; a profile always has a list.
		p.Warnings = []Warning{}
	}
	return &p, nil
}

// jsonError says why data is not a document.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return Invalid("The document is empty.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid("The document is not valid JSON: it ends in the middle of a value.")
	case errors.As(err, &syntax):
		return Invalid("The document is not valid JSON: %s (at byte %d).", Verbatim(syntax.Error()), syntax.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return Invalid("The document must be a JSON object, not %s.", withArticle(typ.Value))
	case errors.As(err, &typ):
		return Invalid("The field %s must be %s, not %s.", typ.Field, jsonKind(typ), withArticle(typ.Value))
	}
	// encoding/json's other messages (an unknown field, a malformed time)
	// name the fault in the sender's terms.
	return Invalid("The document is not a profile: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

// withArticle puts "a" or "an" before a JSON type's name.
func withArticle(kind string) string {
	if strings.IndexAny(kind[:1], "aeiou") == 0 {
		return "an " + kind
	}
	return "a " + kind
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
