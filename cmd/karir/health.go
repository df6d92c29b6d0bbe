package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// healthTimeout bounds the whole check: a server that has not answered
// /readyz by then counts as not ready.
const healthTimeout = 2 * time.Second

// health asks the server at args[0], or the one KARIR_ADDR names on this
// machine, whether it is ready: nil when /readyz answers 200 within
// healthTimeout, else an error that says why in one line. Every failure,
// a bad argument included, exits 1: Docker's HEALTHCHECK reserves 2.
func health(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var target string
	switch len(args) {
	case 0:
		addr := getenv("KARIR_ADDR")
		if addr == "" {
			addr = defaultAddr
		}
		local, err := localURL(addr)
		if err != nil {
			return err
		}
		target = local
	case 1:
		target = args[0]
	default:
		return errors.New("health takes at most one URL")
	}
	readyz, err := readyzURL(target)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	state, err := askReady(ctx, readyz)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: no answer within %s", readyz, healthTimeout)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", readyz, err)
	}
	_, err = fmt.Fprintf(stdout, "%s: %s\n", readyz, state)
	return err
}

// localURL is the URL of a server on this machine listening on addr; an
// address on every interface is reached at 127.0.0.1.
func localURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("KARIR_ADDR=%q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}

// readyzURL is the /readyz of the server at target, which may name the
// server's root or its /readyz.
func readyzURL(target string) (string, error) {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an http:// or https:// URL", target)
	}
	if !strings.HasSuffix(u.Path, "/readyz") {
		u = u.JoinPath("readyz")
	}
	return u.String(), nil
}

// askReady gets readyz and returns the state a 200 names: "ready", or
// "ready, database unavailable" while the server answers from memory.
func askReady(ctx context.Context, readyz string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, readyz, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			return "", uerr.Err
		}
		return "", err
	}
	defer resp.Body.Close()
	var body struct{ Status, Database, Detail string }
	// A body that is not JSON leaves the status code to speak.
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&body); errors.Is(err, context.DeadlineExceeded) {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("not ready: %s%s", resp.Status, oneLine(": ", body.Detail))
	}
	return "ready" + oneLine(", database ", body.Database), nil
}

// oneLine is prefix and s on one line, or nothing when s is empty.
func oneLine(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + strings.Join(strings.Fields(s), " ")
}
