package changefeed_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/changefeed"
	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
)

// memoryLog is a revision log in memory that a test appends to.
type memoryLog struct {
	mu      sync.Mutex
	changes []profile.ChangeEvent
	// asked is closed when the log is first asked for its end, as a feed
	// does when it starts.
	asked     chan struct{}
	askedOnce sync.Once
}

func newLog(n int) *memoryLog {
	l := &memoryLog{asked: make(chan struct{})}
	l.add(n)
	return l
}

func (l *memoryLog) add(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for range n {
		seq := int64(len(l.changes) + 1)
		l.changes = append(l.changes, profile.ChangeEvent{Seq: seq, Slug: "a", Revision: int(seq), Action: profile.ActionReplace})
	}
}

func (l *memoryLog) mock() *mock.ChangeLog {
	return &mock.ChangeLog{
		ChangesAfterFn: func(_ context.Context, after int64, limit int) ([]profile.ChangeEvent, error) {
			l.mu.Lock()
			defer l.mu.Unlock()
			rest := l.changes[min(int(after), len(l.changes)):]
			return append([]profile.ChangeEvent(nil), rest[:min(limit, len(rest))]...), nil
		},
		LastChangeFn: func(context.Context) (int64, error) {
			l.askedOnce.Do(func() { close(l.asked) })
			l.mu.Lock()
			defer l.mu.Unlock()
			return int64(len(l.changes)), nil
		},
	}
}

// running starts a feed over log that has read the log's end.
func running(t *testing.T, log *memoryLog, limits changefeed.Limits) *changefeed.Feed {
	t.Helper()
	f := changefeed.New(log.mock(), limits, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	<-log.asked
	return f
}

func TestFeedPublishesInOrderAndDropsTheSlow(t *testing.T) {
	log := newLog(3)
	f := running(t, log, changefeed.Limits{Total: 2, PerClient: 2})
	sub, err := f.Subscribe("a")
	require.NoError(t, err)
	slow, err := f.Subscribe("a")
	require.NoError(t, err)

	log.add(2)
	f.Changed("")
	assert.Equal(t, int64(4), (<-sub.C).Seq, "the changes before the feed started are not announced")
	assert.Equal(t, int64(5), (<-sub.C).Seq)

	// A subscriber that reads nothing for long is ended; the other goes on.
	for range 300 {
		log.add(1)
		f.Changed("")
		<-sub.C
	}
	for range slow.C {
	}
	sub.Close()
	_, err = f.Subscribe("b")
	assert.NoError(t, err, "ended subscriptions free their places")
}

func TestFeedLimitsAndClose(t *testing.T) {
	log := newLog(0)
	f := running(t, log, changefeed.Limits{Total: 3, PerClient: 2})
	a1, err := f.Subscribe("a")
	require.NoError(t, err)
	_, err = f.Subscribe("a")
	require.NoError(t, err)
	_, err = f.Subscribe("a")
	assert.ErrorIs(t, err, changefeed.ErrClientTooMany)
	_, err = f.Subscribe("b")
	require.NoError(t, err)
	_, err = f.Subscribe("c")
	assert.ErrorIs(t, err, changefeed.ErrTooMany)

	f.Close()
	_, open := <-a1.C
	assert.False(t, open, "closing the feed ends its streams")
	_, err = f.Subscribe("c")
	assert.ErrorIs(t, err, changefeed.ErrClosed)
}

func TestReplay(t *testing.T) {
	log := newLog(5)
	f := changefeed.New(log.mock(), changefeed.Limits{Total: 1, PerClient: 1}, slog.New(slog.DiscardHandler))
	changes, ok, err := f.Replay(context.Background(), 2, 3)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Len(t, changes, 3)
	_, ok, _ = f.Replay(context.Background(), 1, 3)
	assert.False(t, ok, "four missed, three replayable")
	_, ok, _ = f.Replay(context.Background(), 6, 3)
	assert.False(t, ok, "an id beyond the log")
}
