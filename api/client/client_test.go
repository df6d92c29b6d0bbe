package client_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/api/client"
	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/pgtest"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

var db *pgtest.DB

func TestMain(m *testing.M) {
	db = pgtest.Create()
	code := m.Run()
	db.Drop()
	os.Exit(code)
}

const token = "kunci-uji-klien-9d2f4a1c"

// serve starts the API as karir serve does, over the seeds, with one editor.
func serve(t *testing.T) string {
	t.Helper()
	pool := db.Reset(t)
	store := postgres.NewProfileStore(pool)
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	var profiles []*profile.Profile
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		p, err := parser.Parse(filepath.Base(file), data)
		require.NoError(t, err)
		profiles = append(profiles, p)
	}
	_, err = store.Seed(t.Context(), profiles)
	require.NoError(t, err)
	model := readmodel.New(store, readmodel.Options{Analyzer: postgres.NewSearchStore(pool)})
	require.NoError(t, model.Reload(t.Context()))
	tokens, err := httpapi.ParseTokens("uji:" + token)
	require.NoError(t, err)
	editing := httpapi.Editing{Service: &following{ProfileStore: store, model: model}, Tokens: tokens}
	srv := httptest.NewServer(httpapi.NewHandler(model, func(context.Context) error { return nil }, slog.New(slog.DiscardHandler), httpapi.WithEditing(editing)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// following is the store with the model loading each write at once, as
// the notifications a server follows would.
type following struct {
	*postgres.ProfileStore
	model *readmodel.Model
}

func (f *following) Put(ctx context.Context, c profile.Change, cond profile.Condition) (*profile.Profile, bool, error) {
	p, created, err := f.ProfileStore.Put(ctx, c, cond)
	if err == nil {
		err = f.model.Refresh(ctx, []string{p.Slug})
	}
	return p, created, err
}

func bearer(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer "+token)
	return nil
}

func TestClient(t *testing.T) {
	ctx := t.Context()
	c, err := client.NewClientWithResponses(serve(t))
	require.NoError(t, err)

	list, err := c.ListProfilesWithResponse(ctx, &client.ListProfilesParams{})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, list.StatusCode())
	assert.Equal(t, 5, list.JSON200.Total)
	slug := list.JSON200.Items[0].Slug

	got, err := c.GetProfileWithResponse(ctx, slug, &client.GetProfileParams{})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, got.StatusCode())
	assert.Equal(t, list.JSON200.Items[0].Title, got.JSON200.Title)
	etag := got.HTTPResponse.Header.Get("ETag")

	found, err := c.SearchProfilesWithResponse(ctx, &client.SearchProfilesParams{Q: "kesejahteraan"})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, found.StatusCode())
	assert.NotEmpty(t, found.JSON200.Items)

	var doc client.ProfileDocument
	require.NoError(t, json.Unmarshal(got.Body, &doc))
	doc.Summary = "Diperbarui lewat klien Go. " + doc.Summary
	put, err := c.PutProfileWithResponse(ctx, slug, &client.PutProfileParams{IfMatch: &etag}, doc, bearer)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, put.StatusCode(), "%s", put.Body)
	assert.Equal(t, doc.Summary, put.JSON200.Summary)

	// The tag read before the write is stale now.
	stale, err := c.PutProfileWithResponse(ctx, slug, &client.PutProfileParams{IfMatch: &etag}, doc, bearer)
	require.NoError(t, err)
	require.Equal(t, http.StatusPreconditionFailed, stale.StatusCode())
	require.NotNil(t, stale.ApplicationproblemJSON412)
	assert.EqualValues(t, 412, stale.ApplicationproblemJSON412.Status)
}

// TestTypeScriptClient runs the Node test of api/ts against a real server;
// make test builds api/ts first.
func TestTypeScriptClient(t *testing.T) {
	dir := filepath.Join("..", "ts")
	_, err := os.Stat(filepath.Join(dir, "dist", "client.test.js"))
	require.NoError(t, err, "api/ts is not built: make test builds it (cd api/ts && npm ci && npm run build)")
	cmd := exec.CommandContext(t.Context(), "node", "--test", "dist/")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KARIR_URL="+serve(t), "KARIR_TOKEN="+token)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
}
