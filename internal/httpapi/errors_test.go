package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// TestErrorStatus shows the one mapping of the domain's kinds of error to
// problem types and statuses, on a fake catalogue: each constructor's error
// reaches the client as a problem of its type, with its public message as
// the detail, and any other error is logged and answered with a generic 500
// that leaks nothing of it.
func TestErrorStatus(t *testing.T) {
	leak := errors.New("dial tcp 10.0.0.7:5432: password=hunter2 refused")
	tests := []struct {
		err    error
		status int
		typ    string
		detail string
	}{
		{profile.Invalid("Bad."), http.StatusBadRequest, "/problems/invalid", "Bad."},
		{profile.Unauthorized("Who?"), http.StatusUnauthorized, "/problems/unauthorized", "Who?"},
		{profile.Forbidden("No."), http.StatusForbidden, "/problems/forbidden", "No."},
		{profile.NotFound("None."), http.StatusNotFound, "/problems/not-found", "None."},
		{profile.Conflict("Taken."), http.StatusConflict, "/problems/conflict", "Taken."},
		{profile.Gone("Deleted."), http.StatusGone, "/problems/gone", "Deleted."},
		{profile.PreconditionFailed("Stale."), http.StatusPreconditionFailed, "/problems/precondition-failed", "Stale."},
		{profile.TooLarge("Big."), http.StatusRequestEntityTooLarge, "/problems/too-large", "Big."},
		{profile.UnsupportedMediaType("Type."), http.StatusUnsupportedMediaType, "/problems/unsupported-media-type", "Type."},
		{profile.Unprocessable("Unreadable."), http.StatusUnprocessableEntity, "/problems/unprocessable", "Unreadable."},
		{profile.Unavailable("Away."), http.StatusServiceUnavailable, "/problems/unavailable", "Away."},
		{profile.TimedOut("Slow."), http.StatusServiceUnavailable, "/problems/timeout", "Slow."},
		{fmt.Errorf("postgres: get: %w", profile.NotFound("Wrapped.")), http.StatusNotFound, "/problems/not-found", "Wrapped."},
		{leak, http.StatusInternalServerError, "/problems/internal", "The server could not answer this request. Please try again later."},
	}
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			catalogue := &mock.Catalogue{
				EncodedFn: func(string, profile.SectionKey, bool) (wire.Encoded, error) { return wire.Encoded{}, tt.err },
			}
			logs := &syncBuffer{}
			h := httpapi.NewHandler(catalogue, nil, slog.New(slog.NewJSONHandler(logs, nil)))
			req := httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/v1/profiles/any", nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)

			resp := rec.Result()
			resp.Request = req
			detail := requireProblem(t, resp, rec.Body.Bytes(), tt.status)
			assert.Equal(t, tt.detail, detail)
			assert.Equal(t, tt.typ, problemType(t, rec.Body.Bytes()))
			assert.NotContains(t, rec.Body.String(), "hunter2")
			if tt.status == http.StatusInternalServerError {
				failures := logs.entries(t, "request failed")
				require.Len(t, failures, 1)
				assert.Equal(t, leak.Error(), failures[0]["err"])
			}
		})
	}
}

// TestProblemTypesOfTheHTTPLayer shows the types of the problems the HTTP
// layer answers itself, before or around a route.
func TestProblemTypesOfTheHTTPLayer(t *testing.T) {
	catalogue := &mock.Catalogue{
		EncodedFn: func(slug string, _ profile.SectionKey, _ bool) (wire.Encoded, error) {
			if slug == "panics" {
				panic("the catalogue broke")
			}
			return wire.Encoded{}, profile.NoProfile(slug)
		},
		ListFn: func(ctx context.Context, _ int, _ *profile.PageKey, _ profile.ListFilter) (profile.Page, error) {
			<-ctx.Done()
			return profile.Page{}, ctx.Err()
		},
	}
	h := httpapi.NewHandler(catalogue, nil, slog.New(slog.DiscardHandler), httpapi.WithRequestTimeout(50*time.Millisecond))
	limited := httpapi.NewHandler(catalogue, nil, slog.New(slog.DiscardHandler),
		httpapi.WithRateLimit(httpapi.RateLimit{Rate: 0.001, Burst: 1}, nil))
	limited.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/v1/profiles/any", nil))
	tests := []struct {
		h            http.Handler
		method, path string
		header       http.Header
		status       int
		typ          string
	}{
		{h, http.MethodGet, "/nowhere", nil, http.StatusNotFound, "/problems/not-found"},
		{h, http.MethodPatch, "/v1/profiles", nil, http.StatusMethodNotAllowed, "/problems/method-not-allowed"},
		{h, "PROPFIND", "/v1/profiles", nil, http.StatusNotImplemented, "/problems/not-implemented"},
		{h, http.MethodGet, "/v1/profiles", http.Header{"Accept": {"text/csv"}}, http.StatusNotAcceptable, "/problems/not-acceptable"},
		{h, http.MethodGet, "/v1/profiles", http.Header{"X-Padding": {strings.Repeat("x", 17<<10)}},
			http.StatusRequestHeaderFieldsTooLarge, "/problems/headers-too-large"},
		{h, http.MethodPost, "/v1/match", http.Header{"Content-Length": {"2000000"}}, http.StatusRequestEntityTooLarge, "/problems/too-large"},
		{h, http.MethodGet, "/v1/profiles/panics", nil, http.StatusInternalServerError, "/problems/internal"},
		{h, http.MethodGet, "/v1/profiles?limit=3", nil, http.StatusServiceUnavailable, "/problems/timeout"},
		{limited, http.MethodGet, "/v1/profiles/any", nil, http.StatusTooManyRequests, "/problems/too-many-requests"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			req := httptest.NewRequestWithContext(t.Context(), tt.method, tt.path, nil)
			maps.Copy(req.Header, tt.header)
			req.ContentLength, _ = strconv.ParseInt(req.Header.Get("Content-Length"), 10, 64)
			rec := httptest.NewRecorder()
			tt.h.ServeHTTP(rec, req)

			resp := rec.Result()
			resp.Request = req
			requireProblem(t, resp, rec.Body.Bytes(), tt.status)
			assert.Equal(t, tt.typ, problemType(t, rec.Body.Bytes()))
		})
	}
}

// problemType returns the type of a problem document.
func problemType(t *testing.T, body []byte) string {
	t.Helper()
	var p problemDoc
	require.NoError(t, json.Unmarshal(body, &p))
	return p.Type
}
