package httpapi

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	chimiddleware "github.com/go-chi/chi/v5/middleware"

	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// Paths served at the root beside the profiles.
const (
	parsePath  = "/v1/parse"
	exportPath = "/v1/export"
)

// Editing is what the editors' routes need.
type Editing struct {
	// Service writes profiles and reads their revisions; the export reads
	// the catalogue.
	Service profile.ProfileService
	// Tokens are the editors' tokens; without any, every write is refused
	// with 403.
	Tokens Tokens
	// Origins are the browser origins allowed to write (CORS); reads and
	// the preview are open to any origin.
	Origins []string
}

// editRoutes adds the writes and the revisions to the profiles' router.
func (res *ProfileResource) editRoutes(r chi.Router) {
	r.Post("/", res.out.handle(res.create))
	r.Put("/{slug}", res.out.handle(res.put))
	r.Delete("/{slug}", res.out.handle(res.delete))
	r.Get("/{slug}/revisions", res.out.handle(res.revisions))
	r.Get("/{slug}/revisions/{n}", res.out.handle(res.revision))
	res.historyRoutes(r)
}

func (res *ProfileResource) create(w http.ResponseWriter, r *http.Request) error {
	author, err := res.editing.Tokens.authorize(r)
	if err != nil {
		return err
	}
	c, err := res.readChange(r, author)
	if err != nil {
		return err
	}
	stored, err := res.editing.Service.Create(r.Context(), c)
	if err != nil {
		return err
	}
	return writeStored(w, http.StatusCreated, stored)
}

func (res *ProfileResource) put(w http.ResponseWriter, r *http.Request) error {
	slug := pathParam(r, "slug")
	author, cond, err := res.authorizeConditional(r)
	if err != nil {
		return err
	}
	c, err := res.readChange(r, author)
	if err != nil {
		return err
	}
	if c.Profile.Slug != slug {
		return profile.Unprocessable(
			"The profile's title %q gives the slug %q, not %q of the path.", c.Profile.Title, c.Profile.Slug, slug)
	}
	return writeSaved(w)(res.editing.Service.Put(r.Context(), c, cond))
}

// writeSaved returns what answers a write that may create: 201 when it
// did, else 200, with the stored document.
func writeSaved(w http.ResponseWriter) func(stored *profile.Profile, created bool, err error) error {
	return func(stored *profile.Profile, created bool, err error) error {
		if err != nil {
			return err
		}
		status := http.StatusOK
		if created {
			status = http.StatusCreated
		}
		return writeStored(w, status, stored)
	}
}

