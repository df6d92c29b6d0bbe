package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// problemTypeDoc mirrors what /problems/{kind} answers in JSON.
type problemTypeDoc struct {
	Type        string `json:"type"`
	Title       string `json:"title"`
	Status      int    `json:"status"`
	Explanation string `json:"explanation"`
	Remedy      string `json:"remedy"`
}

// TestProblemTypeResolves follows the type of a 404 as a client would:
// resolved against the request, it answers what a 404 means, in JSON to an
// API client and as a page to a browser.
func TestProblemTypeResolves(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/v1/profiles/tidak-ada", nil)
	requireProblem(t, resp, body, http.StatusNotFound)
	ref, err := url.Parse(problemType(t, body))
	require.NoError(t, err)
	typeURL := resp.Request.URL.ResolveReference(ref)
	assert.Equal(t, a.url+"/problems/not-found", typeURL.String())

	resp, body = doWith(t, a.client, http.MethodGet, typeURL.String(), http.Header{"Accept": {"application/json"}})
	require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var doc problemTypeDoc
	require.NoError(t, json.Unmarshal(body, &doc))
	assert.Equal(t, "/problems/not-found", doc.Type)
	assert.Equal(t, "Not Found", doc.Title)
	assert.Equal(t, http.StatusNotFound, doc.Status)
	assert.Contains(t, doc.Explanation, "Nothing answers to the path")
	assert.Contains(t, doc.Remedy, "GET /v1/profiles lists the profiles")

	resp, body = doWith(t, a.client, http.MethodGet, typeURL.String(), http.Header{"Accept": {"text/html,application/xhtml+xml,*/*;q=0.8"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Contains(t, resp.Header.Values("Vary"), "Origin, Accept")
	assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "style-src 'self'")
	page := string(body)
	assert.Contains(t, page, "<h1>Not Found</h1>")
	assert.Contains(t, page, doc.Explanation)
	assert.Contains(t, page, doc.Remedy)
}

// TestProblemTypesListed shows that /problems lists every type the contract
// names, each at its own URI, and that an unknown kind is a 404 problem.
func TestProblemTypesListed(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, "/problems", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var list struct {
		Items []problemTypeDoc `json:"items"`
	}
	require.NoError(t, json.Unmarshal(body, &list))
	var listed []any
	for _, item := range list.Items {
		listed = append(listed, item.Type)
		resp, body := a.do(t, http.MethodGet, item.Type, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, item.Type)
		var doc problemTypeDoc
		require.NoError(t, json.Unmarshal(body, &doc))
		assert.Equal(t, item, doc)
		for _, text := range []string{item.Explanation, item.Remedy} {
			assert.True(t, strings.HasSuffix(text, "."), "%s ends with a full stop: %q", item.Type, text)
		}
	}
	assert.Equal(t, a.contract.doc.Components.Schemas["ProblemTypeURI"].Value.Enum, listed)

	resp, body = a.do(t, http.MethodGet, "/problems", http.Header{"Accept": {"text/html"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, item := range list.Items {
		assert.Contains(t, string(body), `<a href="`+item.Type+`">`+item.Title+`</a>`)
	}

	resp, body = a.do(t, http.MethodGet, "/problems/no-such-kind", nil)
	detail := requireProblem(t, resp, body, http.StatusNotFound)
	assert.Equal(t, `No problem type is named "no-such-kind"; GET /problems lists them.`, detail)
}
