package httpapi

import (
	"encoding/base64"
	"log/slog"
	"strings"

	"github.com/go-chi/chi/v5"
)

// Routes returns the router of the API NewHandler serves under opts, to
// walk.
func Routes(opts ...Option) chi.Routes {
	return newOptions(opts).routes(nil, nil, responder{logger: slog.New(slog.DiscardHandler)})
}

// ProblemType returns the status and the title of the problems whose type
// is uri, and whether the API answers with that type at all.
func ProblemType(uri string) (status int, title string, ok bool) {
	kind, found := strings.CutPrefix(uri, problemsPath+"/")
	t, known := problemTypeOf(kind)
	if !found || !known {
		return 0, "", false
	}
	return t.status, t.title, true
}

// Kinds of cursor, for SealCursor.
const (
	ListCursor     = listCursor
	SearchCursor   = searchCursor
	RevisionCursor = revisionCursor
)

// SealCursor returns the cursor of data, JSON or not, of kind under
// binding, that a handler with WithCursorKey(key) would accept the tag of.
func SealCursor(key []byte, kind, binding, data string) string {
	tag := cursors{key: key}.tag(kind, binding, []byte(data))
	return base64.RawURLEncoding.EncodeToString(append([]byte(data), tag...))
}