func (res *ProfileResource) delete(w http.ResponseWriter, r *http.Request) error {
	slug := pathParam(r, "slug")
	author, cond, err := res.authorizeConditional(r)
	if err != nil {
		return err
	}
	if !storable(slug) {
		return profile.NoProfile(slug)
	}
	if err := res.editing.Service.Delete(r.Context(), slug, author, cond); err != nil {
		linkHistory(w, slug, err)
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// authorizeConditional returns the editor of a write to an existing slug
// and the condition it sets.
func (res *ProfileResource) authorizeConditional(r *http.Request) (string, profile.Condition, error) {
	author, err := res.editing.Tokens.authorize(r)
	if err != nil {
		return "", profile.Condition{}, err
	}
	cond, err := condition(r)
	return author, cond, err
}

// linkHistory points the answer of a deleted profile to its revisions.
func linkHistory(w http.ResponseWriter, slug string, err error) {
	if profile.ErrorCode(err) == profile.EGONE {
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="version-history"`, revisionsPath(slug)))
	}
}

func revisionsPath(slug string) string {
	return profilesPath + "/" + url.PathEscape(slug) + "/revisions"
}

// readChange reads the profile a write sends: a text, parsed as a seed file
// is (its name from ?source=, else the slug's), or a document.
func (res *ProfileResource) readChange(r *http.Request, author string) (profile.Change, error) {
	mediaType, data, err := readBody(r, textType, jsonType)
	if err != nil {
		return profile.Change{}, err
	}
	c := profile.Change{Author: author}
	if mediaType == jsonType {
		c.Profile, err = readDocument(data)
		if err != nil {
			return c, err
		}
		return c, profile.CheckTitle(c.Profile.Title)
	}
	c.Profile, err = res.parses.parse(r, data)
	c.SourceText = string(data)
	return c, err
}

// readDocument reads a profile document as strictly as a text is parsed:
// valid, with traits of the vocabulary, and with a source that says it was
// sent as a document, never that of a text it replaces.
func readDocument(data []byte) (*profile.Profile, error) {
	p, err := profile.DecodeDocument(data)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := p.CheckVocabulary(); err != nil {
		return nil, err
	}
	// The store, not the editor, says when a profile changed.
	p.UpdatedAt = time.Time{}
	p.Source, err = profile.DocumentSource(p)
	return p, err
}

// parseText parses a profile text named by the source query parameter.
func parseText(r *http.Request, data []byte) (*profile.Profile, error) {
	sources := r.URL.Query()["source"]
	name := ""
	switch {
	case len(sources) > 1:
		return nil, profile.Invalid("The source parameter may be given once.")
	case len(sources) == 1:
		name = sources[0]
		if !storable(name) || filepath.Base(name) != name || !strings.HasSuffix(name, ".txt") || len(name) > 200 {
			return nil, profile.Invalid(
				"The source parameter must be a file name ending in .txt, without folders, of at most 200 bytes.")
		}
	}
	file := name
	if file == "" {
		file = "body"
	}
	p, err := parser.ParseContext(r.Context(), file, data)
	if err != nil {
		return nil, err
	}
	if err := profile.CheckTitle(p.Title); err != nil {
		return nil, err
	}
	if name == "" {
		p.Source.File = p.Slug + ".txt"
	}
	return p, nil
}

// condition reads If-Match and If-None-Match.
func condition(r *http.Request) (profile.Condition, error) {
	var c profile.Condition
	var err error
	if c.IfMatch, err = tagsField(r, "If-Match"); err != nil {
		return c, err
	}
	c.IfNoneMatch, err = tagsField(r, "If-None-Match")
	return c, err
}

// tagsField reads a list of entity tags or "*"; nil when the request does
// not send the field.
func tagsField(r *http.Request, name string) (*profile.Tags, error) {
	lines := r.Header.Values(name)
	if len(lines) == 0 {
		return nil, nil
	}
	t := &profile.Tags{}
	for _, line := range lines {
		if strings.TrimSpace(line) == "*" {
			t.Any = true
			continue
		}
		tags, ok := parseETags(line)
		if !ok {
			return nil, profile.Invalid(
				`The %s field must be "*" or a list of entity tags, such as the ETag of a GET.`, name)
		}
		t.List = append(t.List, tags...)
	}
	return t, nil
}

// writeStored answers a write with the stored document, its ETag (the one
// a GET answers) and, for a new profile, its Location.
func writeStored(w http.ResponseWriter, status int, p *profile.Profile) error {
	body, err := profile.Encode(p)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("ETag", wire.ETag(body))
	if status == http.StatusCreated {
		h.Set("Location", profilesPath+"/"+url.PathEscape(p.Slug))
	}
	writeBody(w, status, jsonType, body)
	return nil
}

func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// preview returns the handler that answers the document a text would be
// stored as, storing nothing. Without an editor's token of tokens a text
// may be at most publicBytes long.
func preview(parses parses, tokens Tokens, publicBytes int) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		tooLarge := profile.TooLarge("A preview without an editor's token takes at most %d bytes; editors may send %d.", publicBytes, maxBodyBytes)
		_, err := tokens.authorize(r)
		public := err != nil
		if public {
			if r.ContentLength > int64(publicBytes) {
				return tooLarge
			}
			r.Body = http.MaxBytesReader(w, r.Body, int64(publicBytes))
		}
		_, data, err := readBody(r, textType)
		if public && err == errBodyTooLarge {
			return tooLarge
		}
		if err != nil {
			return err
		}
		p, err := parses.parse(r, data)
		if err != nil {
			return err
		}
		return writePreview(w, p)
	}
}

// writePreview answers with the document of p.
func writePreview(w http.ResponseWriter, p *profile.Profile) error {
	body, err := profile.Encode(p)
	if err != nil {
		return err
	}
	writeBody(w, http.StatusOK, jsonType, body)
	return nil
}

type revisionSummaryJSON struct {
	Revision  int       `json:"revision"`
	CreatedAt time.Time `json:"created_at"`
	Action    string    `json:"action"`
	Author    string    `json:"author"`
	URL       string    `json:"url"`
	// ChangedSections are the keys of the sections this revision changed.
	ChangedSections []profile.SectionKey `json:"changed_sections"`
}

type revisionListJSON struct {
	Items []revisionSummaryJSON `json:"items"`
	Total int                   `json:"total"`
	Next  string                `json:"next,omitempty"`
}

type revisionJSON struct {
	Slug       string           `json:"slug"`
	Revision   int              `json:"revision"`
	CreatedAt  time.Time        `json:"created_at"`
	Action     string           `json:"action"`
	Author     string           `json:"author"`
	SourceText *string          `json:"source_text"`
	Document   *profile.Profile `json:"document"`
}

func (res *ProfileResource) revisions(w http.ResponseWriter, r *http.Request) error {
	slug := pathParam(r, "slug")
	query := r.URL.Query()
	limit, err := pageLimit(query)
	if err != nil {
		return err
	}
	before, ok := res.cursors.openNumber(revisionCursor, slug, query["cursor"], profile.MaxRevision)
	if !ok {
		return errCursor
	}
	if !storable(slug) {
		return profile.NoHistory(slug)
	}
	page, err := res.editing.Service.Revisions(r.Context(), slug, limit, before)
	if err != nil {
		return err
	}
	body := revisionListJSON{Items: make([]revisionSummaryJSON, 0, len(page.Items)), Total: page.Total}
	for _, rev := range page.Items {
		body.Items = append(body.Items, revisionSummaryJSON{
			Revision:  rev.Number,
			CreatedAt: rev.CreatedAt,
			Action:    string(rev.Action),
			Author:    rev.Author,
			URL:       fmt.Sprintf("%s/%d", revisionsPath(slug), rev.Number),

			ChangedSections: rev.ChangedSections,
		})
	}
	if page.Next > 0 {
		body.Next = res.cursors.sealNumber(revisionCursor, slug, page.Next)
		w.Header().Set("Link", fmt.Sprintf(`<%s?limit=%d&cursor=%s>; rel="next"`, revisionsPath(slug), limit, body.Next))
	}
	return writeJSON(w, r, body)
}

func (res *ProfileResource) revision(w http.ResponseWriter, r *http.Request) error {
	slug := pathParam(r, "slug")
	n, err := revisionNumber(r, slug)
	if err != nil {
		return err
	}
	rev, err := res.editing.Service.Revision(r.Context(), slug, n)
	if err != nil {
		return err
	}
	body := revisionJSON{
		Slug:      rev.Slug,
		Revision:  rev.Number,
		CreatedAt: rev.CreatedAt,
		Action:    string(rev.Action),
		Author:    rev.Author,
		Document:  rev.Profile,
	}
	if rev.SourceText != "" {
		body.SourceText = &rev.SourceText
	}
	return writeJSON(w, r, body)
}

// exportStall is how long an export waits for its client to take the
// next document: the export has no deadline as a whole, since its client
// may read 100,000 profiles slowly, but a client that stops reading lets
// go of it.
const exportStall = 30 * time.Second

// export streams every profile as NDJSON, one document a line, from one
// snapshot of the catalogue, in memory: it holds no database connection,
// and the request's deadline, which bounds what it would wait for, does
// not cut it. Once the first line is out, a failure can no longer be a
// problem answer: the connection is aborted, so that the client sees an
// error rather than a file that merely looks short.
func (out responder) export(catalogue profile.Catalogue) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		rc := http.NewResponseController(w)
		started := false
		err := catalogue.Documents(func(doc []byte) error {
			if !started {
				w.Header().Set("Content-Type", "application/x-ndjson")
				w.WriteHeader(http.StatusOK)
				started = true
			}
			// A writer that cannot move its deadline (a test's recorder)
			// writes as before.
			_ = rc.SetWriteDeadline(time.Now().Add(exportStall))
			if _, err := w.Write(doc); err != nil {
				return err
			}
			_, err := w.Write(newline)
			return err
		})
		switch {
		case err != nil && started:
			out.logger.ErrorContext(r.Context(), "export failed",
				slog.Any("err", err),
				slog.String("request_id", chimiddleware.GetReqID(r.Context())),
			)
			panic(http.ErrAbortHandler)
		case err != nil:
			return err
		case !started:
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.WriteHeader(http.StatusOK)
		}
		return nil
	}
}

var newline = []byte("\n")
