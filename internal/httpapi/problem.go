package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/profile"
)

// internalDetail is all clients learn about a failure of the server.
var internalDetail = profile.ErrorMessage(nil)

// timeoutDetail answers a request that ran out of time.
const timeoutDetail = "The request took longer than the server allows. Please try again later."

// retryAfter is the Retry-After of a 503: about the longest backoff of the
// database's connection attempts.
const retryAfter = "2"

// problem is an RFC 9457 problem details document.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	// Errors locates a text's fault by line, when one line is to blame.
	Errors []lineError `json:"errors,omitempty"`
}

type lineError struct {
	Line   int    `json:"line"`
	Detail string `json:"detail"`
}

// responder writes answers that may need to log what clients must not see.
type responder struct {
	logger *slog.Logger
}

// writeError answers err as a problem of its code's type, whose detail is
// the error's public message. An error without a code of the domain is a
// fault of the server: it is logged, and the client gets a generic 500.
func (out responder) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		// The body came slower than paceBodies allows; what is left of it
		// is not worth reading.
		w.Header().Set("Connection", "close")
		writeProblem(w, r, kindRequestTimeout, "The request body arrived too slowly; send it at once.")
		return
	}
	code := profile.ErrorCode(err)
	if _, known := problemTypeOf(code); !known || code == profile.EINTERNAL {
		if errors.Is(r.Context().Err(), context.DeadlineExceeded) {
			// Whatever failed, the request ran out of time.
			writeProblem(w, r, profile.ETIMEOUT, timeoutDetail)
			return
		}
		out.logger.ErrorContext(r.Context(), "request failed",
			slog.Any("err", err),
		)
		writeProblem(w, r, profile.EINTERNAL, internalDetail)
		return
	}
	if code == profile.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="karir"`)
	}
	p := newProblem(r, code, profile.ErrorMessage(err))
	var parseErr *parser.Error
	if errors.As(err, &parseErr) && parseErr.Line > 0 {
		p.Errors = []lineError{{Line: parseErr.Line, Detail: asSentence(parseErr.Msg)}}
	}
	writeProblemDoc(w, r, p)
}

// handlerFunc is a handler that leaves failures to one error writer.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle returns fn as an http.HandlerFunc that answers fn's error, if any,
// as a problem. fn must not have written anything when it returns an error.
func (out responder) handle(fn handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			out.writeError(w, r, err)
		}
	}
}

// writeProblem answers with an application/problem+json document of the
// kind's type. A detail that repeats client input is made by profile.Detail,
// which shortens it.
func writeProblem(w http.ResponseWriter, r *http.Request, kind, detail string) {
	writeProblemDoc(w, r, newProblem(r, kind, detail))
}

// newProblem returns the problem of a kind of problemTypes.
func newProblem(r *http.Request, kind, detail string) problem {
	t, _ := problemTypeOf(kind)
	return problem{
		Type:     t.uri(),
		Title:    t.title,
		Status:   t.status,
		Detail:   detail,
		Instance: instance(r),
	}
}

func writeProblemDoc(w http.ResponseWriter, r *http.Request, p problem) {
	status := p.Status
	// Strings and ints always marshal.
	body, _ := json.Marshal(p)
	h := w.Header()
	if (status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests) && h.Get("Retry-After") == "" {
		h.Set("Retry-After", retryAfter)
	}
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// asSentence makes a parser's message, in lower case without a full stop,
// a sentence.
func asSentence(msg string) string {
	first, size := utf8.DecodeRuneInString(msg)
	return string(unicode.ToUpper(first)) + msg[size:] + "."
}

// maxInstance bounds the instance of a problem: a long path is cut, on an
// escape's boundary, so that the body does not grow with the request.
const maxInstance = 256

func instance(r *http.Request) string {
	path := r.URL.EscapedPath()
	if len(path) <= maxInstance {
		return path
	}
	end := maxInstance
	if i := strings.LastIndexByte(path[end-2:end], '%'); i >= 0 {
		end -= 2 - i
	}
	return path[:end]
}
