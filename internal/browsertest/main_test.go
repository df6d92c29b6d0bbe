package browsertest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/pgtest"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// stepTimeout bounds each wait for the page: generous, because the machine
// is shared and a first load parses megabytes of script.
const stepTimeout = 60 * time.Second

var (
	db      *pgtest.DB
	browser context.Context

	screenshots = flag.String("screenshots", "", "save the screenshots in this folder (default: a temporary one)")
)

func TestMain(m *testing.M) {
	flag.Parse()
	db = pgtest.Create()
	code, err := withBrowser(m.Run)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		code = 1
	}
	db.Drop()
	os.Exit(code)
}

// withBrowser starts one headless Chromium for the package, runs fn and
// stops it. The path is KARIR_CHROMIUM or Debian's /usr/bin/chromium, which
// make test installs (.ci/chromium).
func withBrowser(fn func() int) (int, error) {
	path := os.Getenv("KARIR_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("no Chromium at %s (make test installs it with .ci/chromium install): %w", path, err)
	}
	profileDir, err := os.MkdirTemp("", "karir-chromium-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(profileDir)

	// The flags keep the browser to the pages under test: it runs as root
	// in CI (no sandbox), and makes no connection of its own (updates,
	// sync, QUIC probes), which the closed network here would refuse.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profileDir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first Run starts the browser; it must not carry a timeout, which
	// would end the browser with it.
	if err := chromedp.Run(ctx); err != nil {
		return 0, fmt.Errorf("start %s: %w", path, err)
	}
	browser = ctx
	return fn(), nil
}

// site is the whole handler, as karir serve builds it, over a database
// seeded with seeds/*.txt.
type site struct {
	srv      *httptest.Server
	url      string
	host     string
	profiles []*profile.Profile // by title, as the list orders them
	store    *postgres.ProfileStore
	model    *readmodel.Model
	pool     *pgxpool.Pool

	mu sync.Mutex
	// held are paths whose requests wait until their channel closes.
	held map[string]chan struct{}
	// answers are paths whose requests get a made-up answer instead of the
	// handler's.
	answers map[string]http.Handler
}

// newSite serves the seeds on a fresh database. edits rewrite the seed
// texts before they are parsed: each gets the file name and the text and
// returns the text to seed.
func newSite(t *testing.T, edits ...func(name string, text []byte) []byte) *site {
	t.Helper()
	s := seedSite(t, edits...)
	// No tokens: writes answer 403.
	s.serve(t, httpapi.Editing{Service: s.store})
	return s
}

// seedSite is newSite without the server: the seeded store and its model.
func seedSite(t *testing.T, edits ...func(name string, text []byte) []byte) *site {
	t.Helper()
	pool := db.Reset(t)
	store := postgres.NewProfileStore(pool)
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var profiles []*profile.Profile
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		for _, edit := range edits {
			data = edit(filepath.Base(file), data)
		}
		p, err := parser.Parse(filepath.Base(file), data)
		require.NoError(t, err)
		profiles = append(profiles, p)
	}
	_, err = store.Seed(t.Context(), profiles)
	require.NoError(t, err)
	slices.SortFunc(profiles, func(a, b *profile.Profile) int { return strings.Compare(a.Title, b.Title) })

	// Served as cmd/karir serves them: reads and discovery from the read
	// model, its search index reading words through the database; the
	// editors' routes from the store.
	model := readmodel.New(store, readmodel.Options{Analyzer: postgres.NewSearchStore(pool)})
	require.NoError(t, model.Reload(t.Context()))
	return &site{profiles: profiles, store: store, model: model, pool: pool}
}

// serve starts the server of s, with the editors' routes of editing.
func (s *site) serve(t *testing.T, editing httpapi.Editing) {
	t.Helper()
	ready := func(ctx context.Context) error { return postgres.Ready(ctx, s.pool) }
	s.srv = httptest.NewServer(s.gate(httpapi.NewHandler(s.model, ready, slog.New(slog.DiscardHandler),
		httpapi.WithEditing(editing))))
	t.Cleanup(s.srv.Close)
	u, err := url.Parse(s.srv.URL)
	require.NoError(t, err)
	s.url, s.host = s.srv.URL, u.Host
}

// gate holds the requests to the paths of s.held until they are released
// or their client gives up, and answers those to the paths of s.answers.
func (s *site) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		ch, answer := s.held[r.URL.Path], s.answers[r.URL.Path]
		s.mu.Unlock()
		if answer != nil {
			answer.ServeHTTP(w, r)
			return
		}
		if ch != nil {
			select {
			case <-ch:
			case <-r.Context().Done():
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// hold makes the requests to path wait, so that a test sees what the page
// does while an answer is on its way; they go on at the end of the test.
func (s *site) hold(t *testing.T, path string) {
	ch := make(chan struct{})
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held == nil {
		s.held = map[string]chan struct{}{}
	}
	s.held[path] = ch
	t.Cleanup(func() { close(ch) })
}

// answer makes the requests to path get h's answer instead of the
// handler's, until the returned function is called or the test ends.
func (s *site) answer(t *testing.T, path string, h http.Handler) (stop func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.answers == nil {
		s.answers = map[string]http.Handler{}
	}
	s.answers[path] = h
	stop = func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.answers, path)
	}
	t.Cleanup(stop)
	return stop
}

// profile returns the seeded profile with the slug.
func (s *site) profile(t *testing.T, slug string) *profile.Profile {
	t.Helper()
	for _, p := range s.profiles {
		if p.Slug == slug {
			return p
		}
	}
	t.Fatalf("no seeded profile has the slug %q", slug)
	return nil
}

