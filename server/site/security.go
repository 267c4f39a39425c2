package site

import (
	"net/http"
	"strings"
)

// Headers every answer carries, whatever handler writes it: no content-type
// sniffing (a feed's bytes are never run as a script or page because a
// browser guessed), and links out of Earshot send only the origin.
const (
	referrerPolicy = "strict-origin-when-cross-origin"
	// svgPolicy is the CSP of an SVG opened directly (a QR code, the icon,
	// the demo cover): no script, no fetches, inline styles only.
	svgPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
	// apiPolicy is the CSP of API answers (JSON, XML, snippets as text):
	// nothing in them runs or loads if one is opened as a document.
	apiPolicy = "sandbox; default-src 'none'; frame-ancestors 'none'"
)

// pagePolicy is the CSP of the HTML pages, without frame-ancestors (which
// depends on the page). It allows what the pages need and nothing else:
//   - scripts from this origin only (bridge.js, go-app's app.js and
//     wasm_exec.js) and compiling the wasm ('wasm-unsafe-eval'); no inline
//     script, no eval;
//   - stylesheets from this origin; style attributes (go-app writes the
//     chapter marks' positions and the embed's accent colour as style="…");
//   - cover art, avatars and chapter images from any web host, and the
//     data: images the server makes of ID3 chapter pictures;
//   - audio from any web host, and blob: for downloaded episodes;
//   - fetch to this origin (the API) and to web hosts (downloading an
//     enclosure for offline listening);
//   - frames of this origin only (the embed generator's preview).
const pagePolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; style-src-elem 'self'; " +
	"img-src 'self' http: https: data: blob:; " +
	"media-src 'self' http: https: blob:; " +
	"connect-src 'self' http: https:; " +
	"font-src 'self'; frame-src 'self'; worker-src 'self'; manifest-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'"

// secure sets the headers every answer carries and gives SVG answers their
// sandbox, whichever handler writes them.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", referrerPolicy)
		if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/oembed" {
			h.Set("Content-Security-Policy", apiPolicy)
		}
		next.ServeHTTP(&svgGuard{ResponseWriter: w, path: r.URL.Path}, r)
	})
}

// svgGuard adds svgPolicy to an SVG answer when its header is written:
// only then is the content type known.
type svgGuard struct {
	http.ResponseWriter
	path  string
	wrote bool
}

func (g *svgGuard) WriteHeader(status int) {
	if !g.wrote {
		g.wrote = true
		h := g.Header()
		if strings.HasSuffix(strings.ToLower(g.path), ".svg") || strings.Contains(strings.ToLower(h.Get("Content-Type")), "svg") {
			h.Set("Content-Security-Policy", svgPolicy)
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *svgGuard) Write(b []byte) (int, error) {
	if !g.wrote {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	return g.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (g *svgGuard) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// pageHeaders sets the CSP of a page answer: the full policy for HTML, and
// who may frame it for everything go-app serves (app.js, the worker, the
// manifest), as before.
func (s *Site) pageHeaders(w http.ResponseWriter, path, ctype string) {
	fa := "frame-ancestors " + s.frameAncestors(path)
	if strings.HasPrefix(ctype, "text/html") {
		w.Header().Set("Content-Security-Policy", pagePolicy+"; "+fa)
		return
	}
	w.Header().Set("Content-Security-Policy", fa)
}

// go-app's Handler serves /robots.txt, /sitemap.xml and /ads.txt (also
// under its /VERSION/ prefix) as "proxy resources": it fetches
// "http://" + r.Host + "/web/…" with http.Get (no timeout, any redirect, no
// address checks) and keeps any 200 answer for everyone until a restart. A
// request's Host header would decide what the server fetches. These paths
// never reach go-app: the server answers them itself, from constants.
var ownResources = map[string]struct {
	status int
	ctype  string
	body   string
}{
	// Pages are for everyone to find; the API is not for crawlers (every
	// new feed URL costs an origin fetch). /embed stays allowed: link
	// preview bots fetch it for player cards.
	"/robots.txt": {http.StatusOK, "text/plain; charset=utf-8", "User-agent: *\nDisallow: /api/\n"},
	// Earshot shows any feed a visitor names; it has no list of pages.
	"/sitemap.xml": {http.StatusNotFound, "text/plain; charset=utf-8", "Earshot has no sitemap.\n"},
	"/ads.txt":     {http.StatusNotFound, "text/plain; charset=utf-8", "Earshot sells no ads.\n"},
}

// serveOwnResource answers the paths go-app would proxy and reports whether
// path was one of them.
func (s *Site) serveOwnResource(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	if v := "/" + s.assets.version; strings.HasPrefix(p, v+"/") {
		p = strings.TrimPrefix(p, v)
	}
	res, ok := ownResources[p]
	if !ok {
		return false
	}
	writeBody(w, r, res.status, res.ctype, "public, max-age=3600", []byte(res.body))
	return true
}
