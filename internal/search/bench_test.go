package search_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// benchSize is how many generated profiles the benchmarks index.
const benchSize = 100000

// generated is the index of benchSize generated profiles, read by the fake
// analyzer, and the ordinal of each slug: built once for all benchmarks.
var generated = sync.OnceValues(func() (*generatedIndex, error) {
	gen, err := generate.FromDir(filepath.Join("..", "..", "seeds"))
	if err != nil {
		return nil, err
	}
	var profiles []*profile.Profile
	for i := range benchSize {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		if err != nil {
			return nil, err
		}
		profiles = append(profiles, p)
	}
	order := sortByTitle(profiles)
	x := newIndexer(analyzer())
	b := x.engine.NewBuilder(nil)
	docs := make([]*search.Doc, len(order))
	g := &generatedIndex{ords: map[string]int{}}
	for i, p := range order {
		docs[i] = x.doc(p)
		b.Add(docs[i], p)
		g.ords[p.Slug] = i
	}
	g.Index, err = b.Build(context.Background(), docs)
	g.docs = docs
	return g, err
})

type generatedIndex struct {
	*search.Index
	ords map[string]int
	docs []*search.Doc // by ordinal
}

func benchIndex(b *testing.B) *generatedIndex {
	b.Helper()
	g, err := generated()
	require.NoError(b, err)
	b.ReportAllocs()
	return g
}

func BenchmarkSearch(b *testing.B) {
	ix := benchIndex(b)
	for _, q := range []string{"evaluasi", "evaluasi program", `"pelayanan sosial"`, "kesejahtraan", "lansia"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				_, err := ix.Search(b.Context(), profile.SearchQuery{Text: q, Limit: 20})
				require.NoError(b, err)
			}
		})
	}
}

// BenchmarkRelated ranks the whole catalogue against one profile; it
// reports the memory discovery adds to the index too.
func BenchmarkRelated(b *testing.B) {
	ix := benchIndex(b)
	i := 0
	for b.Loop() {
		ix.Related(ix.docs[ix.ords[profile.Slugify(generate.Title(i*7919%benchSize))]])
		i++
	}
	b.ReportMetric(float64(search.DiscoveryBytes(ix.Index))/(1<<20), "discovery-MiB")
}

// BenchmarkMatch ranks the whole catalogue for one person.
func BenchmarkMatch(b *testing.B) {
	ix := benchIndex(b)
	requests := []profile.MatchRequest{
		{Traits: []string{"empati", "komunikasi"}, Avoid: []string{"kepemimpinan"}, Limit: 20},
		{Traits: []string{"analisis"}, Limit: 100},
		{Traits: []string{"kepedulian", "kesabaran", "organisasi"}, Avoid: []string{"negosiasi", "empati"}, Limit: 20},
	}
	i := 0
	for b.Loop() {
		if _, err := ix.Match(requests[i%len(requests)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkTraits(b *testing.B) {
	ix := benchIndex(b)
	for b.Loop() {
		ix.Traits()
	}
}
