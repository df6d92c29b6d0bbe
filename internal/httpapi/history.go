package httpapi

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/karir/karir/internal/linediff"
	"github.com/karir/karir/internal/profile"
)

// historyRoutes add what editors do with the revisions beyond reading
// them: compare two, and make one current again.
func (res *ProfileResource) historyRoutes(r chi.Router) {
	r.Get("/{slug}/revisions/{n}/diff", res.out.handle(res.diff))
	r.Post("/{slug}/revisions/{n}/restore", res.out.handle(res.restore))
}

// revisionNumber reads the revision number of the path, which must be
// written as strconv.Itoa writes it.
func revisionNumber(r *http.Request, slug string) (int, error) {
	number := pathParam(r, "n")
	n, err := strconv.Atoi(number)
	if err != nil || n < 1 || n > profile.MaxRevision || strconv.Itoa(n) != number || !storable(slug) {
		return 0, profile.NotFound("Revisions are numbered 1, 2, …; there is no revision %q of %q.", number, slug)
	}
	return n, nil
}

type sectionChangeJSON struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

type fieldChangeJSON struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

type diffJSON struct {
	// From is 0 when revision To is the first: it is compared with an
	// empty profile.
	From     int                                      `json:"from"`
	To       int                                      `json:"to"`
	Sections map[profile.SectionKey]sectionChangeJSON `json:"sections"`
	Fields   []fieldChangeJSON                        `json:"fields"`
	// Text is the unified diff of the source texts, when both revisions
	// have one.
	Text *string `json:"text,omitempty"`
}

func (res *ProfileResource) diff(w http.ResponseWriter, r *http.Request) error {
	slug := pathParam(r, "slug")
	n, err := revisionNumber(r, slug)
	if err != nil {
		return err
	}
	m, err := againstRevision(r, n)
	if err != nil {
		return err
	}
	to, err := res.editing.Service.Revision(r.Context(), slug, n)
	if err != nil {
		return err
	}
	var from *profile.Revision
	var fromDoc *profile.Profile
	if m > 0 {
		if from, err = res.editing.Service.Revision(r.Context(), slug, m); err != nil {
			return err
		}
		fromDoc = from.Profile
	}
	changes := profile.Compare(fromDoc, to.Profile)
	body := diffJSON{From: m, To: n, Sections: map[profile.SectionKey]sectionChangeJSON{}, Fields: []fieldChangeJSON{}}
	for key, c := range changes.Sections {
		body.Sections[key] = sectionChangeJSON{Added: orEmpty(c.Added), Removed: orEmpty(c.Removed)}
	}
	for _, f := range changes.Fields {
		body.Fields = append(body.Fields, fieldChangeJSON(f))
	}
	if from != nil && from.SourceText != "" && to.SourceText != "" {
		text := linediff.Unified(fmt.Sprintf("revisi %d", m), fmt.Sprintf("revisi %d", n), from.SourceText, to.SourceText)
		body.Text = &text
	}
	return writeJSON(w, r, body)
}

// againstRevision reads ?against=, the revision a diff compares with;
// without it, the one before n (0 before the first).
func againstRevision(r *http.Request, n int) (int, error) {
	values := r.URL.Query()["against"]
	switch len(values) {
	case 0:
		return n - 1, nil
	case 1:
		if m, err := strconv.Atoi(values[0]); err == nil && m >= 1 && m <= profile.MaxRevision && strconv.Itoa(m) == values[0] {
			return m, nil
		}
	}
	return 0, profile.Invalid("The against parameter must be one revision number: 1, 2, ….")
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func (res *ProfileResource) restore(w http.ResponseWriter, r *http.Request) error {
	slug := pathParam(r, "slug")
	author, cond, err := res.authorizeConditional(r)
	if err != nil {
		return err
	}
	if cond.IfMatch == nil && cond.IfNoneMatch == nil {
		return profile.PreconditionRequired(
			"A restore must send If-Match with the profile's current ETag, or If-None-Match: * when the profile is deleted.")
	}
	n, err := revisionNumber(r, slug)
	if err != nil {
		return err
	}
	return writeSaved(w)(res.editing.Service.Restore(r.Context(), slug, n, author, cond))
}
