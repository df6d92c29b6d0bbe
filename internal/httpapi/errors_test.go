package httpapi_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// TestErrorStatus shows the one mapping of the domain's error codes to
// statuses, on a fake catalogue: the public message of a coded error reaches
// the client as it stands, and any other error is logged and answered with
// a generic 500 that leaks nothing of it.
func TestErrorStatus(t *testing.T) {
	leak := errors.New("dial tcp 10.0.0.7:5432: password=hunter2 refused")
	tests := []struct {
		err    error
		status int
		detail string
	}{
		{profile.Errorf(profile.EINVALID, "Bad."), http.StatusBadRequest, "Bad."},
		{profile.Errorf(profile.EUNPROCESSABLE, "x.txt:3: unreadable"), http.StatusUnprocessableEntity, "x.txt:3: unreadable"},
		{profile.Errorf(profile.ENOTFOUND, "None."), http.StatusNotFound, "None."},
		{profile.Errorf(profile.ECONFLICT, "Taken."), http.StatusConflict, "Taken."},
		{profile.Errorf(profile.EPRECONDITION, "Stale."), http.StatusPreconditionFailed, "Stale."},
		{profile.Errorf(profile.EGONE, "Deleted."), http.StatusGone, "Deleted."},
		{profile.Errorf(profile.EUNAUTHORIZED, "Who?"), http.StatusUnauthorized, "Who?"},
		{profile.Errorf(profile.EFORBIDDEN, "No."), http.StatusForbidden, "No."},
		{profile.Errorf(profile.ETOOLARGE, "Big."), http.StatusRequestEntityTooLarge, "Big."},
		{profile.Errorf(profile.EUNSUPPORTED, "Type."), http.StatusUnsupportedMediaType, "Type."},
		{profile.Errorf(profile.EUNAVAILABLE, "Away."), http.StatusServiceUnavailable, "Away."},
		{fmt.Errorf("postgres: get: %w", profile.Errorf(profile.ENOTFOUND, "Wrapped.")), http.StatusNotFound, "Wrapped."},
		{leak, http.StatusInternalServerError, "The server could not answer this request. Please try again later."},
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
			assert.NotContains(t, rec.Body.String(), "hunter2")
			if tt.status == http.StatusInternalServerError {
				failures := logs.entries(t, "request failed")
				require.Len(t, failures, 1)
				assert.Equal(t, leak.Error(), failures[0]["err"])
			}
		})
	}
}
