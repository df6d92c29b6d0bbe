package readmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
	"github.com/karir/karir/internal/wire"
)

// entry is one profile, encoded: its document, each section as a range of
// the document's bytes, and the strong ETag of each, in one block of
// bytes (see arena), so that a profile costs its JSON and little more.
// The gzip of a representation long enough for one is made when a client
// first asks for it and kept: a catalogue no client reads compressed does
// not hold it twice.
type entry struct {
	summary profile.Summary
	doc     []byte
	// reps are the document (0) and its sections in profile.SectionKeys
	// order.
	reps [1 + 6]rep
	// search is what search and discovery read of the profile.
	search search.Doc
}

// rep is one representation: doc[start:end], with its tag.
type rep struct {
	start, end uint32
	etag       string
	gzip       atomic.Pointer[gzipped]
}

type gzipped struct {
	body []byte
	etag string
}

// encoded returns representation i of e, with its gzip when it is long
// enough for one and withGzip asks for it or it is made already.
func (e *entry) encoded(i int, withGzip bool) wire.Encoded {
	r := &e.reps[i]
	out := wire.Encoded{Body: e.doc[r.start:r.end:r.end], ETag: r.etag}
	if len(out.Body) < wire.MinGzip {
		return out
	}
	gz := r.gzip.Load()
	if gz == nil && !withGzip {
		return out
	}
	if gz == nil {
		gz = &gzipped{}
		gz.body, gz.etag = wire.Gzip(out.Body)
		// Two requests may compress it at once; both send the first kept.
		if !r.gzip.CompareAndSwap(nil, gz) {
			gz = r.gzip.Load()
		}
	}
	out.Gzip, out.GzipETag = gz.body, gz.etag
	return out
}

// tagLen is the length of a strong ETag: a quoted hex SHA-256.
const tagLen = 2 + 64

// encoder encodes profiles into entries; each goroutine of a load has its
// own, so that its arena needs no lock. traits is shared by the encoders
// of one load.
type encoder struct {
	arena  arena
	traits *interned
}

// encode returns p encoded: its document as profile.Encode writes it, which
// is what the HTTP layer writes for a profile it encodes itself, and each
// section as the range of the document that holds its JSON. When prev is
// an entry with the very same document, it is returned instead, so that a
// full reload of an unchanged catalogue allocates nothing that stays.
func (c *encoder) encode(p *profile.Profile, prev *entry) (*entry, error) {
	doc, err := profile.Encode(p)
	if err != nil {
		return nil, fmt.Errorf("readmodel: encode %q: %w", p.Slug, err)
	}
	if prev != nil && bytes.Equal(prev.doc, doc) {
		return prev, nil
	}
	var spans [1 + 6][2]int
	spans[0] = [2]int{0, len(doc)}
	extra := 0 // bytes of sections not found in the document
	var sections [6][]byte
	for i, key := range profile.SectionKeys() {
		section, _ := p.Sections.Get(key) // key is valid
		data, err := json.Marshal(section)
		if err != nil {
			return nil, fmt.Errorf("readmodel: encode %q section %s: %w", p.Slug, key, err)
		}
		sections[i] = data
		if at := bytes.Index(doc, data); at >= 0 {
			spans[1+i] = [2]int{at, at + len(data)}
		} else {
			extra += len(data)
		}
	}
	// One block: the document, the sections that it does not hold as
	// they are (none, as profile.Encode writes it), then the tags.
	block := c.arena.alloc(len(doc) + extra + len(spans)*tagLen)
	n := copy(block, doc)
	for i, data := range sections {
		if spans[1+i] == [2]int{} {
			spans[1+i] = [2]int{n, n + len(data)}
			n += copy(block[n:], data)
		}
	}
	e := &entry{doc: block[:n:n]}
	for i, span := range spans {
		tag := block[n : n+tagLen : n+tagLen]
		copy(tag, wire.ETag(e.doc[span[0]:span[1]]))
		n += tagLen
		e.reps[i].start, e.reps[i].end = uint32(span[0]), uint32(span[1])
		e.reps[i].etag = unsafe.String(&tag[0], tagLen)
	}
	e.summary = profile.Summary{
		Slug:    inside(e.doc, p.Slug),
		Title:   inside(e.doc, p.Title),
		Summary: inside(e.doc, p.Summary),
		Traits:  c.traits.of(p.Sections.Fit.Traits),
	}
	return e, nil
}

// inside returns s as the bytes of doc that hold it, when doc has it as a
// JSON string with nothing escaped, so that the entry does not hold it
// twice; else s itself.
func inside(doc []byte, s string) string {
	if s == "" {
		return s
	}
	quoted, err := json.Marshal(s)
	if err != nil || len(quoted) != len(s)+2 {
		return s
	}
	at := bytes.Index(doc, quoted)
	if at < 0 {
		return s
	}
	return unsafe.String(&doc[at+1], len(s))
}

// arena hands out blocks of bytes cut from large chunks: a profile's bytes
// then cost what they hold, not the next size class of the allocator, and
// are one object the garbage collector need not scan. A chunk lives while
// any entry cut from it does. The zero arena allocates each block alone,
// as a refresh of a few profiles should.
type arena struct {
	chunkSize int
	chunk     []byte
}

// loadChunk is the chunk size of a full load: about forty profiles.
const loadChunk = 256 << 10

func (a *arena) alloc(n int) []byte {
	if n > a.chunkSize/4 {
		return make([]byte, n)
	}
	if len(a.chunk)+n > cap(a.chunk) {
		a.chunk = make([]byte, 0, a.chunkSize)
	}
	start := len(a.chunk)
	a.chunk = a.chunk[:start+n]
	return a.chunk[start : start+n : start+n]
}

// interned shares equal lists of traits between entries: profiles draw
// them from one small vocabulary.
type interned struct {
	mu    sync.Mutex
	lists map[string][]string
}

func newInterned() *interned { return &interned{lists: map[string][]string{}} }

func (in *interned) of(traits []string) []string {
	if len(traits) == 0 {
		return []string{}
	}
	key := strings.Join(traits, "\x00")
	in.mu.Lock()
	defer in.mu.Unlock()
	if list, ok := in.lists[key]; ok {
		return list
	}
	list := make([]string, len(traits))
	copy(list, traits)
	in.lists[key] = list
	return list
}
