package httpapi

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// Page sizes of the list; the OpenAPI document states the same.
const (
	defaultLimit = profile.PageSize
	maxLimit     = 100
)

// ProfileResource serves career profiles from the catalogue, sending the
// bytes it holds encoded as they are, gzip included.
type ProfileResource struct {
	catalogue profile.Catalogue
	out       responder
	// editing, when set, adds the writes and the revisions.
	editing *Editing
	cursors cursors
	parses  parses
}

// NewProfileResource returns the resource; logger gets the errors clients
// are not shown.
func NewProfileResource(catalogue profile.Catalogue, logger *slog.Logger) *ProfileResource {
	return &ProfileResource{catalogue: catalogue, out: responder{logger: logger}}
}

// Routes returns the resource's router, to be mounted at /v1/profiles.
func (res *ProfileResource) Routes() chi.Router {
	r := newRouter(res.out)
	r.Get("/", res.out.handle(res.list))
	r.Get("/{slug}", res.out.handle(res.get))
	r.Get("/{slug}/{section}", res.out.handle(res.section))
	if res.editing != nil {
		res.editRoutes(r)
	}
	return r
}

type summaryJSON struct {
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	Traits  []string `json:"traits"`
	URL     string   `json:"url"`
}

type listJSON struct {
	Items []summaryJSON `json:"items"`
	Total int           `json:"total"`
	Next  string        `json:"next,omitempty"`
}

func (res *ProfileResource) list(w http.ResponseWriter, r *http.Request) error {
	query := r.URL.Query()
	limit, err := pageLimit(query)
	if err != nil {
		return err
	}
	// The catalogue refuses traits outside the vocabulary.
	filter := profile.ListFilter{Traits: profile.CanonicalTraits(query["trait"])}
	after, ok := res.cursors.openList(query["cursor"], filterKey(filter))
	if !ok {
		return profile.Invalid(
			"The cursor parameter must be given once, as the next value of a previous page with the same trait parameters.")
	}
	if limit == defaultLimit && len(filter.Traits) == 0 {
		page, kept, err := res.catalogue.EncodedPage(after, res.cursors.encodeDefaultPage)
		if err != nil {
			return err
		}
		if kept {
			writePage(w, r, page)
			return nil
		}
	}
	page, err := res.catalogue.List(r.Context(), limit, after, filter)
	if err != nil {
		return err
	}
	encoded, err := res.cursors.encodePage(page, limit, filter)
	if err != nil {
		return err
	}
	writePage(w, r, encoded)
	return nil
}

// writePage answers with a page of the list.
func writePage(w http.ResponseWriter, r *http.Request, page *wire.Page) {
	if page.Link != "" {
		w.Header()["Link"] = []string{page.Link}
	}
	writeEncoded(w, r, &page.Encoded)
}

// encodeDefaultPage encodes a page of the unfiltered list at the default
// limit, as the catalogue keeps them (Catalogue.EncodedPage).
func (c cursors) encodeDefaultPage(page profile.Page) (*wire.Page, error) {
	return c.encodePage(page, defaultLimit, profile.ListFilter{})
}

// encodePage encodes a page of the list of limit items under filter, with
// the link to the next page.
func (c cursors) encodePage(page profile.Page, limit int, filter profile.ListFilter) (*wire.Page, error) {
	body := listJSON{Items: make([]summaryJSON, 0, len(page.Items)), Total: page.Total}
	for _, s := range page.Items {
		traits := s.Traits
		if traits == nil {
			traits = []string{}
		}
		body.Items = append(body.Items, summaryJSON{
			Slug:    s.Slug,
			Title:   s.Title,
			Summary: s.Summary,
			Traits:  traits,
			URL:     profilesPath + "/" + url.PathEscape(s.Slug),
		})
	}
	var link string
	if page.Next != nil {
		body.Next = c.list(*page.Next, filterKey(filter))
		var traits strings.Builder
		for _, t := range filter.Traits {
			traits.WriteString("&trait=" + url.QueryEscape(t))
		}
		link = fmt.Sprintf(`<%s?limit=%d%s&cursor=%s>; rel="next"`, profilesPath, limit, traits.String(), body.Next)
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return &wire.Page{Encoded: wire.Represent(data), Link: link}, nil
}

// get answers with the profile document: JSON, or JSON-LD for a client
// that ranks it higher.
func (res *ProfileResource) get(w http.ResponseWriter, r *http.Request) error {
	addVary(w.Header(), "Accept")
	return res.writeEncoded(w, r, "")
}

func (res *ProfileResource) section(w http.ResponseWriter, r *http.Request) error {
	key := profile.SectionKey(pathParam(r, "section"))
	if !key.Valid() {
		return profile.NoSection(string(key))
	}
	return res.writeEncoded(w, r, key)
}

// writeEncoded answers with the bytes the catalogue holds encoded: the
// profile document the path names when key is empty, else its section key.
func (res *ProfileResource) writeEncoded(w http.ResponseWriter, r *http.Request, key profile.SectionKey) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	enc, err := res.catalogue.Encoded(slug, key, acceptsGzip(r.Header["Accept-Encoding"]))
	if err != nil {
		return explainMissing(w, r, res.history(), slug, err)
	}
	if key == "" && wantsLinkedData(r.Header["Accept"]) {
		return res.writeLinkedData(w, r, slug)
	}
	writeEncoded(w, r, &enc)
	return nil
}

