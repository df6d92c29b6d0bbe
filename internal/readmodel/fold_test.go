package readmodel_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// foldWatch is a log handler that tells when the model has taken up a
// fold of its search index.
type foldWatch struct {
	slog.Handler
	folds chan struct{}
}

func (h foldWatch) Enabled(context.Context, slog.Level) bool { return true }

func (h foldWatch) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "read model folded its search index" {
		select {
		case h.folds <- struct{}{}:
		default:
		}
	}
	return nil
}

// TestFoldsBesideServing writes enough profiles for the model to fold its
// search index beside serving, keeps writing while it folds, and holds
// the model, once it has taken the fold up, to one loaded from nothing:
// search, suggest, the trait filter's pages, related profiles, matches.
func TestFoldsBesideServing(t *testing.T) {
	gen, err := generate.FromDir(filepath.Join("..", "..", "seeds"))
	require.NoError(t, err)
	profileAt := func(i int) *profile.Profile {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(t, err)
		return p
	}
	c := &catalogue{profiles: map[string]*profile.Profile{}}
	var slugs []string
	for i := range 400 {
		p := profileAt(i)
		c.put(p)
		slugs = append(slugs, p.Slug)
	}
	watch := foldWatch{Handler: slog.DiscardHandler, folds: make(chan struct{}, 1)}
	m := readmodel.New(c.loader(), readmodel.Options{Analyzer: wordsAnalyzer(), Logger: slog.New(watch)})
	require.NoError(t, m.Reload(t.Context()))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- m.Run(ctx) }()
	defer func() {
		cancel()
		require.NoError(t, <-done)
	}()

	// Each write replaces a profile under its slug with another title and
	// text, as an editor's PUT does, and reaches the model as it does.
	write := func(i int) {
		p := profileAt(400 + i)
		p.Slug = slugs[i*7%len(slugs)]
		c.put(p)
		require.NoError(t, m.Refresh(t.Context(), []string{p.Slug}))
	}
	i := 0
	for ; i < 256; i++ {
		write(i)
	}
	deadline := time.After(time.Minute)
	for folded := false; !folded; i++ {
		select {
		case <-watch.folds:
			folded = true
		case <-deadline:
			t.Fatal("the model did not fold its index within a minute")
		default:
			write(i)
		}
	}

	want := readmodel.New(c.loader(), readmodel.Options{Analyzer: wordsAnalyzer()})
	require.NoError(t, want.Reload(t.Context()))
	for _, q := range []string{"evaluasi", "pelayanan sosial", `"pelayanan sosial"`, "koordinator -anggaran"} {
		query := profile.SearchQuery{Text: q, Limit: 20, Offset: 10}
		w, err := want.Search(t.Context(), query)
		require.NoError(t, err)
		g, err := m.Search(t.Context(), query)
		require.NoError(t, err)
		assert.Equal(t, w, g, q)
	}
	for _, prefix := range []string{"ko", "adm"} {
		w, err := want.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		g, err := m.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		assert.Equal(t, w, g, prefix)
	}
	filter := profile.ListFilter{Traits: []string{"komunikasi"}}
	for wantPage, gotPage := (profile.Page{}), (profile.Page{}); ; {
		wantPage, err = want.List(t.Context(), 30, wantPage.Next, filter)
		require.NoError(t, err)
		gotPage, err = m.List(t.Context(), 30, gotPage.Next, filter)
		require.NoError(t, err)
		require.Equal(t, wantPage, gotPage)
		if wantPage.Next == nil {
			break
		}
	}
	for _, slug := range slugs[:40] {
		w, err := want.Related(t.Context(), slug)
		require.NoError(t, err)
		g, err := m.Related(t.Context(), slug)
		require.NoError(t, err)
		assert.Equal(t, w, g, slug)
	}
	req := profile.MatchRequest{Traits: []string{"empati", "komunikasi"}, Avoid: []string{"kepemimpinan"}, Limit: 50}
	w, err := want.Match(t.Context(), req)
	require.NoError(t, err)
	g, err := m.Match(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, w, g)
}
