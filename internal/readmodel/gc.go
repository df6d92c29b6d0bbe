package readmodel

import (
	"runtime/debug"
	"sync"
)

// loadGCPercent is the GOGC of a full load. A load adds the whole
// catalogue (hundreds of MiB at 100,000 profiles) as long-lived bytes while
// it makes about as much garbage (decoded rows, encoding buffers); with the
// default GOGC of 100 the heap may then grow to twice the catalogue before
// a collection. Collecting at a fifth keeps the peak near what the model
// keeps, and costs little: the bytes are pointer-free, so a cycle marks
// only the entries.
const loadGCPercent = 20

// lowGC counts the loads running, across models, so that the GOGC before
// the first is the one restored after the last.
var lowGC struct {
	sync.Mutex
	loads int
	old   int
}

// lowerGC sets GOGC to loadGCPercent for a load, unless it is lower or off
// already, and returns the function that ends the load.
func lowerGC() (restore func()) {
	lowGC.Lock()
	defer lowGC.Unlock()
	if lowGC.loads == 0 {
		lowGC.old = debug.SetGCPercent(loadGCPercent)
		if lowGC.old < 0 || lowGC.old < loadGCPercent {
			debug.SetGCPercent(lowGC.old)
		}
	}
	lowGC.loads++
	return func() {
		lowGC.Lock()
		defer lowGC.Unlock()
		if lowGC.loads--; lowGC.loads == 0 {
			debug.SetGCPercent(lowGC.old)
		}
	}
}
