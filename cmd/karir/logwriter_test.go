package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// blockedWriter holds every write until it is released.
type blockedWriter struct {
	release chan struct{}
	mu      sync.Mutex
	buf     bytes.Buffer
}

func (w *blockedWriter) Write(p []byte) (int, error) {
	<-w.release
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// TestLogWriter shows that lines reach stdout in order and whole once the
// writer closes, that writing never waits for a stalled stdout, and that
// past the limit lines are dropped and counted.
func TestLogWriter(t *testing.T) {
	out := &blockedWriter{release: make(chan struct{})}
	w := newLogWriter(out)
	line := strings.Repeat("x", 1023) + "\n"
	lines := 2 * logMaxPending / len(line) // twice what fits while stdout is stalled
	for i := range lines {
		n, err := w.Write([]byte(fmt.Sprintf("%08d", i) + line[8:]))
		assert.NoError(t, err)
		assert.Equal(t, len(line), n)
	}
	close(out.release)
	w.Close()

	got := strings.Split(strings.TrimSuffix(out.buf.String(), "\n"), "\n")
	last := got[len(got)-1]
	assert.Regexp(t, `^level=WARN msg="log lines dropped: stdout is too slow" lines=[1-9][0-9]*$`, last)
	var dropped int
	_, err := fmt.Sscanf(last[strings.LastIndex(last, "=")+1:], "%d", &dropped)
	assert.NoError(t, err)
	kept := got[:len(got)-1]
	assert.Equal(t, lines, len(kept)+dropped, "every line is written or counted")
	for i, l := range kept {
		assert.Equal(t, fmt.Sprintf("%08d", i), l[:8], "in order, none lost in between")
	}
}
