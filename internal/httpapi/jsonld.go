package httpapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// ldJSONType is the media type of JSON-LD, the second representation of a
// profile document.
const ldJSONType = "application/ld+json"

// occupationJSON is a profile as a schema.org Occupation, for search
// engines and link previews (docs/frontends.md has the mapping). karir
// knows no occupational classification code, so occupationalCategory is
// never sent.
type occupationJSON struct {
	Context          string   `json:"@context"`
	Type             string   `json:"@type"`
	ID               string   `json:"@id"`
	URL              string   `json:"url"`
	Identifier       string   `json:"identifier"`
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	Responsibilities []string `json:"responsibilities"`
	Skills           []string `json:"skills"`
	Qualifications   []string `json:"qualifications"`
	InLanguage       string   `json:"inLanguage"`
}

// occupation maps p to an Occupation whose @id and url are its page in the
// explorer under origin.
func occupation(p *profile.Profile, origin string) occupationJSON {
	page := profilePage(origin, p.Slug)
	return occupationJSON{
		Context:          "https://schema.org",
		Type:             "Occupation",
		ID:               page,
		URL:              page,
		Identifier:       p.Slug,
		Name:             p.Title,
		Description:      p.Summary,
		Responsibilities: texts(p.Sections.Tasks.Sentences),
		Skills:           nonNil(p.Sections.Fit.Traits),
		Qualifications:   texts(p.Sections.Fit.Sentences),
		InLanguage:       "id",
	}
}

// profilePage is the absolute URL of the explorer's page of slug.
func profilePage(origin, slug string) string {
	return origin + "/?profil=" + url.QueryEscape(slug)
}

// requestOrigin is the scheme and host the client reached the server by,
// which the absolute links of pages and JSON-LD start with. A proxy that
// ends TLS says so in X-Forwarded-Proto.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func texts(sentences []profile.Sentence) []string {
	out := make([]string, 0, len(sentences))
	for _, s := range sentences {
		out = append(out, s.Text)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// wantsLinkedData reports whether the Accept field lines rank JSON-LD
// above plain JSON; ties go to plain JSON, the default.
func wantsLinkedData(lines []string) bool {
	return acceptQuality(lines, "application", "ld+json") > acceptQuality(lines, "application", "json")
}

// mentionsLinkedData reports whether the Accept field lines name JSON-LD
// at all: only then may the answer be other than the plain JSON the fast
// path sends. It allocates nothing, being on the path of every read.
func mentionsLinkedData(lines []string) bool {
	const name = "ld+json"
	for _, line := range lines {
		for i := 0; i+len(name) <= len(line); i++ {
			if strings.EqualFold(line[i:i+len(name)], name) {
				return true
			}
		}
	}
	return false
}

// current returns the profile under slug as the catalogue holds it.
func current(catalogue profile.Catalogue, slug string) (*profile.Profile, error) {
	doc, _, err := catalogue.Compared(slug)
	if err != nil {
		return nil, err
	}
	var p profile.Profile
	if err := json.Unmarshal(doc, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// writeLinkedData answers with the profile under slug as JSON-LD.
func (res *ProfileResource) writeLinkedData(w http.ResponseWriter, r *http.Request, slug string) error {
	p, err := current(res.catalogue, slug)
	if err != nil {
		return err
	}
	body, err := json.Marshal(occupation(p, requestOrigin(r)))
	if err != nil {
		return err
	}
	writeRepresentation(w, r, ldJSONType, body)
	return nil
}
