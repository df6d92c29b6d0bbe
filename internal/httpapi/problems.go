package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/web"
)

// problemsPath is where the problem types are explained: the type of every
// problem is problemsPath/kind, a reference that resolves against the
// request to a page on the server that answered.
const problemsPath = "/problems"

// The kinds of problem that only the HTTP layer answers; the others are the
// domain's error codes.
const (
	kindMethodNotAllowed = "method-not-allowed"
	kindNotAcceptable    = "not-acceptable"
	kindTooManyRequests  = "too-many-requests"
	kindHeadersTooLarge  = "headers-too-large"
	kindNotImplemented   = "not-implemented"
	kindRequestTimeout   = "request-timeout"
)

// problemType is a kind of problem as clients see it: the status it comes
// with, its title, and what its page says it means and what to do.
type problemType struct {
	kind        string
	status      int
	title       string
	explanation string
	remedy      string
}

func (t *problemType) uri() string { return problemsPath + "/" + t.kind }

// problemTypes are all the kinds of problem the API answers, by status: the
// one place that maps a kind to its status and says what it means.
var problemTypes = [...]problemType{
	{profile.EINVALID, http.StatusBadRequest, "Bad Request",
		"The request is refused as it stands: a query parameter, a header or the body does not have the form the route takes. The detail names the part at fault and what it accepts.",
		"Correct the part the detail names and send the request again. The reference at /docs says what each route takes."},
	{profile.EUNAUTHORIZED, http.StatusUnauthorized, "Unauthorized",
		"The request changes the catalogue, which needs an editor's token, and it sends none or one the server does not know.",
		"Send the editor's token as Authorization: Bearer followed by the token. Reads need no token."},
	{profile.EFORBIDDEN, http.StatusForbidden, "Forbidden",
		"The server refuses the action whatever the credentials: writes are disabled because the server has no editor tokens.",
		"Read instead, or ask the server's operator to give it editor tokens (KARIR_ADMIN_TOKENS)."},
	{profile.ENOTFOUND, http.StatusNotFound, "Not Found",
		"Nothing answers to the path: no profile has the slug, profiles have no such section, the profile has no such revision, or the server serves nothing there.",
		"Check the path against the detail. GET /v1/profiles lists the profiles, and /v1/search and /v1/suggest find one by its words."},
	{kindMethodNotAllowed, http.StatusMethodNotAllowed, "Method Not Allowed",
		"The path exists but does not serve the request's method.",
		"Use one of the methods that the Allow header of the answer lists."},
	{kindNotAcceptable, http.StatusNotAcceptable, "Not Acceptable",
		"The Accept header rules out the only media type the path serves.",
		"Accept the media type the detail names, or send no Accept header."},
	{kindRequestTimeout, http.StatusRequestTimeout, "Request Timeout",
		"The body arrived more slowly than the server waits for: a few seconds' grace, then some kilobytes a second, and ten seconds in all.",
		"Send the body at once, as soon as the headers are sent."},
	{profile.ECONFLICT, http.StatusConflict, "Conflict",
		"The change clashes with what is stored: a profile with the slug exists already.",
		"Replace that profile with PUT on its path, or give the new profile another title."},
	{profile.EGONE, http.StatusGone, "Gone",
		"The profile existed and was deleted. Its revisions stay readable; the Link header of the answer points to them.",
		"Read its revisions, or create the profile again with PUT on its path."},
	{profile.EPRECONDITION, http.StatusPreconditionFailed, "Precondition Failed",
		"The If-Match or If-None-Match header of the write does not hold: the profile has changed since it was read, or it exists where the write asks that it does not (or the other way round).",
		"Read the profile again, apply the change to what it is now, and send the write with its new ETag in If-Match."},
	{profile.EPRECONDREQ, http.StatusPreconditionRequired, "Precondition Required",
		"The write must say which version of the profile it changes, and says nothing: a PUT over a stored profile, a DELETE or a restore could otherwise overwrite another editor's change unseen.",
		"Send the profile's current ETag (the detail gives it; a GET answers it) in If-Match, or If-None-Match: * to create a profile, or to restore a deleted one, only if none is stored."},
	{profile.ETOOLARGE, http.StatusRequestEntityTooLarge, "Request Entity Too Large",
		"The body is larger than the route takes: 1 MiB for a profile text or document, 64 KiB for a match.",
		"Send a smaller body."},
	{profile.EUNSUPPORTED, http.StatusUnsupportedMediaType, "Unsupported Media Type",
		"The body is of a media type the route does not take.",
		"Send the body as one of the media types the detail names, in Content-Type."},
	{profile.EUNPROCESSABLE, http.StatusUnprocessableEntity, "Unprocessable Entity",
		"The body is well formed but cannot be used: the parser cannot read the text as a job profile (the errors member names the line to blame, when one is), or the profile's title gives another slug than the path.",
		"Fix the text where the detail says, or write to the path of the slug the title gives. POST /v1/parse shows how a text reads without storing it."},
	{kindTooManyRequests, http.StatusTooManyRequests, "Too Many Requests",
		"The client, known by its address, has sent more requests than its rate limit allows.",
		"Wait the seconds that Retry-After gives, then send requests more slowly."},
	{kindHeadersTooLarge, http.StatusRequestHeaderFieldsTooLarge, "Request Header Fields Too Large",
		"The request line and headers together are larger than 16 KiB.",
		"Send a shorter URL or fewer and shorter headers."},
	{profile.EINTERNAL, http.StatusInternalServerError, "Internal Server Error",
		"The server failed to answer. The detail never says how; the server's log does, under the request's X-Request-ID.",
		"Try again later. If it keeps failing, tell the server's operator the X-Request-ID of the answer."},
	{kindNotImplemented, http.StatusNotImplemented, "Not Implemented",
		"The method is none of those HTTP defines (RFC 9110), so no path serves it.",
		"Use GET or HEAD to read, and POST, PUT or DELETE to write, as the reference at /docs shows."},
	{profile.EUNAVAILABLE, http.StatusServiceUnavailable, "Service Unavailable",
		"The server cannot answer now: the database is away or all its connections are busy, the catalogue is still loading, or the server is answering as many requests as it takes at once.",
		"Retry after the seconds that Retry-After gives."},
	{profile.ETIMEOUT, http.StatusServiceUnavailable, "Timed Out",
		"The answer took longer than the server gives a request, or the database did not answer in time.",
		"Retry after the seconds that Retry-After gives. If a request keeps timing out, ask for less at once: a smaller limit, fewer words."},
}

