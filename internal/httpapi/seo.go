package httpapi

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
	"github.com/karir/karir/web"
)

// The explorer's title and description, of its own page and of the pages
// of profiles, which name the profile first.
const (
	explorerTitle       = "karir · Profil Karier"
	explorerDescription = "Jelajahi dan bandingkan profil karier bidang kesejahteraan sosial."
)

// explorerTemplate is web/index.html: the explorer's shell, which a
// profile's page fills with the profile, for readers without JavaScript,
// search engines and link previews. html/template escapes every value for
// where it stands, the JSON-LD data block included.
var explorerTemplate = template.Must(template.ParseFS(web.Files, "index.html"))

// explorerData is what the template shows.
type explorerData struct {
	Title, Description string
	// Profile is set on a profile's page.
	Profile *profileData
	// Sections are the profile's, in genre order.
	Sections []sectionData
	// Missing says why a page has no profile to show.
	Missing string
}

type profileData struct {
	Doc        *profile.Profile
	URL        string
	LinkedData occupationJSON
}

type sectionData struct {
	Key       profile.SectionKey
	Label     string
	Traits    []string
	Sentences []profile.Sentence
}

// renderExplorer returns the shell as the template makes it from data.
func renderExplorer(data explorerData) []byte {
	var buf bytes.Buffer
	if err := explorerTemplate.Execute(&buf, data); err != nil {
		// The template and the types it reads are part of the build.
		panic(fmt.Sprintf("httpapi: explorer template: %v", err))
	}
	return buf.Bytes()
}

// profileExplorer renders p's page, whose links start with origin.
func profileExplorer(p *profile.Profile, origin string) []byte {
	data := explorerData{
		Title:       p.Title + " · karir",
		Description: p.Summary,
		Profile:     &profileData{Doc: p, URL: profilePage(origin, p.Slug), LinkedData: occupation(p, origin)},
	}
	for _, key := range profile.SectionKeys() {
		data.Sections = append(data.Sections, sectionData{
			Key:       key,
			Label:     key.Label(),
			Traits:    sectionTraits(&p.Sections, key),
			Sentences: *p.Sections.Sentences(key),
		})
	}
	return renderExplorer(data)
}

func sectionTraits(s *profile.Sections, key profile.SectionKey) []string {
	switch key {
	case profile.Fit:
		return s.Fit.Traits
	case profile.NonFit:
		return s.NonFit.Traits
	}
	return nil
}

// explorer answers / : for a browser that asks for one profile
// (?profil=slug), the profile's page, or a page that says it is unknown
// (404) or deleted (410), from which the explorer's scripts take over;
// else the explorer's shell or the JSON index, as the client asks.
func (p *pages) explorer(w http.ResponseWriter, r *http.Request) {
	slugs := r.URL.Query()["profil"]
	if len(slugs) != 1 || !prefersHTML(r.Header.Values("Accept")) {
		p.home.serve(w, r)
		return
	}
	addVary(w.Header(), "Accept")
	doc, err := p.profiles.pageProfile(r, slugs[0])
	var body []byte
	status := http.StatusOK
	switch {
	case err == nil:
		body = profileExplorer(doc, requestOrigin(r))
	case profile.ErrorCode(err) == profile.EGONE:
		status = http.StatusGone
		body = renderExplorer(explorerData{Title: "Profil dihapus · karir", Description: explorerDescription, Missing: "Profil ini sudah dihapus."})
	case profile.ErrorCode(err) == profile.ENOTFOUND:
		status = http.StatusNotFound
		body = renderExplorer(explorerData{Title: "Profil tidak ditemukan · karir", Description: explorerDescription, Missing: "Profil ini tidak ditemukan."})
	default:
		// The scripts say what went wrong, as they do on the shell.
		serveHTML(w, r, p.home.html, explorerCSP)
		return
	}
	if status == http.StatusOK {
		serveHTML(w, r, staticFile{contentType: contentTypes[".html"], body: body, etag: wire.ETag(body)}, explorerCSP)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", explorerCSP)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Type", contentTypes[".html"])
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// pageProfile returns the profile under slug, or why there is none.
func (res *ProfileResource) pageProfile(r *http.Request, slug string) (*profile.Profile, error) {
	if !storable(slug) || len(slug) > maxSlugLen {
		return nil, profile.NoProfile(slug)
	}
	p, err := current(res.catalogue, slug)
	if history := res.history(); profile.ErrorCode(err) == profile.ENOTFOUND && history != nil {
		err = missing(r, history, slug, err)
	}
	return p, err
}

// maxSitemapURLs is how many URLs one sitemap may list (sitemaps.org).
const maxSitemapURLs = 50000

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap answers with the page of every profile, and when it last changed.
func (res *ProfileResource) sitemap(w http.ResponseWriter, r *http.Request) error {
	origin := requestOrigin(r)
	set := urlSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	var after *profile.PageKey
	for len(set.URLs) < maxSitemapURLs {
		page, err := res.catalogue.List(r.Context(), maxLimit, after, profile.ListFilter{})
		if err != nil {
			return err
		}
		for _, s := range page.Items {
			u := sitemapURL{Loc: profilePage(origin, s.Slug)}
			if at := res.updatedAt(s.Slug); !at.IsZero() {
				u.LastMod = at.UTC().Format(time.RFC3339)
			}
			set.URLs = append(set.URLs, u)
		}
		if page.Next == nil {
			break
		}
		after = page.Next
	}
	body, err := xml.Marshal(set)
	if err != nil {
		return err
	}
	writeRepresentation(w, r, "application/xml", append([]byte(xml.Header), body...))
	return nil
}

// updatedAt is when the profile under slug last changed; zero when it is
// not known (it went meanwhile, or was only parsed).
func (res *ProfileResource) updatedAt(slug string) time.Time {
	doc, _, err := res.catalogue.Compared(slug)
	if err != nil {
		return time.Time{}
	}
	var v struct {
		UpdatedAt time.Time `json:"updated_at"`
	}
	if json.Unmarshal(doc, &v) != nil {
		return time.Time{}
	}
	return v.UpdatedAt
}

// robots answers robots.txt: everything may be crawled, and the sitemap
// lists the profiles' pages.
func robots(w http.ResponseWriter, r *http.Request) {
	writeRepresentation(w, r, "text/plain; charset=utf-8", []byte("User-agent: *\nAllow: /\nSitemap: "+requestOrigin(r)+sitemapPath+"\n"))
}

// sitemapPath is where the sitemap is served.
const sitemapPath = "/sitemap.xml"
