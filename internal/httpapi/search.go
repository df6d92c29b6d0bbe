package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/karir/karir/internal/profile"
)

// maxMatchBody is the largest body POST /v1/match reads.
const maxMatchBody = 64 << 10

// SearchResource serves discovery: search, suggest, traits, related
// profiles, compare and match.
type SearchResource struct {
	catalogue profile.Catalogue
	out       responder
	cursors   cursors
	// history, when set, tells a deleted profile from one that never was.
	history profile.RevisionReader
}

// NewSearchResource returns the resource; logger gets the errors clients
// are not shown.
func NewSearchResource(catalogue profile.Catalogue, logger *slog.Logger) *SearchResource {
	return &SearchResource{catalogue: catalogue, out: responder{logger: logger}}
}

// Register adds the routes at the root of r, and related under profiles,
// the router mounted at /v1/profiles.
func (res *SearchResource) Register(r, profiles chi.Router) {
	r.Get("/v1/search", res.out.handle(res.searchProfiles))
	r.Get("/v1/suggest", res.out.handle(res.suggest))
	r.Get("/v1/traits", res.out.handle(res.traits))
	r.Get("/v1/compare", res.out.handle(res.compare))
	r.Post("/v1/match", res.out.handle(res.match))
	profiles.Get("/{slug}/related", res.out.handle(res.related))
}

type searchJSON struct {
	Items []hitJSON `json:"items"`
	Total int       `json:"total"`
	Fuzzy bool      `json:"fuzzy"`
	Next  string    `json:"next,omitempty"`
}

type hitJSON struct {
	Slug    string      `json:"slug"`
	Title   string      `json:"title"`
	Score   float64     `json:"score"`
	URL     string      `json:"url"`
	Matches []matchJSON `json:"matches"`
}

type matchJSON struct {
	Section profile.SectionKey `json:"section"`
	Line    int                `json:"line"`
	Text    string             `json:"text"`
	Snippet string             `json:"snippet"`
}

func (res *SearchResource) searchProfiles(w http.ResponseWriter, r *http.Request) error {
	query := r.URL.Query()
	if len(query["q"]) != 1 {
		return profile.BadQuery()
	}
	q := profile.SearchQuery{Text: query.Get("q")}
	switch sections := query["section"]; len(sections) {
	case 0:
	case 1:
		q.Section = profile.SectionKey(sections[0])
		if !q.Section.Valid() {
			return profile.BadSection()
		}
	default:
		return profile.Invalid("The section parameter must be given at most once.")
	}
	limit, ok := parseLimit(query["limit"])
	if !ok {
		return errLimit
	}
	q.Limit = limit
	// A cursor pages only the search of its query and section.
	binding := q.Text + "\x00" + string(q.Section)
	if q.Offset, ok = res.cursors.openNumber(searchCursor, binding, query["cursor"], profile.MaxSearchOffset); !ok {
		return profile.Invalid(
			"The cursor parameter must be given once, as the next value of a previous page of the same search.")
	}
	result, err := res.catalogue.Search(r.Context(), q)
	if err != nil {
		return err
	}
	body := searchJSON{Items: make([]hitJSON, 0, len(result.Items)), Total: result.Total, Fuzzy: result.Fuzzy}
	for _, h := range result.Items {
		hit := hitJSON{Slug: h.Slug, Title: h.Title, Score: h.Score, URL: profileURL(h.Slug), Matches: []matchJSON{}}
		for _, m := range h.Matches {
			hit.Matches = append(hit.Matches, matchJSON(m))
		}
		body.Items = append(body.Items, hit)
	}
	if next := q.Offset + len(result.Items); len(result.Items) > 0 && next < result.Total {
		body.Next = res.cursors.sealNumber(searchCursor, binding, next)
	}
	return writeJSON(w, r, body)
}

func profileURL(slug string) string { return profilesPath + "/" + url.PathEscape(slug) }

type suggestionJSON struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

type itemsJSON[T any] struct {
	Items []T `json:"items"`
}

func (res *SearchResource) suggest(w http.ResponseWriter, r *http.Request) error {
	values := r.URL.Query()["q"]
	if len(values) != 1 {
		return profile.BadPrefix()
	}
	found, err := res.catalogue.Suggest(r.Context(), values[0])
	if err != nil {
		return err
	}
	body := itemsJSON[suggestionJSON]{Items: make([]suggestionJSON, 0, len(found))}
	for _, s := range found {
		body.Items = append(body.Items, suggestionJSON(s))
	}
	return writeJSON(w, r, body)
}

type traitJSON struct {
	Name        string `json:"name"`
	Label       string `json:"label"`
	FitCount    int    `json:"fit_count"`
	NonFitCount int    `json:"non_fit_count"`
}

func (res *SearchResource) traits(w http.ResponseWriter, r *http.Request) error {
	traits, err := res.catalogue.Traits(r.Context())
	if err != nil {
		return err
	}
	body := itemsJSON[traitJSON]{Items: make([]traitJSON, 0, len(traits))}
	for _, t := range traits {
		body.Items = append(body.Items, traitJSON(t))
	}
	return writeJSON(w, r, body)
}

type relatedJSON struct {
	Slug   string  `json:"slug"`
	Title  string  `json:"title"`
	Score  float64 `json:"score"`
	Reason string  `json:"reason"`
	URL    string  `json:"url"`
}