// tab is a browser tab on a site that records what no page may do: log an
// error to the console, throw, or send a request to another host.
type tab struct {
	ctx  context.Context
	site *site

	mu       sync.Mutex
	problems []string
	// expected are URL parts whose failed loads a test provokes on purpose.
	expected []string
	// waiters get the status of the next response to their request URI.
	waiters map[string]chan int64
	// requests maps the browser's request IDs to their URLs, and cancels
	// are told when the page cancels a request to their request URI.
	requests map[network.RequestID]string
	cancels  map[string]chan struct{}
}

func newTab(t *testing.T, s *site) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx, site: s}
	chromedp.ListenTarget(ctx, tb.observe)
	require.NoError(t, chromedp.Run(ctx, network.Enable(), cdplog.Enable()))
	t.Cleanup(func() {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		if len(tb.problems) > 0 {
			t.Errorf("the pages misbehaved:\n%s", strings.Join(tb.problems, "\n"))
		}
	})
	return tb
}

// expectFailedLoad allows the browser's console error for a load whose URL
// contains part: a 404 or a refused connection the test causes.
func (tb *tab) expectFailedLoad(part string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.expected = append(tb.expected, part)
}

func (tb *tab) observe(ev any) {
	var problem string
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
			var args []string
			for _, arg := range e.Args {
				args = append(args, string(arg.Value)+arg.Description)
			}
			problem = "console." + string(e.Type) + ": " + strings.Join(args, " ")
		}
	case *runtime.EventExceptionThrown:
		problem = "uncaught: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			problem += " " + e.ExceptionDetails.Exception.Description
		}
	case *cdplog.EventEntryAdded:
		if e.Entry.Level == cdplog.LevelError && !tb.isExpected(e.Entry.URL) {
			problem = fmt.Sprintf("console (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL)
		}
	case *network.EventResponseReceived:
		tb.answered(e.Response)
	case *network.EventLoadingFailed:
		if e.Canceled {
			tb.canceled(e.RequestID)
		}
	case *network.EventRequestWillBeSent:
		tb.mu.Lock()
		if tb.requests == nil {
			tb.requests = map[network.RequestID]string{}
		}
		tb.requests[e.RequestID] = e.Request.URL
		tb.mu.Unlock()
		u, err := url.Parse(e.Request.URL)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Host != tb.site.host) {
			problem = "request to another host: " + e.Request.URL
		}
	}
	if problem != "" {
		tb.mu.Lock()
		tb.problems = append(tb.problems, problem)
		tb.mu.Unlock()
	}
}

// watch returns a channel that gets the status of the next response the
// page receives for requestURI (path and query).
func (tb *tab) watch(requestURI string) <-chan int64 {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	ch := make(chan int64, 1)
	if tb.waiters == nil {
		tb.waiters = map[string]chan int64{}
	}
	tb.waiters[requestURI] = ch
	return ch
}

func (tb *tab) answered(resp *network.Response) {
	u, err := url.Parse(resp.URL)
	if err != nil {
		return
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if ch, ok := tb.waiters[u.RequestURI()]; ok {
		ch <- resp.Status
		delete(tb.waiters, u.RequestURI())
	}
}

// watchCancel returns a channel that is closed when the page cancels a
// request to requestURI (path and query).
func (tb *tab) watchCancel(requestURI string) <-chan struct{} {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	ch := make(chan struct{})
	if tb.cancels == nil {
		tb.cancels = map[string]chan struct{}{}
	}
	tb.cancels[requestURI] = ch
	return ch
}

func (tb *tab) canceled(id network.RequestID) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	u, err := url.Parse(tb.requests[id])
	if err != nil {
		return
	}
	if ch, ok := tb.cancels[u.RequestURI()]; ok {
		close(ch)
		delete(tb.cancels, u.RequestURI())
	}
}

func (tb *tab) isExpected(u string) bool {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return u != "" && slices.ContainsFunc(tb.expected, func(part string) bool { return strings.Contains(u, part) })
}

// run runs actions, each wait bounded by stepTimeout.
func (tb *tab) run(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	err := chromedp.Run(ctx, actions...)
	if errors.Is(err, context.DeadlineExceeded) {
		var html string
		_ = chromedp.Run(tb.ctx, chromedp.OuterHTML("main", &html, chromedp.ByQuery))
		t.Fatalf("the page did not get there in %s; <main> is:\n%s", stepTimeout, html)
	}
	require.NoError(t, err)
}

// open navigates to path and waits until the explorer shows view.
func (tb *tab) open(t *testing.T, path, view string) {
	t.Helper()
	tb.run(t, chromedp.Navigate(tb.site.url+path), waitView(view))
}

// waitView waits until the explorer has rendered view (list, profile,
// compare, search or error).
func waitView(view string) chromedp.Action {
	state := "ready"
	if view == "error" {
		state = "error"
	}
	return chromedp.WaitVisible(fmt.Sprintf(`main[data-view=%q][data-state=%q]`, view, state), chromedp.ByQuery)
}

// eval returns the value of a JavaScript expression in the page.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	var out T
	tb.run(t, chromedp.Evaluate(expr, &out))
	return out
}

// shoot saves a screenshot of the page as name.png: the whole page, or the
// viewport when viewport is set.
func (tb *tab) shoot(t *testing.T, name string, viewport bool) {
	t.Helper()
	dir := *screenshots
	if dir == "" {
		dir = t.TempDir()
	}
	var png []byte
	action := chromedp.FullScreenshot(&png, 100) // 100 makes a PNG
	if viewport {
		action = chromedp.CaptureScreenshot(&png)
	}
	tb.run(t, action)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
	require.Equal(t, []byte("\x89PNG"), png[:4])
}
