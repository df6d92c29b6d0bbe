package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/api"
)

// contract checks exchanges against api/openapi.yaml with kin-openapi.
type contract struct {
	doc    *openapi3.T
	router routers.Router
	// What the document says of answers no operation documents.
	preflight, notFound, methodNotAllowed, notImplemented *openapi3.Responses
}

// refusals are the answers any path and method may get for what the
// request carries, before it is routed.
var refusals = map[int]string{
	http.StatusNotAcceptable:               "NotAcceptable",
	http.StatusRequestEntityTooLarge:       "TooLarge",
	http.StatusTooManyRequests:             "TooManyRequests",
	http.StatusRequestHeaderFieldsTooLarge: "HeadersTooLarge",
}

func loadContract(t testing.TB) *contract {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	require.True(t, doc.IsOpenAPI31OrLater(), "the JSON Schema 2020-12 validator is only used for OpenAPI 3.1")
	// NDJSON is checked as text; kin-openapi has no decoder of its own for it.
	openapi3filter.RegisterBodyDecoder("application/x-ndjson", openapi3filter.FileBodyDecoder)
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	shared := func(status int, name string) *openapi3.Responses {
		ref := doc.Components.Responses[name]
		require.NotNil(t, ref, "component response %s", name)
		opts := []openapi3.NewResponsesOption{openapi3.WithStatus(status, ref)}
		for status, name := range refusals {
			ref := doc.Components.Responses[name]
			require.NotNil(t, ref, "component response %s", name)
			opts = append(opts, openapi3.WithStatus(status, ref))
		}
		return openapi3.NewResponses(opts...)
	}
	return &contract{
		doc:              doc,
		router:           router,
		preflight:        shared(http.StatusOK, "Preflight"),
		notFound:         shared(http.StatusNotFound, "NotFound"),
		methodNotAllowed: shared(http.StatusMethodNotAllowed, "MethodNotAllowed"),
		notImplemented:   shared(http.StatusNotImplemented, "NotImplemented"),
	}
}

// check reports how an exchange departs from the document. Answers that no
// operation documents (unrouted paths, other methods, methods outside RFC
// 9110, CORS preflights) are checked against the shared component responses
// the document names for them. kin-openapi skips HEAD and 304 answers
// altogether, so those, like preflights, are checked here: status, headers,
// and no body.
func (c *contract) check(req *http.Request, status int, header http.Header, body []byte) error {
	ctx := context.Background()
	preflight := req.Method == http.MethodOptions && req.Header.Get("Origin") != "" &&
		req.Header.Get("Access-Control-Request-Method") != ""

	asGet := req.Clone(ctx)
	if req.GetBody != nil {
		// The round trip has read the body; validate a fresh copy.
		body, err := req.GetBody()
		if err != nil {
			return err
		}
		asGet.Body = body
	}
	if req.Method == http.MethodHead {
		// HEAD is documented as GET without a body.
		asGet.Method = http.MethodGet
	}
	if req.GetBody != nil {
		// The round trip has read the body; validate a fresh copy.
		body, err := req.GetBody()
		if err != nil {
			return err
		}
		asGet.Body = body
	}
	input := &openapi3filter.RequestValidationInput{Request: asGet}
	var responses *openapi3.Responses
	route, params, err := c.router.FindRoute(asGet)
	switch {
	case preflight:
		responses = c.preflight
	case !slices.Contains([]string{
		http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace,
	}, req.Method):
		responses = c.notImplemented
	case errors.Is(err, routers.ErrPathNotFound):
		responses = c.notFound
	case errors.Is(err, routers.ErrMethodNotAllowed):
		responses = c.methodNotAllowed
	case err != nil:
		return err
	default:
		input.Route, input.PathParams = route, params
		responses = route.Operation.Responses
		// Writes are authorised by the server, which the tests check.
		input.Options = &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
		if err := openapi3filter.ValidateRequest(ctx, input); err != nil && !slices.Contains(bodyRefusals, status) && refusals[status] == "" {
			return fmt.Errorf("the document refuses the request, yet the answer is %d: %w", status, err)
		}
	}
	if input.Route == nil {
		input.Route = &routers.Route{Spec: c.doc, Operation: &openapi3.Operation{Responses: responses}}
	}

	if req.Method == http.MethodHead || status == http.StatusNotModified || preflight {
		ref := responses.Status(status)
		if ref == nil {
			return fmt.Errorf("status %d is not documented", status)
		}
		return checkBodiless(ref.Value, header, body, status != http.StatusNotModified)
	}
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
}

// bodyRefusals are the statuses that answer a request the document
// refuses: a malformed or oversized body, a media type or a text it does not
// take, or, before the body is read, missing or refused credentials.
var bodyRefusals = []int{
	http.StatusBadRequest, http.StatusNotFound, http.StatusRequestEntityTooLarge,
	http.StatusUnauthorized, http.StatusForbidden,
	http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity,
}

// checkBodiless checks an answer without a body against its documented
// response: the headers it requires and their schemas and, when typed is set
// and the response documents content, a documented Content-Type.
func checkBodiless(doc *openapi3.Response, header http.Header, body []byte, typed bool) error {
	if len(body) != 0 {
		return fmt.Errorf("%d bytes of body where none may be", len(body))
	}
	for name, ref := range doc.Headers {
		values := header.Values(name)
		if len(values) == 0 {
			if ref.Value.Required {
				return fmt.Errorf("required header %s is missing", name)
			}
			continue
		}
		if len(values) > 1 {
			return fmt.Errorf("header %s is sent %d times", name, len(values))
		}
		if err := ref.Value.Schema.Value.VisitJSON(values[0], openapi3.EnableJSONSchema2020()); err != nil {
			return fmt.Errorf("header %s: %w", name, err)
		}
	}
	if typed && len(doc.Content) > 0 && doc.Content.Get(header.Get("Content-Type")) == nil {
		return fmt.Errorf("content type %q is not documented", header.Get("Content-Type"))
	}
	return nil
}

// checkedTransport fails every round trip whose exchange departs from the
// document, so that no test can receive an undocumented answer.
type checkedTransport struct {
	base     http.RoundTripper
	contract *contract
}

func (t checkedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	representation := body
	if resp.Header.Get("Content-Encoding") == "gzip" && len(body) > 0 {
		// The request asked for gzip itself, so the transport left it
		// encoded; the document describes the representation.
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		if representation, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	}
	if err := t.contract.check(req, resp.StatusCode, resp.Header, representation); err != nil {
		return nil, fmt.Errorf("%s %s answered %d, which api/openapi.yaml does not allow: %w",
			req.Method, req.URL.RequestURI(), resp.StatusCode, err)
	}
	return resp, nil
}
