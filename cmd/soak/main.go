// Command soak sends mixed reads at a fixed rate to a running karir for a
// while, then prints what it saw and whether it passes the rule: at least
// 99.9% successful answers, p99 latency under 50 ms, and the server's
// resident memory and goroutines flat (as its /metrics reports them).
//
//	go run ./cmd/soak -url http://127.0.0.1:8080 -rate 100 -duration 5m
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The pass rule.
const (
	minSuccess = 0.999
	maxP99     = 50 * time.Millisecond
	// Flat: the last sample may exceed the first (after warm-up) by no
	// more than this.
	maxRSSGrowth       = 0.20
	maxGoroutineGrowth = 10
	// warmUp is the index of the sample (one per 10 s) taken as the
	// baseline: pools and buffers have grown to their working size by then.
	warmUp = 5
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "karir's base URL (loopback only)")
	rate := flag.Int("rate", 100, "requests per second")
	duration := flag.Duration("duration", 5*time.Minute, "how long to send")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *base, *rate, *duration, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

type result struct {
	took time.Duration
	ok   bool
}

type sample struct {
	rss, goroutines float64
}

func run(ctx context.Context, base string, rate int, duration time.Duration, out io.Writer) error {
	if !strings.HasPrefix(base, "http://127.0.0.1:") && !strings.HasPrefix(base, "http://[::1]:") && !strings.HasPrefix(base, "http://localhost:") {
		return errors.New("soak sends traffic to loopback addresses only")
	}
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 256},
	}
	if err := waitReady(ctx, client, base); err != nil {
		return err
	}
	targets, err := mix(ctx, client, base)
	if err != nil {
		return err
	}
	first, err := scrape(ctx, client, base)
	if err != nil {
		return err
	}

	var mu sync.Mutex
	var results []result
	var samples []sample
	var wg sync.WaitGroup
	// Open loop: request i leaves at start + i/rate, late or not, so that
	// a slow answer does not slow the load down and hide itself.
	interval := time.Second / time.Duration(rate)
	every := time.NewTicker(10 * time.Second)
	defer every.Stop()
	timer := time.NewTimer(0)
	defer timer.Stop()
	start := time.Now()
