package httpapi

import (
	"net/http"
	"strings"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// fastReads is the last step of the chain: it answers the reads that the
// catalogue holds as bytes (a profile's document, one of its sections, the
// first page of the list) and hands every other request, and every such
// read it would not answer 200 or 304, to next, the router. Routing them
// would cost as much as the answer itself: chi routes twice through the
// /v1/profiles mount, on a copy of the request per context value.
// documentRoute is chi's pattern of a profile document's route.
const documentRoute = profilesPath + "/{slug}"

type fastReads struct {
	catalogue profile.Catalogue
	// cursors encode the first page, as the list does.
	cursors cursors
	next    step
}

func (f fastReads) serve(x *exchange) {
	route, enc, link, ok := f.find(x.r)
	if !ok {
		f.next(x)
		return
	}
	x.route = route
	if route == documentRoute {
		addVary(x.Header(), "Accept")
	}
	if link != "" {
		x.Header()["Link"] = []string{link}
	}
	writeEncoded(x, x.r, &enc)
}

// find returns chi's pattern of the route and the bytes that answer r when
// r is a read of what the catalogue holds; ok is false otherwise.
func (f fastReads) find(r *http.Request) (route string, enc wire.Encoded, link string, ok bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead || r.URL.RawPath != "" {
		return "", enc, "", false
	}
	path := r.URL.Path
	if path == profilesPath {
		if r.URL.RawQuery != "" {
			return "", enc, "", false
		}
		page, kept, err := f.catalogue.EncodedPage(nil, f.cursors.encodeDefaultPage)
		if err != nil || !kept {
			return "", enc, "", false
		}
		return profilesPath, page.Encoded, page.Link, true
	}
	rest, ok := strings.CutPrefix(path, profilesPath+"/")
	if !ok {
		return "", enc, "", false
	}
	slug, key, nested := strings.Cut(rest, "/")
	route = documentRoute
	if !nested && mentionsLinkedData(r.Header["Accept"]) {
		// The router chooses between JSON and JSON-LD.
		return "", enc, "", false
	}
	if nested {
		if !profile.SectionKey(key).Valid() {
			return "", enc, "", false
		}
		route = profilesPath + "/{slug}/{section}"
	}
	// A slug the catalogue holds is clean: the path is one chi routes as it
	// stands.
	enc, err := f.catalogue.Encoded(slug, profile.SectionKey(key), acceptsGzip(r.Header["Accept-Encoding"]))
	return route, enc, "", err == nil
}
