package main

import (
	"context"
	"sync"
	"time"

	"github.com/karir/karir/internal/generate"
)

const (
	// settle is how long the servers get after a phase to finish what the
	// writes set going (a refresh B had queued, a collection) before the
	// next phase or the CPU reading.
	settle = time.Second
	// maxIdle bounds the idle window: it measures a rate, which a longer
	// window hardly changes.
	maxIdle = 30 * time.Second
	// endPoll is the pace at which the CPU phase waits for B to show its
	// last write: slow enough that the GETs cost B little against the
	// writes.
	endPoll = 5 * time.Millisecond
)

// bench runs the phases over one pair of servers.
type bench struct {
	pair    *pair
	planner *planner
	o       options
}

func newBench(p *pair, gen *generate.Generator, size int, o options) *bench {
	return &bench{pair: p, planner: newPlanner(p, gen, size), o: o}
}

// outcome is what became of one write of the propagation phase.
type outcome struct {
	// answered is how long A took to answer.
	answered time.Duration
	// shown is how long after A's answer B first showed the write, and
	// sinceSent how long after the request to A, when shownOK. A server
	// that applies a write to its own model before it answers leaves B
	// the time of that answer to catch up: the second figure counts it.
	shown, sinceSent time.Duration
	shownOK          bool
	err              error
}

// measure runs the propagation phase, an idle window and the CPU phase,
// each on writes of its own, planned before it starts so that the
// planner's reads of A fall in no measurement.
func (b *bench) measure(ctx context.Context) (report, error) {
	writes, err := b.planner.plan(ctx, b.o.writes)
	if err != nil {
		return report{}, err
	}
	r := report{size: b.planner.size, o: b.o, mix: writes}
	start := time.Now()
	if r.outcomes, err = b.propagation(ctx, writes); err != nil {
		return r, err
	}
	idleWindow := min(time.Since(start), maxIdle)
	if err := sleep(ctx, settle); err != nil {
		return r, err
	}
	if writes, err = b.planner.plan(ctx, b.o.writes); err != nil {
		return r, err
	}
	if r.idle, err = b.idleRate(ctx, idleWindow); err != nil {
		return r, err
	}
	r.cpu, err = b.cpuPhase(ctx, writes, r.idle)
	return r, err
}

// propagation sends the writes to A at the interval and, from each
// answer on, polls B until it shows the write.
func (b *bench) propagation(ctx context.Context, writes []write) ([]outcome, error) {
	outcomes := make([]outcome, len(writes))
	var pollers sync.WaitGroup
	defer pollers.Wait()
	// A failed write stops the pollers still waiting.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	err := b.sendPaced(ctx, writes, func(i int, sent time.Time, written answer) {
		outcomes[i].answered = written.at.Sub(sent)
		pollers.Go(func() {
			o := &outcomes[i]
			var at time.Time
			at, o.shownOK, o.err = b.await(ctx, writes[i], written, 0)
			o.shown, o.sinceSent = at.Sub(written.at), at.Sub(sent)
		})
	})
	if err != nil {
		return nil, err
	}
	pollers.Wait()
	for _, o := range outcomes {
		if o.err != nil {
			return nil, o.err
		}
	}
	return outcomes, nil
}

// sendPaced sends the writes to A, one every interval and each no sooner
// than the answer to the one before, as one editor would, and hands each
// answer to answered with the time its request was sent.
func (b *bench) sendPaced(ctx context.Context, writes []write, answered func(i int, sent time.Time, written answer)) error {
	start := time.Now()
	for i, w := range writes {
		if err := sleep(ctx, time.Until(start.Add(time.Duration(i)*b.o.interval))); err != nil {
			return err
		}
		sent := time.Now()
		written, err := b.pair.send(ctx, w)
		if err != nil {
			return err
		}
		answered(i, sent, written)
	}
	return nil
}

// await polls B until it shows the write A answered with written, or until
// the deadline: a few hundred microseconds apart at first, then a
// twentieth of the time waited so far (so the figure is within 5 %), at
// most 10 ms apart and at least floor. It returns when B's first answer
// that showed it arrived.
func (b *bench) await(ctx context.Context, w write, written answer, floor time.Duration) (time.Time, bool, error) {
	u := b.pair.b.base + profilePath(w.slug)
	for {
		got, err := b.pair.get(ctx, u)
		if err != nil {
			return time.Time{}, false, err
		}
		if w.shows(got, written) {
			return got.at, true, nil
		}
		waited := got.at.Sub(written.at)
		if waited >= b.o.deadline {
			return time.Time{}, false, nil
		}
		if err := sleep(ctx, max(floor, min(max(waited/20, 200*time.Microsecond), 10*time.Millisecond))); err != nil {
			return time.Time{}, false, err
		}
	}
}

// idleRate is the CPU each server spends a second while nothing is sent.
func (b *bench) idleRate(ctx context.Context, window time.Duration) ([2]float64, error) {
	before, err := b.pair.cpus()
	if err != nil {
		return [2]float64{}, err
	}
	start := time.Now()
	if err := sleep(ctx, window); err != nil {
		return [2]float64{}, err
	}
	after, err := b.pair.cpus()
	elapsed := time.Since(start).Seconds()
	return [2]float64{(after[0] - before[0]).Seconds() / elapsed, (after[1] - before[1]).Seconds() / elapsed}, err
}

// cpuFigures is what the CPU phase measured.
type cpuFigures struct {
	// perWrite is each server's CPU a write, the idle rate subtracted.
	perWrite [2]time.Duration
	wall     time.Duration
	// notShown counts the writes B did not show at the end.
	notShown int
}

// cpuPhase sends the writes to A at the interval without polling B, waits
// until B shows the last one and the servers have settled, and divides the
// CPU each spent, less its idle rate, by the writes.
func (b *bench) cpuPhase(ctx context.Context, writes []write, idle [2]float64) (cpuFigures, error) {
	var f cpuFigures
	before, err := b.pair.cpus()
	if err != nil {
		return f, err
	}
	start := time.Now()
	answers := make([]answer, len(writes))
	err = b.sendPaced(ctx, writes, func(i int, _ time.Time, written answer) { answers[i] = written })
	if err != nil {
		return f, err
	}
	last := len(writes) - 1
	if _, _, err := b.await(ctx, writes[last], answers[last], endPoll); err != nil {
		return f, err
	}
	if err := sleep(ctx, settle); err != nil {
		return f, err
	}
	after, err := b.pair.cpus()
	if err != nil {
		return f, err
	}
	f.wall = time.Since(start)
	for s := range 2 {
		spent := after[s] - before[s] - time.Duration(idle[s]*float64(f.wall))
		f.perWrite[s] = spent / time.Duration(len(writes))
	}
	f.notShown, err = b.notShown(ctx, writes, answers)
	return f, err
}

// notShown counts the writes B does not show, asking once for each.
func (b *bench) notShown(ctx context.Context, writes []write, answers []answer) (int, error) {
	n := 0
	for i, w := range writes {
		got, err := b.pair.get(ctx, b.pair.b.base+profilePath(w.slug))
		if err != nil {
			return 0, err
		}
		if !w.shows(got, answers[i]) {
			n++
		}
	}
	return n, nil
}

// sleep waits for d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
