// Package site is Earshot's HTTP surface: the prerendered pages (go-app),
// the static assets with the wasm, the JSON API and the demo show, wired
// into one http.Handler.
package site

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/sync/singleflight"

	"github.com/earshot/earshot/app"
	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed"
)

// Feeds is what the site needs from feed ingestion (server/feed.Service).
type Feeds interface {
	Show(ctx context.Context, feedURL string) (*podcast.Show, error)
	Episode(ctx context.Context, feedURL, guid string) (*podcast.EpisodeView, error)
	Transcript(ctx context.Context, feedURL, guid string) (*podcast.Transcript, error)
}

// Searcher finds moments in a show's archive (server/search).
type Searcher interface {
	Search(ctx context.Context, feedURL, q string, limit int) (*podcast.SearchResult, error)
}

// Config is what New needs.
type Config struct {
	Feeds       Feeds
	Search      Searcher     // nil: no /api/search
	DefaultFeed string       // feed shown when a page names none
	Web         fs.FS        // the web package's files
	Demo        http.Handler // serves /demo/, nil for none
	BaseURL     string       // public URL of this server ("https://earshot.example")
	// FrameAncestors is the CSP frame-ancestors list of /embed: who may
	// frame the player ("*" for anyone, or "https://blog.example …").
	FrameAncestors string
	// APIRatePerSecond and APIBurst limit the API per client address (a
	// token bucket): zero means the default (10 a second after a burst of
	// 40), negative means no limit.
	APIRatePerSecond float64
	APIBurst         int
	// Static renders for a static export (server/export): pages link to
	// /e/SLUG/ paths and read JSON files instead of /api/.
	Static bool
}

// prerenderTimeout bounds how long a page waits for feed data; past it the
// page renders an error the browser may retry, rather than hanging.
const prerenderTimeout = 20 * time.Second

// Site is the whole HTTP surface.
type Site struct {
	cfg          Config
	assets       *assets
	mux          *http.ServeMux
	answers      *encodedCache
	pageCache    pageCache
	renderFlight singleflight.Group
	// lim is the per-client budget of every route that may make the server
	// fetch: the API, oEmbed and the pages that show a feed.
	lim *limiter
}

// New builds the site. It registers the app's pages with go-app, which keeps
// routes globally: build one Site per process.
func New(cfg Config) (*Site, error) {
	a, err := newAssets(cfg.Web, appIcons())
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if !a.hasWasm() {
		slog.Warn("app.wasm is not built into this binary; pages work prerendered only (run make)")
	}
	s := &Site{cfg: cfg, assets: a, mux: http.NewServeMux(), answers: newEncodedCache()}
	app.Register(pageSource{feeds: cfg.Feeds, defaultFeed: cfg.DefaultFeed})

	worker, err := fs.ReadFile(cfg.Web, "worker.js")
	if err != nil {
		return nil, fmt.Errorf("site: worker: %w", err)
	}
	h := &goapp.Handler{
		Name:        "Earshot",
		ShortName:   "Earshot",
		Title:       "Earshot",
		Description: "A podcast player for the web: chapters, transcripts, share links and an embed for any blog.",
		Lang:        "en",
		Author:      "Earshot",
		Domain:      hostOf(cfg.BaseURL),
		Icon: goapp.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      a.URL("/web/icon.svg"),
		},
		BackgroundColor:       "#fbfaf8",
		ThemeColor:            "#c2410c",
		Styles:                []string{a.URL("/web/earshot.css")},
		Scripts:               []string{a.URL("/web/bridge.js")},
		Resources:             a,
		Version:               a.version,
		ServiceWorkerTemplate: string(worker),
		RawHeaders:            s.rawHeaders(),
	}
	if cfg.Static {
		h.Env = map[string]string{embed.StaticEnv: "1"}
	}
	if a.wasmSize > 0 {
		h.WasmContentLength = strconv.FormatInt(a.wasmSize, 10)
	}

	s.mux.Handle("/web/", a)
	if cfg.Demo != nil {
		s.mux.Handle("/demo/", cfg.Demo)
	}
	lim := limiterFor(cfg.APIRatePerSecond, cfg.APIBurst)
	s.lim = lim
	s.mux.HandleFunc("GET /api/feed", lim.limit(s.apiFeed))
	s.mux.HandleFunc("GET /api/episode", lim.limit(s.apiEpisode))
	s.mux.HandleFunc("GET /api/transcript", lim.limit(s.apiTranscript))
	s.mux.HandleFunc("GET /api/qr", lim.limit(s.apiQR))
	if cfg.Search != nil {
		s.mux.HandleFunc("GET /api/search", lim.limit(s.apiSearch))
	}
	s.mux.HandleFunc("POST /api/opml", lim.limit(s.apiOPML))
	s.embedRoutes(lim)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, r, http.StatusOK, "text/plain; charset=utf-8", cacheNoStore, []byte("ok\n"))
	})
	s.mux.Handle("/", s.pages(h))
	return s, nil
}

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secure(s.mux).ServeHTTP(w, r)
}

