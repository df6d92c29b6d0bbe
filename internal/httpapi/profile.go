package httpapi

import (
	"encoding/base64"
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
)

// Page sizes of the list; the OpenAPI document states the same.
const (
	defaultLimit = 20
	maxLimit     = 100
)

// ProfileResource serves career profiles from a reader of the catalogue.
type ProfileResource struct {
	profiles profile.ProfileReader
	out      responder
}

// NewProfileResource returns the resource; logger gets the errors clients
// are not shown.
func NewProfileResource(profiles profile.ProfileReader, logger *slog.Logger) *ProfileResource {
	return &ProfileResource{profiles: profiles, out: responder{logger: logger}}
}

// Routes returns the resource's router, to be mounted at /v1/profiles.
func (res *ProfileResource) Routes() chi.Router {
	r := newRouter(res.out)
	r.Get("/", res.out.handle(res.list))
	r.Get("/{slug}", res.out.handle(res.get))
	r.Get("/{slug}/{section}", res.out.handle(res.section))
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
	limit, ok := parseLimit(query["limit"])
	if !ok {
		return profile.Errorf(profile.EINVALID,
			"The limit parameter must be given once, as a whole number from 1 to %d.", maxLimit)
	}
	after, ok := parseCursor(query["cursor"])
	if !ok {
		return profile.Errorf(profile.EINVALID,
			"The cursor parameter must be given once, as the next value of a previous page.")
	}
	page, err := res.profiles.List(r.Context(), limit, after)
	if err != nil {
		return err
	}

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
	if page.Next != nil {
		body.Next = encodeCursor(*page.Next)
		w.Header().Set("Link", fmt.Sprintf(`<%s?limit=%d&cursor=%s>; rel="next"`, profilesPath, limit, body.Next))
	}
	return writeJSON(w, r, body)
}

func (res *ProfileResource) get(w http.ResponseWriter, r *http.Request) error {
	p, err := res.load(r)
	if err != nil {
		return err
	}
	return writeJSON(w, r, p)
}

func (res *ProfileResource) section(w http.ResponseWriter, r *http.Request) error {
	key := profile.SectionKey(pathParam(r, "section"))
	if !key.Valid() {
		keys := make([]string, 0, 6)
		for _, k := range profile.SectionKeys() {
			keys = append(keys, string(k))
		}
		return profile.Errorf(profile.ENOTFOUND,
			"Profiles have no section %q; the sections are %s.", cut(string(key)), strings.Join(keys, ", "))
	}
	p, err := res.load(r)
	if err != nil {
		return err
	}
	section, _ := p.Sections.Get(key) // key is valid
	return writeJSON(w, r, section)
}

// load returns the profile the path names.
func (res *ProfileResource) load(r *http.Request) (*profile.Profile, error) {
	slug := pathParam(r, "slug")
	if !storable(slug) || len(slug) > maxSlugLen {
		return nil, profile.Errorf(profile.ENOTFOUND, "No profile has the slug %q.", cut(slug))
	}
	return res.profiles.Get(r.Context(), slug)
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

// cutAt is how much of a value from the request an error detail repeats.
const cutAt = 64

// cut shortens s to cutAt bytes, on a rune boundary, marking the cut: a
// detail does not grow with the request.
func cut(s string) string {
	if len(s) <= cutAt {
		return s
	}
	end := cutAt
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end] + "…"
}

// storable reports whether PostgreSQL can compare s with stored text: it
// refuses a query with invalid UTF-8 or NUL rather than finding nothing.
func storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
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

// cursorKey is the JSON inside a cursor; the short names keep URLs short.
type cursorKey struct {
	Title string `json:"t"`
	Slug  string `json:"s"`
}

// encodeCursor turns a page key into the opaque cursor clients pass back.
func encodeCursor(k profile.PageKey) string {
	// Strings always marshal.
	data, _ := json.Marshal(cursorKey{Title: k.Title, Slug: k.Slug})
	return base64.RawURLEncoding.EncodeToString(data)
}

// parseCursor reads the cursor query parameter, which is optional; nil
// means the first page.
func parseCursor(values []string) (*profile.PageKey, bool) {
	switch len(values) {
	case 0:
		return nil, true
	case 1:
	default:
		return nil, false
	}
	data, err := base64.RawURLEncoding.DecodeString(values[0])
	if err != nil {
		return nil, false
	}
	var k cursorKey
	if err := json.Unmarshal(data, &k); err != nil || k.Title == "" || k.Slug == "" || !storable(k.Title+k.Slug) {
		return nil, false
	}
	return &profile.PageKey{Title: k.Title, Slug: k.Slug}, true
}
