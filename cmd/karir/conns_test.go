package main

import (
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIdleConnsCapped turns three connections idle under a cap of two: the
// third is closed; once one of the two is busy again, a fourth may wait.
func TestIdleConnsCapped(t *testing.T) {
	c := newIdleConns(2)
	var ends []net.Conn
	conn := func() net.Conn {
		server, client := net.Pipe()
		t.Cleanup(func() { server.Close(); client.Close() })
		ends = append(ends, client)
		return server
	}
	first, second, third := conn(), conn(), conn()
	c.track(first, http.StateIdle)
	c.track(second, http.StateIdle)
	c.track(third, http.StateIdle)
	assert.Len(t, c.idle, 2)
	_, err := ends[2].Write([]byte("GET"))
	assert.ErrorIs(t, err, io.ErrClosedPipe, "the third idle connection is closed")

	c.track(first, http.StateActive)
	fourth := conn()
	c.track(fourth, http.StateIdle)
	assert.Len(t, c.idle, 2)
	c.track(second, http.StateClosed)
	assert.Len(t, c.idle, 1)
}
