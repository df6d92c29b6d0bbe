package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// TestOneChain adds a middleware to the chain once and shows it apply to
// the reads answered from the catalogue's bytes and to the requests the
// router answers alike: there is one chain, not one per path.
func TestOneChain(t *testing.T) {
	routed := map[string]bool{}
	probe := func(next step) step {
		return func(x *exchange) {
			x.Header().Set("X-Probe", "seen")
			next(x)
			routed[x.r.URL.RequestURI()] = x.rctx != nil
		}
	}
	doc := wire.Represent([]byte(`{"slug":"a"}`))
	catalogue := &mock.Catalogue{
		EncodedFn: func(slug string, _ profile.SectionKey, _ bool) (wire.Encoded, error) {
			if slug != "a" {
				return wire.Encoded{}, profile.NoProfile(slug)
			}
			return doc, nil
		},
		EncodedPageFn: func(_ *profile.PageKey, encode func(profile.Page) (*wire.Page, error)) (*wire.Page, bool, error) {
			page, err := encode(profile.Page{Items: []profile.Summary{}})
			return page, err == nil, err
		},
		ListFn: func(context.Context, int, *profile.PageKey, profile.ListFilter) (profile.Page, error) {
			return profile.Page{Items: []profile.Summary{}}, nil
		},
	}
	h := NewHandler(catalogue, func(context.Context) error { return nil }, slog.New(slog.DiscardHandler),
		func(o *options) { o.probes = append(o.probes, probe) })

	for _, tc := range []struct {
		target string
		status int
		routed bool
	}{
		{"/v1/profiles/a", http.StatusOK, false},
		{"/v1/profiles/a/tasks", http.StatusOK, false},
		{"/v1/profiles", http.StatusOK, false},
		{"/v1/profiles?limit=2", http.StatusOK, true},
		{"/v1/profiles/b", http.StatusNotFound, true},
		{"/healthz", http.StatusOK, true},
		{"/nowhere", http.StatusNotFound, true},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.target, nil))
		assert.Equal(t, tc.status, rec.Code, tc.target)
		assert.Equal(t, "seen", rec.Header().Get("X-Probe"), tc.target)
		assert.Equal(t, tc.routed, routed[tc.target], "%s routed", tc.target)
	}
}
