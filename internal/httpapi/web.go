package httpapi

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/go-chi/chi/v5"

	"github.com/karir/karir/internal/buildinfo"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
	"github.com/karir/karir/web"
)

// Content-Security-Policy of the HTML pages: scripts, styles, images and
// API calls from the server itself, nothing inline, no framing.
const (
	explorerCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
		"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	// The reference's renderer (Scalar) inserts the styles of its
	// components as <style> elements at run time, so /docs also allows
	// inline styles (never inline scripts) and the data: images of its icons.
	docsCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

// contentTypes are those of the embedded files, by extension; the mime
// package would read the machine's own table, which differs between systems.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
}

// staticFile is an embedded file ready to serve: its ETag is computed once.
type staticFile struct {
	contentType string
	body        []byte
	etag        string
	// gzipped is body compressed with gzip, made on the first request that
	// accepts it (the renderer of /docs is 4.9 MB of script, 1.4 MB
	// compressed); its body is nil when compression would not pay.
	gzipped func() encodedFile
}

// newStaticFile returns body, of contentType, ready to serve.
func newStaticFile(contentType string, body []byte) staticFile {
	return staticFile{contentType: contentType, body: body, etag: wire.ETag(body), gzipped: sync.OnceValue(func() encodedFile {
		if len(body) < gzipMinSize {
			return encodedFile{}
		}
		gz, etag := wire.Gzip(body)
		return encodedFile{body: gz, etag: etag}
	})}
}

type encodedFile struct {
	body []byte
	etag string
}

// gzipMinSize is the size under which compressing a file gains too little
// to spend a Vary-split cache entry on.
const gzipMinSize = 1024

// pages serves the explorer at /, the studio at /edit, the API reference at /docs, the problem
// types at /problems and the files they load at /assets/{name}.
type pages struct {
	docs staticFile
	// studio is where editors write, at /edit.
	studio staticFile
	assets map[string]staticFile
	// home is the explorer for browsers and a JSON index of links for API
	// clients.
	home negotiated
	// problems explain the problem types.
	problems *problemPages
	// profiles give the pages of profiles and the sitemap.
	profiles *ProfileResource
}

// indexJSON is what / answers to clients that do not ask for HTML.
type indexJSON struct {
	Links map[string]string `json:"links"`
	// Version is the server's build, as karir version names it.
	Version string `json:"version"`
}

// newPages reads the embedded files. They are part of the build, so a
// missing one is a defect of the binary, not a condition to handle.
// profiles give the pages of profiles; whether they serve the editors'
// routes, and whether the server has a change feed, say whether the index
// lists those.
func newPages(profiles *ProfileResource, feed bool) *pages {
	editing := profiles.editing != nil
	read := func(name string) staticFile {
		body, err := fs.ReadFile(web.Files, name)
		if err != nil {
			panic(fmt.Sprintf("httpapi: embedded web file: %v", err))
		}
		contentType := contentTypes[path.Ext(name)]
		if contentType == "" {
			panic("httpapi: no content type for the embedded web file " + name)
		}
		return newStaticFile(contentType, body)
	}
	p := &pages{docs: read("docs.html"), studio: read("edit.html"), assets: map[string]staticFile{}, profiles: profiles}
	entries, err := fs.ReadDir(web.Files, "assets")
	if err != nil {
		panic(fmt.Sprintf("httpapi: embedded web assets: %v", err))
	}
	for _, e := range entries {
		p.assets[e.Name()] = read("assets/" + e.Name())
	}
	home := renderExplorer(explorerData{Title: explorerTitle, Description: explorerDescription})
	p.home = negotiated{html: newStaticFile(contentTypes[".html"], home), csp: explorerCSP, json: indexLinks(editing, feed)}
	p.problems = newProblemPages()
	return p
}

// indexLinks is the JSON index: where each entry point of the API is. The
// editors' routes and the change feed are listed only where they are
// served.
func indexLinks(editing, feed bool) []byte {
	links := map[string]string{
		"profiles": profilesPath,
		"docs":     "/docs",
		"openapi":  "/openapi.yaml",
		"health":   "/healthz",
		"ready":    "/readyz",
		"search":   "/v1/search",
		"suggest":  "/v1/suggest",
		"traits":   "/v1/traits",
		"compare":  "/v1/compare",
		"match":    "/v1/match",
		"problems": problemsPath,
		"sitemap":  sitemapPath,
	}
	if feed {
		links["changes"] = changesPath
	}
	if editing {
		links["export"] = exportPath
		links["parse"] = parsePath
	}
	// A map of strings always marshals.
	index, _ := json.Marshal(indexJSON{Links: links, Version: buildinfo.Read().Version})
	return index
}

