package readmodel_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// benchSize is the catalogue the benchmarks of the model read.
const benchSize = 100_000

// generated is a model loaded with benchSize generated profiles, with
// search, built once for all the benchmarks; a Refresh loads what loads
// holds.
var generated = sync.OnceValues(func() (*benchCatalogue, error) {
	g, err := generate.FromDir(filepath.Join("..", "..", "seeds"))
	if err != nil {
		return nil, err
	}
	c := &benchCatalogue{gen: g, profiles: make([]*profile.Profile, benchSize)}
	for i := range c.profiles {
		if _, c.profiles[i], err = g.Profile(i, fmt.Sprintf("gen-%06d.txt", i)); err != nil {
			return nil, err
		}
	}
	c.model = readmodel.New(&mock.ProfileLoader{
		EachFn: func(_ context.Context, fn func(*profile.Profile) error) error {
			for _, p := range c.profiles {
				if err := fn(p); err != nil {
					return err
				}
			}
			return nil
		},
		LoadFn: func(context.Context, []string) ([]*profile.Profile, error) { return c.loads, nil },
	}, readmodel.Options{Analyzer: wordsAnalyzer()})
	return c, c.model.Reload(context.Background())
})

type benchCatalogue struct {
	model    *readmodel.Model
	gen      *generate.Generator
	profiles []*profile.Profile
	loads    []*profile.Profile
}

func benchCatalogueOf(b *testing.B) *benchCatalogue {
	b.Helper()
	c, err := generated()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return c
}

func benchModel(b *testing.B) *readmodel.Model { return benchCatalogueOf(b).model }

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

// BenchmarkRefresh is what a write to one profile costs a server at
// benchSize profiles: the profile, replaced under its slug by another
// title and text (so that it moves in the list), applied to the model and
// its indexes. The tiers of the text search fold every few hundred
// changes, a cost spread over the writes, as it is in service. cpu-ms/op
// is the process's CPU time, the collector's included.
func BenchmarkRefresh(b *testing.B) {
	c := benchCatalogueOf(b)
	writes := make([]*profile.Profile, 1000)
	for i := range writes {
		_, p, err := c.gen.Profile(benchSize+i, "write.txt")
		if err != nil {
			b.Fatal(err)
		}
		writes[i] = p
	}
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		p := *writes[i%len(writes)]
		p.Slug = c.profiles[i*7919%benchSize].Slug
		c.loads = []*profile.Profile{&p}
		i++
		if err := c.model.Refresh(b.Context(), []string{p.Slug}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(i), "cpu-ms/op")
}

// cpuTime returns the CPU time the process has used.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		panic(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
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
