package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAccessLogSampling shows that every failed request is logged, and one
// in a hundred of the others, marked so that counts can be scaled.
func TestAccessLogSampling(t *testing.T) {
	a := newAPI(t, nil)
	for range 250 {
		resp, _ := a.do(t, http.MethodGet, "/healthz", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
	for range 3 {
		resp, _ := a.do(t, http.MethodGet, "/v1/profiles/juru-masak", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	}

	var ok, failed int
	for _, entry := range a.logs.entries(t, "request") {
		switch entry["status"] {
		case 200.0:
			ok++
			assert.Equal(t, 100.0, entry["sampled"])
		case 404.0:
			failed++
			assert.NotContains(t, entry, "sampled")
		}
	}
	assert.Equal(t, 3, ok, "the 1st, 101st and 201st")
	assert.Equal(t, 3, failed)
}