// history is what tells a deleted profile from one that never was: the
// revisions, read only with the editors' routes.
func (res *ProfileResource) history() profile.RevisionReader {
	if res.editing == nil {
		return nil
	}
	return res.editing.Service
}

// explainMissing returns err, the catalogue's answer for slug, unless it
// is ENOTFOUND and history (nil without revisions) says the profile was
// deleted: then the EGONE Error, with the Link to its revisions, so that
// every route of a deleted profile answers alike.
func explainMissing(w http.ResponseWriter, r *http.Request, history profile.RevisionReader, slug string, err error) error {
	if profile.ErrorCode(err) != profile.ENOTFOUND || history == nil {
		return err
	}
	err = missing(r, history, slug, err)
	linkHistory(w, slug, err)
	return err
}

// slugParam returns the slug the path names, or the ENOTFOUND Error of one
// that no profile can have (the detail repeats a long one cut).
func slugParam(r *http.Request) (string, error) {
	slug := pathParam(r, "slug")
	if !storable(slug) || len(slug) > maxSlugLen {
		return "", profile.NoProfile(slug)
	}
	return slug, nil
}

// maxSlugLen is the longest slug the schema stores.
const maxSlugLen = 200

// pathParam returns the path segment that chi matched as name, decoded.
// chi matches on the escaped path when it holds an escape that Go would
// not make itself (%2D for "-"), and on the decoded path otherwise (%C3%A9);
// decoding only in the first case reads both alike, and never twice.
func pathParam(r *http.Request, name string) string {
	v := chi.URLParam(r, name)
	if r.URL.RawPath == "" {
		return v
	}
	if decoded, err := url.PathUnescape(v); err == nil {
		return decoded
	}
	return v
}

// storable reports whether PostgreSQL can compare s with stored text: it
// refuses a query with invalid UTF-8 or NUL rather than finding nothing.
func storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// errCursor refuses a cursor that no page gave.
var errCursor = profile.Invalid(
	"The cursor parameter must be given once, as the next value of a previous page.")

// errLimit refuses a limit out of range.
var errLimit = profile.Invalid("The limit parameter must be given once, as a whole number from 1 to %d.", maxLimit)

// pageLimit reads the limit of a paged list.
func pageLimit(query url.Values) (int, error) {
	limit, ok := parseLimit(query["limit"])
	if !ok {
		return 0, errLimit
	}
	return limit, nil
}

// parseLimit reads the limit query parameter, which is optional.
func parseLimit(values []string) (int, bool) {
	switch len(values) {
	case 0:
		return defaultLimit, true
	case 1:
		n, err := strconv.Atoi(values[0])
		return n, err == nil && n >= 1 && n <= maxLimit
	}
	return 0, false
}

// cursorKey is the JSON inside a list cursor; the short names keep URLs
// short. The cursor is bound to filterKey of the list's filter, so that it
// is refused under another filter, whose pages it does not belong to.
type cursorKey struct {
	Title string `json:"t"`
	Slug  string `json:"s"`
}

// filterKey identifies a list filter in a cursor's binding: the traits in
// order, joined by NUL, which no trait name holds; "" for no filter.
func filterKey(f profile.ListFilter) string {
	return strings.Join(f.Traits, "\x00")
}

// list turns a page key into the opaque cursor clients pass back.
func (c cursors) list(k profile.PageKey, filter string) string {
	return c.seal(listCursor, filter, cursorKey{Title: k.Title, Slug: k.Slug})
}

// openList reads the cursor query parameter of the list; nil means the
// first page. A cursor made under another filter is refused.
func (c cursors) openList(values []string, filter string) (*profile.PageKey, bool) {
	var k cursorKey
	given, ok := c.open(listCursor, filter, values, &k)
	switch {
	case !given || !ok:
		return nil, ok
	case k.Title == "" || k.Slug == "" || !storable(k.Title+k.Slug):
		return nil, false
	}
	return &profile.PageKey{Title: k.Title, Slug: k.Slug}, true
}

// missing tells why the catalogue, which holds current profiles only,
// has no profile under slug: its newest revision is a delete (EGONE), it
// never existed (notFound), or the revisions cannot be read now. Only a
// miss pays this round trip.
func missing(r *http.Request, history profile.RevisionReader, slug string, notFound error) error {
	page, err := history.Revisions(r.Context(), slug, 1, 0)
	switch {
	case profile.ErrorCode(err) == profile.ENOTFOUND:
		return notFound
	case err != nil:
		return err
	case len(page.Items) > 0 && page.Items[0].Action == profile.ActionDelete:
		return profile.Deleted(slug)
	}
	return notFound
}
