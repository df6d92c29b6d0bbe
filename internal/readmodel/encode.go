package readmodel

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/karir/karir/internal/profile"
)

// newEntry encodes p: its document as profile.Encode writes it, which is what
// the HTTP layer writes for a profile it encodes itself, and each section
// as a slice of the document's bytes.
func newEntry(p *profile.Profile) (*entry, error) {
	doc, err := profile.Encode(p)
	if err != nil {
		return nil, fmt.Errorf("readmodel: encode %q: %w", p.Slug, err)
	}
	traits := p.Sections.Fit.Traits
	if traits == nil {
		traits = []string{}
	}
	e := &entry{
		summary: profile.Summary{Slug: p.Slug, Title: p.Title, Summary: p.Summary, Traits: traits},
		doc:     profile.Represent(doc),
	}
	for i, key := range profile.SectionKeys() {
		section, _ := p.Sections.Get(key) // key is valid
		data, err := json.Marshal(section)
		if err != nil {
			return nil, fmt.Errorf("readmodel: encode %q section %s: %w", p.Slug, key, err)
		}
		// The section is inside the document as it stands: share its bytes.
		if at := bytes.Index(doc, data); at >= 0 {
			data = doc[at : at+len(data) : at+len(data)]
		}
		e.sections[i] = profile.Represent(data)
	}
	return e, nil
}
