package profile

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/karir/karir/internal/wire"
)

// Encode returns the JSON document of p exactly as the API serves it. Every
// producer of a profile's bytes (the handlers, a read model that keeps them
// encoded) must use it, so that a document has one entity tag.
func Encode(p *Profile) ([]byte, error) { return json.Marshal(p) }

// Deleted is the EGONE Error of a slug whose newest revision is a delete.
func Deleted(slug string) *Error {
	return Gone("The profile with the slug %q was deleted; its revisions stay readable.", slug)
}

// Action is what a revision did to its profile.
type Action string

// The actions a revision records.
const (
	ActionCreate  Action = "create"  // an editor created the profile
	ActionReplace Action = "replace" // an editor replaced it
	ActionDelete  Action = "delete"  // an editor deleted it
	ActionSeed    Action = "seed"    // a seed or an import inserted or changed it
	ActionRestore Action = "restore" // an editor made an earlier revision current again
)

// Revision is one change of a profile, kept for good: deleting the profile
// keeps its revisions.
type Revision struct {
	Slug string
	// Number counts the profile's revisions from 1.
	Number    int
	CreatedAt time.Time
	Action    Action
	// Author is the name of the editor's token, "seed" or "import"; never
	// the token itself.
	Author string
	// SourceText is the text the profile was parsed from, "" when there was
	// none (a document was sent, a delete, an import).
	SourceText string
	// Profile is the document as the change left it; for a delete, as it
	// was before.
	Profile *Profile
	// ChangedSections are the keys of the sections whose sentences, traits
	// or items differ from the previous revision (ChangedSections), all
	// that have any for the first; set on the items of a RevisionPage.
	ChangedSections []SectionKey
}

// MaxRevision is the highest revision number a profile may reach, and so
// the highest a reader is asked for: numbers above it name no revision.
const MaxRevision = 1<<31 - 1

// RevisionPage is one page of revisions, newest first.
type RevisionPage struct {
	Items []Revision
	Total int
	// Next is the revision number the following page starts below; 0 on the
	// last page.
	Next int
}

// Change is a new version of a profile that an editor sends.
type Change struct {
	Profile *Profile
	// SourceText is the text Profile was parsed from; "" for a document.
	SourceText string
	// Author is the name of the editor's token.
	Author string
}

// Tags is the value of an If-Match or If-None-Match field: "*" (Any) or a
// list of entity tags as sent, quotes and any W/ prefix included.
type Tags struct {
	Any  bool
	List []string
}

// Condition is what a write requires of the current profile (RFC 9110,
// section 13.1). A nil field is a header the request did not send.
type Condition struct {
	IfMatch     *Tags
	IfNoneMatch *Tags
}

// Check returns an EPRECONDITION Error when the condition does not hold for
// current, the stored profile under slug (nil when there is none), and an
// EPRECONDREQ Error when there is a current profile and no condition: a
// write must not overwrite a version its editor has not seen. If-Match
// compares strongly, If-None-Match weakly, both against the tags of the
// document's representations as the API sends them (wire.Represent).
func (c Condition) Check(slug string, current *Profile) error {
	if c.IfMatch == nil && c.IfNoneMatch == nil && current == nil {
		return nil
	}
	// The document's tag, and that of its gzip: either names the current
	// version, whichever coding the client read it in.
	etag, gzipTag := "", ""
	if current != nil {
		body, err := Encode(current)
		if err != nil {
			return err
		}
		enc := wire.Represent(body)
		etag, gzipTag = enc.ETag, enc.GzipETag
	}
	if c.IfMatch == nil && c.IfNoneMatch == nil {
		return PreconditionRequired(
			"The profile %q exists and its ETag is %s: send it in If-Match to change or delete the profile, so that no other editor's change is overwritten unseen.",
			slug, Verbatim(etag))
	}
	isCurrent := func(tag string) bool { return tag == etag || gzipTag != "" && tag == gzipTag }
	if m := c.IfMatch; m != nil {
		switch {
		case current == nil:
			return PreconditionFailed("If-Match does not hold: no profile has the slug %q.", slug)
		case !m.Any && !slices.ContainsFunc(m.List, isCurrent):
			return PreconditionFailed(
				"If-Match does not hold: the profile %q has changed since you read it; its ETag is now %s.", slug, Verbatim(etag))
		}
	}
	if n := c.IfNoneMatch; n != nil && current != nil {
		if n.Any {
			return PreconditionFailed("If-None-Match: * does not hold: a profile with the slug %q exists.", slug)
		}
		for _, tag := range n.List {
			if isCurrent(strings.TrimPrefix(tag, "W/")) {
				return PreconditionFailed("If-None-Match does not hold: the profile %q has the ETag %s.", slug, Verbatim(etag))
			}
		}
	}
	return nil
}

// ProfileWriter changes the catalogue. Each method is one transaction that
// also keeps a revision of what it changed and announces the change to
// running servers; writes are serialised, so two conditional writes with
// the same If-Match cannot both succeed. Every change is checked with
// Validate first; the stored profile is returned with its UpdatedAt.
type ProfileWriter interface {
	// Create stores a new profile. A slug that a profile has is an
	// ECONFLICT Error; a deleted slug may be created again, and its
	// revisions continue.
	Create(ctx context.Context, c Change) (*Profile, error)
	// Put creates the profile under c.Profile.Slug or replaces it, when cond
	// holds (else an EPRECONDITION Error); created reports which. Replacing
	// a stored profile needs a condition (else an EPRECONDREQ Error). A
	// profile equal to the stored one is left as it is, with no revision.
	Put(ctx context.Context, c Change, cond Condition) (p *Profile, created bool, err error)
	// Delete removes the profile under slug when cond holds (an empty cond
	// is an EPRECONDREQ Error), keeping its revisions; afterwards Get answers an EGONE Error for slug until it is
	// created again. A slug no profile has is an ENOTFOUND Error, one
	// already deleted an EGONE Error.
	Delete(ctx context.Context, slug, author string, cond Condition) error
	// Restore makes the document and source text of revision n of slug
	// current again, when cond holds, as a new revision with the action
	// ActionRestore; n may be any revision, a delete's included (whose
	// document is the one deleted). created reports whether it brought a
	// deleted profile back. A revision the slug does not have is an
	// ENOTFOUND Error; a document equal to the current one writes nothing.
	Restore(ctx context.Context, slug string, n int, author string, cond Condition) (p *Profile, created bool, err error)
}

// RevisionReader reads the history of profiles, deleted ones included.
type RevisionReader interface {
	// Revisions returns up to limit revisions of slug, newest first,
	// starting below revision number before when it is above 0. A slug
	// that never had a profile is an ENOTFOUND Error; a limit below 1 an
	// EINVALID Error.
	Revisions(ctx context.Context, slug string, limit, before int) (RevisionPage, error)
	// Revision returns revision number n of slug, or an ENOTFOUND Error.
	Revision(ctx context.Context, slug string, n int) (*Revision, error)
}

// Exporter reads the whole catalogue at once.
type Exporter interface {
	// Export calls fn with every current profile in slug order, all read
	// from one consistent snapshot, and stops at fn's first error.
	Export(ctx context.Context, fn func(*Profile) error) error
}

// ProfileService is what the editors' routes need beyond reading.
type ProfileService interface {
	ProfileWriter
	RevisionReader
	Exporter
}
