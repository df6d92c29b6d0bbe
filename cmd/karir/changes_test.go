package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// event is one server-sent event of GET /v1/changes.
type event struct {
	id, name string
	data     struct {
		Slug     string  `json:"slug"`
		Revision int     `json:"revision"`
		Action   string  `json:"action"`
		ETag     *string `json:"etag"`
		At       string  `json:"at"`
	}
}

// follow opens the change feed of s with header, and returns the events as
// they come; the stream closes when the test ends.
func follow(t *testing.T, url string, header http.Header) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/v1/changes", nil)
	require.NoError(t, err)
	for name, values := range header {
		req.Header[name] = values
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	events := make(chan event, 16)
	go func() {
		defer resp.Body.Close()
		defer close(events)
		readEvents(resp.Body, events)
	}()
	return events
}

// readEvents parses the stream into events, skipping comments.
func readEvents(r io.Reader, events chan<- event) {
	var e event
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		field, value, _ := strings.Cut(lines.Text(), ": ")
		switch field {
		case "id":
			e.id = value
		case "event":
			e.name = value
		case "data":
			if json.Unmarshal([]byte(value), &e.data) != nil {
				return
			}
		case "":
			if e.id != "" {
				events <- e
			}
			e = event{}
		}
	}
}

func next(t *testing.T, events <-chan event, within time.Duration) event {
	t.Helper()
	select {
	case e, ok := <-events:
		require.True(t, ok, "the stream ended")
		return e
	case <-time.After(within):
		t.Fatalf("no event within %s", within)
		return event{}
	}
}

// send makes a write with the token of sari and returns its status and ETag.
func send(t *testing.T, method, url string, header http.Header, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header = header
	req.Header.Set("Authorization", "Bearer kunci-sari-4f9c2a7e1b8d")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("ETag")
}

// etagOf returns the ETag of the document at url, which a write sends in
// If-Match.
func etagOf(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Head(url)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.Header.Get("ETag")
}

// TestChangeFeedAcrossServers follows the feed on one server while another
// writes: the event arrives within a second; a client that reconnects with
// Last-Event-ID gets what it missed meanwhile, and nothing twice.
func TestChangeFeedAcrossServers(t *testing.T) {
	db.Reset(t)
	vars := map[string]string{"DATABASE_URL": db.URL, "KARIR_ADMIN_TOKENS": docsTokens}
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, env(vars), io.Discard))
	reader, writer := startServer(t, vars), startServer(t, vars)
	events := follow(t, reader.url, nil)

	status, doc := writer.get(t, "/v1/profiles/"+kepala)
	require.Equal(t, http.StatusOK, status)
	edited := strings.Replace(doc, `"summary":"`, `"summary":"Diperbarui. `, 1)
	start := time.Now()
	status, etag := send(t, http.MethodPut, writer.url+"/v1/profiles/"+kepala,
		http.Header{"Content-Type": {"application/json"}, "If-Match": {etagOf(t, writer.url+"/v1/profiles/"+kepala)}}, edited)
	require.Equal(t, http.StatusOK, status)
	e := next(t, events, time.Second)
	t.Logf("from the write's request to the event on the other server: %s", time.Since(start))
	assert.Equal(t, "replace", e.name)
	assert.Equal(t, kepala, e.data.Slug)
	assert.Equal(t, "replace", e.data.Action)
	assert.Equal(t, 2, e.data.Revision, "the seed was the first revision")
	require.NotNil(t, e.data.ETag)
	assert.Equal(t, etag, *e.data.ETag, "the tag of the document the change left")

	// While no one follows, two profiles go; resuming replays them.
	for _, slug := range []string{kepala, "manajer-pelayanan-sosial"} {
		status, _ := send(t, http.MethodDelete, writer.url+"/v1/profiles/"+slug, http.Header{"If-Match": {etagOf(t, writer.url+"/v1/profiles/"+slug)}}, "")
		require.Equal(t, http.StatusNoContent, status)
	}
	resumed := follow(t, reader.url, http.Header{"Last-Event-ID": {e.id}})
	first, second := next(t, resumed, time.Second), next(t, resumed, time.Second)
	assert.Equal(t, []string{"delete", "delete"}, []string{first.name, second.name})
	assert.Equal(t, []string{kepala, "manajer-pelayanan-sosial"}, []string{first.data.Slug, second.data.Slug})
	assert.Nil(t, first.data.ETag, "a deleted profile has no document")
	assert.Less(t, e.id, first.id)
	select {
	case again := <-resumed:
		t.Fatalf("an event came twice or from nowhere: %+v", again)
	case <-time.After(200 * time.Millisecond):
	}

	// The stream left open got them as they came.
	assert.Equal(t, first.id, next(t, events, time.Second).id)
	assert.Equal(t, second.id, next(t, events, time.Second).id)
}

// TestChangeFeedEndsOnShutdown shows a stream ended as the server shuts
// down, well within the grace period it would otherwise hold.
func TestChangeFeedEndsOnShutdown(t *testing.T) {
	db.Reset(t)
	addr, _, stop := startServe(t, env(map[string]string{"DATABASE_URL": db.URL, "KARIR_ADDR": "127.0.0.1:0", "KARIR_SHUTDOWN_GRACE": "20s"}))
	events := follow(t, "http://"+addr, nil)
	start := time.Now()
	require.NoError(t, stop())
	_, open := <-events
	assert.False(t, open)
	assert.Less(t, time.Since(start), 5*time.Second)
}