// rawHeaders are extra head elements. There is deliberately no preload of
// the wasm: it would take the bandwidth and the main thread the listener's
// audio needs; the bridge (web/bridge.js) starts it when it can no longer
// compete (appjs.go).
func (s *Site) rawHeaders() []string {
	return nil
}

// pages wraps go-app's handler. go-app answers every request with
// "ETag: <version>" and honours If-None-Match against it, which would serve
// stale pages after a feed changes; here the ETag is a hash of the rendered
// page instead, and the page is repaired (booleans), given its link
// previews, compressed, and kept for a few seconds: rendering costs ~2 MB of
// allocations, and an embed on a busy blog is asked for the same URL by
// every visitor at once.
func (s *Site) pages(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.serveOwnResource(w, r) {
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if s.overBudget(w, r) {
				return
			}
			s.renderPage(h, r).writeTo(s, w, r)
			return
		}
		key := r.URL.RequestURI()
		if p := s.pageCache.get(key); p != nil {
			p.writeTo(s, w, r)
			return
		}
		if s.overBudget(w, r) {
			return
		}
		v, _, _ := s.renderFlight.Do(key, func() (any, error) {
			p := s.renderPage(h, r)
			if p.status == http.StatusOK {
				s.pageCache.put(key, p)
			}
			return p, nil
		})
		v.(*renderedPage).writeTo(s, w, r)
	})
}

// renderedPage is a page ready to send.
type renderedPage struct {
	status int
	link   string
	enc    *encoded
	made   time.Time
}

// renderPage runs go-app's renderer and finishes the page.
func (s *Site) renderPage(h http.Handler, r *http.Request) *renderedPage {
	r = r.Clone(r.Context())
	r.Header.Del("If-None-Match") // go-app would compare it with its version
	rec := newRecorder()
	h.ServeHTTP(rec, r)
	p := &renderedPage{status: rec.status, made: time.Now()}
	if p.status == http.StatusOK {
		// A page whose feed failed shows the error to the listener; its
		// status says so too, so no cache keeps it.
		p.status = s.pageStatus(r)
		if strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") && !app.IsPage(r.URL.Path) {
			p.status = http.StatusNotFound // the app's "not found" page
		}
	}
	ctype := rec.header.Get("Content-Type")
	if ctype == "text/html" {
		ctype = "text/html; charset=utf-8"
	}
	body, etag := rec.buf.Bytes(), etagOf
	if r.URL.Path == "/app.js" {
		body = rewriteAppJS(body)
	}
	if strings.HasPrefix(ctype, "text/html") {
		etag = pageETag
		body = fixBooleans(body)
		if p.status == http.StatusOK && !s.cfg.Static {
			body, p.link = s.withPreview(r, body)
		}
	}
	p.enc = newEncoded(ctype, body, etag(body))
	return p
}

func (p *renderedPage) writeTo(s *Site, w http.ResponseWriter, r *http.Request) {
	s.pageHeaders(w, r.URL.Path, p.enc.ctype)
	if p.link != "" {
		w.Header().Set("Link", p.link)
	}
	if p.status != http.StatusOK {
		writeBody(w, r, p.status, p.enc.ctype, cacheNoStore, p.enc.plain)
		return
	}
	p.enc.write(w, r, cacheRevalidate)
}

// pageCacheTTL is how long a rendered page is reused. It is short: pages
// show feed data, which the feed cache refreshes on its own schedule.
const (
	pageCacheTTL  = 5 * time.Second
	maxPageCached = 1024
)

// pageCache keeps rendered pages by request URI for pageCacheTTL.
type pageCache struct {
	mu    sync.Mutex
	pages map[string]*renderedPage
}

func (c *pageCache) get(key string) *renderedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pages[key]
	if p == nil || time.Since(p.made) > pageCacheTTL {
		return nil
	}
	return p
}

func (c *pageCache) put(key string, p *renderedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]*renderedPage{}
	}
	if len(c.pages) >= maxPageCached {
		for k, old := range c.pages {
			if time.Since(old.made) > pageCacheTTL {
				delete(c.pages, k)
			}
		}
		if len(c.pages) >= maxPageCached {
			clear(c.pages)
		}
	}
	c.pages[key] = p
}

// pageSource is the app.Source the server prerenders with.
type pageSource struct {
	feeds       Feeds
	defaultFeed string
}

func (p pageSource) feed(f string) string {
	if f == "" {
		return p.defaultFeed
	}
	return f
}

