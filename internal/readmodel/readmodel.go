// Package readmodel keeps the whole catalogue in memory, each profile and
// section encoded once (JSON, its gzip, strong entity tags), so that reads
// cost no database round trip and no encoding. PostgreSQL stays the source
// of truth: the model loads from a profile.ProfileLoader at start and
// reloads what a change notification names. Each update builds a new
// snapshot and swaps it in whole, so a reader never sees half an update.
package readmodel

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
	"github.com/karir/karir/internal/wire"
)

// The model is what the HTTP layer reads.
var _ profile.Catalogue = (*Model)(nil)

// Model is the catalogue in memory. Its zero value is not usable: use New.
type Model struct {
	source profile.ProfileLoader
	// caughtUp, when set, returns once the source has every change
	// committed so far: a hot standby may lag behind the primary that
	// announced the change.
	caughtUp func(context.Context) error
	logger   *slog.Logger
	// search is what the indexes of the snapshots share.
	search *search.Engine

	snap atomic.Pointer[snapshot]
	// apply serialises the updates: each builds on the snapshot the one
	// before it swapped in, from a load that began after that one's, so
	// that no update is lost and none goes back in time.
	apply sync.Mutex

	// pending holds the changes announced and not yet applied.
	mu      sync.Mutex
	all     bool
	slugs   map[string]struct{}
	wake    chan struct{}
	applied chan struct{} // closed and replaced after each update
	// foldDue tells Run that the search index has changed enough to fold.
	foldDue chan struct{}
}

// Options are the optional parts of a Model.
type Options struct {
	// CaughtUp returns once the source has caught up with every committed
	// change; nil when the source is the primary itself.
	CaughtUp func(context.Context) error
	Logger   *slog.Logger
	// Analyzer, when set, makes the model serve search and autocomplete.
	Analyzer profile.TextAnalyzer
}

// New returns an empty model over source; it answers nothing until the
// first Reload or Run has loaded it.
func New(source profile.ProfileLoader, opts Options) *Model {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Model{
		source:   source,
		caughtUp: opts.CaughtUp,
		logger:   logger,
		search:   search.NewEngine(opts.Analyzer),
		slugs:    map[string]struct{}{},
		wake:     make(chan struct{}, 1),
		foldDue:  make(chan struct{}, 1),
		applied:  make(chan struct{}),
	}
}

// snapshot is one immutable state of the catalogue.
type snapshot struct {
	bySlug slugIndex
	// order is every entry by (title, slug) in byte order, as lists show them.
	order  []*entry
	search *search.Index
	// pages are the pages of order, PageSize entries each, encoded when
	// first asked for (see EncodedPage).
	pagesOnce sync.Once
	pages     []atomicPage
}

// entry returns the entry under slug; nil when there is none, or no
// snapshot.
func (s *snapshot) entry(slug string) *entry {
	if s == nil {
		return nil
	}
	return s.bySlug.get(slug)
}

func compareEntries(a, b *entry) int {
	return cmp.Or(strings.Compare(a.summary.Title, b.summary.Title), strings.Compare(a.summary.Slug, b.summary.Slug))
}

// Loaded reports whether the first load has completed.
func (m *Model) Loaded() bool { return m.snap.Load() != nil }

// current returns the snapshot, or an EUNAVAILABLE Error before the first load.
func (m *Model) current() (*snapshot, error) {
	s := m.snap.Load()
	if s == nil {
		return nil, profile.Unavailable("The catalogue is still loading. Please try again shortly.")
	}
	return s, nil
}

// entryOf returns the entry under slug in the current snapshot, or an
// ENOTFOUND Error.
func (m *Model) entryOf(slug string) (*entry, error) {
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	e := s.bySlug.get(slug)
	if e == nil {
		return nil, profile.NoProfile(slug)
	}
	return e, nil
}

