package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
)

// kind is what a write does.
type kind byte

const (
	// textPut replaces a stored profile with a new text under its title:
	// the sections of another generated profile.
	textPut kind = 't'
	// titlePut sends the stored document back as JSON with its title in
	// another case, as an editor fixing it would: the slug stays, and the
	// profile moves in the title order.
	titlePut kind = 'j'
	// create stores a text under a title the catalogue does not hold.
	create kind = 'c'
	// remove deletes a stored profile.
	remove kind = 'd'
)

// mix is the kinds of twenty writes in a row: 15 replace (4 of them
// retitle), 3 create and 2 delete, spread out.
const mix = "tjtctdtjtctttjdtctjt"

// maxProbes bounds the tries at finding a stored profile, or a free title,
// that no write of the run chose yet.
const maxProbes = 1000

// write is one request to server A, ready to send.
type write struct {
	kind kind
	slug string
	// body is nil for a delete.
	body        []byte
	contentType string
	// ifMatch is the stored ETag; a create sends If-None-Match: * instead.
	ifMatch string
}

// answer is what a server answered, and when the whole answer had arrived.
type answer struct {
	status int
	etag   string
	body   []byte
	at     time.Time
}

func profilePath(slug string) string { return "/v1/profiles/" + url.PathEscape(slug) }

func (p *pair) do(req *http.Request) (answer, error) {
	resp, err := p.client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, etag: resp.Header.Get("ETag"), body: body, at: time.Now()}, err
}

func (p *pair) get(ctx context.Context, u string) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return answer{}, err
	}
	return p.do(req)
}

// send sends w to server A as the editor; an answer other than 2xx fails
// the run, since no one else writes.
func (p *pair) send(ctx context.Context, w write) (answer, error) {
	method := http.MethodPut
	if w.kind == remove {
		method = http.MethodDelete
	}
	req, err := http.NewRequestWithContext(ctx, method, p.a.base+profilePath(w.slug), bytes.NewReader(w.body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Authorization", "Bearer "+p.token)
	if w.body != nil {
		req.Header.Set("Content-Type", w.contentType)
	}
	if w.ifMatch != "" {
		req.Header.Set("If-Match", w.ifMatch)
	} else {
		req.Header.Set("If-None-Match", "*")
	}
	a, err := p.do(req)
	if err == nil && a.status/100 != 2 {
		err = fmt.Errorf("%s %s: %d %s", method, w.slug, a.status, a.body)
	}
	return a, err
}

// shows tells whether an answer of B to a GET of the profile w wrote shows
// the write that A answered with written.
func (w write) shows(b, written answer) bool {
	if w.kind == remove {
		return b.status == http.StatusGone
	}
	return b.status == http.StatusOK && b.etag == written.etag
}

// planner chooses the writes, reading from server A what an editor would
// read first: the profile and its ETag.
type planner struct {
	pair *pair
	gen  *generate.Generator
	// size is how many profiles the catalogue holds: generated profiles
	// below it are most likely stored, those above most likely not.
	size int
	rng  *rand.Rand
	// used holds the generated profiles a write of the run chose: each
	// profile is written once, so that every write is from what the
	// planner read.
	used map[int]bool
}

func newPlanner(p *pair, gen *generate.Generator, size int) *planner {
	return &planner{pair: p, gen: gen, size: size, rng: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())), used: map[int]bool{}}
}

// plan chooses n writes of the mix.
func (pl *planner) plan(ctx context.Context, n int) ([]write, error) {
	writes := make([]write, n)
	for i := range writes {
		var err error
		if writes[i], err = pl.next(ctx, kind(mix[i%len(mix)])); err != nil {
			return nil, err
		}
	}
	return writes, nil
}

func (pl *planner) next(ctx context.Context, k kind) (write, error) {
	if k == create {
		return pl.create(ctx)
	}
	i, stored, err := pl.probe(ctx, 0, pl.size, http.StatusOK)
	if err != nil {
		return write{}, err
	}
	switch k {
	case textPut:
		return pl.newText(i, stored)
	case titlePut:
		return retitle(i, stored)
	}
	return write{kind: remove, slug: profile.Slugify(generate.Title(i)), ifMatch: stored.etag}, nil
}

// probe returns a generated profile from..to-1 that no write chose yet and
// that A answers with one of statuses, and A's answer.
func (pl *planner) probe(ctx context.Context, from, to int, statuses ...int) (int, answer, error) {
	for range maxProbes {
		i := from + pl.rng.IntN(to-from)
		if pl.used[i] {
			continue
		}
		a, err := pl.pair.get(ctx, pl.pair.a.base+profilePath(profile.Slugify(generate.Title(i))))
		if err != nil {
			return 0, answer{}, err
		}
		for _, s := range statuses {
			if a.status == s {
				pl.used[i] = true
				return i, a, nil
			}
		}
	}
	return 0, answer{}, fmt.Errorf("no generated profile from %d to %d that A answers with %v in %d tries", from, to-1, statuses, maxProbes)
}

// create is a write of a generated profile A does not hold.
func (pl *planner) create(ctx context.Context) (write, error) {
	i, _, err := pl.probe(ctx, pl.size, generate.Max, http.StatusNotFound, http.StatusGone)
	if err != nil {
		return write{}, err
	}
	text, _, err := pl.gen.Profile(i, "create.txt")
	return write{kind: create, slug: profile.Slugify(generate.Title(i)), body: text, contentType: "text/plain; charset=utf-8"}, err
}

// newText is a write of profile i's title over the sections of another
// generated profile, one whose text differs from the stored one's.
func (pl *planner) newText(i int, stored answer) (write, error) {
	var doc struct {
		Source struct {
			SHA256 string `json:"sha256"`
		} `json:"source"`
	}
	if err := json.Unmarshal(stored.body, &doc); err != nil {
		return write{}, err
	}
	for range maxProbes {
		k := pl.rng.IntN(generate.Max)
		text, _, err := pl.gen.Profile(k, "text.txt")
		if err != nil {
			return write{}, err
		}
		text = bytes.ReplaceAll(text, []byte(generate.Title(k)), []byte(generate.Title(i)))
		if sum := sha256.Sum256(text); hex.EncodeToString(sum[:]) != doc.Source.SHA256 {
			return write{kind: textPut, slug: profile.Slugify(generate.Title(i)), body: text,
				contentType: "text/plain; charset=utf-8", ifMatch: stored.etag}, nil
		}
	}
	return write{}, fmt.Errorf("no new text for profile %d in %d tries", i, maxProbes)
}

// retitle is a write of profile i's stored document with its title in
// another case.
func retitle(i int, stored answer) (write, error) {
	var doc map[string]any
	if err := json.Unmarshal(stored.body, &doc); err != nil {
		return write{}, err
	}
	title, _ := doc["title"].(string)
	doc["title"] = recased(title)
	body, err := json.Marshal(doc)
	return write{kind: titlePut, slug: profile.Slugify(generate.Title(i)), body: body,
		contentType: "application/json", ifMatch: stored.etag}, err
}

// recased is a generated (ASCII) title in sentence case, or in title case
// when it is in sentence case already: another title with the same slug.
func recased(title string) string {
	words := strings.Fields(strings.ToLower(title))
	sentence := strings.Join(words, " ")
	sentence = strings.ToUpper(sentence[:1]) + sentence[1:]
	if sentence != title {
		return sentence
	}
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
