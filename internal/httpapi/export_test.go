package httpapi

import "strings"

// WithoutFastPath routes every request through chi and its middleware, so
// that tests can compare the fast path's answers with the chain's.
func WithoutFastPath() Option {
	return func(o *options) { o.noFastPath = true }
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
