package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExamplesAreRealAnswers holds the examples of api/openapi.yaml, which
// the /docs page shows, to what the server answers for the fixtures. Every
// operation with a JSON example is called with its parameters' examples;
// an example may leave out keys and array elements (it may be abridged), but
// what it shows must be in the answer, in the same order.
func TestExamplesAreRealAnswers(t *testing.T) {
	a := newAPI(t, nil)
	checked := 0
	for path, item := range a.contract.doc.Paths.Map() {
		op := item.Get
		if op == nil {
			continue
		}
		media := op.Responses.Status(http.StatusOK).Value.Content.Get("application/json")
		if media == nil || media.Example == nil {
			continue
		}
		target := exampleTarget(t, path, slices.Concat(item.Parameters, op.Parameters))
		t.Run(target, func(t *testing.T) {
			resp, body := a.do(t, http.MethodGet, target, nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)
			assertShows(t, media.Example, decodeJSON(t, body), "$")
		})
		checked++
	}
	assert.GreaterOrEqual(t, checked, 5, "operations with an example")

	// Problem examples of the shared responses, with a request that gets them.
	for name, target := range map[string]string{
		"NotFound":   "/v1/profiles/juru-masak",
		"BadRequest": "/v1/profiles?limit=500",
	} {
		t.Run(name, func(t *testing.T) {
			example := a.contract.doc.Components.Responses[name].Value.Content.Get("application/problem+json").Example
			resp, body := a.do(t, http.MethodGet, target, nil)
			require.GreaterOrEqual(t, resp.StatusCode, 400)
			assert.Equal(t, example, decodeJSON(t, body))
		})
	}
}

// exampleTarget returns path with its parameters set to their examples.
func exampleTarget(t *testing.T, path string, params openapi3.Parameters) string {
	t.Helper()
	query := url.Values{}
	for _, ref := range params {
		p := ref.Value
		if p.Example == nil {
			continue
		}
		value := fmt.Sprint(p.Example)
		switch p.In {
		case openapi3.ParameterInPath:
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(value))
		case openapi3.ParameterInQuery:
			query.Set(p.Name, value)
		}
	}
	require.NotContains(t, path, "{", "a path parameter has no example")
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	return path
}

func decodeJSON(t *testing.T, body []byte) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(body, &v), "body: %s", body)
	return v
}

// assertShows checks that got holds everything example shows. updated_at and
// created_at are the time of the test's seeding, which no example can know.
func assertShows(t *testing.T, example, got any, at string) {
	t.Helper()
	switch ex := example.(type) {
	case map[string]any:
		obj, ok := got.(map[string]any)
		if !assert.True(t, ok, "%s: the example has an object, the answer %v", at, got) {
			return
		}
		for key, value := range ex {
			if timeKeys[key] {
				continue
			}
			if key == "next" {
				// A cursor is sealed with the server's key: the example's
				// is only of the same form.
				assert.Regexp(t, `^[A-Za-z0-9_-]+$`, obj[key], at+".next")
				continue
			}
			if assert.Contains(t, obj, key, "%s: the answer has no key %q", at, key) {
				assertShows(t, value, obj[key], at+"."+key)
			}
		}
	case []any:
		arr, ok := got.([]any)
		if !assert.True(t, ok, "%s: the example has an array, the answer %v", at, got) {
			return
		}
		// Each element of the example matches the next equal element of the answer.
		next := 0
		for i, value := range ex {
			found := slices.IndexFunc(arr[next:], func(v any) bool { return reflect.DeepEqual(timeless(value), timeless(v)) })
			if !assert.GreaterOrEqual(t, found, 0, "%s[%d]: %v is not in the answer after element %d: %v", at, i, value, next, arr) {
				return
			}
			next += found + 1
		}
	default:
		assert.Equal(t, example, got, at)
	}
}

// timeKeys are the fields that hold the time of the test's seeding.
var timeKeys = map[string]bool{"updated_at": true, "created_at": true}

// timeless returns v without its timeKeys, at any depth.
func timeless(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, value := range v {
			if !timeKeys[key] {
				out[key] = timeless(value)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, value := range v {
			out[i] = timeless(value)
		}
		return out
	}
	return v
}
