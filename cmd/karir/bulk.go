package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// bulkBatch is how many profiles one INSERT and its COPYs write.
const bulkBatch = 1000

// seedBulk stores n generated profiles, made from the texts of DIR
// (default seeds/), showing its progress.
func seedBulk(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) < 1 || len(args) > 2 {
		return usageError{"seed-bulk needs N and at most one DIR"}
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 1 || n > generate.Max {
		return usageError{fmt.Sprintf("seed-bulk: N must be a whole number from 1 to %d, got %q", generate.Max, args[0])}
	}
	dir := "seeds"
	if len(args) == 2 {
		dir = args[1]
	}
	url, err := databaseURL(getenv)
	if err != nil {
		return err
	}
	g, err := generate.FromDir(dir)
	if err != nil {
		return err
	}
	pool, err := openMigrated(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	bar := newProgress(stdout, n)
	res, err := postgres.NewProfileStore(pool).SeedBulk(ctx, generated(ctx, g, n), bar.update)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "seeded %d generated profiles in %s: %d inserted, %d already stored\n",
		n, time.Since(bar.start).Round(100*time.Millisecond), res.Inserted, res.Unchanged)
	return err
}

// generated yields profiles 0 to n-1 of g in batches, made on every core
// while the database writes the batches before them.
func generated(ctx context.Context, g *generate.Generator, n int) iter.Seq2[[]*profile.Profile, error] {
	return func(yield func([]*profile.Profile, error) bool) {
		batches := (n + bulkBatch - 1) / bulkBatch
		next := make(chan int, batches)
		for b := range batches {
			next <- b
		}
		close(next)
		out := make(chan []*profile.Profile, runtime.GOMAXPROCS(0))
		ctx, cancel := context.WithCancel(ctx)
		var workers sync.WaitGroup
		defer workers.Wait()
		defer cancel()
		for range runtime.GOMAXPROCS(0) {
			workers.Go(func() {
				for b := range next {
					batch := make([]*profile.Profile, 0, bulkBatch)
					for i := b * bulkBatch; i < min((b+1)*bulkBatch, n); i++ {
						// i < n <= generate.Max, the only way Profile fails.
						_, p, _ := g.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
						batch = append(batch, p)
					}
					select {
					case out <- batch:
					case <-ctx.Done():
						return
					}
				}
			})
		}
		for range batches {
			select {
			case batch := <-out:
				if !yield(batch, nil) {
					return
				}
			case <-ctx.Done():
				yield(nil, ctx.Err())
				return
			}
		}
	}
}

// progress shows how far a seed is: a bar redrawn in place on a terminal
// (percent, rate, time left), else a plain line every tenth.
type progress struct {
	out   io.Writer
	tty   bool
	total int
	start time.Time
	shown int // tenths already printed, off a terminal
}

func newProgress(out io.Writer, total int) *progress {
	tty := false
	if f, ok := out.(*os.File); ok {
		if info, err := f.Stat(); err == nil {
			tty = info.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progress{out: out, tty: tty, total: total, start: time.Now()}
}

func (p *progress) update(done int) {
	elapsed := time.Since(p.start)
	rate := float64(done) / max(elapsed.Seconds(), 1e-3)
	left := time.Duration(float64(p.total-done) / rate * float64(time.Second)).Round(time.Second)
	percent := done * 100 / p.total
	if p.tty {
		const width = 30
		filled := done * width / p.total
		fmt.Fprintf(p.out, "\r[%s%s] %3d%%  %d/%d  %.0f profiles/s  ETA %s ",
			strings.Repeat("#", filled), strings.Repeat(".", width-filled), percent, done, p.total, rate, left)
		if done == p.total {
			fmt.Fprintln(p.out)
		}
		return
	}
	if tenth := done * 10 / p.total; tenth > p.shown {
		p.shown = tenth
		fmt.Fprintf(p.out, "%d/%d profiles (%d%%), %.0f profiles/s, ETA %s\n", done, p.total, percent, rate, left)
	}
}
