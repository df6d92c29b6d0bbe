package readmodel

import (
	"os"
	"runtime/debug"
	"sync"
)

// The collector's pace. The heap of a server is mostly the catalogue:
// long-lived, pointer-free bytes (about 5 KB a profile) that a cycle need
// not scan. With the default GOGC of 100 the heap grows by all of it
// between collections: a catalogue of 500 MiB lets a busy server reach
// 1 GiB, though what it keeps does not change. So, unless GOGC is set,
// the model sets GOGC after each full load to let about gcHeadroom of
// garbage gather between collections, within [loadGCPercent, 100]: a small
// catalogue keeps the default, a large one collects more often, each cycle
// marking only the entries.
const gcHeadroom = 128 << 20

// loadGCPercent is also the GOGC during a full load, which adds the whole
// catalogue as long-lived bytes while making about as much garbage
// (decoded rows, encoding buffers): the peak stays near what the model
// keeps.
const loadGCPercent = 10

// pacedGCPercent is the GOGC for a heap of live bytes.
func pacedGCPercent(live uint64) int {
	if live == 0 {
		return 100
	}
	return int(min(100, max(loadGCPercent, 100*gcHeadroom/live)))
}

// lowGC counts the loads running, across models, so that the GOGC before
// the first is the one restored after the last.
var lowGC struct {
	sync.Mutex
	loads int
	old   int
}

// lowerGC sets GOGC to loadGCPercent for a load, unless it is lower or off
// already, and returns the function that ends the load: it sets GOGC for
// the live bytes the load left (pacedGCPercent), or back to what it was
// when GOGC is set in the environment or the load failed (live 0).
func lowerGC() (done func(live uint64)) {
	lowGC.Lock()
	defer lowGC.Unlock()
	if lowGC.loads == 0 {
		lowGC.old = debug.SetGCPercent(loadGCPercent)
		if lowGC.old < 0 || lowGC.old < loadGCPercent {
			debug.SetGCPercent(lowGC.old)
		}
	}
	lowGC.loads++
	return func(live uint64) {
		lowGC.Lock()
		defer lowGC.Unlock()
		if lowGC.loads--; lowGC.loads > 0 {
			return
		}
		if _, set := os.LookupEnv("GOGC"); set || live == 0 {
			debug.SetGCPercent(lowGC.old)
			return
		}
		debug.SetGCPercent(pacedGCPercent(live))
	}
}