func (res *SearchResource) related(w http.ResponseWriter, r *http.Request) error {
	slug := pathParam(r, "slug")
	if !storable(slug) {
		return profile.NoProfile(slug)
	}
	related, err := res.catalogue.Related(r.Context(), slug)
	if err != nil {
		return explainMissing(w, r, res.history, slug, err)
	}
	body := itemsJSON[relatedJSON]{Items: make([]relatedJSON, 0, len(related))}
	for _, p := range related {
		body.Items = append(body.Items, relatedJSON{Slug: p.Slug, Title: p.Title, Score: p.Score, Reason: p.Reason, URL: profileURL(p.Slug)})
	}
	return writeJSON(w, r, body)
}

// compareJSON is the answer of compare but for its first member,
// "profiles", which compare writes from the documents as they are.
type compareJSON struct {
	SharedTraits   []string            `json:"shared_traits"`
	DistinctTraits map[string][]string `json:"distinct_traits"`
}

func (res *SearchResource) compare(w http.ResponseWriter, r *http.Request) error {
	values := r.URL.Query()["slugs"]
	var slugs []string
	if len(values) == 1 {
		slugs = strings.Split(values[0], ",")
	}
	if len(slugs) < profile.MinCompared || len(slugs) > profile.MaxCompared {
		return profile.Invalid(
			"The slugs parameter must be given once, as %d to %d slugs separated by commas.", profile.MinCompared, profile.MaxCompared)
	}
	docs := make([][]byte, 0, len(slugs))
	traits := make([][]string, 0, len(slugs))
	for i, slug := range slugs {
		for _, earlier := range slugs[:i] {
			if earlier == slug {
				return profile.Invalid("The slugs parameter names %q twice.", slug)
			}
		}
		if !storable(slug) {
			return profile.NoProfile(slug)
		}
		doc, fit, err := res.catalogue.Compared(slug)
		if err != nil {
			return explainMissing(w, r, res.history, slug, err)
		}
		docs = append(docs, doc)
		traits = append(traits, fit)
	}
	c := profile.CompareTraits(slugs, traits)
	rest, err := json.Marshal(compareJSON(c))
	if err != nil {
		return err
	}
	// The documents are JSON as json.Marshal writes it: sent as they are,
	// they are not scanned again as a json.RawMessage would be.
	body := slices.Concat([]byte(`{"profiles":[`), bytes.Join(docs, []byte(",")), []byte("],"), rest[1:])
	writeRepresentation(w, r, "application/json", body)
	return nil
}

type matchRequestJSON struct {
	Traits []string `json:"traits"`
	Avoid  []string `json:"avoid"`
	Limit  *int     `json:"limit"`
}

type matchResultJSON struct {
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Score    float64  `json:"score"`
	URL      string   `json:"url"`
	Matched  []string `json:"matched"`
	Missing  []string `json:"missing"`
	Warnings []string `json:"warnings"`
}

func (res *SearchResource) match(w http.ResponseWriter, r *http.Request) error {
	req, err := readMatchRequest(w, r)
	if err != nil {
		return err
	}
	results, err := res.catalogue.Match(r.Context(), req)
	if err != nil {
		return err
	}
	body := itemsJSON[matchResultJSON]{Items: make([]matchResultJSON, 0, len(results))}
	for _, m := range results {
		body.Items = append(body.Items, matchResultJSON{
			Slug: m.Slug, Title: m.Title, Score: m.Score, URL: profileURL(m.Slug),
			Matched: m.Matched, Missing: m.Missing, Warnings: m.Warnings,
		})
	}
	// An answer to a POST: no validators, no conditional 304.
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
	return nil
}

// readMatchRequest reads a JSON body of at most maxMatchBody bytes with no
// fields but the documented ones.
func readMatchRequest(w http.ResponseWriter, r *http.Request) (profile.MatchRequest, error) {
	var m profile.MatchRequest
	if mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mediaType != "application/json" {
		return m, profile.UnsupportedMediaType("The body must be JSON, sent as Content-Type: application/json.")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxMatchBody))
	dec.DisallowUnknownFields()
	var body matchRequestJSON
	err := dec.Decode(&body)
	if err == nil && dec.Decode(new(json.RawMessage)) != io.EOF {
		err = errors.New("trailing data")
	}
	if tooLarge := new(http.MaxBytesError); errors.As(err, &tooLarge) {
		return m, profile.TooLarge("The body must be at most %d bytes.", maxMatchBody)
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		// Too slow (paceBodies): writeError answers 408.
		return m, err
	}
	if err != nil {
		return m, profile.Invalid(
			`The body must be one JSON object {"traits": [...], "avoid": [...], "limit": n} and nothing else: %s.`, jsonProblem(err))
	}
	m = profile.MatchRequest{Traits: profile.CanonicalTraits(body.Traits), Avoid: profile.CanonicalTraits(body.Avoid), Limit: defaultLimit}
	if body.Limit != nil {
		if *body.Limit < 1 || *body.Limit > maxLimit {
			return m, profile.Invalid("The limit must be a whole number from 1 to %d.", maxLimit)
		}
		m.Limit = *body.Limit
	}
	return m, nil
}

// jsonProblem says what is wrong with a body in a client's terms.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("it is not valid JSON at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s must be %s", typ.Field, strings.TrimPrefix(typ.Type.String(), "*"))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "it is empty or cut short"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "it has the unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "more follows the object"
}