func (p pageSource) Show(ctx context.Context, feed string) (*podcast.Show, error) {
	ctx, cancel := context.WithTimeout(ctx, prerenderTimeout)
	defer cancel()
	s, err := p.feeds.Show(ctx, p.feed(feed))
	if err != nil {
		return nil, pageError(ctx, err)
	}
	return s, nil
}

func (p pageSource) Episode(ctx context.Context, feed, guid string) (*podcast.EpisodeView, error) {
	ctx, cancel := context.WithTimeout(ctx, prerenderTimeout)
	defer cancel()
	v, err := p.feeds.Episode(ctx, p.feed(feed), guid)
	if err != nil {
		return nil, pageError(ctx, err)
	}
	return v, nil
}

// pageError is what a page shows for err: its error code, which the app
// shows as a sentence in the page's language (the English one comes along),
// never the error's own text (see classify).
func pageError(ctx context.Context, err error) error {
	e := classify(err)
	logFailure(ctx, "page", err, e)
	return &app.Error{Code: e.Code, Message: e.Message}
}

// apiFeed is GET /api/feed?feed=…: one normalized show. It takes url=
// too, its first name (every other route names the feed feed=).
func (s *Site) apiFeed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := q.Get("feed")
	if f == "" {
		f = q.Get("url")
	}
	u := s.feedOrDefault(f)
	show, err := s.cfg.Feeds.Show(r.Context(), u)
	if err != nil {
		writeError(w, r, err)
		return
	}
	enc, err := s.answers.get("feed "+u, show)
	if err != nil {
		writeError(w, r, err)
		return
	}
	enc.write(w, r, cacheShortAPI)
}

// apiEpisode is GET /api/episode?feed=…&guid=…: one episode with its
// chapters resolved, and the show's metadata.
func (s *Site) apiEpisode(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := s.feedOrDefault(q.Get("feed"))
	v, err := s.cfg.Feeds.Episode(r.Context(), f, q.Get("guid"))
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, cacheShortAPI, v)
}

func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return u.Host
}

// apiTranscript is GET /api/transcript?feed=…&guid=…: the episode's
// transcript, fetched and parsed on the server (transcript hosts rarely send
// CORS headers, so the browser could not read them itself).
func (s *Site) apiTranscript(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := s.feedOrDefault(q.Get("feed"))
	t, err := s.cfg.Feeds.Transcript(r.Context(), f, q.Get("guid"))
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, cacheShortAPI, t)
}

// apiSearch is GET /api/search?feed=…&q=…[&limit=…]: the moments of the
// show that match q, each with an absolute time link. While the show's
// index is still being built the answer says so and is not cached.
func (s *Site) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	res, err := s.cfg.Search.Search(r.Context(), s.feedOrDefault(q.Get("feed")), q.Get("q"), limit)
	if err != nil {
		writeError(w, r, err)
		return
	}
	for i := range res.Moments {
		res.Moments[i].Link = s.cfg.BaseURL + res.Moments[i].Link
	}
	cache := cacheShortAPI
	if !res.Complete {
		cache = cacheNoStore
	}
	writeJSON(w, r, http.StatusOK, cache, res)
}

// frameAncestors is who may frame a page: anyone configured for the embed,
// only ourselves for everything else (no clickjacking of the app).
func (s *Site) frameAncestors(path string) string {
	if path == "/embed" {
		if fa := strings.TrimSpace(s.cfg.FrameAncestors); fa != "" {
			return fa
		}
		return "*"
	}
	return "'self'"
}

// pageStatus is the HTTP status of a rendered page: 200, or the status of
// the failure its feed (or episode) met, which the page shows as an error.
// The lookups hit the feed cache the render just filled.
func (s *Site) pageStatus(r *http.Request) int {
	path := r.URL.Path
	if path != "/" && path != "/show" && path != "/episode" && path != "/embed" {
		return http.StatusOK
	}
	q := r.URL.Query()
	u := s.feedOrDefault(q.Get("feed"))
	ctx, cancel := context.WithTimeout(r.Context(), prerenderTimeout)
	defer cancel()
	show, err := s.cfg.Feeds.Show(ctx, u)
	if err == nil && (path == "/episode" || path == "/embed") {
		if _, ok := show.Episode(q.Get("guid")); !ok {
			err = fmt.Errorf("episode %q: %w", q.Get("guid"), feed.ErrNotFound)
		}
	}
	if err != nil {
		return classify(err).Status
	}
	return http.StatusOK
}

// AssetPaths lists every static asset URL the site serves (plain and
// content-hashed names), for a static export.
func (s *Site) AssetPaths() []string {
	paths := make([]string, 0, len(s.assets.files))
	for p := range s.assets.files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// feedOrDefault is f, or the default feed when a request names none.
func (s *Site) feedOrDefault(f string) string {
	if f == "" {
		return s.cfg.DefaultFeed
	}
	return f
}
