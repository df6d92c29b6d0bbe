package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// TestExportsFromMemoryUnderLoad exports 10,000 profiles six times at
// once, with a request deadline of a millisecond and no database at all,
// while reads go on: every export is whole, in slug order, and every read
// answers 200. An export reads the catalogue's snapshot, not the store.
func TestExportsFromMemoryUnderLoad(t *testing.T) {
	const n = 10_000
	base := fixture(t, "manajer-pelayanan-sosial")
	profiles := make([]*profile.Profile, n)
	for i := range profiles {
		p := *base
		p.Title = fmt.Sprintf("%s %05d", base.Title, i)
		p.Slug = profile.Slugify(p.Title)
		profiles[i] = &p
	}
	model := readmodel.New(&mock.ProfileLoader{EachFn: func(_ context.Context, fn func(*profile.Profile) error) error {
		for _, p := range profiles {
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	}}, readmodel.Options{})
	require.NoError(t, model.Reload(t.Context()))
	tokens, err := httpapi.ParseTokens(testTokens)
	require.NoError(t, err)
	a := serveAPI(t, model, func(context.Context) error { return nil },
		httpapi.WithRequestTimeout(time.Millisecond),
		httpapi.WithEditing(httpapi.Editing{Service: &mock.ProfileService{}, Tokens: tokens}))

	var exports sync.WaitGroup
	lines := make([]int, 6)
	for i := range lines {
		exports.Go(func() {
			resp, err := from("127.0.0.6").Get(a.url + "/v1/export")
			if !assert.NoError(t, err) {
				return
			}
			defer resp.Body.Close()
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			scanner := bufio.NewScanner(resp.Body)
			scanner.Buffer(nil, 1<<20)
			last := ""
			for scanner.Scan() {
				var doc struct {
					Slug string `json:"slug"`
				}
				if !assert.NoError(t, json.Unmarshal(scanner.Bytes(), &doc)) {
					return
				}
				if doc.Slug <= last {
					assert.Fail(t, "not in slug order", "%q after %q", doc.Slug, last)
				}
				last = doc.Slug
				lines[i]++
			}
			assert.NoError(t, scanner.Err())
		})
	}
	// Reads the catalogue answers from memory: this one has no analyzer
	// for searches.
	slug := "/v1/profiles/" + profiles[0].Slug
	took := readsUnderLoad(t, a, "127.0.0.2", 100, []string{slug, "/v1/profiles", slug + "/fit"})
	t.Logf("reads while six exports of %d profiles run: p50 %v, p99 %v", n, took[len(took)/2], p99(took))
	exports.Wait()
	assert.Equal(t, []int{n, n, n, n, n, n}, lines)
}
