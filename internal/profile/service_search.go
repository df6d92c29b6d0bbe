package profile

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of discovery requests; the OpenAPI document states the same.
const (
	MaxQueryLength = 200 // characters of a search query
	MinSuggestLen  = 2   // characters typed before autocomplete answers
	MaxSuggestions = 10
	MaxRelated     = 10
)

// SearchService answers discovery requests: search, autocomplete, the trait
// vocabulary, related profiles and fit matching. cmd/karir serves all of
// it from the read model (search and suggest through its index, with a
// TextAnalyzer reading words as PostgreSQL does); every method honours
// ctx's deadline.
type SearchService interface {
	// Search finds the profiles whose texts match q.Text, in web-search
	// syntax: words (all of them must match for the first tier of results,
	// some of them for the second), "quoted phrases" and -excluded words.
	// Indonesian words match by stem. When the words find nothing, the
	// words are corrected to the nearest words of the texts by trigram
	// similarity and the result is marked Fuzzy. Items are ordered by
	// Score, highest first, then by title and slug; q.Offset of them are
	// skipped and at most q.Limit returned; Total counts them all. Each
	// item holds the one to three best sentences that matched. A q that
	// Validate refuses is an EINVALID Error.
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// Suggest returns at most MaxSuggestions profiles whose title matches
	// the typed prefix: titles starting with it (in title order), then
	// titles with a later word starting with it, then titles similar to
	// it. A prefix shorter than MinSuggestLen characters (after trimming
	// spaces) is an EINVALID Error.
	Suggest(ctx context.Context, prefix string) ([]Suggestion, error)
	// Traits returns the trait vocabulary in lexicon order, with how many
	// profiles name each trait in their fit and non_fit sections.
	Traits(ctx context.Context) ([]TraitCount, error)
	// Related returns at most MaxRelated other profiles ranked by their
	// likeness to the profile under slug (shared fit traits, professions
	// both compare themselves with, title words), each with the reason in
	// Indonesian. An unknown slug is an ENOTFOUND Error.
	Related(ctx context.Context, slug string) ([]RelatedProfile, error)
	// Match ranks the profiles by fit for a person with m.Traits who
	// wants to avoid m.Avoid (see MatchRequest), best first, at most
	// m.Limit of them. Names outside the vocabulary are an EINVALID Error.
	Match(ctx context.Context, m MatchRequest) ([]MatchResult, error)
}

// SearchQuery is one search request.
type SearchQuery struct {
	Text string
	// Section limits the search to one section; "" searches them all.
	Section SectionKey
	Limit   int
	Offset  int
}

// MaxSearchOffset is the deepest a search pages: more than any catalogue
// holds, and far from where offset and limit would overflow.
const MaxSearchOffset = 1 << 20

// Validate refuses what the search does not take: a blank text, one over
// MaxQueryLength characters or not UTF-8, an unknown section, a limit
// below 1 or an offset out of 0..MaxSearchOffset.
func (q SearchQuery) Validate() error {
	switch {
	case !utf8.ValidString(q.Text) || strings.ContainsRune(q.Text, 0):
		return Invalid("The q parameter must be UTF-8 text without NUL characters.")
	case strings.TrimSpace(q.Text) == "":
		return BadQuery()
	case utf8.RuneCountInString(q.Text) > MaxQueryLength:
		return Invalid("The q parameter must be at most %d characters long.", MaxQueryLength)
	case q.Section != "" && !q.Section.Valid():
		return BadSection()
	case q.Limit < 1:
		return BadLimit(q.Limit)
	case q.Offset < 0 || q.Offset > MaxSearchOffset:
		return Invalid("The offset must be from 0 to %d, not %d.", MaxSearchOffset, q.Offset)
	}
	return nil
}

// SearchResult is one page of search results.
type SearchResult struct {
	Items []SearchHit
	Total int
	// Fuzzy is set when the words found nothing and corrected words did.
	Fuzzy bool
}

// SearchHit is one profile that matched.
type SearchHit struct {
	Slug    string
	Title   string
	Score   float64
	Matches []SearchMatch
}

// SearchMatch is one sentence that matched. Snippet is Text with every
// character HTML-escaped and the matched words inside <mark></mark>.
type SearchMatch struct {
	Section SectionKey
	Line    int
	Text    string
	Snippet string
}

// Suggestion is one autocomplete answer.
type Suggestion struct {
	Slug  string
	Title string
}

// TraitCount is a trait of the vocabulary and how often profiles name it.
type TraitCount struct {
	Name        string
	Label       string
	FitCount    int
	NonFitCount int
}

// RelatedProfile is a profile like another one, and why.
type RelatedProfile struct {
	Slug   string
	Title  string
	Score  float64
	Reason string
}

// MatchRequest describes a person: the traits they have and the ones they
// want to avoid being asked for. A profile's score is 100 times the share
// of its traits (fit and non_fit, which name what the job asks of a
// person) that the person has, less 25 for each trait it asks that the
// person avoids, never below 0.
type MatchRequest struct {
	Traits []string
	Avoid  []string
	Limit  int
}

// Validate refuses names outside the vocabulary, an empty Traits and a
// limit below 1.
func (m MatchRequest) Validate() error {
	if len(m.Traits) == 0 {
		return Invalid("The traits field must name at least one trait; the traits are %s.", Verbatim(strings.Join(TraitNames(), ", ")))
	}
	if err := CheckTraits(slices.Concat(m.Traits, m.Avoid)); err != nil {
		return err
	}
	if m.Limit < 1 {
		return BadLimit(m.Limit)
	}
	return nil
}

// MatchResult is how well one profile fits the person.
type MatchResult struct {
	Slug  string
	Title string
	Score float64
	// Matched are the profile's traits the person has; Missing, those the
	// person lacks.
	Matched []string
	Missing []string
	// Warnings say, in Indonesian, where the person meets the profile's
	// description of who does not fit: a non_fit trait they lack, or a
	// trait the job asks that they avoid.
	Warnings []string
}
