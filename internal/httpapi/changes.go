package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/karir/karir/internal/changefeed"
	"github.com/karir/karir/internal/profile"
)

// changesPath is where the change feed is served.
const changesPath = "/v1/changes"

// maxReplay is how many missed changes a resuming client may replay; one
// further behind reads everything again.
const maxReplay = 1000

// heartbeat is how often an idle stream sends a comment, so that proxies
// and clients can tell it is alive.
const heartbeat = 15 * time.Second

// writeWindow bounds each write to a stream: a client that reads nothing
// for that long is dropped.
const writeWindow = 30 * time.Second

// WithChangeFeed serves GET /v1/changes from feed, whose streams the
// server holds open beyond the request timeout and the cap on requests
// in flight (the feed bounds them itself).
func WithChangeFeed(feed *changefeed.Feed) Option {
	return func(o *options) { o.feed = feed }
}

// changeJSON is the data of one event.
type changeJSON struct {
	Slug     string    `json:"slug"`
	Revision int       `json:"revision"`
	Action   string    `json:"action"`
	ETag     *string   `json:"etag"`
	At       time.Time `json:"at"`
}

// changeStream serves the feed's streams.
type changeStream struct {
	feed *changefeed.Feed
	// trusted are the proxies whose X-Forwarded-For names the client.
	trusted []netip.Prefix
	out     responder
}

// step answers GET and HEAD of the feed before routing, so that a stream
// outlives the request timeout the router sets; next gets every other
// request.
func (c changeStream) step(next step) step {
	return func(x *exchange) {
		if x.r.URL.Path != changesPath || x.r.Method != http.MethodGet && x.r.Method != http.MethodHead {
			next(x)
			return
		}
		x.route = changesPath
		c.out.handle(c.serve)(x, x.r)
	}
}

func (c changeStream) serve(w http.ResponseWriter, r *http.Request) error {
	after, resume, err := resumePoint(r)
	if err != nil {
		return err
	}
	sub, err := c.feed.Subscribe(clientOf(r, c.trusted).String())
	if err != nil {
		w.Header().Set("Retry-After", "10")
		if errors.Is(err, changefeed.ErrClientTooMany) {
			return profile.Unavailable("This client holds as many change streams as it may; close one first.")
		}
		return profile.Unavailable("The server holds as many change streams as it can. Please try again later.")
	}
	defer sub.Close()
	var missed []profile.ChangeEvent
	from := int64(-1)
	if resume {
		from = after
		var ok bool
		missed, ok, err = c.feed.Replay(r.Context(), after, maxReplay)
		if err != nil {
			return err
		}
		if !ok {
			return profile.Gone("The feed cannot replay the changes after %d: list the profiles again, then follow the feed from now.", after)
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return nil
	}
	stream(r.Context(), w, sub, from, missed)
	return nil
}

// resumePoint reads where a resuming client left off: Last-Event-ID, which
// EventSource sends when it reconnects, or else ?after=.
func resumePoint(r *http.Request) (int64, bool, error) {
	value := r.Header.Get("Last-Event-ID")
	if value == "" {
		values := r.URL.Query()["after"]
		if len(values) > 1 {
			return 0, false, errAfter
		}
		if len(values) == 0 {
			return 0, false, nil
		}
		value = values[0]
	}
	seq, err := strconv.ParseInt(value, 10, 64)
	if err != nil || seq < 0 {
		return 0, false, errAfter
	}
	return seq, true, nil
}

var errAfter = profile.Invalid("Last-Event-ID or the after parameter must be the id of an event of this feed, a whole number from 0.")

// stream writes missed, then every change after from that sub gets, with
// a heartbeat while idle, until the client leaves or the feed ends the
// subscription.
func stream(ctx context.Context, w http.ResponseWriter, sub *changefeed.Subscription, from int64, missed []profile.ChangeEvent) {
	rc := http.NewResponseController(w)
	// The server's read deadline is for reading requests; a stream reads
	// nothing more of its client.
	_ = rc.SetReadDeadline(time.Time{})
	write := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(writeWindow))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	last := from
	if !write([]byte("retry: 1000\n: karir change feed\n\n")) {
		return
	}
	for _, e := range missed {
		if !write(eventBytes(e)) {
			return
		}
		last = e.Seq
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-sub.C:
			if !ok {
				return
			}
			// A change both replayed and published is sent once.
			if e.Seq <= last {
				continue
			}
			if !write(eventBytes(e)) {
				return
			}
			last = e.Seq
		case <-tick.C:
			if !write([]byte(": heartbeat\n\n")) {
				return
			}
		}
	}
}

// eventBytes is e as a server-sent event.
func eventBytes(e profile.ChangeEvent) []byte {
	data := changeJSON{Slug: e.Slug, Revision: e.Revision, Action: string(e.Action), At: e.At}
	if e.ETag != "" {
		data.ETag = &e.ETag
	}
	// Strings, numbers and a time always marshal.
	body, _ := json.Marshal(data)
	out := make([]byte, 0, len(body)+64)
	out = append(out, "id: "...)
	out = strconv.AppendInt(out, e.Seq, 10)
	out = append(out, "\nevent: "...)
	out = append(out, e.Action...)
	out = append(out, "\ndata: "...)
	out = append(out, body...)
	return append(out, "\n\n"...)
}
