package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// minTokenLength keeps guessable tokens out: a token is a secret, not a
// password someone types.
const minTokenLength = 16

var tokenName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Tokens are the editors' bearer tokens, each under a name that revisions
// record as their author. Only SHA-256 sums of the tokens are kept, so no
// log, error or revision can hold one.
type Tokens struct {
	entries []tokenEntry
}

type tokenEntry struct {
	name string
	sum  [sha256.Size]byte
}

// ParseTokens reads "name:token,name2:token2". Several tokens allow
// rotating one without downtime. Errors name the entry by its place and
// name, never by its token.
func ParseTokens(s string) (Tokens, error) {
	var t Tokens
	if strings.TrimSpace(s) == "" {
		return t, nil
	}
	seen := map[string]bool{}
	for i, entry := range strings.Split(s, ",") {
		name, token, ok := strings.Cut(strings.TrimSpace(entry), ":")
		switch {
		case !ok:
			return Tokens{}, fmt.Errorf("entry %d is not name:token", i+1)
		case !tokenName.MatchString(name):
			return Tokens{}, fmt.Errorf("entry %d: the name must be 1 to 64 letters, digits, '.', '_' or '-'", i+1)
		case seen[name]:
			return Tokens{}, fmt.Errorf("entry %d: the name %q is given twice", i+1, name)
		case len(token) < minTokenLength:
			return Tokens{}, fmt.Errorf("entry %d: the token of %q is shorter than %d characters", i+1, name, minTokenLength)
		}
		seen[name] = true
		t.entries = append(t.entries, tokenEntry{name: name, sum: sha256.Sum256([]byte(token))})
	}
	return t, nil
}

// Names returns the names of the tokens, in the order given.
func (t Tokens) Names() []string {
	names := make([]string, 0, len(t.entries))
	for _, e := range t.entries {
		names = append(names, e.name)
	}
	return names
}

// match returns the name of token. It compares the token's sum with every
// entry in constant time, so that timing tells nothing of how close a guess
// came or which entry it hit.
func (t Tokens) match(token string) (string, bool) {
	sum := sha256.Sum256([]byte(token))
	name, found := "", false
	for _, e := range t.entries {
		if subtle.ConstantTimeCompare(sum[:], e.sum[:]) == 1 {
			name, found = e.name, true
		}
	}
	return name, found
}

// authorize returns the name of the editor the request's bearer token
// belongs to.
func (t Tokens) authorize(r *http.Request) (string, error) {
	if len(t.entries) == 0 {
		return "", profile.Forbidden("Writes are disabled on this server: it has no editor tokens.")
	}
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", profile.Unauthorized("This write needs an editor's token, sent as Authorization: Bearer followed by the token.")
	}
	name, ok := t.match(strings.TrimSpace(token))
	if !ok {
		return "", profile.Unauthorized("The bearer token is not valid.")
	}
	return name, nil
}
