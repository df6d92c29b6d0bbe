package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// newModelAPI starts the API over the store of the API a serves, and a
// second one over a read model loaded from that store.
func newModelAPI(t *testing.T) (store, model *testAPI) {
	t.Helper()
	store = newAPI(t, nil)
	m := readmodel.New(store.store, readmodel.Options{})
	require.NoError(t, m.Reload(t.Context()))
	return store, serveAPI(t, m, store.store, func(context.Context) error { return nil })
}

// TestModelAnswersAsTheStore shows that the read model's pre-encoded bytes
// are exactly what the API encodes from the store, headers included.
func TestModelAnswersAsTheStore(t *testing.T) {
	store, model := newModelAPI(t)

	var paths []string
	for _, p := range fixtures(t) {
		paths = append(paths, "/v1/profiles/"+p.Slug)
		for _, key := range profile.SectionKeys() {
			paths = append(paths, "/v1/profiles/"+p.Slug+"/"+string(key))
		}
	}
	paths = append(paths, "/v1/profiles", "/v1/profiles?limit=2", "/v1/profiles/juru-masak",
		"/v1/profiles?limit=1&trait=kepemimpinan&trait=komunikasi", "/v1/profiles?trait=kesabaran",
		"/v1/compare?slugs=manajer-pelayanan-sosial,direktur-lembaga-kesejahteraan-sosial", "/v1/compare?slugs=manajer-pelayanan-sosial,juru-masak",
		"/v1/profiles/juru-masak/tasks", "/v1/profiles/%FF", manajerPath+"/gaji")
	for _, path := range paths {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			t.Run(method+" "+path, func(t *testing.T) {
				want, wantBody := store.do(t, method, path, identity)
				got, gotBody := model.do(t, method, path, identity)

				assert.Equal(t, want.StatusCode, got.StatusCode)
				assert.Equal(t, string(wantBody), string(gotBody))
				for _, name := range []string{"Content-Type", "Content-Length", "ETag", "Cache-Control", "Link", "X-Content-Type-Options"} {
					assert.Equal(t, want.Header.Values(name), got.Header.Values(name), name)
				}
				assert.Empty(t, got.Header.Values("Content-Encoding"))
			})
		}
	}
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	return out
}

func quoted(sum [32]byte) string { return `"` + hex.EncodeToString(sum[:]) + `"` }

// TestModelGzip shows the document sent compressed, from bytes compressed
// once, to clients that accept gzip, with its own strong ETag, and plain to
// the others.
func TestModelGzip(t *testing.T) {
	_, model := newModelAPI(t)
	plain, plainBody := model.do(t, http.MethodGet, manajerPath, http.Header{"Accept-Encoding": {"identity"}})
	require.Equal(t, http.StatusOK, plain.StatusCode)
	assert.Equal(t, "Origin, Accept-Encoding", plain.Header.Get("Vary"))

	for _, tc := range []struct {
		acceptEncoding string
		gzipped        bool
	}{
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"x-gzip", true},
		{"*", true},
		{"identity", false},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"*;q=0", false},
		{"gzip;q=0, *", false},
		{"br", false},
		{"gzip;q=abc", false},
	} {
		t.Run(tc.acceptEncoding, func(t *testing.T) {
			resp, body := model.do(t, http.MethodGet, manajerPath, http.Header{"Accept-Encoding": {tc.acceptEncoding}})

			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, "Origin, Accept-Encoding", resp.Header.Get("Vary"))
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			if !tc.gzipped {
				assert.Empty(t, resp.Header.Values("Content-Encoding"))
				assert.Equal(t, plainBody, body)
				assert.Equal(t, plain.Header.Get("ETag"), resp.Header.Get("ETag"))
				return
			}
			assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
			assert.Equal(t, plainBody, gunzip(t, body))
			assert.Less(t, len(body), len(plainBody))
			assert.Equal(t, quoted(sha256.Sum256(body)), resp.Header.Get("ETag"))
			assert.NotEqual(t, plain.Header.Get("ETag"), resp.Header.Get("ETag"), "a tag per representation")
		})
	}

	t.Run("revalidation", func(t *testing.T) {
		gz := http.Header{"Accept-Encoding": {"gzip"}}
		resp, _ := model.do(t, http.MethodGet, manajerPath, gz)
		tag := resp.Header.Get("ETag")

		resp, body := model.do(t, http.MethodGet, manajerPath, http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {tag}})
		assert.Equal(t, http.StatusNotModified, resp.StatusCode)
		assert.Empty(t, body)
		assert.Equal(t, tag, resp.Header.Get("ETag"))

		resp, _ = model.do(t, http.MethodGet, manajerPath, http.Header{"Accept-Encoding": {"identity"}, "If-None-Match": {tag}})
		assert.Equal(t, http.StatusOK, resp.StatusCode, "the gzip tag does not validate the plain bytes")
	})

	t.Run("HEAD", func(t *testing.T) {
		get, body := model.do(t, http.MethodGet, manajerPath, http.Header{"Accept-Encoding": {"gzip"}})
		head, _ := model.do(t, http.MethodHead, manajerPath, http.Header{"Accept-Encoding": {"gzip"}})
		assert.Equal(t, get.Header.Get("ETag"), head.Header.Get("ETag"))
		assert.Equal(t, "gzip", head.Header.Get("Content-Encoding"))
		assert.Equal(t, []string{strconv.Itoa(len(body))}, head.Header.Values("Content-Length"))
	})

	t.Run("a short section stays plain", func(t *testing.T) {
		resp, body := model.do(t, http.MethodGet, "/v1/profiles/pendamping-sosial-desa/expectations", http.Header{"Accept-Encoding": {"gzip"}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Empty(t, resp.Header.Values("Content-Encoding"))
		assert.Equal(t, "Origin, Accept-Encoding", resp.Header.Get("Vary"))
		assert.JSONEq(t, `{"label":"Ekspektasi dan Realita","sentences":[],"items":[]}`, string(body))
	})

	t.Run("Go's client, which asks for gzip itself", func(t *testing.T) {
		// It decompresses the answer for its caller.
		resp, body := model.do(t, http.MethodGet, manajerPath, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.True(t, resp.Uncompressed)
		assert.Equal(t, plainBody, body)
	})
}

func TestReadyzDatabaseUnavailable(t *testing.T) {
	a := newAPI(t, func(context.Context) error {
		return httpapi.DatabaseUnavailable{Err: io.ErrUnexpectedEOF}
	})

	resp, body := a.do(t, http.MethodGet, "/readyz", nil)

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.JSONEq(t, `{"status":"ready","database":"unavailable"}`, string(body))
	logged := a.logs.entries(t, "not ready")
	require.Len(t, logged, 1)
	assert.Contains(t, logged[0]["err"], "unexpected EOF")
}
