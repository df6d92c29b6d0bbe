package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// The targets of issue 16, at 100,000 profiles.
const (
	maxP99      = 100 * time.Millisecond
	maxCPUWrite = 20 * time.Millisecond
)

// report is what a run measured.
type report struct {
	o    options
	size int
	// mix is the writes of the propagation phase, for their kinds; the
	// CPU phase's are of the same mix.
	mix      []write
	outcomes []outcome
	idle     [2]float64
	cpu      cpuFigures
}

func (r report) print(w io.Writer) {
	count := map[kind]int{}
	for _, x := range r.mix {
		count[x.kind]++
	}
	fmt.Fprintf(w, "writebench: %d profiles, %d writes on A every %s (%d PUT, %d of them retitling JSON; %d create, %d delete)\n",
		r.size, len(r.mix), r.o.interval, count[textPut]+count[titlePut], count[titlePut], count[create], count[remove])
	var shown, sinceSent, answered []time.Duration
	for _, o := range r.outcomes {
		answered = append(answered, o.answered)
		if o.shownOK {
			shown = append(shown, o.shown)
			sinceSent = append(sinceSent, o.sinceSent)
		}
	}
	for _, ds := range [][]time.Duration{shown, sinceSent, answered} {
		slices.Sort(ds)
	}
	notShown := len(r.outcomes) - len(shown)
	fmt.Fprintf(w, "propagation to B, from A's answer: %s  (%d not shown within %s)\n", percentiles(shown), notShown, r.o.deadline)
	fmt.Fprintf(w, "  from the request to A: %s\n", percentiles(sinceSent))
	fmt.Fprintf(w, "A's answer to a write: %s\n", percentiles(answered))
	fmt.Fprintf(w, "CPU per write: A %s  B %s  (idle baseline subtracted: A %.1f%%, B %.1f%% of a core; %d writes and B's catching up took %.1f s",
		ms(r.cpu.perWrite[0]), ms(r.cpu.perWrite[1]), 100*r.idle[0], 100*r.idle[1], len(r.mix), r.cpu.wall.Seconds())
	if r.cpu.notShown > 0 {
		fmt.Fprintf(w, "; B did not show %d of them at the end", r.cpu.notShown)
	}
	fmt.Fprintln(w, ")")
	pass := notShown == 0 && r.cpu.notShown == 0 && len(shown) > 0 && percentile(shown, 0.99) < maxP99 &&
		r.cpu.perWrite[0] < maxCPUWrite && r.cpu.perWrite[1] < maxCPUWrite
	verdict := "FAIL"
	if pass {
		verdict = "PASS"
	}
	fmt.Fprintf(w, "targets: p99 < %s, CPU < %s a server, every write shown: %s\n", ms(maxP99), ms(maxCPUWrite), verdict)
}

// percentiles is p50, p99 and max of sorted ds.
func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	return fmt.Sprintf("p50 %s  p99 %s  max %s", ms(percentile(ds, 0.5)), ms(percentile(ds, 0.99)), ms(ds[len(ds)-1]))
}

// percentile is the p-quantile of sorted ds by nearest rank, as searchbench
// takes it.
func percentile(ds []time.Duration, p float64) time.Duration {
	return ds[int(p*float64(len(ds)-1))]
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}
