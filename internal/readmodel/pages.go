package readmodel

import (
	"sync/atomic"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// EncodedPage returns the page of the unfiltered list after the key,
// encoded by encode once per snapshot: the pages that start at a multiple
// of profile.PageSize are kept with the snapshot they were cut from, which
// a change replaces whole, so that a kept page is never stale.
func (m *Model) EncodedPage(after *profile.PageKey, encode func(profile.Page) (*wire.Page, error)) (*wire.Page, bool, error) {
	s, err := m.current()
	if err != nil {
		return nil, false, err
	}
	at := start(s.order, after)
	if at%profile.PageSize != 0 {
		return nil, false, nil
	}
	s.pagesOnce.Do(func() {
		// The empty list has one page, with no items.
		s.pages = make([]atomicPage, max((len(s.order)+profile.PageSize-1)/profile.PageSize, 1))
	})
	n := at / profile.PageSize
	if n >= len(s.pages) {
		// Past the end: as short as List answers it, and not worth keeping.
		page, err := encode(cut(s.order, at, profile.PageSize))
		return page, err == nil, err
	}
	if page := s.pages[n].Load(); page != nil {
		return page, true, nil
	}
	page, err := encode(cut(s.order, at, profile.PageSize))
	if err != nil {
		return nil, false, err
	}
	// Two requests may encode the same page at once; both keep the first.
	if !s.pages[n].CompareAndSwap(nil, page) {
		page = s.pages[n].Load()
	}
	return page, true, nil
}

type atomicPage = atomic.Pointer[wire.Page]
