package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A request's Host header must never decide what the server fetches.
// go-app's proxy resources (/robots.txt, /sitemap.xml, /ads.txt) used to
// fetch "http://" + Host + "/web/robots.txt" and keep the answer for
// everyone: here a real upstream sits at the Host every request names, and
// no request of any kind reaches it.
func TestHostHeaderFetchesNothing(t *testing.T) {
	site, _ := env(t)
	var hits atomic.Int32
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<script>alert('poisoned')</script>")
	}))
	t.Cleanup(upstream.Close)
	hostile := strings.TrimPrefix(upstream.URL, "http://")
	version := site.Config.Handler.(*Site).assets.version

	paths := []string{
		"/robots.txt", "/sitemap.xml", "/ads.txt",
		"/" + version + "/robots.txt", "/" + version + "/sitemap.xml", "/" + version + "/ads.txt",
		"/", "/show", "/episode", "/embed", "/library", "/nope",
		"/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css",
		"/web/robots.txt", "/web/sitemap.xml", "/oembed?url=http://" + hostile + "/episode",
		"/api/embed", "/api/feed",
	}
	for _, p := range paths {
		for _, host := range []string{hostile, "127.0.0.1:" + strings.Split(hostile, ":")[1], "localhost:" + strings.Split(hostile, ":")[1]} {
			req, err := http.NewRequest(http.MethodGet, site.URL+p, nil)
			require.NoError(t, err)
			req.Host = host
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			assert.NotContains(t, string(body), "poisoned", "%s with Host %s", p, host)
		}
	}
	assert.Zero(t, hits.Load(), "requests that reached the host named by the Host header")

	// The answers are the server's own.
	res, err := http.Get(site.URL + "/robots.txt")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/plain; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, "User-agent: *\nDisallow: /api/\n", string(body))
	for _, p := range []string{"/sitemap.xml", "/ads.txt"} {
		res, err := http.Get(site.URL + p)
		require.NoError(t, err)
		res.Body.Close()
		assert.Equal(t, http.StatusNotFound, res.StatusCode, p)
		assert.Equal(t, "no-store", res.Header.Get("Cache-Control"), p)
	}
}

// Every answer carries nosniff and the referrer policy; SVG is sandboxed
// wherever it comes from; pages carry the full policy with the wasm allowed.
func TestSecurityHeaders(t *testing.T) {
	site, _ := env(t)
	s := site.Config.Handler.(*Site)
	cases := []struct {
		path   string
		csp    string // expected Content-Security-Policy ("" = any)
		prefix bool
	}{
		{"/", pagePolicy + "; frame-ancestors 'self'", false},
		{"/episode", pagePolicy + "; frame-ancestors 'self'", false},
		{"/embed", pagePolicy + "; frame-ancestors *", false},
		{"/library", pagePolicy + "; frame-ancestors 'self'", false},
		{"/api/qr?url=https://example.com/", svgPolicy, false},
		{s.assets.URL("/web/icon.svg"), svgPolicy, false},
		{"/web/icon.svg", svgPolicy, false},
		{"/demo/cover.svg", svgPolicy, false},
		{"/demo/feed.xml", "", false},
		{"/demo/audio/1.wav", "", false},
		{"/api/feed", apiPolicy, false},
		{"/api/feed?url=javascript:alert(1)", apiPolicy, false},
		{"/oembed?url=x", apiPolicy, false},
		{"/robots.txt", "", false},
		{"/healthz", "", false},
		{"/web/nope.js", "", false},
		{"/app.js", "frame-ancestors 'self'", false},
		{s.assets.URL("/web/bridge.js"), "", false},
	}
	for _, c := range cases {
		res, err := http.Get(site.URL + c.path)
		require.NoError(t, err)
		res.Body.Close()
		h := res.Header
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), c.path)
		assert.Equal(t, referrerPolicy, h.Get("Referrer-Policy"), c.path)
		if c.csp != "" {
			assert.Equal(t, c.csp, h.Get("Content-Security-Policy"), c.path)
		}
	}
	assert.Contains(t, pagePolicy, "'wasm-unsafe-eval'")
	assert.NotContains(t, pagePolicy, "'unsafe-eval'")
	assert.NotContains(t, strings.SplitN(strings.SplitN(pagePolicy, "script-src", 2)[1], ";", 2)[0], "unsafe-inline")
}