// Encoded returns the encoded document of the profile under slug, or of
// its section key.
func (m *Model) Encoded(slug string, key profile.SectionKey, gzip bool) (wire.Encoded, error) {
	e, err := m.entryOf(slug)
	if err != nil {
		return wire.Encoded{}, err
	}
	if key == "" {
		return e.encoded(0, gzip), nil
	}
	i := slices.Index(profile.SectionKeys(), key)
	if i < 0 {
		return wire.Encoded{}, fmt.Errorf("readmodel: no section %q", key)
	}
	return e.encoded(1+i, gzip), nil
}

// Compared returns the document of the profile under slug and its fit
// traits, from one snapshot.
func (m *Model) Compared(slug string) ([]byte, []string, error) {
	e, err := m.entryOf(slug)
	if err != nil {
		return nil, nil, err
	}
	return e.encoded(0, false).Body, e.summary.Traits, nil
}

// List returns up to limit summaries in (title, slug) byte order after the
// key, as the store does; a trait filter keeps the profiles whose fit
// section names every trait.
func (m *Model) List(_ context.Context, limit int, after *profile.PageKey, filter profile.ListFilter) (profile.Page, error) {
	if limit < 1 {
		return profile.Page{Items: []profile.Summary{}}, profile.BadLimit(limit)
	}
	if err := profile.CheckTraits(filter.Traits); err != nil {
		return profile.Page{}, err
	}
	s, err := m.current()
	if err != nil {
		return profile.Page{}, err
	}
	if len(filter.Traits) > 0 {
		return s.listTraits(after, limit, filter.Traits), nil
	}
	return cut(s.order, start(s.order, after), limit), nil
}

// start is where the page after the key starts in order.
func start(order []*entry, after *profile.PageKey) int {
	if after == nil {
		return 0
	}
	key := &entry{summary: profile.Summary{Title: after.Title, Slug: after.Slug}}
	i, found := slices.BinarySearchFunc(order, key, compareEntries)
	if found {
		i++
	}
	return i
}

// cut returns the page of up to limit entries of order from start.
func cut(order []*entry, start, limit int) profile.Page {
	end := min(start+limit, len(order))
	page := profile.Page{Items: make([]profile.Summary, 0, max(end-start, 0)), Total: len(order)}
	for _, e := range order[min(start, end):end] {
		page.Items = append(page.Items, e.summary)
	}
	if end < len(order) && end > start {
		page.Next = &profile.PageKey{Title: order[end-1].summary.Title, Slug: order[end-1].summary.Slug}
	}
	return page
}

