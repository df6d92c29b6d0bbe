// Command searchbench loads generated profiles into a scratch database and
// measures the latency of discovery over HTTP with many concurrent clients,
// at each size asked: search, suggest, related, match, traits, the trait
// filter and compare, all answered by the read model as karir serve answers
// them. It is what `make bench-search` runs; it sends traffic to a
// loopback listener only.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/benchdb"
	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
	"github.com/karir/karir/internal/search"
)

// workload is a list of requests measured together; each client cycles
// through it.
type workload struct {
	name    string
	path    string
	queries []string
	// raw queries are appended to the path as they are, else query-escaped.
	raw bool
	// method is GET unless set; a POST sends body.
	method, body string
}

// workloads are the requests measured.
var workloads = []workload{
	// Words of the seed sentences: every profile is made of them, so each
	// matches most of the catalogue and every match must be ranked.
	{name: "search: one word", path: "/v1/search?q=", queries: []string{"evaluasi", "empati", "anggaran", "kebijakan", "koordinasi"}},
	{name: "search: two words", path: "/v1/search?q=", queries: []string{"evaluasi program", "empati komunikasi", "pelayanan lansia", "anggaran kebijakan"}},
	{name: "search: phrase", path: "/v1/search?q=", queries: []string{`"pelayanan sosial"`, `"kesejahteraan masyarakat"`, `"pekerja sosial"`}},
	{name: "search: misspelled", path: "/v1/search?q=", queries: []string{"kesejahtraan", "komunkasi", "evaluasy", "kepemimpnan"}},
	// Words of the generated titles: each matches 1/16 to 1/25 of it.
	{name: "search: title word", path: "/v1/search?q=", queries: []string{"lansia", "tunawisma", "disabilitas", "adiksi", "fasilitator"}},
	{name: "suggest: 2-4 chars", path: "/v1/suggest?q=", queries: []string{"ko", "kep", "mana", "pe", "sup", "ban", "lay", "kes", "dire", "zq"}},
	{name: "traits", path: "/v1/traits", queries: []string{""}, raw: true},
	// Every generated profile takes its fit section from a seed: a filter
	// of one or two traits keeps a large share of the catalogue.
	{name: "trait filter", path: "/v1/profiles?limit=20&trait=", raw: true, queries: []string{
		"kepemimpinan", "empati&trait=komunikasi", "analisis&trait=organisasi", "kesabaran"}},
	{name: "match", path: "/v1/match", method: http.MethodPost, queries: []string{""}, raw: true,
		body: `{"traits": ["empati", "komunikasi", "analisis"], "avoid": ["kepemimpinan"], "limit": 20}`},
}

