package readmodel

import "unsafe"

// DiscoveryBytes is the memory discovery adds to the current snapshot: each
// profile's facts, the snapshot's index and the interned strings.
func (m *Model) DiscoveryBytes() int {
	s := m.snap.Load()
	ix := s.index
	n := 0
	for _, e := range s.order {
		n += int(unsafe.Sizeof(e.facts)) + 4*cap(e.facts.ids)
	}
	n += 4 * (len(ix.fit) + len(ix.all) + len(ix.fitN) + len(ix.allN) + len(ix.wordN))
	for _, p := range []postings{ix.words, ix.professions, ix.oddFit} {
		n += 4 * (len(p.start) + len(p.at))
	}
	for _, set := range ix.withTrait {
		n += 8 * len(set)
	}
	for _, str := range m.names.strings {
		// The string, its header in the table and in the map, the id.
		n += len(str) + 16 + 16 + 4 + 8
	}
	return n
}