// Reload loads the whole catalogue from the source and swaps it in. The
// profiles are encoded on every core while the source streams them.
func (m *Model) Reload(ctx context.Context) error {
	m.apply.Lock()
	defer m.apply.Unlock()
	start := time.Now()
	if err := m.catchUp(ctx); err != nil {
		return err
	}
	var live uint64 // what the model holds once loaded; 0 after a failure
	loaded := lowerGC()
	defer func() { loaded(live) }()
	s := &snapshot{}
	// Entries whose document has not changed are taken over from prev.
	prev := m.snap.Load()
	if prev != nil {
		s.order = make([]*entry, 0, len(prev.order))
	}
	builder := m.search.NewBuilder(nil)
	in := make(chan *profile.Profile, 256)
	out := make(chan *entry, 256)
	var encodeErr error
	var once sync.Once
	var encoders sync.WaitGroup
	traits := newInterned()
	for range runtime.GOMAXPROCS(0) {
		encoders.Go(func() {
			c := encoder{arena: arena{chunkSize: loadChunk}, traits: traits}
			for p := range in {
				e, err := m.encode(&c, p, prev.entry(p.Slug))
				if err != nil {
					once.Do(func() { encodeErr = err })
					continue
				}
				builder.Add(&e.search, p)
				out <- e
			}
		})
	}
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for e := range out {
			s.order = append(s.order, e)
		}
	}()
	err := m.source.Each(ctx, func(p *profile.Profile) error {
		select {
		case in <- p:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(in)
	encoders.Wait()
	close(out)
	<-collected
	if err = cmp.Or(err, encodeErr); err != nil {
		return fmt.Errorf("readmodel: reload: %w", err)
	}
	slices.SortFunc(s.order, compareEntries)
	s.bySlug = newSlugIndex(s.order)
	if s.search, err = buildSearch(ctx, builder, s.order); err != nil {
		return fmt.Errorf("readmodel: reload: %w", err)
	}
	m.snap.Store(s)
	// A reload leaves the previous snapshot and the decoded rows behind:
	// give that memory back now rather than keep it until the heap grows.
	debug.FreeOSMemory()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	live = mem.HeapAlloc
	m.logger.Info("read model loaded", "profiles", len(s.order), "duration", time.Since(start).Round(time.Millisecond),
		"heap_mib", mem.HeapAlloc>>20, "gogc", pacedGCPercent(live))
	return nil
}

// Refresh loads the profiles under slugs again and swaps in a snapshot
// where they are new, changed, or gone when the source no longer has them.
func (m *Model) Refresh(ctx context.Context, slugs []string) error {
	m.apply.Lock()
	defer m.apply.Unlock()
	start := time.Now()
	prev, err := m.current()
	if err != nil {
		return err
	}
	if err := m.catchUp(ctx); err != nil {
		return err
	}
	profiles, err := m.source.Load(ctx, slugs)
	if err != nil {
		return fmt.Errorf("readmodel: refresh: %w", err)
	}
	changed := make([]*entry, 0, len(profiles))
	builder := m.search.NewBuilder(prev.search)
	c := encoder{traits: newInterned()}
	for _, p := range profiles {
		e, err := m.encode(&c, p, prev.entry(p.Slug))
		if err != nil {
			return err
		}
		builder.Add(&e.search, p)
		changed = append(changed, e)
	}
	slices.SortFunc(changed, compareEntries)
	// A slug given twice is loaded once, but a source need not say so.
	changed = slices.CompactFunc(changed, func(a, b *entry) bool { return a.summary.Slug == b.summary.Slug })
	if unchanged(prev, slugs, changed) {
		// The change is applied already: a server applies its own writes
		// before their notifications come back.
		return nil
	}

	var was []*entry
	for _, slug := range slugs {
		if e := prev.entry(slug); e != nil {
			was = append(was, e)
			builder.Remove(&e.search)
		}
	}
	// An entry of changed may be the very entry prev held (its document
	// is the same): it leaves the order and comes back.
	s := &snapshot{bySlug: prev.bySlug.with(slugs, changed), order: spliced(prev.order, was, changed)}
	if s.search, err = builder.Update(ctx); err != nil {
		return fmt.Errorf("readmodel: refresh: %w", err)
	}
	m.snap.Store(s)
	m.dueToFold(s)
	m.logger.Info("read model refreshed", "slugs", len(slugs), "found", len(changed), "profiles", len(s.order),
		"duration", time.Since(start).Round(time.Microsecond))
	return nil
}

// unchanged reports whether loading slugs again gave what prev holds: the
// very entries, and no entry for a slug the source no longer has.
func unchanged(prev *snapshot, slugs []string, loaded []*entry) bool {
	found := make(map[string]bool, len(loaded))
	for _, e := range loaded {
		if prev.entry(e.summary.Slug) != e {
			return false
		}
		found[e.summary.Slug] = true
	}
	for _, slug := range slugs {
		if prev.entry(slug) != nil && !found[slug] {
			return false
		}
	}
	return true
}

func (m *Model) catchUp(ctx context.Context) error {
	if m.caughtUp == nil {
		return nil
	}
	if err := m.caughtUp(ctx); err != nil {
		return fmt.Errorf("readmodel: wait for the replica: %w", err)
	}
	return nil
}

// encode encodes p with c, and reads what search and discovery need of a
// new entry; an entry taken over from prev keeps its own, which other
// readers may be reading.
func (m *Model) encode(c *encoder, p *profile.Profile, prev *entry) (*entry, error) {
	e, err := c.encode(p, prev)
	if err != nil || e == prev {
		return e, err
	}
	e.search = m.search.NewDoc(p, e.summary.Slug, e.summary.Title)
	return e, nil
}
