package readmodel

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/karir/karir/internal/profile"
)

// encoder encodes profiles into entries.
type encoder struct{}

func newEncoder() *encoder { return &encoder{} }

// entry encodes p: its document as profile.Encode writes it, which is what
// the HTTP layer writes for a profile it encodes itself, and each section
// as a slice of the document's bytes.
func (enc *encoder) entry(p *profile.Profile) (*entry, error) {
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
		doc:     enc.encoded(doc),
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
		e.sections[i] = enc.encoded(data)
	}
	return e, nil
}

// encoded returns the representations of data.
func (enc *encoder) encoded(data []byte) profile.Encoded { return profile.Represent(data) }
