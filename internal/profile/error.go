package profile

import (
	"errors"
	"fmt"
)

// Error codes: the few kinds of failure that adapters tell apart. The HTTP
// layer maps each to a status code in one place (internal/httpapi); any
// other error is internal and its text never reaches a client.
const (
	EINVALID       = "invalid"       // the request or the data is refused as it stands
	EUNPROCESSABLE = "unprocessable" // a well-formed text the parser cannot read
	ENOTFOUND      = "not_found"     // nothing answers to the key
	ECONFLICT      = "conflict"      // the change clashes with what is stored
	EPRECONDITION  = "precondition"  // a condition of the request (If-Match) does not hold
	EGONE          = "gone"          // the thing existed and was deleted
	EUNAUTHORIZED  = "unauthorized"  // no valid credentials
	EFORBIDDEN     = "forbidden"     // credentials do not allow it, or the action is disabled
	ETOOLARGE      = "too_large"     // the input is over its size limit
	EUNSUPPORTED   = "unsupported"   // a media type the route does not take
	EUNAVAILABLE   = "unavailable"   // a dependency (the database) cannot be reached now
	EINTERNAL      = "internal"      // anything else: a fault of the server
)

// Error is a failure whose Message may be shown to clients as it stands:
// it says what is wrong in the client's terms, never how the server failed.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
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
