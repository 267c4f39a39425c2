package site

import (
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// API rate limits per client address, the defaults of Config.APIRatePerSecond
// and Config.APIBurst. Cached answers are cheap, but every new feed URL costs
// an origin fetch, so one client must not be able to make the server fetch
// without bound.
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
