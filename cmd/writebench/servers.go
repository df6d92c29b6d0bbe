package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// server is one karir serve process.
type server struct {
	name   string // A or B
	base   string // http://host:port
	cmd    *exec.Cmd
	exited chan struct{} // closed when the process has ended
}

// pair is the two servers and the editor's token they accept.
type pair struct {
	a, b   *server
	token  string
	client *http.Client
}

// loadTimeout bounds how long a server may take to load the catalogue:
// 100,000 profiles take 15 to 40 s.
const loadTimeout = 5 * time.Minute

// startPair starts a server on each address, on the database of dbURL,
// logging into dir.
func startPair(ctx context.Context, karir, dbURL string, addrs [2]string, dir string) (*pair, error) {
	secret := make([]byte, 16)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	p := &pair{
		token: hex.EncodeToString(secret),
		// Without gzip: a gzipped answer has an ETag of its own, not the
		// one the write answered with.
		client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 256, DisableCompression: true}},
	}
	env := serverEnv(dbURL, "bench:"+p.token)
	var err error
	if p.a, err = start("A", karir, addrs[0], env, dir); err != nil {
		return nil, err
	}
	if p.b, err = start("B", karir, addrs[1], env, dir); err != nil {
		p.a.stop()
		return nil, err
	}
	return p, nil
}

// serverEnv is this process's environment without karir's variables, which
// could point a server elsewhere, and with the benchmark's.
func serverEnv(dbURL, tokens string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KARIR_") && !strings.HasPrefix(kv, "DATABASE_URL=") {
			env = append(env, kv)
		}
	}
	return append(env,
		"DATABASE_URL="+dbURL,
		"KARIR_ADMIN_TOKENS="+tokens,
		// One client sends every request: no limit of the clients' may
		// refuse one, and no deadline cut a slow write short, which would
		// hide what it costs.
		"KARIR_RATE_LIMIT=0",
		"KARIR_MAX_IN_FLIGHT=1024",
		"KARIR_MAX_PER_CLIENT=1024",
		"KARIR_REQUEST_TIMEOUT=1m",
	)
}

func start(name, karir, addr string, env []string, dir string) (*server, error) {
	log, err := os.Create(filepath.Join(dir, "server-"+name+".log"))
	if err != nil {
		return nil, err
	}
	defer log.Close()
	cmd := exec.Command(karir, "serve")
	cmd.Env = append(env, "KARIR_ADDR="+addr)
	cmd.Stdout, cmd.Stderr = log, log
	// A benchmark killed outright leaves no server behind.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{name: name, base: "http://" + addr, cmd: cmd, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(s.exited)
	}()
	return s, nil
}

// stop ends the server as an orchestrator would, and kills it when it has
// not ended after its grace.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

func (p *pair) stop() {
	p.a.stop()
	p.b.stop()
}

// waitLoaded waits until both servers are ready and hold the same
// catalogue, and returns how many profiles it has.
func (p *pair) waitLoaded(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, loadTimeout)
	defer cancel()
	var totals [2]int
	for i, s := range []*server{p.a, p.b} {
		if err := p.waitReady(ctx, s); err != nil {
			return 0, err
		}
		var err error
		if totals[i], err = p.total(ctx, s); err != nil {
			return 0, err
		}
	}
	if totals[0] != totals[1] {
		return 0, fmt.Errorf("server A holds %d profiles, B %d", totals[0], totals[1])
	}
	return totals[0], nil
}

// waitReady polls /readyz, which answers 200 once the read model is loaded.
func (p *pair) waitReady(ctx context.Context, s *server) error {
	for {
		resp, err := p.get(ctx, s.base+"/readyz")
		if err == nil && resp.status == http.StatusOK {
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("server %s ended before it was ready", s.name)
		case <-ctx.Done():
			return fmt.Errorf("server %s: not ready: %w", s.name, context.Cause(ctx))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// total is how many profiles the server's first list page counts.
func (p *pair) total(ctx context.Context, s *server) (int, error) {
	resp, err := p.get(ctx, s.base+"/v1/profiles?limit=1")
	if err != nil {
		return 0, err
	}
	if resp.status != http.StatusOK {
		return 0, fmt.Errorf("server %s: list: %d", s.name, resp.status)
	}
	var page struct {
		Total int `json:"total"`
	}
	return page.Total, json.Unmarshal(resp.body, &page)
}

// cpu is the CPU time the server's process has spent, all its threads
// together, those ended included, to the nanosecond: the clock of the
// process that clock_gettime reads. (The first field of /proc/PID/schedstat
// counts the main thread alone, and /proc/PID/stat counts in ticks of
// 10 ms.)
func (s *server) cpu() (time.Duration, error) {
	// The kernel's clock ID of a process's CPU time: its PID inverted,
	// shifted past the three bits that say the clock is the scheduler's.
	const cpuClockSched = 2
	clock := ^int32(s.cmd.Process.Pid)<<3 | cpuClockSched
	var ts unix.Timespec
	if err := unix.ClockGettime(clock, &ts); err != nil {
		return 0, fmt.Errorf("server %s: CPU time: %w", s.name, err)
	}
	return time.Duration(ts.Nano()), nil
}

// cpus is the CPU time of A and B.
func (p *pair) cpus() ([2]time.Duration, error) {
	a, errA := p.a.cpu()
	b, errB := p.b.cpu()
	return [2]time.Duration{a, b}, errors.Join(errA, errB)
}
