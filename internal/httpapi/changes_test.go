package httpapi_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/changefeed"
	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
)

// feedAPI is the API with a change feed over its store, bounded to limits.
func feedAPI(t *testing.T, limits changefeed.Limits) *testAPI {
	t.Helper()
	pool := db.Reset(t)
	store := postgres.NewProfileStore(pool)
	_, err := store.Seed(t.Context(), fixtures(t))
	require.NoError(t, err)
	feed := changefeed.New(store, limits, slog.New(slog.DiscardHandler))
	return serveModel(t, pool, func(ctx context.Context) error { return postgres.Ready(ctx, pool) }, httpapi.WithChangeFeed(feed))
}

// openStream starts a stream without the contract's check, which would read
// the body to its end; it returns the response and its first lines.
func openStream(t *testing.T, a *testAPI, header http.Header) (*http.Response, *bufio.Reader) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.url+"/v1/changes", nil)
	require.NoError(t, err)
	req.Header = header
	resp, err := a.transport.RoundTrip(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp, bufio.NewReader(resp.Body)
}

func TestChangeFeedStream(t *testing.T) {
	a := feedAPI(t, changefeed.Limits{Total: 10, PerClient: 2})
	_, index := a.do(t, http.MethodGet, "/", nil)
	assert.Contains(t, string(index), `"changes":"/v1/changes"`, "the JSON index lists the feed")
	resp, body := openStream(t, a, http.Header{"Origin": {"https://elsewhere.example"}})

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"), "readable from any origin")
	line, err := body.ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "retry: 1000\n", line)

	// A resuming client replays the seed's five revisions.
	resp, body = openStream(t, a, http.Header{"Last-Event-ID": {"0"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var ids []int
	for len(ids) < 5 {
		line, err := body.ReadString('\n')
		require.NoError(t, err)
		if id, ok := strings.CutPrefix(line, "id: "); ok {
			n, err := strconv.Atoi(strings.TrimSpace(id))
			require.NoError(t, err)
			ids = append(ids, n)
		}
	}
	assert.IsIncreasing(t, ids)
}

func TestChangeFeedRefusals(t *testing.T) {
	a := feedAPI(t, changefeed.Limits{Total: 3, PerClient: 2})
	for _, tc := range []struct {
		header http.Header
		path   string
		status int
	}{
		{http.Header{"Last-Event-ID": {"nope"}}, "/v1/changes", http.StatusBadRequest},
		{nil, "/v1/changes?after=-1", http.StatusBadRequest},
		{nil, "/v1/changes?after=1&after=2", http.StatusBadRequest},
		{http.Header{"Last-Event-ID": {"999999"}}, "/v1/changes", http.StatusGone},
		{nil, "/v1/changes?after=999999", http.StatusGone},
	} {
		resp, body := a.do(t, http.MethodGet, tc.path, tc.header)
		requireProblem(t, resp, body, tc.status)
	}
	resp, body := a.do(t, http.MethodPost, "/v1/changes", nil)
	requireProblem(t, resp, body, http.StatusMethodNotAllowed)

	// Two streams per client, three in all (the test is one client).
	openStream(t, a, http.Header{})
	openStream(t, a, http.Header{})
	resp, body = a.do(t, http.MethodGet, "/v1/changes", nil)
	requireProblem(t, resp, body, http.StatusServiceUnavailable)
	assert.Equal(t, "10", resp.Header.Get("Retry-After"))
	_, _ = io.Copy(io.Discard, resp.Body)
}
