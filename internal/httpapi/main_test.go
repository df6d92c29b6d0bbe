package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
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

// testAPI is NewHandler on a real listener, and a client that fails every
// exchange departing from api/openapi.yaml.
type testAPI struct {
	url    string
	client *http.Client
	// transport reaches the server without checks.
	transport http.RoundTripper
	// store and model are what the API serves, as cmd/karir serves them;
	// nil over a fake catalogue.
	store    *postgres.ProfileStore
	model    *readmodel.Model
	contract *contract
	logs     *syncBuffer
}

// newAPI starts the API over the test database, seeded with the fixtures;
// a nil ready asks the database, as cmd/karir does. opts tune the handler.
func newAPI(t *testing.T, ready func(context.Context) error, opts ...httpapi.Option) *testAPI {
	t.Helper()
	pool := db.Reset(t)
	_, err := postgres.NewProfileStore(pool).Seed(t.Context(), fixtures(t))
	require.NoError(t, err)
	if ready == nil {
		ready = func(ctx context.Context) error { return postgres.Ready(ctx, pool) }
	}
	return serveModel(t, pool, ready, opts...)
}

// serveModel starts the API as cmd/karir serves it, over a read model
// loaded from the database of pool, with its search index, and the
// editors' routes (with testTokens and editorOrigin, unless an option of
// opts sets other editing) writing to the store, which the model follows.
func serveModel(t *testing.T, pool *pgxpool.Pool, ready func(context.Context) error, opts ...httpapi.Option) *testAPI {
	t.Helper()
	store := postgres.NewProfileStore(pool)
	model := readmodel.New(store, readmodel.Options{Analyzer: postgres.NewSearchStore(pool)})
	require.NoError(t, model.Reload(t.Context()))
	tokens, err := httpapi.ParseTokens(testTokens)
	require.NoError(t, err)
	editing := httpapi.Editing{Service: model.Writes(store), Tokens: tokens, Origins: []string{editorOrigin}}
	a := serveAPI(t, model, ready, append([]httpapi.Option{httpapi.WithEditing(editing)}, opts...)...)
	a.store, a.model = store, model
	return a
}

// serveAPI starts the API over catalogue on a real listener.
func serveAPI(t *testing.T, catalogue profile.Catalogue, ready func(context.Context) error, opts ...httpapi.Option) *testAPI {
	t.Helper()
	logs := &syncBuffer{}
	srv := httptest.NewServer(httpapi.NewHandler(catalogue, ready, slog.New(slog.NewJSONHandler(logs, nil)), opts...))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	c := loadContract(t)
	return &testAPI{
		url:       srv.URL,
		client:    &http.Client{Transport: checkedTransport{base: srv.Client().Transport, contract: c}},
		transport: srv.Client().Transport,
		contract:  c,
		logs:      logs,
	}
}

// refresh has the model load slugs again after a test changed them in the
// store itself, as a server does when their change is announced.
func (a *testAPI) refresh(t *testing.T, slugs ...string) {
	t.Helper()
	require.NoError(t, a.model.Refresh(t.Context(), slugs))
}

// statusLater sends GET url with client in the background and returns
// where the answer's status comes, 0 if none came.
func statusLater(client *http.Client, url string) <-chan int {
	status := make(chan int, 1)
	go func() {
		resp, err := client.Get(url)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	return status
}

// do sends a request and returns the answer with its whole body.
func (a *testAPI) do(t *testing.T, method, path string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	return doWith(t, a.client, method, a.url+path, header)
}

func doWith(t *testing.T, client *http.Client, method, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	require.NoError(t, err)
	maps.Copy(req.Header, header)
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

// problemDoc mirrors the problem+json document.
type problemDoc struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
}

// requireProblem checks the parts of a problem that follow from the status
// and the request: a type of that status, its title, the path; it returns
// the detail.
func requireProblem(t *testing.T, resp *http.Response, body []byte, status int) string {
	t.Helper()
	require.Equal(t, status, resp.StatusCode, "body: %s", body)
	assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	var p problemDoc
	require.NoError(t, json.Unmarshal(body, &p))
	typeStatus, title, ok := httpapi.ProblemType(p.Type)
	require.True(t, ok, "type %q", p.Type)
	assert.Equal(t, problemDoc{
		Type:     p.Type,
		Title:    title,
		Status:   typeStatus,
		Detail:   p.Detail,
		Instance: cutPath(resp.Request.URL.EscapedPath()),
	}, p)
	assert.Equal(t, status, typeStatus, "the status of %s", p.Type)
	return p.Detail
}

// cutPath is the instance of a problem about path: at most 256 bytes,
// never ending inside an escape.
func cutPath(path string) string {
	if len(path) <= 256 {
		return path
	}
	path = path[:256]
	if i := strings.LastIndexByte(path[254:], '%'); i >= 0 {
		path = path[:254+i]
	}
	return path
}

// roundTrip returns v as a client decodes it from JSON.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out T
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

// syncBuffer collects the server's log lines, which its goroutines write
// while the test reads, and decodes them.
type syncBuffer struct{ pgtest.SyncBuffer }

// entries returns the log lines whose msg is msg, decoded.
func (b *syncBuffer) entries(t *testing.T, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(b.String()) {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry))
		if entry["msg"] == msg {
			out = append(out, entry)
		}
	}
	return out
}

// listPage and summary mirror the list's JSON; the contract checks that it
// holds nothing more.
type listPage struct {
	Items []summary `json:"items"`
	Total int       `json:"total"`
	Next  string    `json:"next"`
}

type summary struct {
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	Traits  []string `json:"traits"`
	URL     string   `json:"url"`
}

// summaries is what the list shows of profiles, in order.
func summaries(profiles []*profile.Profile) []summary {
	out := make([]summary, 0, len(profiles))
	for _, p := range profiles {
		out = append(out, summary{
			Slug:    p.Slug,
			Title:   p.Title,
			Summary: p.Summary,
			Traits:  p.Sections.Fit.Traits,
			URL:     "/v1/profiles/" + p.Slug,
		})
	}
	return out
}
