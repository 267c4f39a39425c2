package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// browserAcceptEncoding is what Chromium sends.
const browserAcceptEncoding = "gzip, deflate, br, zstd"

// BenchmarkAPIFeedCached measures requests per second of /api/feed for a
// feed already in the cache (se-radio, 249 episodes), through a real HTTP
// server on loopback: keep-alive connections, brotli answers as a browser
// gets them (every answer is marshalled and compressed again: only the feed
// is cached, not its JSON). The client reads each body without decoding it.
//
// The API is rate limited per client address (ratelimit.go), and every
// request here comes from 127.0.0.1. Rather than relax the limiter, the
// benchmark's server gives each request one of benchClients addresses in
// 198.18.0.0/15 (the benchmarking range, RFC 2544) before the site sees it:
// the limiter still runs for every request, as it does for a crowd of
// listeners, and a 429 fails the benchmark rather than inflating req/s.
func BenchmarkAPIFeedCached(b *testing.B) {
	site, feeds := env(b)
	path := "/api/feed?url=" + url.QueryEscape(feeds.URL+"/se-radio.xml")
	res, plain := get(b, site.URL+path) // fills the feed cache
	if res.StatusCode != http.StatusOK {
		b.Fatalf("warm-up: %s: %s", res.Status, plain)
	}

	srv := httptest.NewServer(asManyClients(site.Config.Handler))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	fetch := func() (status int, encoding string, n int64, err error) {
		req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if err != nil {
			return 0, "", 0, err
		}
		req.Header.Set("Accept-Encoding", browserAcceptEncoding)
		res, err := client.Do(req)
		if err != nil {
			return 0, "", 0, err
		}
		defer res.Body.Close()
		n, err = io.Copy(io.Discard, res.Body)
		return res.StatusCode, res.Header.Get("Content-Encoding"), n, err
	}
	status, enc, wire, err := fetch()
	if err != nil || status != http.StatusOK || enc != "br" {
		b.Fatalf("first request: status %d, encoding %q, %v", status, enc, err)
	}

	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			status, _, _, err := fetch()
			if err != nil || status != http.StatusOK {
				b.Errorf("status %d, %v", status, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(len(plain)), "json-bytes")
	b.ReportMetric(float64(wire), "br-bytes")
}

// benchClients is how many client addresses asManyClients hands out. The
// limiter allows each 10 requests a second after a burst of 40, so the
// benchmark fails with 429s only above ~40,000 requests a second, far above
// what a 1 MB JSON answer allows.
const benchClients = 4096

// asManyClients serves h as if every request came from another client:
// RemoteAddr cycles through benchClients addresses of 198.18.0.0/15.
func asManyClients(h http.Handler) http.Handler {
	var n atomic.Uint32
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1) % benchClients
		ip := netip.AddrFrom4([4]byte{198, 18, byte(i >> 8), byte(i)})
		r.RemoteAddr = netip.AddrPortFrom(ip, 443).String()
		h.ServeHTTP(w, r)
	})
}

// BenchmarkEpisodePagePrerender measures the prerendered episode page of a
// cached feed: go-app renders the components, the ETag is computed, the link
// preview is written into the head and the page is brotli-compressed for a
// browser. The site's handler is called in-process (no network stack) so
// that allocs/op are the server's own.
func BenchmarkEpisodePagePrerender(b *testing.B) {
	site, feeds := env(b)
	path := "/episode?feed=" + url.QueryEscape(feeds.URL+"/se-radio.xml")
	h := site.Config.Handler
	serve := func(acceptEncoding string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	page := serve("") // fills the feed cache; the page as HTML
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `class="es-play"`) {
		b.Fatalf("warm-up: status %d, no player in %.200q", page.Code, page.Body.String())
	}

	b.ReportAllocs()
	var rec *httptest.ResponseRecorder
	for b.Loop() {
		rec = serve(browserAcceptEncoding)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
	if enc := rec.Header().Get("Content-Encoding"); enc != "br" {
		b.Fatalf("Content-Encoding %q, want br", enc)
	}
	b.ReportMetric(float64(page.Body.Len()), "html-bytes")
	b.ReportMetric(float64(rec.Body.Len()), "br-bytes")
	if n, err := strconv.Atoi(rec.Header().Get("Content-Length")); err != nil || n != rec.Body.Len() {
		b.Fatalf("Content-Length %q for %d bytes", rec.Header().Get("Content-Length"), rec.Body.Len())
	}
}
