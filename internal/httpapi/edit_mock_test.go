package httpapi_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
)

// newMockAPI serves the editors' routes from a fake service, so that the
// handlers are shown without a database.
func newMockAPI(t *testing.T, svc *mock.ProfileService) (*httptest.Server, *syncBuffer) {
	t.Helper()
	return newMockAPIOver(t, &mock.Catalogue{}, svc)
}

// newMockAPIOver is newMockAPI over catalogue.
func newMockAPIOver(t *testing.T, catalogue *mock.Catalogue, svc *mock.ProfileService) (*httptest.Server, *syncBuffer) {
	t.Helper()
	tokens, err := httpapi.ParseTokens(testTokens)
	require.NoError(t, err)
	logs := &syncBuffer{}
	srv := httptest.NewServer(httpapi.NewHandler(catalogue, nil, slog.New(slog.NewJSONHandler(logs, nil)),
		httpapi.WithEditing(httpapi.Editing{Service: svc, Tokens: tokens})))
	t.Cleanup(srv.Close)
	return srv, logs
}

// TestWriteHandsTheServiceAuthorAndCondition shows what a PUT passes to the
// service, and that the service's coded errors reach the client as they are.
func TestWriteHandsTheServiceAuthorAndCondition(t *testing.T) {
	doc := fixture(t, "manajer-pelayanan-sosial")
	var got profile.Change
	var gotCond profile.Condition
	svc := &mock.ProfileService{PutFn: func(_ context.Context, c profile.Change, cond profile.Condition) (*profile.Profile, bool, error) {
		got, gotCond = c, cond
		return nil, false, profile.PreconditionFailed("Basi.")
	}}
	srv, _ := newMockAPI(t, svc)
	text := string(must(os.ReadFile(filepath.Join("..", "..", "seeds", "002_7b24272a60752fdb.txt"))))

	req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, srv.URL+manajerPath+"?source=manajer.txt", strings.NewReader(text))
	require.NoError(t, err)
	req.Header = as(bobToken, textPlain, "If-Match", `"a", W/"b"`, "If-Match", `"c"`, "If-None-Match", "*")
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())

	assert.Equal(t, http.StatusPreconditionFailed, resp.StatusCode)
	assert.Contains(t, string(body), `"detail":"Basi."`)
	assert.Equal(t, "bob", got.Author)
	assert.Equal(t, text, got.SourceText)
	assert.Equal(t, doc.Sections, got.Profile.Sections)
	assert.Equal(t, "manajer.txt", got.Profile.Source.File)
	assert.Equal(t, profile.Condition{
		IfMatch:     &profile.Tags{List: []string{`"a"`, `W/"b"`, `"c"`}},
		IfNoneMatch: &profile.Tags{Any: true},
	}, gotCond)
}

// TestExportFailureAbortsTheStream shows that a failure before the first
// line is a problem, and one after it aborts the connection, so that a
// client never takes a cut-off export for a whole one.
func TestExportFailureAbortsTheStream(t *testing.T) {
	fail := errors.New("connection reset by peer")
	lines := 0
	doc := must(profile.Encode(fixture(t, "manajer-pelayanan-sosial")))
	catalogue := &mock.Catalogue{DocumentsFn: func(fn func([]byte) error) error {
		for range lines {
			if err := fn(doc); err != nil {
				return err
			}
		}
		return fail
	}}
	srv, logs := newMockAPIOver(t, catalogue, &mock.ProfileService{})

	resp, err := srv.Client().Get(srv.URL + "/v1/export")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusInternalServerError, resp.StatusCode)
	assert.NotContains(t, string(body), "reset")

	lines = 2
	resp, err = srv.Client().Get(srv.URL + "/v1/export")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	_, err = io.ReadAll(resp.Body)
	require.NoError(t, resp.Body.Close())
	assert.Error(t, err, "the client sees the stream broken")
	assert.Len(t, logs.entries(t, "export failed"), 1)
}
