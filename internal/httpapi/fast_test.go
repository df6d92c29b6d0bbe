package httpapi_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
)

// TestFastReadsAdmission shows that the reads answered from the
// catalogue's bytes count against the rate limit and the cap on requests
// in flight as every other request does, and are turned away with the same
// answers.
func TestFastReadsAdmission(t *testing.T) {
	t.Run("rate limit", func(t *testing.T) {
		a := newAPI(t, nil, httpapi.WithRateLimit(testLimit, nil))
		paths := []string{manajerPath, manajerPath + "/tasks", "/v1/profiles"}
		for _, path := range paths {
			resp, _ := a.do(t, http.MethodGet, path, nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, path)
		}
		for _, path := range paths {
			resp, body := a.do(t, http.MethodGet, path, nil)
			detail := requireProblem(t, resp, body, http.StatusTooManyRequests)
			assert.Equal(t, "Too many requests from your address; at most 0.01 per second with bursts of 3. Retry after 100 s.", detail, path)
			assert.Equal(t, "100", resp.Header.Get("Retry-After"), path)
		}
	})

	t.Run("requests in flight", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		// The read model, with a search that blocks.
		model := newAPI(t, nil).model
		catalogue := &mock.Catalogue{
			EncodedFn: model.Encoded, ListFn: model.List, EncodedPageFn: model.EncodedPage,
			SearchFn: func(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
				close(entered)
				<-release
				return profile.SearchResult{Items: []profile.SearchHit{}}, nil
			},
		}
		a := serveAPI(t, catalogue, func(context.Context) error { return nil }, httpapi.WithMaxInFlight(1))
		first := statusLater(a.client, a.url+"/v1/search?q=program")
		<-entered
		for _, path := range []string{manajerPath, manajerPath + "/tasks", "/v1/profiles"} {
			resp, body := a.do(t, http.MethodGet, path, nil)
			detail := requireProblem(t, resp, body, http.StatusServiceUnavailable)
			assert.Equal(t, "The server is answering as many requests as it can. Please try again later.", detail, path)
			assert.Equal(t, "2", resp.Header.Get("Retry-After"), path)
		}
		close(release)
		assert.Equal(t, http.StatusOK, <-first)
		resp, _ := a.do(t, http.MethodGet, manajerPath, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, "the slot is free again")
	})
}
