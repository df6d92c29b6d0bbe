package readmodel_test

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// catalogue is a fake source: the profiles it holds, which a test
// changes, and a failure it may be told to return.
type catalogue struct {
	mu       sync.Mutex
	profiles map[string]*profile.Profile
	fail     error
}

func (c *catalogue) put(ps ...*profile.Profile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range ps {
		c.profiles[p.Slug] = p
	}
}

func (c *catalogue) remove(slug string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.profiles, slug)
}

func (c *catalogue) setFail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fail = err
}

func (c *catalogue) loader() *mock.ProfileLoader {
	copyOf := func(p *profile.Profile) *profile.Profile {
		data, _ := json.Marshal(p)
		out := &profile.Profile{}
		_ = json.Unmarshal(data, out)
		return out
	}
	return &mock.ProfileLoader{
		EachFn: func(_ context.Context, fn func(*profile.Profile) error) error {
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.fail != nil {
				return c.fail
			}
			for _, p := range c.profiles {
				if err := fn(copyOf(p)); err != nil {
					return err
				}
			}
			return nil
		},
		LoadFn: func(_ context.Context, slugs []string) ([]*profile.Profile, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.fail != nil {
				return nil, c.fail
			}
			out := []*profile.Profile{}
			for _, slug := range slugs {
				if p, ok := c.profiles[slug]; ok {
					out = append(out, copyOf(p))
				}
			}
			return out, nil
		},
	}
}

// seeds parses the five seed texts, with an updated_at as a store sets it.
func seeds(t *testing.T) []*profile.Profile {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 5)
	var out []*profile.Profile
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		p, err := parser.Parse(filepath.Base(file), data)
		require.NoError(t, err)
		p.UpdatedAt = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
		out = append(out, p)
	}
	return out
}

func newModel(t *testing.T, ps ...*profile.Profile) (*readmodel.Model, *catalogue) {
	t.Helper()
	c := &catalogue{profiles: map[string]*profile.Profile{}}
	c.put(ps...)
	return readmodel.New(c.loader(), readmodel.Options{}), c
}

func quotedSum(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// get returns the profile under slug as a client reads it: its document,
// decoded.
func get(m *readmodel.Model, slug string) (*profile.Profile, error) {
	enc, err := m.Encoded(slug, "", false)
	if err != nil {
		return nil, err
	}
	p := &profile.Profile{}
	return p, json.Unmarshal(enc.Body, p)
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	return out
}

// TestEncoded shows that every document and section is the JSON the HTTP
// layer would encode, with its tag and, when long enough, its gzip.
func TestEncoded(t *testing.T) {
	ps := seeds(t)
	m, _ := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))

	for _, p := range ps {
		doc, err := json.Marshal(p)
		require.NoError(t, err)
		enc, err := m.Encoded(p.Slug, "", true)
		require.NoError(t, err)
		assert.Equal(t, doc, enc.Body)
		assert.Equal(t, quotedSum(doc), enc.ETag)
		require.NotNil(t, enc.Gzip, "a whole document is long enough to compress")
		assert.Equal(t, doc, gunzip(t, enc.Gzip))
		assert.Equal(t, quotedSum(enc.Gzip), enc.GzipETag)
		assert.Less(t, len(enc.Gzip), len(doc))

		for _, key := range profile.SectionKeys() {
			section, _ := p.Sections.Get(key)
			want, err := json.Marshal(section)
			require.NoError(t, err)
			enc, err := m.Encoded(p.Slug, key, true)
			require.NoError(t, err)
			assert.Equal(t, want, enc.Body, "%s/%s", p.Slug, key)
			assert.Equal(t, quotedSum(want), enc.ETag)
			if len(want) < 2048 {
				assert.Nil(t, enc.Gzip, "%s/%s: too short to compress", p.Slug, key)
				assert.Empty(t, enc.GzipETag)
			} else {
				assert.Equal(t, want, gunzip(t, enc.Gzip))
				assert.Equal(t, quotedSum(enc.Gzip), enc.GzipETag)
			}
		}

		got, err := get(m, p.Slug)
		require.NoError(t, err)
		assert.Equal(t, p, got)
	}

	_, err := m.Encoded("juru-masak", "", true)
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
}

