package profile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// DecodeDocument reads one profile document strictly: a JSON object with
// no field a Profile does not have and every field of its type; warnings
// may be left out. The EINVALID Error names the fault in the sender's
// terms; data that is not UTF-8 is an EUNPROCESSABLE Error, as a text is.
// It does not Validate the profile.
func DecodeDocument(data []byte) (*Profile, error) {
	// encoding/json would read invalid UTF-8 as U+FFFD and store a
	// document other than the one sent; a text with it is refused too.
	if !utf8.Valid(data) {
		return nil, Unprocessable("The document is not valid UTF-8 (at byte %d).", invalidUTF8At(data))
	}
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

// invalidUTF8At is the offset of the first byte of data that is not valid
// UTF-8.
func invalidUTF8At(data []byte) int {
	at := 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return at
		}
		at += size
		data = data[size:]
	}
	return at
}

// DocumentSource is the provenance of a profile an editor sent as a
// document rather than parsed from a text: the file <slug>.json and the
// SHA-256 of the document as stored, but for its source and UpdatedAt
// (which the store sets), so that anyone can check it against the
// document the API serves.
func DocumentSource(p *Profile) (Source, error) {
	c := *p
	c.Source, c.UpdatedAt = Source{}, time.Time{}
	data, err := Encode(&c)
	if err != nil {
		return Source{}, err
	}
	sum := sha256.Sum256(data)
	return Source{File: p.Slug + ".json", SHA256: hex.EncodeToString(sum[:])}, nil
}
