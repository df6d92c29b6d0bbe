package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rwToken is the editor's token of the read-your-writes test.
const rwToken = "kunci-uji-baca-tulis-0123"

// write sends a write with the editor's token and returns its status and
// ETag.
func (s *server) write(t *testing.T, method, path, contentType, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.url+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+rwToken)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Less(t, resp.StatusCode, 300, "%s %s: %s", method, path, data)
	return resp.StatusCode, resp.Header.Get("ETag")
}

// post returns the status and body of a POST of a JSON body.
func (s *server) post(t *testing.T, path, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(s.url+path, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(data)
}

// fitCounts returns the fit count of every trait, as /v1/traits answers.
func (s *server) fitCounts(t *testing.T) map[string]int {
	t.Helper()
	status, body := s.get(t, "/v1/traits")
	require.Equal(t, http.StatusOK, status)
	var list struct {
		Items []struct {
			Name     string `json:"name"`
			FitCount int    `json:"fit_count"`
		} `json:"items"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &list))
	counts := map[string]int{}
	for _, tr := range list.Items {
		counts[tr.Name] = tr.FitCount
	}
	return counts
}

// TestReadYourWrites creates, replaces and deletes a profile on a server,
// round after round, and reads it back at once, without waiting, in every
// way the server answers: each read shows the state the write answered,
// never the one before it. A second server on the same database shows
// each write too, once its document does, in every way at once: it
// applies a change to its read model as one swap.
func TestReadYourWrites(t *testing.T) {
	db.Reset(t)
	vars := map[string]string{"DATABASE_URL": db.URL, "KARIR_ADMIN_TOKENS": "uji:" + rwToken, "KARIR_RATE_LIMIT": "0"}
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, env(vars), io.Discard))
	s, other := startServer(t, vars), startServer(t, vars)
	const slug = "pendamping-sosial-desa"
	path := "/v1/profiles/" + slug
	base := s.fitCounts(t)
	require.Equal(t, base, other.fitCounts(t))

	for round, word := range []string{"zamrud", "safir", "topas", "akik", "giok", "mutiara"} {
		text := strings.Replace(newcomer, "satu desa", "satu desa "+word, 1)
		_, etag := s.write(t, http.MethodPut, path, "text/plain; charset=utf-8", newcomer, "If-None-Match", "*")
		s.requirePresent(t, slug, etag, "pendampingan", base)
		other.awaitDocument(t, slug, etag)
		other.requirePresent(t, slug, etag, "pendampingan", base)
		_, etag = s.write(t, http.MethodPut, path, "text/plain; charset=utf-8", text, "If-Match", etag)
		s.requirePresent(t, slug, etag, word, base)
		other.awaitDocument(t, slug, etag)
		other.requirePresent(t, slug, etag, word, base)
		s.write(t, http.MethodDelete, path, "", "", "If-Match", etag)
		s.requireGone(t, slug, word, base)
		other.awaitDocument(t, slug, "")
		other.requireGone(t, slug, word, base)
		status, body := s.get(t, path+"/revisions?limit=1")
		require.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, `"action":"delete"`, "round %d", round)
	}
}

// awaitDocument waits until s answers the document under slug with etag,
// or, when etag is empty, answers 410 Gone: another server's write reaches
// s through PostgreSQL's notification.
func (s *server) awaitDocument(t *testing.T, slug, etag string) {
	t.Helper()
	require.Eventually(t, func() bool {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, s.url+"/v1/profiles/"+slug, nil)
		require.NoError(t, err)
		req.Header.Set("Accept-Encoding", "identity")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		if etag == "" {
			return resp.StatusCode == http.StatusGone
		}
		return resp.Header.Get("ETag") == etag
	}, 10*time.Second, 2*time.Millisecond, "the write reaches %s", s.url)
}

// requirePresent checks that every read of s shows the profile under slug
// as the write that answered etag left it, with word in its text.
func (s *server) requirePresent(t *testing.T, slug, etag, word string, base map[string]int) {
	t.Helper()
	path := "/v1/profiles/" + slug
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, s.url+path, nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	doc, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode, "the document")
	require.Equal(t, etag, resp.Header.Get("ETag"), "the document is the one written")
	var p struct {
		Sections struct {
			Fit struct {
				Traits []string `json:"traits"`
			} `json:"fit"`
		} `json:"sections"`
	}
	require.NoError(t, json.Unmarshal(doc, &p))

	status, tasks := s.get(t, path+"/tasks")
	require.Equal(t, http.StatusOK, status, "a section")
	require.Contains(t, string(doc), tasks, "the section of the document written")
	status, _ = s.get(t, path+"/related")
	require.Equal(t, http.StatusOK, status, "related")
	status, body := s.get(t, "/v1/compare?slugs="+slug+","+kepala)
	require.Equal(t, http.StatusOK, status, "compare")
	require.Contains(t, body, word, "compare")
	_, body = s.get(t, "/v1/profiles?limit=100")
	require.Contains(t, body, `"slug":"`+slug+`"`, "the list")
	_, body = s.get(t, "/v1/search?q="+word)
	require.Contains(t, body, `"slug":"`+slug+`"`, "search")
	_, body = s.get(t, "/v1/suggest?q=pendamping")
	require.Contains(t, body, `"slug":"`+slug+`"`, "suggest")
	traits, _ := json.Marshal(p.Sections.Fit.Traits)
	_, body = s.post(t, "/v1/match", fmt.Sprintf(`{"traits": %s, "limit": 100}`, traits))
	require.Contains(t, body, `"slug":"`+slug+`"`, "match")
	_, body = s.get(t, "/v1/export")
	require.Contains(t, body, word, "export")
	counts := s.fitCounts(t)
	for _, tr := range p.Sections.Fit.Traits {
		require.Equal(t, base[tr]+1, counts[tr], "the traits count %q", tr)
	}
}

// requireGone checks that every read of s shows the profile under slug
// deleted.
func (s *server) requireGone(t *testing.T, slug, word string, base map[string]int) {
	t.Helper()
	path := "/v1/profiles/" + slug
	for _, p := range []string{path, path + "/tasks", path + "/related", "/v1/compare?slugs=" + slug + "," + kepala} {
		status, _ := s.get(t, p)
		require.Equal(t, http.StatusGone, status, p)
	}
	for _, p := range []string{"/v1/profiles?limit=100", "/v1/search?q=" + word, "/v1/suggest?q=pendamping", "/v1/export"} {
		_, body := s.get(t, p)
		require.NotContains(t, body, `"slug":"`+slug+`"`, p)
	}
	all, _ := json.Marshal(slices.Collect(maps.Keys(base)))
	_, body := s.post(t, "/v1/match", fmt.Sprintf(`{"traits": %s, "limit": 100}`, all))
	require.NotContains(t, body, `"slug":"`+slug+`"`, "match")
	require.Equal(t, base, s.fitCounts(t), "the traits count")
}