func TestNotLoaded(t *testing.T) {
	m, _ := newModel(t, seeds(t)...)
	assert.False(t, m.Loaded())
	_, err := m.Encoded("manajer-pelayanan-sosial", "", true)
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
	_, err = m.List(t.Context(), 10, nil, profile.ListFilter{})
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
	_, _, err = m.Compared("manajer-pelayanan-sosial")
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
	require.NoError(t, m.Reload(t.Context()))
	assert.True(t, m.Loaded())
}

func TestCompared(t *testing.T) {
	ps := seeds(t)
	m, _ := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))
	doc, fit, err := m.Compared(ps[0].Slug)
	require.NoError(t, err)
	want, err := profile.Encode(ps[0])
	require.NoError(t, err)
	assert.Equal(t, string(want), string(doc))
	assert.Equal(t, ps[0].Sections.Fit.Traits, fit)
	_, _, err = m.Compared("juru-masak")
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
}

// titled returns n profiles whose titles sort in a known byte order, with
// ties broken by slug.
func titled(n int) []*profile.Profile {
	var out []*profile.Profile
	for i := range n {
		title := fmt.Sprintf("Pekerjaan %02d", i/2) // two per title
		if i%7 == 0 {
			title = "Ärztin " + title // after every ASCII capital
		}
		p := &profile.Profile{
			Slug:     fmt.Sprintf("kerja-%02d", n-i),
			Title:    title,
			Summary:  "Ringkasan " + title,
			Sections: profile.NewSections(),
		}
		p.Sections.Fit.Traits = []string{"teliti"}
		out = append(out, p)
	}
	return out
}

func listOrder(ps []*profile.Profile) []profile.Summary {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b *profile.Profile) int {
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.Slug, b.Slug))
	})
	var out []profile.Summary
	for _, p := range ps {
		out = append(out, profile.Summary{Slug: p.Slug, Title: p.Title, Summary: p.Summary, Traits: p.Sections.Fit.Traits})
	}
	return out
}

// pages follows the list from the start with limit, as a client would.
func pages(t *testing.T, m *readmodel.Model, limit int) []profile.Summary {
	t.Helper()
	var got []profile.Summary
	var after *profile.PageKey
	for range 100 {
		page, err := m.List(t.Context(), limit, after, profile.ListFilter{})
		require.NoError(t, err)
		got = append(got, page.Items...)
		if page.Next == nil {
			return got
		}
		require.Len(t, page.Items, limit)
		after = page.Next
	}
	t.Fatal("the pages do not end")
	return nil
}

func TestList(t *testing.T) {
	ps := titled(15)
	m, _ := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))
	want := listOrder(ps)

	for _, limit := range []int{1, 2, 4, 15, 16, 100} {
		assert.Equal(t, want, pages(t, m, limit), "limit %d", limit)
	}
	page, err := m.List(t.Context(), 3, nil, profile.ListFilter{})
	require.NoError(t, err)
	assert.Equal(t, 15, page.Total)

	// A key between two entries, as a cursor of a deleted profile is.
	page, err = m.List(t.Context(), 2, &profile.PageKey{Title: want[3].Title, Slug: want[3].Slug + "-x"}, profile.ListFilter{})
	require.NoError(t, err)
	assert.Equal(t, want[4:6], page.Items)
	// A key past the end.
	page, err = m.List(t.Context(), 2, &profile.PageKey{Title: "\U0010FFFF", Slug: "z"}, profile.ListFilter{})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	assert.Nil(t, page.Next)

	_, err = m.List(t.Context(), 0, nil, profile.ListFilter{})
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
}

// TestListTraitFilter shows the trait filter: the profiles whose fit
// section names every trait, in list order, paged, and an unknown trait
// refused as the store refuses it.
func TestListTraitFilter(t *testing.T) {
	ps := seeds(t)
	m, _ := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))

	filter := profile.ListFilter{Traits: []string{"komunikasi", "kepemimpinan"}}
	var want []string
	for _, s := range listOrder(ps) {
		if slices.Contains(s.Traits, "komunikasi") && slices.Contains(s.Traits, "kepemimpinan") {
			want = append(want, s.Slug)
		}
	}
	require.GreaterOrEqual(t, len(want), 2, "the seeds must give the filter something to page")
	var got []string
	var after *profile.PageKey
	for {
		page, err := m.List(t.Context(), 1, after, filter)
		require.NoError(t, err)
		assert.Equal(t, len(want), page.Total)
		for _, s := range page.Items {
			got = append(got, s.Slug)
		}
		if page.Next == nil {
			break
		}
		after = page.Next
	}
	assert.Equal(t, want, got)

	_, err := m.List(t.Context(), 10, nil, profile.ListFilter{Traits: []string{"gaji"}})
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
}