func (p *pages) routes(r chi.Router, out responder) {
	r.Get("/", p.explorer)
	r.Get(sitemapPath, out.handle(p.profiles.sitemap))
	r.Get("/robots.txt", robots)
	r.Get(problemsPath, p.problems.all.serve)
	r.Get(problemsPath+"/{kind}", out.handle(p.problems.kind))
	r.Get("/docs", func(w http.ResponseWriter, r *http.Request) {
		serveHTML(w, r, p.docs, docsCSP)
	})
	r.Get("/edit", func(w http.ResponseWriter, r *http.Request) {
		serveHTML(w, r, p.studio, explorerCSP)
	})
	r.Get("/assets/{name}", out.handle(p.asset))
}

// negotiated is an answer in two representations, chosen by the Accept
// header: a page for browsers, JSON for API clients.
type negotiated struct {
	html staticFile
	// csp is the Content-Security-Policy of the page.
	csp  string
	json []byte
}

func (n *negotiated) serve(w http.ResponseWriter, r *http.Request) {
	addVary(w.Header(), "Accept")
	if prefersHTML(r.Header.Values("Accept")) {
		serveHTML(w, r, n.html, n.csp)
		return
	}
	writeRepresentation(w, r, "application/json", n.json)
}

func (p *pages) asset(w http.ResponseWriter, r *http.Request) error {
	name := chi.URLParam(r, "name")
	f, ok := p.assets[name]
	if !ok {
		return profile.NotFound("No asset is named %q.", name)
	}
	addVary(w.Header(), "Accept-Encoding")
	if acceptsGzip(r.Header.Values("Accept-Encoding")) {
		if gz := f.gzipped(); gz.body != nil {
			w.Header().Set("Content-Encoding", "gzip")
			writeTagged(w, r, []string{f.contentType}, gz.body, gz.etag)
			return nil
		}
	}
	writeTagged(w, r, []string{f.contentType}, f.body, f.etag)
	return nil
}

// serveHTML answers with a page and the headers fit for HTML.
func serveHTML(w http.ResponseWriter, r *http.Request, f staticFile, csp string) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("Referrer-Policy", "no-referrer")
	writeTagged(w, r, []string{f.contentType}, f.body, f.etag)
}

// prefersHTML reports whether the Accept field lines rank text/html above
// application/json. A missing field, */* and ties go to JSON: API clients
// and curl send those, browsers name text/html.
func prefersHTML(lines []string) bool {
	html, json := acceptQuality(lines, "text", "html"), acceptQuality(lines, "application", "json")
	return html > 0 && html > json
}

// acceptQuality returns the q value the Accept field lines give the media
// type typ/sub: that of the most specific range that matches it (RFC 9110,
// 12.5.1), 0 when none does.
func acceptQuality(lines []string, typ, sub string) float64 {
	best, specificity := 0.0, -1
	for _, line := range lines {
		for item := range strings.SplitSeq(line, ",") {
			mediaRange, params, _ := strings.Cut(item, ";")
			rangeType, rangeSub, ok := strings.Cut(strings.ToLower(strings.TrimSpace(mediaRange)), "/")
			if !ok {
				continue
			}
			level := -1
			switch {
			case rangeType == typ && rangeSub == sub:
				level = 2
			case rangeType == typ && rangeSub == "*":
				level = 1
			case rangeType == "*" && rangeSub == "*":
				level = 0
			}
			if level > specificity {
				best, specificity = quality(params), level
			}
		}
	}
	return best
}

// quality reads the q parameter of a media range's parameters; a missing or
// malformed one counts as 1.
func quality(params string) float64 {
	for param := range strings.SplitSeq(params, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(param), "=")
		if strings.EqualFold(name, "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
			if err == nil && q >= 0 && q <= 1 {
				return q
			}
		}
	}
	return 1
}
