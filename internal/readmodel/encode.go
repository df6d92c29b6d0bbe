package readmodel

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"

	"github.com/karir/karir/internal/profile"
)

// minGzip is the shortest JSON worth compressing: below it (most sections)
// gzip saves the client less than a packet and costs the server memory,
// which for 100,000 profiles counts.
const minGzip = 2048

// encoder encodes profiles into entries, reusing its gzip writer.
type encoder struct {
	buf bytes.Buffer
	zw  *gzip.Writer
}

func newEncoder() *encoder {
	// BestSpeed: the default level takes several times as long to load the
	// catalogue, for about a tenth fewer bytes.
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // the level is valid
	return &encoder{zw: zw}
}

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

// encoded returns data with its entity tag, and its gzip when worth it.
func (enc *encoder) encoded(data []byte) profile.Encoded {
	out := profile.Encoded{JSON: data, ETag: profile.ETag(data)}
	if len(data) < minGzip {
		return out
	}
	enc.buf.Reset()
	enc.zw.Reset(&enc.buf)
	// Writes to a bytes.Buffer do not fail.
	_, _ = enc.zw.Write(data)
	_ = enc.zw.Close()
	out.Gzip = bytes.Clone(enc.buf.Bytes())
	out.GzipETag = profile.ETag(out.Gzip)
	return out
}
