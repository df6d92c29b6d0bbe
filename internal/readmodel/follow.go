package readmodel

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/karir/karir/internal/search"
)

// retryAfter is how long Run waits to try again after a failed update,
// when no new change wakes it sooner.
const retryAfter = time.Second

// Changed records that the profile under slug changed, or with an empty
// slug that anything may have: a change notification's payload. It never
// blocks; Run applies the recorded changes together.
func (m *Model) Changed(slug string) {
	m.mu.Lock()
	if slug == "" {
		m.all = true
	} else {
		m.slugs[slug] = struct{}{}
	}
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

// Updated returns a channel that is closed after the next update is
// swapped in (or fails), so that a caller can wait for it.
func (m *Model) Updated() <-chan struct{} {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.applied
}

// Run applies recorded changes until ctx ends: everything reloads when an
// empty slug was recorded or nothing is loaded yet, else the recorded
// slugs are refreshed in one load. A failed update stays pending and is
// tried again; the model meanwhile serves the last snapshot it has. Once
// foldAfter profiles have changed since the search index's base, Run
// folds them into a new base beside serving, and takes it up with the
// changes made meanwhile.
func (m *Model) Run(ctx context.Context) error {
	retry := time.NewTimer(0)
	retry.Stop()
	folded := make(chan *search.Index, 1)
	folding := false
	var folds sync.WaitGroup
	defer folds.Wait()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-m.wake:
		case <-retry.C:
		case <-m.foldDue:
			if !folding {
				folding = true
				folds.Go(func() { folded <- m.fold(ctx, m.snap.Load().search) })
			}
			continue
		case ix := <-folded:
			folding = false
			m.takeFold(ctx, ix)
			continue
		}
		all, slugs := m.take()
		if !all && len(slugs) == 0 {
			continue
		}
		var err error
		if all || !m.Loaded() {
			err = m.Reload(ctx)
		} else {
			err = m.Refresh(ctx, slugs)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			m.logger.Warn("read model update failed; serving the last data loaded", "err", err)
			m.restore(all, slugs)
			retry.Reset(retryAfter)
		}
		m.mu.Lock()
		close(m.applied)
		m.applied = make(chan struct{})
		m.mu.Unlock()
	}
}

// take removes and returns the pending changes.
func (m *Model) take() (all bool, slugs []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	all, slugs = m.all, slices.Collect(maps.Keys(m.slugs))
	m.all = false
	clear(m.slugs)
	return all, slugs
}

// restore puts changes that failed to apply back among the pending ones.
func (m *Model) restore(all bool, slugs []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.all = m.all || all
	for _, slug := range slugs {
		m.slugs[slug] = struct{}{}
	}
}

// foldAfter is how many profiles changed since the search index's base
// make Run fold them in beside serving: half the changes after which a
// build folds them itself, on the write's time (search.compactAt).
const foldAfter = 256

// fold returns ix folded into one base, or nil when it could not be.
func (m *Model) fold(ctx context.Context, ix *search.Index) *search.Index {
	folded, err := ix.Folded(ctx)
	if err != nil {
		if ctx.Err() == nil {
			m.logger.Warn("read model could not fold its index; it folds with a later change", "err", err)
		}
		return nil
	}
	return folded
}

// takeFold swaps in the current snapshot with its index on the base of
// folded, which Run folded from an earlier one.
func (m *Model) takeFold(ctx context.Context, folded *search.Index) {
	if folded == nil {
		return
	}
	m.apply.Lock()
	defer m.apply.Unlock()
	cur := m.snap.Load()
	ix, ok, err := cur.search.Rebased(ctx, folded)
	if err != nil || !ok {
		// The index has a base of its own since, or will fold later.
		return
	}
	m.snap.Store(&snapshot{bySlug: cur.bySlug, order: cur.order, search: ix})
	m.logger.Info("read model folded its search index", "profiles", len(cur.order), "unfolded", ix.Unfolded())
}

// dueToFold tells Run when s has changed enough since its index's base.
func (m *Model) dueToFold(s *snapshot) {
	if s.search.Unfolded() < foldAfter {
		return
	}
	select {
	case m.foldDue <- struct{}{}:
	default: // Run is told already
	}
}
