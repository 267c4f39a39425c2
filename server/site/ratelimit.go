package site

import (
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Rate limits per client address, the defaults of Config.APIRatePerSecond
// and Config.APIBurst: one budget for every route that may make the server
// fetch (the API, oEmbed, and rendering the pages that show a feed). Cached
// answers are cheap, but every new feed URL costs an origin fetch, so one
// client must not be able to make the server fetch without bound.
const (
	apiRatePerSecond = 10
	apiBurst         = 40
	// maxClients bounds the limiter table; idle entries are dropped first.
	maxClients    = 10000
	clientIdleTTL = 10 * time.Minute
)

var errRateLimited = &apiError{Status: http.StatusTooManyRequests, Code: "rate_limited",
	Message: "Too many requests from your address. Wait a few seconds and try again."}

// limiter hands out a token bucket per client IP. The client is the TCP peer:
// behind a reverse proxy every request shares the proxy's address, so put
// rate limiting in the proxy there, or raise these limits.
type limiter struct {
	mu      sync.Mutex
	clients map[string]*client
	now     func() time.Time
	every   rate.Limit // tokens per second
	burst   int
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

// newLimiter returns a limiter with the default limits.
func newLimiter() *limiter {
	return &limiter{clients: map[string]*client{}, now: time.Now, every: apiRatePerSecond, burst: apiBurst}
}

// limiterFor returns the limiter Config asks for: zero takes the default, a
// negative value turns limiting off (nil, which limit passes through). Off
// is for load tests and for servers behind a proxy that limits by itself,
// where every request would otherwise share the proxy's one bucket.
func limiterFor(perSecond float64, burst int) *limiter {
	if perSecond < 0 || burst < 0 {
		return nil
	}
	l := newLimiter()
	if perSecond > 0 {
		l.every = rate.Limit(perSecond)
	}
	if burst > 0 {
		l.burst = burst
	}
	return l
}

func (l *limiter) allow(r *http.Request) bool {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.clients[ip]
	if !ok {
		if len(l.clients) >= maxClients {
			l.sweep(now)
		}
		c = &client{lim: rate.NewLimiter(l.every, l.burst)}
		l.clients[ip] = c
	}
	c.seen = now
	return c.lim.AllowN(now, 1)
}

// sweep drops idle clients, or all of them if none is idle (a flood of
// distinct addresses must not grow the table without bound).
func (l *limiter) sweep(now time.Time) {
	for ip, c := range l.clients {
		if now.Sub(c.seen) > clientIdleTTL {
			delete(l.clients, ip)
		}
	}
	if len(l.clients) >= maxClients {
		clear(l.clients)
	}
}

// limit wraps an API handler with the per-client limit; a nil limiter
// limits nothing.
func (l *limiter) limit(h http.HandlerFunc) http.HandlerFunc {
	if l == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if !l.allow(r) {
			w.Header().Set("Retry-After", "5")
			writeJSON(w, r, http.StatusTooManyRequests, cacheNoStore, map[string]*apiError{"error": errRateLimited})
			return
		}
		h(w, r)
	}
}

// feedPages are the pages that load a feed (and may so make the server
// fetch): they share the API's budget.
var feedPages = map[string]bool{"/": true, "/show": true, "/episode": true, "/embed": true}

// overBudget charges a page render that may fetch to the client's budget
// and, when it is spent, answers 429 and reports true. A page served from
// the page cache costs nothing (nothing is fetched).
func (s *Site) overBudget(w http.ResponseWriter, r *http.Request) bool {
	if s.lim == nil || !feedPages[r.URL.Path] || s.lim.allow(r) {
		return false
	}
	s.pageHeaders(w, r.URL.Path, "text/html")
	w.Header().Set("Retry-After", "5")
	writeBody(w, r, http.StatusTooManyRequests, "text/html; charset=utf-8", cacheNoStore, []byte(rateLimitedPage))
	return true
}

// rateLimitedPage is the page a client over its budget gets.
const rateLimitedPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too many requests – Earshot</title>` +
	`<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>Too many requests</h1>` +
	`<p>Too many requests from your address. Wait a few seconds and reload the page.</p></main></body></html>`
