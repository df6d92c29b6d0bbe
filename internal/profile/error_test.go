package profile

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestConstructorsGiveTheirCodes(t *testing.T) {
	for _, tt := range []struct {
		err  *Error
		code string
	}{
		{Invalid("x."), EINVALID},
		{Unauthorized("x."), EUNAUTHORIZED},
		{Forbidden("x."), EFORBIDDEN},
		{NotFound("x."), ENOTFOUND},
		{Conflict("x."), ECONFLICT},
		{Gone("x."), EGONE},
		{PreconditionFailed("x."), EPRECONDITION},
		{PreconditionRequired("x."), EPRECONDREQ},
		{TooLarge("x."), ETOOLARGE},
		{UnsupportedMediaType("x."), EUNSUPPORTED},
		{Unprocessable("x."), EUNPROCESSABLE},
		{Unavailable("x."), EUNAVAILABLE},
		{TimedOut("x."), ETIMEOUT},
	} {
		assert.Equal(t, tt.code, ErrorCode(tt.err))
		assert.Equal(t, "x.", ErrorMessage(tt.err))
	}
}

type stringer string

func (s stringer) String() string { return string(s) }

// TestDetailShortensClientInput holds every kind of argument that can carry
// client input to MaxEcho characters, cut between characters and marked.
func TestDetailShortensClientInput(t *testing.T) {
	long := strings.Repeat("a", 10_000)
	want := strings.Repeat("a", MaxEcho) + "…"
	for name, arg := range map[string]any{
		"string":        long,
		"[]byte":        []byte(long),
		"error":         errors.New(long),
		"fmt.Stringer":  stringer(long),
		"a string type": SectionKey(long),
	} {
		assert.Equal(t, "<"+want+">.", Detail("<%s>.", arg), name)
	}
	assert.Equal(t, `["`+want+`" "b"]`, Detail("%q", []string{long, "b"}))

	wide := strings.Repeat("é", 100)
	got := Detail("%s", wide)
	assert.Equal(t, strings.Repeat("é", MaxEcho)+"…", got)
	assert.True(t, utf8.ValidString(got))

	short := strings.Repeat("b", MaxEcho)
	assert.Equal(t, `"`+short+`" 7`, Detail("%q %d", short, 7), "what fits is left whole")
	assert.Equal(t, long, Detail("%s", Verbatim(long)), "the server's own words are not cut")
	assert.Equal(t, "No profile has the slug \""+want+"\".", NoProfile(long).Message)
}
