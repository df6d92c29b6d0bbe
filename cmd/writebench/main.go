// Command writebench measures what an editor's write costs a deployment
// of two servers: it loads generated profiles into the scratch database
// karir_bench, starts two karir serve processes on it, sends writes to the
// first and times how soon the second shows each, then measures the CPU
// each server spends per write. It is what `make bench-writes` runs; it
// sends traffic to loopback addresses only. It exits 0 whatever it
// measures, and 1 when it cannot measure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/karir/karir/internal/benchdb"
	"github.com/karir/karir/internal/generate"
)

// options are the command's flags.
type options struct {
	profiles, writes   int
	interval, deadline time.Duration
	reuse              bool
	karir, seeds       string
	addrs              [2]string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv("DATABASE_URL"), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "writebench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	var o options
	flags := flag.NewFlagSet("writebench", flag.ContinueOnError)
	flags.IntVar(&o.profiles, "profiles", 100000, "generated profiles to load into karir_bench")
	flags.IntVar(&o.writes, "writes", 200, "writes in each phase: 3 in 4 replace a profile, the rest create or delete one")
	flags.DurationVar(&o.interval, "interval", 50*time.Millisecond, "time between the starts of two writes; a write starts no sooner than the answer to the one before")
	flags.DurationVar(&o.deadline, "deadline", 10*time.Second, "how long the second server may take to show a write before it counts as not shown")
	flags.BoolVar(&o.reuse, "reuse", false, "measure the catalogue the last run left in karir_bench, as it is, instead of loading -profiles")
	flags.StringVar(&o.karir, "karir", "", "karir binary to run; unset: go build ./cmd/karir into a temporary folder")
	flags.StringVar(&o.seeds, "seeds", "seeds", "folder of the seed texts")
	addrs := flags.String("addrs", "127.0.0.1:18281,127.0.0.1:18282", "loopback addresses of the two servers, A (written to) and B")
	if err := flags.Parse(args); err != nil {
		return o, err
	}
	if o.profiles < 1 || o.profiles >= generate.Max {
		return o, fmt.Errorf("-profiles must be a whole number from 1 to %d, leaving titles free for the creates", generate.Max-1)
	}
	if o.writes < 1 || o.interval <= 0 || o.deadline <= 0 {
		return o, errors.New("-writes, -interval and -deadline must be positive")
	}
	parts := strings.Split(*addrs, ",")
	if len(parts) != 2 || !loopback(parts[0]) || !loopback(parts[1]) || parts[0] == parts[1] {
		return o, errors.New("-addrs must be two different loopback addresses, such as 127.0.0.1:18281,127.0.0.1:18282")
	}
	o.addrs = [2]string(parts)
	return o, nil
}

// loopback tells whether addr is host:port with a loopback IP.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

func run(ctx context.Context, args []string, serverURL string, stdout io.Writer) (err error) {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if serverURL == "" {
		return errors.New("DATABASE_URL is not set")
	}
	gen, err := generate.FromDir(o.seeds)
	if err != nil {
		return err
	}
	dbURL, err := benchdb.URL(serverURL)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "writebench-")
	if err != nil {
		return err
	}
	// The servers' logs are what tells why a run failed.
	defer func() {
		if err != nil {
			err = fmt.Errorf("%w (the servers' logs are in %s)", err, tmp)
			return
		}
		os.RemoveAll(tmp)
	}()
	if o.karir == "" {
		o.karir = filepath.Join(tmp, "karir")
		if err := command(ctx, nil, "go", "build", "-o", o.karir, "./cmd/karir"); err != nil {
			return err
		}
	}
	if !o.reuse {
		if err := load(ctx, serverURL, dbURL, o); err != nil {
			return err
		}
	}
	pair, err := startPair(ctx, o.karir, dbURL, o.addrs, tmp)
	if err != nil {
		return err
	}
	defer pair.stop()
	size, err := pair.waitLoaded(ctx)
	if err != nil {
		return err
	}
	if !o.reuse && size != o.profiles {
		return fmt.Errorf("the servers hold %d profiles, not the %d loaded", size, o.profiles)
	}
	b := newBench(pair, gen, size, o)
	r, err := b.measure(ctx)
	if err != nil {
		return err
	}
	r.print(stdout)
	return nil
}

// load fills a new karir_bench with o.profiles generated profiles the way
// karir seed-bulk does, which is the fastest way there is, and settles it.
func load(ctx context.Context, serverURL, dbURL string, o options) error {
	if err := benchdb.Recreate(ctx, serverURL); err != nil {
		return err
	}
	start := time.Now()
	env := []string{"DATABASE_URL=" + dbURL}
	if err := command(ctx, env, o.karir, "seed-bulk", fmt.Sprint(o.profiles), o.seeds); err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if err := benchdb.Settle(ctx, conn); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "writebench: %d profiles loaded and analysed in %s\n", o.profiles, time.Since(start).Round(time.Second))
	return nil
}

// command runs name with args and env added to this process's
// environment, its output on stderr: the report on stdout stays short.
func command(ctx context.Context, env []string, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}