// TestRefresh shows that a refresh adds, changes and drops exactly the
// slugs it is given, keeps the list order, and leaves a snapshot a reader
// already holds as it was.
func TestRefresh(t *testing.T) {
	ps := titled(12)
	m, c := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))
	before, err := m.Encoded(ps[3].Slug, "", true)
	require.NoError(t, err)
	beforeJSON := bytes.Clone(before.Body)

	changed := *ps[3]
	changed.Title = "Aaa Pertama"
	changed.Summary = "Kini di depan."
	added := &profile.Profile{Slug: "baru", Title: "Pekerjaan 03", Summary: "Baru.", Sections: profile.NewSections()}
	c.put(&changed, added)
	c.remove(ps[5].Slug)
	unannounced := *ps[7]
	unannounced.Summary = "Diubah tanpa kabar."
	c.put(&unannounced)

	// ps[1] is announced without a change: it keeps its place, once.
	require.NoError(t, m.Refresh(t.Context(), []string{changed.Slug, added.Slug, ps[5].Slug, ps[1].Slug, "tidak-pernah-ada"}))

	want := slices.Clone(ps)
	want[3] = &changed
	want = append(want, added)
	want = slices.Delete(want, 5, 6)
	assert.Equal(t, listOrder(want), pages(t, m, 5))
	_, err = m.Encoded(ps[5].Slug, "", true)
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
	got, err := get(m, ps[7].Slug)
	require.NoError(t, err)
	assert.Equal(t, ps[7].Summary, got.Summary, "only the slugs given are loaded again")
	assert.Equal(t, beforeJSON, before.Body, "the old snapshot is left as it was")
}

// TestRun shows the model following change notices: a slug refreshes that
// profile, an empty one reloads everything, and a failing source leaves
// the last data served and is tried again.
func TestRun(t *testing.T) {
	ps := titled(4)
	m, c := newModel(t, ps...)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	defer func() {
		cancel()
		require.NoError(t, <-done)
	}()

	// waitFor waits for updates until check holds.
	waitFor := func(what string, check func() bool) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			// Taken before the check, so that an update between the two
			// is not missed.
			updated := m.Updated()
			if check() {
				return
			}
			select {
			case <-updated:
			case <-deadline:
				t.Fatalf("the model never got %s", what)
			}
		}
	}
	summaryOf := func(slug string) string {
		p, err := get(m, slug)
		if err != nil {
			return "error: " + err.Error()
		}
		return p.Summary
	}

	updated := m.Updated()
	m.Changed("")
	<-updated
	require.True(t, m.Loaded())

	changed := *ps[0]
	changed.Summary = "Berubah."
	c.put(&changed)
	m.Changed(changed.Slug)
	waitFor("the changed profile", func() bool { return summaryOf(changed.Slug) == "Berubah." })

	c.setFail(errors.New("database is down"))
	other := *ps[1]
	other.Summary = "Juga berubah."
	c.put(&other)
	updated = m.Updated()
	m.Changed(other.Slug)
	<-updated
	assert.Equal(t, ps[1].Summary, summaryOf(other.Slug), "the last data loaded is served")
	assert.Equal(t, "Berubah.", summaryOf(changed.Slug))

	c.setFail(nil)
	waitFor("the change that failed, once retried", func() bool { return summaryOf(other.Slug) == "Juga berubah." })

	c.remove(ps[2].Slug)
	third := *ps[3]
	third.Summary = "Dimuat ulang."
	c.put(&third)
	m.Changed("")
	waitFor("a full reload", func() bool {
		return summaryOf(third.Slug) == "Dimuat ulang." && strings.HasPrefix(summaryOf(ps[2].Slug), "error: No profile")
	})
}