// problemTypeOf returns the problem type of kind.
func problemTypeOf(kind string) (*problemType, bool) {
	for i := range problemTypes {
		if problemTypes[i].kind == kind {
			return &problemTypes[i], true
		}
	}
	return nil, false
}

// problemsCSP is the Content-Security-Policy of the problem types' pages:
// the explorer's style sheet and icon, nothing else.
const problemsCSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// problemPages serve the problem types: /problems lists them and
// /problems/{kind} explains one, as a page to browsers and as JSON to
// other clients, as the Accept header asks.
type problemPages struct {
	all   negotiated
	kinds map[string]negotiated
}

// problemTypeJSON is a problem type as /problems/{kind} answers it; the
// page says the same.
type problemTypeJSON struct {
	Kind        string `json:"-"`
	Type        string `json:"type"`
	Title       string `json:"title"`
	Status      int    `json:"status"`
	Explanation string `json:"explanation"`
	Remedy      string `json:"remedy"`
}

// newProblemPages renders the pages once; they change only with the
// binary, so a template that does not render is a defect of it.
func newProblemPages() *problemPages {
	tmpl := template.Must(template.ParseFS(web.Files, "problems.html"))
	render := func(title, lead string, types []problemTypeJSON, body any) negotiated {
		var html bytes.Buffer
		if err := tmpl.Execute(&html, struct {
			Title, Lead string
			Types       []problemTypeJSON
		}{title, lead, types}); err != nil {
			panic(fmt.Sprintf("httpapi: problem types' page: %v", err))
		}
		// Strings and ints always marshal.
		data, _ := json.Marshal(body)
		return negotiated{html: newStaticFile(contentTypes[".html"], html.Bytes()), csp: problemsCSP, json: data}
	}
	all := make([]problemTypeJSON, 0, len(problemTypes))
	for i := range problemTypes {
		t := &problemTypes[i]
		all = append(all, problemTypeJSON{t.kind, t.uri(), t.title, t.status, t.explanation, t.remedy})
	}
	p := &problemPages{
		all: render("Problem types",
			"Every error of this API is an RFC 9457 problem document (application/problem+json) whose type is one of these. "+
				"The type names the kind of error, the same on every request; the detail says what went wrong with the request at hand.",
			all, itemsJSON[problemTypeJSON]{Items: all}),
		kinds: make(map[string]negotiated, len(all)),
	}
	for _, t := range all {
		p.kinds[t.Kind] = render(t.Title,
			fmt.Sprintf("An error whose problem document has the type %s comes with the status %d.", t.Type, t.Status),
			[]problemTypeJSON{t}, t)
	}
	return p
}

func (p *problemPages) kind(w http.ResponseWriter, r *http.Request) error {
	kind := pathParam(r, "kind")
	page, ok := p.kinds[kind]
	if !ok {
		return profile.NotFound("No problem type is named %q; GET /problems lists them.", kind)
	}
	page.serve(w, r)
	return nil
}
