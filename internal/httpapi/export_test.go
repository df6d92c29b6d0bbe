package httpapi

import (
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