// profileWorkloads are the requests about generated profiles among the
// first size: related profiles and compare.
func profileWorkloads(size int) []workload {
	slug := func(i int) string { return profile.Slugify(generate.Title(i * 7919 % size)) }
	related := workload{name: "related", path: "/v1/profiles/", raw: true}
	compare := workload{name: "compare: 4 profiles", path: "/v1/compare?slugs=", raw: true}
	for i := range 20 {
		related.queries = append(related.queries, slug(i)+"/related")
		compare.queries = append(compare.queries, slug(4*i)+","+slug(4*i+1)+","+slug(4*i+2)+","+slug(4*i+3))
	}
	return []workload{related, compare}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv("DATABASE_URL"), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, serverURL string, stdout io.Writer) error {
	flags := flag.NewFlagSet("searchbench", flag.ContinueOnError)
	sizes := flags.String("sizes", "10000,100000", "catalogue sizes to measure at, ascending")
	clients := flags.Int("clients", 32, "concurrent clients")
	requests := flags.Int("requests", 2000, "requests per workload, at most")
	limit := flags.Duration("duration", 30*time.Second, "time per workload, at most: the requests then in flight finish")
	seeds := flags.String("seeds", "seeds", "folder of the seed texts")
	reuse := flags.Bool("reuse", false, "measure the catalogue the last run left in karir_bench, as it is, instead of loading -sizes")
	only := flags.String("only", "", "measure only the workloads whose names contain this text")
	cpuProfile := flags.String("cpuprofile", "", "write a CPU profile of the measured workloads (server and clients) to this file")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if serverURL == "" {
		return fmt.Errorf("DATABASE_URL is not set")
	}
	var targets []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > generate.Max || len(targets) > 0 && n <= targets[len(targets)-1] {
			return fmt.Errorf("-sizes must be ascending whole numbers from 1 to %d", generate.Max)
		}
		targets = append(targets, n)
	}
	gen, err := generate.FromDir(*seeds)
	if err != nil {
		return err
	}
	dbURL, err := benchdb.URL(serverURL)
	if err != nil {
		return err
	}
	if !*reuse {
		if err := benchdb.Recreate(ctx, serverURL); err != nil {
			return err
		}
	}
	if err := postgres.MigrateUp(dbURL); err != nil {
		return err
	}
	pool, err := postgres.Open(ctx, dbURL+"&pool_max_conns="+strconv.Itoa(max(4, *clients/2)))
	if err != nil {
		return err
	}
	defer pool.Close()
	store := postgres.NewProfileStore(pool)
	m := measurer{clients: *clients, requests: *requests, limit: *limit, only: *only, stdout: stdout}
	if *cpuProfile != "" {
		if len(targets) > 1 && !*reuse {
			return fmt.Errorf("-cpuprofile profiles one catalogue: give one size or -reuse")
		}
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		m.profile = f
	}

	fmt.Fprintf(stdout, "machine: %d CPUs (GOMAXPROCS %d), %s/%s; %d clients, %d requests per workload\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, *clients, *requests)
	if *reuse {
		var n int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM profiles`).Scan(&n); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\n%d profiles (left by the last run)\n", n)
		return m.measure(ctx, pool, n)
	}
	loaded := 0
	for _, size := range targets {
		start := time.Now()
		if err := load(ctx, gen, store, loaded, size); err != nil {
			return err
		}
		loaded = size
		if err := benchdb.Settle(ctx, pool); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\n%d profiles (loaded and analysed in %s)\n", size, time.Since(start).Round(time.Second))
		if err := m.measure(ctx, pool, size); err != nil {
			return err
		}
	}
	return nil
}

// load inserts profiles from..to-1 in transactions of 5,000.
func load(ctx context.Context, gen *generate.Generator, store *postgres.ProfileStore, from, to int) error {
	const chunk = 5000
	for start := from; start < to; start += chunk {
		batch := make([]*profile.Profile, 0, chunk)
		for i := start; i < min(start+chunk, to); i++ {
			_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
			if err != nil {
				return err
			}
			batch = append(batch, p)
		}
		one := func(yield func([]*profile.Profile, error) bool) { yield(batch, nil) }
		if _, err := store.SeedBulk(ctx, one, nil); err != nil {
			return err
		}
	}
	return nil
}

// measurer runs the workloads with its settings.
type measurer struct {
	clients, requests int
	limit             time.Duration
	only              string
	profile           io.Writer // of the workloads' CPU, when not nil
	stdout            io.Writer
}

// measure loads the read model with its search index and serves the API
// on a loopback port as karir serve does, then runs each workload; size is
// how many generated profiles the catalogue holds.
func (m measurer) measure(ctx context.Context, pool *pgxpool.Pool, size int) error {
	clients, requests, limit, stdout := m.clients, m.requests, m.limit, m.stdout
	store, analyzer := postgres.NewProfileStore(pool), postgres.NewSearchStore(pool)
	model := readmodel.New(store, readmodel.Options{Analyzer: analyzer})
	start := time.Now()
	if err := model.Reload(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "read model loaded with its search index in %s; heap %d MiB\n",
		time.Since(start).Round(time.Millisecond), heapMiB())
	if err := measureIndex(ctx, store, analyzer, stdout); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	// A slow answer is measured, not cut off at the server's usual deadline.
	srv := &http.Server{Handler: httpapi.NewHandler(model,
		pool.Ping, slog.New(slog.DiscardHandler), httpapi.WithRequestTimeout(time.Minute))}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}

	fmt.Fprintf(stdout, "%-22s %9s %9s %9s %9s %8s %8s\n", "workload", "p50", "p95", "p99", "max", "req/s", "requests")
	if m.profile != nil {
		if err := pprof.StartCPUProfile(m.profile); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for _, w := range append(workloads, profileWorkloads(size)...) {
		if !strings.Contains(w.name, m.only) {
			continue
		}
		target := func(q string) string {
			if w.raw {
				return base + w.path + q
			}
			return base + w.path + url.QueryEscape(q)
		}
		// Warm the caches and the prepared statements.
		for _, q := range w.queries {
			if _, err := send(ctx, client, w, target(q)); err != nil {
				return err
			}
		}
		// Start after a collection, as go test -bench does: the garbage of
		// the workload before is then not collected during this one, which
		// for a short workload (2,000 suggestions take a tenth of a
		// second) would be most of what it measures.
		runtime.GC()
		var latencies []time.Duration
		var failed error
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := time.Now()
		for c := range clients {
			wg.Go(func() {
				for i := c; i < requests && time.Since(start) < limit; i += clients {
					took, err := send(ctx, client, w, target(w.queries[i%len(w.queries)]))
					mu.Lock()
					latencies = append(latencies, took)
					if err != nil {
						failed = err
					}
					mu.Unlock()
					if err != nil {
						return
					}
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		if failed != nil {
			return failed
		}
		slices.Sort(latencies)
		pct := func(p float64) string {
			return fmt.Sprintf("%.1fms", float64(latencies[int(p*float64(len(latencies)-1))])/float64(time.Millisecond))
		}
		fmt.Fprintf(stdout, "%-22s %9s %9s %9s %9s %8.1f %8d\n", w.name, pct(0.50), pct(0.95), pct(0.99), pct(1),
			float64(len(latencies))/elapsed.Seconds(), len(latencies))
	}
	return nil
}

// measureIndex prints the memory of an index of the catalogue alone, for
// search and discovery: the heap it adds once built, the builder's garbage
// collected.
func measureIndex(ctx context.Context, store *postgres.ProfileStore, analyzer *postgres.SearchStore, stdout io.Writer) error {
	before := heapBytes()
	start := time.Now()
	engine := search.NewEngine(analyzer)
	b := engine.NewBuilder(nil)
	var docs []*search.Doc
	err := store.Each(ctx, func(p *profile.Profile) error {
		d := engine.NewDoc(p, p.Slug, p.Title)
		b.Add(&d, p)
		docs = append(docs, &d)
		return nil
	})
	if err != nil {
		return err
	}
	// The index's ordinals need not follow titles to be measured.
	ix, err := b.Build(ctx, docs)
	if err != nil {
		return err
	}
	took := time.Since(start)
	size := heapBytes() - before
	runtime.KeepAlive(ix)
	fmt.Fprintf(stdout, "index alone (search and discovery): %.1f MiB, built in %s (profiles read from PostgreSQL included)\n",
		float64(size)/(1<<20), took.Round(time.Millisecond))
	return nil
}

// heapBytes is the live heap after a collection.
func heapBytes() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func heapMiB() int64 { return heapBytes() >> 20 }

// send sends one request of w and times it to the last byte of the answer.
func send(ctx context.Context, client *http.Client, w workload, u string) (time.Duration, error) {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, cmp.Or(w.method, http.MethodGet), u, strings.NewReader(w.body))
	if err != nil {
		return 0, err
	}
	if w.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s %s: %s", req.Method, u, resp.Status)
	}
	return time.Since(start), nil
}
