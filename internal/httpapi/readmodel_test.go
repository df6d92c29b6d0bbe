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
)

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
	model := newAPI(t, nil)
	plain, plainBody := model.do(t, http.MethodGet, manajerPath, http.Header{"Accept-Encoding": {"identity"}})
	require.Equal(t, http.StatusOK, plain.StatusCode)
	assert.Equal(t, "Origin, Accept, Accept-Encoding", plain.Header.Get("Vary"))

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
			assert.Equal(t, "Origin, Accept, Accept-Encoding", resp.Header.Get("Vary"))
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
