package browsertest

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/api"
)

// loadContract returns api/openapi.yaml, the document the server serves.
func loadContract(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	require.NoError(t, err)
	return doc
}

// TestDocsListsEveryPath loads /docs, where Scalar renders the contract the
// server serves, and waits until it lists every path of the document.
func TestDocsListsEveryPath(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	var paths []string
	for path := range loadContract(t).Paths.Map() {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	want, err := json.Marshal(paths)
	require.NoError(t, err)

	// Scalar shows each operation's path in a span.endpoint-path.
	listed := `[...new Set([...document.querySelectorAll('.endpoint-path')].map(e => e.textContent.trim()))]`
	var done bool
	tb.run(t,
		chromedp.Navigate(s.url+"/docs"),
		chromedp.Poll(fmt.Sprintf(`(() => { const listed = %s; return %s.every(p => listed.includes(p)) })()`, listed, want),
			&done, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
	assert.Subset(t, eval[[]string](t, tb, listed), paths)
	assert.Equal(t, "karir", eval[string](t, tb, `document.querySelector('h1').textContent.trim()`))
	tb.shoot(t, "docs", true)

	// "Try it": the operation's client sends the request to this server,
	// with the parameters' examples.
	answer := tb.watch("/v1/profiles?limit=1")
	sendButton := `[...document.querySelectorAll('button')].find(b => /^Send/.test(b.textContent.trim()))`
	// Scalar renders the operations far below the introduction only when
	// they are reached: go there through the sidebar first.
	testRequest := `[...document.querySelectorAll('button')].find(b => b.textContent.includes('Test Request(get /v1/profiles)'))`
	tb.run(t,
		chromedp.Evaluate(`[...document.querySelectorAll('*')].find(e => e.children.length === 0 && e.textContent.trim() === 'List profiles').click()`, nil),
		chromedp.Poll(`!!`+testRequest, &done, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)),
		chromedp.Evaluate(testRequest+`.click()`, nil),
		chromedp.Poll(`!!`+sendButton, &done, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)),
		chromedp.Evaluate(sendButton+`.click()`, nil))
	select {
	case status := <-answer:
		assert.EqualValues(t, 200, status)
	case <-time.After(stepTimeout):
		t.Fatalf("the reference sent no GET /v1/profiles?limit=1 in %s", stepTimeout)
	}
}