loop:
	for i := 1; ; i++ {
		select {
		case <-ctx.Done():
			break loop
		case <-every.C:
			if s, err := scrape(ctx, client, base); err == nil {
				samples = append(samples, s)
			}
			i--
			continue
		case <-timer.C:
		}
		if time.Since(start) >= duration {
			break
		}
		target := targets[rand.IntN(len(targets))]
		wg.Go(func() {
			r := send(ctx, client, target)
			mu.Lock()
			results = append(results, r)
			mu.Unlock()
		})
		timer.Reset(time.Until(start.Add(time.Duration(i) * interval)))
	}
	wg.Wait()
	elapsed := time.Since(start)
	// Idle keep-alive connections each hold a server goroutine: close ours
	// and give the server a moment to notice, so that the last sample
	// counts what the server keeps by itself.
	client.CloseIdleConnections()
	var last sample
	for range 20 {
		if last, err = scrape(context.Background(), client, base); err != nil {
			return err
		}
		client.CloseIdleConnections()
		if len(samples) == 0 || last.goroutines <= samples[min(len(samples)-1, warmUp)].goroutines {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	samples = append(samples, last)
	return report(out, results, first, samples, elapsed, rate)
}

// waitReady waits until the server's /readyz answers 200, for 30 s at most.
func waitReady(ctx context.Context, client *http.Client, base string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s/readyz is not ready after 30 s", base)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// mix is the read mix: the list with several page sizes, every profile,
// one section of each, a revalidation that gets 304, and the probes.
func mix(ctx context.Context, client *http.Client, base string) ([]target, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/profiles?limit=100", nil)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var page struct {
		Items []struct {
			URL string `json:"url"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || len(page.Items) == 0 {
		return nil, fmt.Errorf("the list at %s has no profiles to read (seeded?)", base)
	}
	etag := resp.Header.Get("ETag")
	targets := []target{
		{url: base + "/v1/profiles"}, {url: base + "/v1/profiles?limit=2"}, {url: base + "/healthz"},
		{url: base + "/readyz"}, {url: base + "/v1/profiles?limit=100", ifNoneMatch: etag},
	}
	for _, item := range page.Items {
		targets = append(targets, target{url: base + item.URL}, target{url: base + item.URL + "/fit"})
	}
	return targets, nil
}

type target struct{ url, ifNoneMatch string }

func send(ctx context.Context, client *http.Client, t target) result {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, t.url, nil)
	if t.ifNoneMatch != "" {
		req.Header.Set("If-None-Match", t.ifNoneMatch)
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return result{took: time.Since(start)}
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	ok := err == nil && (resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusNotModified)
	return result{took: time.Since(start), ok: ok}
}

// scrape reads the server's resident memory and goroutines from /metrics.
func scrape(ctx context.Context, client *http.Client, base string) (sample, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	resp, err := client.Do(req)
	if err != nil {
		return sample{}, err
	}
	defer resp.Body.Close()
	var s sample
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "process_resident_memory_bytes":
			s.rss = v
		case "go_goroutines":
			s.goroutines = v
		}
	}
	if s.rss == 0 || s.goroutines == 0 {
		return s, errors.New("/metrics lacks process_resident_memory_bytes or go_goroutines")
	}
	return s, sc.Err()
}

func report(out io.Writer, results []result, before sample, samples []sample, elapsed time.Duration, rate int) error {
	if len(results) == 0 {
		return errors.New("no request was sent")
	}
	took := make([]time.Duration, 0, len(results))
	ok := 0
	for _, r := range results {
		took = append(took, r.took)
		if r.ok {
			ok++
		}
	}
	slices.Sort(took)
	pct := func(p float64) time.Duration { return took[min(len(took)-1, int(float64(len(took))*p))] }
	success := float64(ok) / float64(len(results))
	// The sample a minute in is after warm-up (or the first, in a shorter
	// run); the last is at the end.
	warm, final := samples[min(len(samples)-1, warmUp)], samples[len(samples)-1]
	maxRSS := 0.0
	for _, s := range samples {
		maxRSS = max(maxRSS, s.rss)
	}
	rssFlat := final.rss <= warm.rss*(1+maxRSSGrowth)
	goroutinesFlat := final.goroutines <= warm.goroutines+maxGoroutineGrowth
	pass := success >= minSuccess && pct(0.99) < maxP99 && rssFlat && goroutinesFlat

	mib := func(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }
	fmt.Fprintf(out, "requests    %d in %v (%.1f/s, target %d/s)\n", len(results), elapsed.Round(time.Second), float64(len(results))/elapsed.Seconds(), rate)
	fmt.Fprintf(out, "success     %.4f%% (%d failed)\n", 100*success, len(results)-ok)
	fmt.Fprintf(out, "latency     p50 %v  p90 %v  p99 %v  max %v\n", pct(0.50), pct(0.90), pct(0.99), took[len(took)-1])
	fmt.Fprintf(out, "server RSS  before %s, after warm-up %s, end %s, max %s\n", mib(before.rss), mib(warm.rss), mib(final.rss), mib(maxRSS))
	fmt.Fprintf(out, "goroutines  before %.0f, after warm-up %.0f, end %.0f\n", before.goroutines, warm.goroutines, final.goroutines)
	fmt.Fprintf(out, "rule        success >= %.1f%%, p99 < %v, RSS at end <= %.0f%% over warm-up, goroutines at end <= warm-up + %d\n",
		100*minSuccess, maxP99, 100*maxRSSGrowth, maxGoroutineGrowth)
	if !pass {
		fmt.Fprintln(out, "FAIL")
		return errors.New("the soak does not pass its rule")
	}
	fmt.Fprintln(out, "PASS")
	return nil
}
