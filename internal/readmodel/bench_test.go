package readmodel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// BenchmarkEncodeProfile is what the model spends once per profile it
// loads (the document, its six sections, gzip and tags), over a reload of
// 1,000 profiles.
func BenchmarkEncodeProfile(b *testing.B) {
	p := seeds(&testing.T{})[0]
	m := readmodel.New(&copyLoader{p: p, n: 1000}, readmodel.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if err := m.Reload(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/profile")
}

// BenchmarkMarshalProfile is what a server without the model spends per
// request for the document: one json.Marshal.
func BenchmarkMarshalProfile(b *testing.B) {
	p := seeds(&testing.T{})[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncoded is what the model spends per request for the document.
func BenchmarkEncoded(b *testing.B) {
	p := seeds(&testing.T{})[0]
	m := readmodel.New(&copyLoader{p: p, n: 1}, readmodel.Options{})
	if err := m.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Encoded(p.Slug, "", true); err != nil {
			b.Fatal(err)
		}
	}
}

// copyLoader holds n copies of one profile under slugs of their own.
type copyLoader struct {
	p *profile.Profile
	n int
}

func (l *copyLoader) Each(_ context.Context, fn func(*profile.Profile) error) error {
	for i := range l.n {
		c := *l.p
		if i > 0 {
			c.Slug = fmt.Sprintf("%s-%d", c.Slug, i)
		}
		if err := fn(&c); err != nil {
			return err
		}
	}
	return nil
}

func (l *copyLoader) Load(context.Context, []string) ([]*profile.Profile, error) {
	return []*profile.Profile{l.p}, nil
}
