package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Log buffering: lines wait at most logFlushEvery, or until logFlushAt
// bytes wait; past logMaxPending bytes new lines are dropped and counted,
// so that a stalled stdout cannot take the server's memory.
const (
	logFlushEvery = 50 * time.Millisecond
	logFlushAt    = 64 << 10
	logMaxPending = 8 << 20
)

// logWriter collects log lines in memory and writes them to out from a
// goroutine of its own, many lines a write: a request never waits for
// stdout, and a busy server does not make a write call per request.
type logWriter struct {
	out  io.Writer
	full chan struct{}
	quit chan struct{}
	done chan struct{}

	mu      sync.Mutex
	pending []byte
	dropped int
}

func newLogWriter(out io.Writer) *logWriter {
	w := &logWriter{
		out:  out,
		full: make(chan struct{}, 1),
		quit: make(chan struct{}),
		done: make(chan struct{}),
	}
	go w.run()
	return w
}

// Write takes a copy of p; it never fails and never blocks on out.
func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	if len(w.pending)+len(p) > logMaxPending {
		w.dropped++
	} else {
		w.pending = append(w.pending, p...)
	}
	n := len(w.pending)
	w.mu.Unlock()
	if n >= logFlushAt {
		select {
		case w.full <- struct{}{}:
		default: // a flush is already due
		}
	}
	return len(p), nil
}

func (w *logWriter) run() {
	defer close(w.done)
	tick := time.NewTicker(logFlushEvery)
	defer tick.Stop()
	var spare []byte
	for {
		select {
		case <-tick.C:
		case <-w.full:
		case <-w.quit:
			w.flush(spare)
			return
		}
		spare = w.flush(spare)
	}
}

// flush writes what is pending and returns the emptied buffer for reuse.
func (w *logWriter) flush(spare []byte) []byte {
	w.mu.Lock()
	buf, dropped := w.pending, w.dropped
	w.pending, w.dropped = spare[:0], 0
	w.mu.Unlock()
	if dropped > 0 {
		buf = fmt.Appendf(buf, "level=WARN msg=\"log lines dropped: stdout is too slow\" lines=%d\n", dropped)
	}
	if len(buf) > 0 {
		// Nowhere to report a failing stdout: the lines are lost.
		_, _ = w.out.Write(buf)
	}
	return buf
}

// Close writes out what is pending and stops the writer; lines written
// after it are kept in memory and never written.
func (w *logWriter) Close() {
	close(w.quit)
	<-w.done
}
