package httpapi

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
)

// Kinds of cursor: a cursor opens only where its kind is read.
const (
	listCursor     = "list"
	searchCursor   = "search"
	revisionCursor = "revisions"
)

// cursorTagLen is the length of a cursor's tag, in bytes: 128 bits of
// HMAC-SHA-256 are more than anyone can guess.
const cursorTagLen = 16

// maxCursorLen is the longest cursor opened, in characters: a list cursor
// holds a title and a slug of at most 200 characters each (at most 4 bytes
// a character), and the tag; a longer one is refused unread.
const maxCursorLen = 2048

// cursors seals the cursors the API hands out with an HMAC under a server
// key, so that a client can pass back only a cursor it was given: a forged
// one (a deep search offset, a list key of any length) is refused before
// anything reads it. The MAC also covers the cursor's kind and its binding
// (the filter or the search it pages), which the cursor does not carry.
type cursors struct{ key []byte }

// newCursors returns the cursors of key, or of a random key when key is
// empty: then only a restart costs clients their paging.
func newCursors(key []byte) cursors {
	if len(key) == 0 {
		key = make([]byte, 32)
		// crypto/rand.Read never fails (Go 1.24).
		_, _ = rand.Read(key)
	}
	return cursors{key: key}
}

// seal returns the cursor of v, a value that marshals, of kind under
// binding: base64url of its JSON and the tag, which the OpenAPI pattern
// of a cursor allows.
func (c cursors) seal(kind, binding string, v any) string {
	data, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(append(data, c.tag(kind, binding, data)...))
}

// open reads the cursor query parameter, which is optional, into v:
// given is false without one; ok is false for a cursor given more than
// once, or not sealed by seal with this key, kind and binding.
func (c cursors) open(kind, binding string, values []string, v any) (given, ok bool) {
	switch len(values) {
	case 0:
		return false, true
	case 1:
	default:
		return true, false
	}
	if len(values[0]) > maxCursorLen {
		return true, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(values[0])
	if err != nil || len(raw) < cursorTagLen {
		return true, false
	}
	data, tag := raw[:len(raw)-cursorTagLen], raw[len(raw)-cursorTagLen:]
	if !hmac.Equal(tag, c.tag(kind, binding, data)) {
		return true, false
	}
	return true, json.Unmarshal(data, v) == nil
}

// tag is the MAC of a cursor's data under its kind and binding; NUL, which
// no kind holds, ends the kind.
func (c cursors) tag(kind, binding string, data []byte) []byte {
	mac := hmac.New(sha256.New, c.key)
	mac.Write([]byte(kind + "\x00"))
	// The binding's length keeps where it ends from the data.
	mac.Write(binary.BigEndian.AppendUint32(nil, uint32(len(binding))))
	mac.Write([]byte(binding))
	mac.Write(data)
	return mac.Sum(nil)[:cursorTagLen]
}

// numberCursor is the JSON inside a cursor that holds a number: the offset
// of a search's next page, the revision the next page of revisions starts
// below.
type numberCursor struct {
	N int `json:"n"`
}

func (c cursors) sealNumber(kind, binding string, n int) string {
	return c.seal(kind, binding, numberCursor{N: n})
}

// openNumber reads the optional cursor of kind that holds a number; 0
// means the first page. A number out of 1..limit is refused.
func (c cursors) openNumber(kind, binding string, values []string, limit int) (int, bool) {
	var n numberCursor
	given, ok := c.open(kind, binding, values, &n)
	if !given || !ok {
		return 0, ok
	}
	return n.N, n.N >= 1 && n.N <= limit
}
