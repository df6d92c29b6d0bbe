// Package changefeed fans the revisions a server learns of, through the
// change notifications it follows, out to the streams of GET /v1/changes:
// one query per notification, however many streams listen, and a bounded
// number of streams, in all and per client.
package changefeed

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/karir/karir/internal/profile"
)

// Limits bound the open streams.
type Limits struct {
	// Total is how many streams the server keeps open at once.
	Total int
	// PerClient is how many of them one client may hold.
	PerClient int
}

// Errors of Subscribe.
var (
	ErrTooMany       = errors.New("changefeed: too many streams")
	ErrClientTooMany = errors.New("changefeed: too many streams for this client")
	ErrClosed        = errors.New("changefeed: closed")
)

// batch is how many changes one query reads.
const batch = 500

// buffer is how many changes a stream may fall behind before it is ended;
// its client resumes from the last it got.
const buffer = 256

// retryAfter is the pause after a failed read of the log.
const retryAfter = time.Second

// Feed follows the revision log and hands each new change to every
// subscriber.
type Feed struct {
	log    profile.ChangeLog
	limits Limits
	logger *slog.Logger
	wake   chan struct{}

	mu        sync.Mutex
	last      int64
	started   bool
	closed    bool
	subs      map[*Subscription]struct{}
	perClient map[string]int
}

// New returns a feed over log; Run must run for it to announce anything.
func New(log profile.ChangeLog, limits Limits, logger *slog.Logger) *Feed {
	return &Feed{
		log: log, limits: limits, logger: logger,
		wake:      make(chan struct{}, 1),
		subs:      map[*Subscription]struct{}{},
		perClient: map[string]int{},
	}
}

// Subscription is one stream's view of the feed.
type Subscription struct {
	// C gets the changes in order; it is closed when the stream must end
	// (the feed closed, or the stream fell too far behind).
	C      <-chan profile.ChangeEvent
	c      chan profile.ChangeEvent
	client string
	feed   *Feed
	once   sync.Once
}

// Changed records that the log may have grown: a change notification's
// payload, which it does not need. It never blocks.
func (f *Feed) Changed(string) {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Run reads the log after each notification and hands what is new to the
// subscribers, until ctx ends. It starts after the newest change.
func (f *Feed) Run(ctx context.Context) error {
	retry := time.NewTimer(0)
	defer retry.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-f.wake:
		case <-retry.C:
		}
		if err := f.catchUp(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			f.logger.Warn("change feed: cannot read the revisions; trying again", "err", err)
			retry.Reset(retryAfter)
		}
	}
}

// catchUp reads every change after the last one handed out.
func (f *Feed) catchUp(ctx context.Context) error {
	f.mu.Lock()
	started, last := f.started, f.last
	f.mu.Unlock()
	if !started {
		seq, err := f.log.LastChange(ctx)
		if err != nil {
			return err
		}
		f.mu.Lock()
		f.last, f.started = seq, true
		f.mu.Unlock()
		return nil
	}
	for {
		changes, err := f.log.ChangesAfter(ctx, last, batch)
		if err != nil {
			return err
		}
		f.publish(changes)
		if len(changes) < batch {
			return nil
		}
		last = changes[len(changes)-1].Seq
	}
}

// publish hands changes to every subscriber; one that cannot take them
// all is ended.
func (f *Feed) publish(changes []profile.ChangeEvent) {
	if len(changes) == 0 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.last = changes[len(changes)-1].Seq
	for s := range f.subs {
		for _, c := range changes {
			select {
			case s.c <- c:
				continue
			default:
			}
			f.drop(s)
			break
		}
	}
}

// Subscribe opens a stream for client, which then gets every change
// published from now on.
func (f *Feed) Subscribe(client string) (*Subscription, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.closed:
		return nil, ErrClosed
	case len(f.subs) >= f.limits.Total:
		return nil, ErrTooMany
	case f.perClient[client] >= f.limits.PerClient:
		return nil, ErrClientTooMany
	}
	c := make(chan profile.ChangeEvent, buffer)
	s := &Subscription{C: c, c: c, client: client, feed: f}
	f.subs[s] = struct{}{}
	f.perClient[client]++
	return s, nil
}

// Close ends the subscription; the stream calls it when it ends.
func (s *Subscription) Close() {
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	s.feed.drop(s)
}

// drop ends s, once; f.mu is held.
func (f *Feed) drop(s *Subscription) {
	s.once.Do(func() {
		delete(f.subs, s)
		if f.perClient[s.client]--; f.perClient[s.client] == 0 {
			delete(f.perClient, s.client)
		}
		close(s.c)
	})
}

// Close ends every stream and refuses new ones: the server is shutting
// down, and its streams' clients should reconnect to another.
func (f *Feed) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for s := range f.subs {
		f.drop(s)
	}
}

// Replay returns the changes after seq from the log, for a client that
// resumes: at most max, or ok false when more than max are missed or seq
// is beyond the newest change (the client must start again from a full
// read).
func (f *Feed) Replay(ctx context.Context, seq int64, max int) (changes []profile.ChangeEvent, ok bool, err error) {
	last, err := f.log.LastChange(ctx)
	if err != nil || seq > last {
		return nil, false, err
	}
	changes, err = f.log.ChangesAfter(ctx, seq, max+1)
	if err != nil || len(changes) > max {
		return nil, false, err
	}
	return changes, true, nil
}
