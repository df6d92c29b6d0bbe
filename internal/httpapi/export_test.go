package httpapi

// WithoutFastPath routes every request through chi and its middleware, so
// that tests can compare the fast path's answers with the chain's.
func WithoutFastPath() Option {
	return func(o *options) { o.noFastPath = true }
}
