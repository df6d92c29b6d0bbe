package profile

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeDocument(t *testing.T) {
	p := parsedSeed(t, "002_7b24272a60752fdb.txt")
	p.UpdatedAt = time.Date(2026, 11, 26, 12, 0, 0, 123, time.UTC)
	data, err := Encode(p)
	require.NoError(t, err)
	got, err := DecodeDocument(data)
	require.NoError(t, err)
	assert.Equal(t, p, got, "a document decodes to the profile it encodes, updated_at included")

	for _, tc := range []struct{ body, want string }{
		{``, "The document is empty."},
		{`{"slug": "a"`, "The document is not valid JSON: it ends in the middle of a value."},
		{`{"slug": }`, "The document is not valid JSON: invalid character '}' looking for beginning of value (at byte 10)."},
		{`"teks"`, "The document must be a JSON object, not a string."},
		{`{"title": 7}`, "The field title must be a string, not a number."},
		{`{"sections": {"fit": {"traits": "teliti"}}}`, "The field sections.fit.traits must be an array, not a string."},
		{`{"source": []}`, "The field source must be an object, not an array."},
		{`{"gaji": 1}`, `The document is not a profile: unknown field "gaji".`},
		{`{} {}`, "The document holds more than one JSON value."},
	} {
		_, err := DecodeDocument([]byte(tc.body))
		assert.Equal(t, EINVALID, ErrorCode(err), tc.body)
		assert.EqualError(t, err, tc.want, tc.body)
	}
}
