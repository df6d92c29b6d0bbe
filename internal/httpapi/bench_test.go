package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// discardWriter is a ResponseWriter that keeps nothing, so that the
// benchmarks measure the handler and not a recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

// benchHandler is the whole API, request logging included (to a handler
// that drops the lines), over a read model of the fixtures.
func benchHandler(b *testing.B) http.Handler {
	return httpapi.NewHandler(benchModel(b), func(context.Context) error { return nil }, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func benchModel(b *testing.B) *readmodel.Model {
	fs := fixtures(&testing.T{})
	m := readmodel.New(&mock.ProfileLoader{
		EachFn: func(_ context.Context, fn func(*profile.Profile) error) error {
			for _, p := range fs {
				if err := fn(p); err != nil {
					return err
				}
			}
			return nil
		},
	}, readmodel.Options{})
	if err := m.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	return m
}

func serveBench(b *testing.B, h http.Handler, path string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := &discardWriter{h: http.Header{}}
		h.ServeHTTP(w, req)
	}
}

// BenchmarkDocument is the handler path of GET /v1/profiles/{slug}.
func BenchmarkDocument(b *testing.B) {
	serveBench(b, benchHandler(b), manajerPath)
}

func BenchmarkSection(b *testing.B) {
	serveBench(b, benchHandler(b), manajerPath+"/tasks")
}

func BenchmarkList(b *testing.B) {
	serveBench(b, benchHandler(b), "/v1/profiles")
}

// BenchmarkCompare is the handler path of GET /v1/compare for four
// profiles, which the router answers from the documents as the model holds
// them.
func BenchmarkCompare(b *testing.B) {
	fs := fixtures(&testing.T{})[:4]
	serveBench(b, benchHandler(b), "/v1/compare?slugs="+fs[0].Slug+","+fs[1].Slug+","+fs[2].Slug+","+fs[3].Slug)
}
