package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/karir/karir/internal/profile"
)

// internalDetail is all clients learn about a failure of the server.
const internalDetail = "The server could not answer this request. Please try again later."

// problem is an RFC 9457 problem details document.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
}

// responder writes answers that may need to log what clients must not see.
type responder struct {
	logger *slog.Logger
}

// writeError answers err as a problem. It is the one place that maps domain
// errors to status codes: detail is the sentence clients get for a 4xx;
// any other error is logged and answered with a generic 500.
func (out responder) writeError(w http.ResponseWriter, r *http.Request, err error, detail string) {
	switch {
	case errors.Is(err, profile.ErrNotFound):
		writeProblem(w, r, http.StatusNotFound, detail)
	case errors.Is(err, profile.ErrInvalid):
		writeProblem(w, r, http.StatusBadRequest, detail)
	default:
		out.logger.ErrorContext(r.Context(), "request failed",
			slog.Any("err", err),
			slog.String("request_id", middleware.GetReqID(r.Context())),
		)
		writeProblem(w, r, http.StatusInternalServerError, internalDetail)
	}
}

// writeProblem answers with an application/problem+json document.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	// Strings and an int always marshal.
	body, _ := json.Marshal(problem{
		Type:     "about:blank",
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   detail,
		Instance: r.URL.EscapedPath(),
	})
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
