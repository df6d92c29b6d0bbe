package httpapi_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/parser"
)

// from returns a client whose connections come from the loopback address
// ip, a client of its own to the server's caps and rate limit.
func from(ip string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 4}}
}

// mixedReads are a document, the list, a search and a section.
var mixedReads = []string{manajerPath, "/v1/profiles?limit=2", "/v1/search?q=program", manajerPath + "/fit"}

// readsUnderLoad sends n reads of paths in turn from the address ip, one
// after another; it requires every answer to be 200 and returns their
// latencies, sorted.
func readsUnderLoad(t *testing.T, a *testAPI, ip string, n int, paths []string) []time.Duration {
	t.Helper()
	client := from(ip)
	var took []time.Duration
	for i := range n {
		start := time.Now()
		resp, body := doWith(t, client, http.MethodGet, a.url+paths[i%len(paths)], nil)
		took = append(took, time.Since(start))
		require.Equal(t, http.StatusOK, resp.StatusCode, "read %d: %s", i, body)
	}
	slices.Sort(took)
	return took
}

func p99(sorted []time.Duration) time.Duration { return sorted[len(sorted)*99/100] }

// defaultLimits are the options of a server with the default limits,
// the rate limit included.
func defaultLimits(t *testing.T) []httpapi.Option {
	limit, err := httpapi.ParseRateLimit("50:100")
	require.NoError(t, err)
	return []httpapi.Option{httpapi.WithRateLimit(limit, nil)}
}

// TestReadsAnswerWhileBodiesTrickle holds 140 requests from one address
// that send a byte of a 100 KB body and no more, as issue 17 found them
// starving every other client: reads from another address keep answering
// 200, the address gets no more than its share of slots, and the bodies
// it holds are cut with 408 once the grace has passed.
func TestReadsAnswerWhileBodiesTrickle(t *testing.T) {
	a := newAPI(t, nil, defaultLimits(t)...)
	host := strings.TrimPrefix(a.url, "http://")
	const held = 140
	status := make(chan int, held)
	for range held {
		conn, err := (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.4")}}).DialContext(t.Context(), "tcp", host)
		require.NoError(t, err)
		t.Cleanup(func() { conn.Close() })
		_, err = fmt.Fprintf(conn, "POST /v1/parse HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nP", host)
		require.NoError(t, err)
		go func() {
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				status <- 0
				return
			}
			resp.Body.Close()
			status <- resp.StatusCode
		}()
	}
	// The requests over the address's cap are refused at once; the others
	// hold their slots.
	perClient := httpapi.DefaultAdmission().MaxPerClient
	for range held - perClient {
		require.Equal(t, http.StatusTooManyRequests, <-status)
	}

	took := readsUnderLoad(t, a, "127.0.0.2", 100, mixedReads)
	t.Logf("reads while %d bodies trickle in: p50 %v, p99 %v, max %v", held, took[len(took)/2], p99(took), took[len(took)-1])

	for range perClient {
		assert.Equal(t, http.StatusRequestTimeout, <-status, "a body that trickles in is cut")
	}
}

// TestReadsAnswerWhileWorstParsesLoop has four editors parse the costliest
// 1 MiB text over and over: reads from another address keep answering 200,
// and the parses over the cap wait their turn or get 503.
func TestReadsAnswerWhileWorstParsesLoop(t *testing.T) {
	a := newAPI(t, nil, defaultLimits(t)...)
	text := strings.Repeat("- a\n", (parser.MaxInputSize-100)/4)
	ctx, stop := context.WithCancel(t.Context())
	var (
		loops   sync.WaitGroup
		mu      sync.Mutex
		codes   []int
		once    sync.Once
		running = make(chan struct{})
	)
	for range 4 {
		loops.Go(func() {
			client := from("127.0.0.5")
			for ctx.Err() == nil {
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.url+"/v1/parse", strings.NewReader(text))
				if err != nil {
					return
				}
				req.Header.Set("Content-Type", textPlain)
				req.Header.Set("Authorization", "Bearer "+aliceToken)
				resp, err := client.Do(req)
				if err != nil {
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mu.Lock()
				codes = append(codes, resp.StatusCode)
				mu.Unlock()
				once.Do(func() { close(running) })
			}
		})
	}
	// The loops are running once the first parse is answered.
	<-running

	took := readsUnderLoad(t, a, "127.0.0.2", 100, mixedReads)
	t.Logf("reads while 4 worst parses loop: p50 %v, p99 %v, max %v", took[len(took)/2], p99(took), took[len(took)-1])
	stop()
	loops.Wait()
	for _, code := range codes {
		assert.Contains(t, []int{http.StatusUnprocessableEntity, http.StatusServiceUnavailable}, code,
			"the worst text has no profile in it; a parse over the cap waits, then gets 503")
	}
}

// TestPublicPreviewIsSmaller sends a text over the preview's limit without
// a token: a 413 that says so; an editor may send it (the parser then
// refuses it, at once, for its last byte).
func TestPublicPreviewIsSmaller(t *testing.T) {
	a := newAPI(t, nil)
	big := strings.Repeat("Pekerjaan ini menuntut ketelitian. ", (300<<10)/35) + "\xff"
	resp, body := a.send(t, http.MethodPost, "/v1/parse", http.Header{"Content-Type": {textPlain}}, big)
	assert.Contains(t, requireProblem(t, resp, body, http.StatusRequestEntityTooLarge), "without an editor's token takes at most 262144 bytes")
	resp, body = a.send(t, http.MethodPost, "/v1/parse", as(aliceToken, textPlain), big)
	assert.Contains(t, requireProblem(t, resp, body, http.StatusUnprocessableEntity), "not valid UTF-8")
}
