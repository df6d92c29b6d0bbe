package readmodel

import (
	"context"
	"maps"
	"slices"
	"time"
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
// tried again; the model meanwhile serves the last snapshot it has.
func (m *Model) Run(ctx context.Context) error {
	retry := time.NewTimer(0)
	retry.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-m.wake:
		case <-retry.C:
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
