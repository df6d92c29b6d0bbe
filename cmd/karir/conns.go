package main

import (
	"net"
	"net/http"
	"sync"
)

// idleConns caps the kept-alive connections that wait for their next
// request: each holds a file descriptor and buffers, and a client may open
// thousands and leave them idle. A connection that turns idle over the
// cap is closed, as the server would close it after IdleTimeout.
type idleConns struct {
	max  int
	mu   sync.Mutex
	idle map[net.Conn]struct{}
}

func newIdleConns(max int) *idleConns {
	return &idleConns{max: max, idle: map[net.Conn]struct{}{}}
}

// track is the server's ConnState hook.
func (c *idleConns) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	over := false
	if state == http.StateIdle {
		over = len(c.idle) >= c.max
		if !over {
			c.idle[conn] = struct{}{}
		}
	} else {
		delete(c.idle, conn)
	}
	c.mu.Unlock()
	if over {
		conn.Close()
	}
}
