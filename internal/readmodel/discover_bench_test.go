package readmodel_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// benchSize is the catalogue the benchmarks of the model read.
const benchSize = 100_000

// generatedModel is a model loaded with benchSize generated profiles,
// built once for all the benchmarks.
var generatedModel = sync.OnceValues(func() (*readmodel.Model, error) {
	g, err := generate.FromDir(filepath.Join("..", "..", "seeds"))
	if err != nil {
		return nil, err
	}
	profiles := make([]*profile.Profile, benchSize)
	for i := range profiles {
		if _, profiles[i], err = g.Profile(i, fmt.Sprintf("gen-%06d.txt", i)); err != nil {
			return nil, err
		}
	}
	m := readmodel.New(&mock.ProfileLoader{
		EachFn: func(_ context.Context, fn func(*profile.Profile) error) error {
			for _, p := range profiles {
				if err := fn(p); err != nil {
					return err
				}
			}
			return nil
		},
		LoadFn: func(context.Context, []string) ([]*profile.Profile, error) {
			return profiles[:1], nil
		},
	}, readmodel.Options{})
	return m, m.Reload(context.Background())
})

func benchModel(b *testing.B) *readmodel.Model {
	b.Helper()
	m, err := generatedModel()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return m
}

// BenchmarkListTraitFilter pages the list under a filter of two traits.
func BenchmarkListTraitFilter(b *testing.B) {
	m := benchModel(b)
	filter := profile.ListFilter{Traits: []string{"kepemimpinan", "komunikasi"}}
	var after *profile.PageKey
	for b.Loop() {
		page, err := m.List(b.Context(), 20, after, filter)
		if err != nil {
			b.Fatal(err)
		}
		after = page.Next
	}
}

// BenchmarkRefresh is what a change to one profile costs the model: the
// new snapshot with its discovery index.
func BenchmarkRefresh(b *testing.B) {
	m := benchModel(b)
	slug := profile.Slugify(generate.Title(0))
	for b.Loop() {
		if err := m.Refresh(b.Context(), []string{slug}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompared is what compare reads of the model for four profiles.
func BenchmarkCompared(b *testing.B) {
	m := benchModel(b)
	for b.Loop() {
		for i := range 4 {
			if _, _, err := m.Compared(profile.Slugify(generate.Title(i * 1000))); err != nil {
				b.Fatal(err)
			}
		}
	}
}
