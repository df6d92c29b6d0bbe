package parser

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// worstInput is the 1 MiB text that costs the parser most of those
// tried (BenchmarkParseWorst): list items of one letter, some 260,000
// sentences in as many blocks.
func worstInput() []byte {
	return []byte(strings.Repeat("- a\n", (MaxInputSize-100)/4))
}

// doneAfter is a context that turns done at the n-th look at it, and
// notes when: a cancellation that lands at a known point of the parse.
type doneAfter struct {
	context.Context
	n     int64
	looks atomic.Int64
	at    atomic.Pointer[time.Time]
}

func newDoneAfter(n int64) *doneAfter {
	return &doneAfter{Context: context.Background(), n: n}
}

func (c *doneAfter) Err() error {
	if c.looks.Add(1) < c.n {
		return nil
	}
	now := time.Now()
	c.at.CompareAndSwap(nil, &now)
	return context.Canceled
}

func TestExplainContextStops(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := ParseContext(ctx, "worst.txt", worstInput())
	assert.ErrorIs(t, err, context.Canceled, "a parse asked for after its request ended does not start")

	// Cancelled while it weighs the sentences: the looks before are the
	// stages' (after decoding, after the layout) and those before the 1st
	// and the 257th sentence; the fifth, before the 513th, stops the
	// weighing, and the parse returns at the next.
	mid := newDoneAfter(5)
	_, err = ParseContext(mid, "worst.txt", worstInput())
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int64(6), mid.looks.Load())

	// Not cancelled: the same as Parse.
	want, err := Parse("large.txt", largeInput(t))
	require.NoError(t, err)
	got, err := ParseContext(t.Context(), "large.txt", largeInput(t))
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

// BenchmarkParseWorst measures the 1 MiB text that costs the parser most
// (worstInput), in wall and CPU time per parse.
func BenchmarkParseWorst(b *testing.B) {
	data := worstInput()
	b.SetBytes(int64(len(data)))
	before := cpuTime(b)
	for b.Loop() {
		_, _ = Parse("worst.txt", data)
	}
	b.ReportMetric(float64((cpuTime(b)-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkParseStop measures how long a parse of worstInput runs on
// once its context is found done while the sentences are weighed, before
// the 257th (stop-µs/op).
func BenchmarkParseStop(b *testing.B) {
	data := worstInput()
	var stopping time.Duration
	for b.Loop() {
		ctx := newDoneAfter(4)
		_, _ = ParseContext(ctx, "worst.txt", data)
		stopping += time.Since(*ctx.at.Load())
	}
	b.ReportMetric(float64(stopping.Microseconds())/float64(b.N), "stop-µs/op")
}
