package profile

import (
	"errors"
	"fmt"
	"reflect"
)

// Error codes: the kinds of failure that adapters tell apart. Each code is
// also the name of the problem type clients see (/problems/not-found); the
// HTTP layer maps each to a status in one place (internal/httpapi). Any
// other error is internal and its text never reaches a client.
const (
	EINVALID       = "invalid"                // the request or the data is refused as it stands
	EUNAUTHORIZED  = "unauthorized"           // no valid credentials
	EFORBIDDEN     = "forbidden"              // credentials do not allow it, or the action is disabled
	ENOTFOUND      = "not-found"              // nothing answers to the key
	ECONFLICT      = "conflict"               // the change clashes with what is stored
	EGONE          = "gone"                   // the thing existed and was deleted
	EPRECONDITION  = "precondition-failed"    // a condition of the request (If-Match) does not hold
	EPRECONDREQ    = "precondition-required"  // a write that must be conditional sets no condition
	ETOOLARGE      = "too-large"              // the input is over its size limit
	EUNSUPPORTED   = "unsupported-media-type" // a media type the route does not take
	EUNPROCESSABLE = "unprocessable"          // a well-formed text the parser cannot read
	EUNAVAILABLE   = "unavailable"            // a dependency (the database) cannot answer now
	ETIMEOUT       = "timeout"                // the answer took longer than the request may wait
	EINTERNAL      = "internal"               // anything else: a fault of the server
)

// Error is a failure whose Message may be shown to clients as it stands:
// it says what is wrong in the client's terms, never how the server failed.
// The constructors below make one of each kind; their messages are short
// English sentences that end with a full stop and say what to do when the
// client can do something.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Invalid returns the EINVALID Error: the request or the data is refused as
// it stands. It formats as Detail does; so do the constructors below.
func Invalid(format string, args ...any) *Error { return newError(EINVALID, format, args...) }

// Unauthorized returns the EUNAUTHORIZED Error: credentials are missing or
// not valid.
func Unauthorized(format string, args ...any) *Error {
	return newError(EUNAUTHORIZED, format, args...)
}

// Forbidden returns the EFORBIDDEN Error: the action is not allowed.
func Forbidden(format string, args ...any) *Error { return newError(EFORBIDDEN, format, args...) }

// NotFound returns the ENOTFOUND Error: nothing answers to the key.
func NotFound(format string, args ...any) *Error { return newError(ENOTFOUND, format, args...) }

// Conflict returns the ECONFLICT Error: the change clashes with what is
// stored.
func Conflict(format string, args ...any) *Error { return newError(ECONFLICT, format, args...) }

// Gone returns the EGONE Error: the thing existed and was deleted.
func Gone(format string, args ...any) *Error { return newError(EGONE, format, args...) }

// PreconditionFailed returns the EPRECONDITION Error: a condition the
// request sets does not hold.
func PreconditionFailed(format string, args ...any) *Error {
	return newError(EPRECONDITION, format, args...)
}

// PreconditionRequired returns the EPRECONDREQ Error: the write must say
// which version it changes (If-Match) or that there is none
// (If-None-Match), and says neither.
func PreconditionRequired(format string, args ...any) *Error {
	return newError(EPRECONDREQ, format, args...)
}

// TooLarge returns the ETOOLARGE Error: the input is over its size limit.
func TooLarge(format string, args ...any) *Error { return newError(ETOOLARGE, format, args...) }

// UnsupportedMediaType returns the EUNSUPPORTED Error: the body is of a
// media type the route does not take.
func UnsupportedMediaType(format string, args ...any) *Error {
	return newError(EUNSUPPORTED, format, args...)
}

// Unprocessable returns the EUNPROCESSABLE Error: the input is well formed
// but cannot be used.
func Unprocessable(format string, args ...any) *Error {
	return newError(EUNPROCESSABLE, format, args...)
}

// Unavailable returns the EUNAVAILABLE Error: a dependency cannot answer
// now.
func Unavailable(format string, args ...any) *Error {
	return newError(EUNAVAILABLE, format, args...)
}

// TimedOut returns the ETIMEOUT Error: the answer took longer than the
// request may wait.
func TimedOut(format string, args ...any) *Error { return newError(ETIMEOUT, format, args...) }

func newError(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: Detail(format, args...)}
}

// MaxEcho is how many characters of one piece of client input a message
// may repeat.
const MaxEcho = 64

// Verbatim is text the server wrote itself, such as the list of the known
// traits or an ETag it made, given to Detail or a constructor: it is not
// shortened. Client input never goes in one.
type Verbatim string

// Detail formats a message for clients as fmt.Sprintf does, except that
// every argument that can carry client input (a string or a value of a
// string type, a []string, a []byte, an error, a fmt.Stringer) is cut to
// MaxEcho characters, on a character's boundary and marked with "…": a
// message does not grow with the request. It shortens args in place.
func Detail(format string, args ...any) string {
	for i, arg := range args {
		args[i] = echo(arg)
	}
	return fmt.Sprintf(format, args...)
}

// echo returns arg as a message may repeat it.
func echo(arg any) any {
	switch v := arg.(type) {
	case Verbatim:
		return string(v)
	case string:
		return cut(v)
	case []string:
		out := make([]string, len(v))
		for i, s := range v {
			out[i] = cut(s)
		}
		return out
	case []byte:
		return cut(string(v))
	case error:
		return cut(v.Error())
	case fmt.Stringer:
		return cut(v.String())
	}
	if v := reflect.ValueOf(arg); v.Kind() == reflect.String {
		return cut(v.String())
	}
	return arg
}

// cut shortens s to MaxEcho characters and marks the cut. It cuts between
// characters, so that valid UTF-8 stays valid.
func cut(s string) string {
	n := 0
	for i := range s {
		if n == MaxEcho {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// ErrorCode returns the code of the first Error in err's chain, EINTERNAL
// for any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the public message of the first Error in err's
// chain, and a generic sentence for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "The server could not answer this request. Please try again later."
}
