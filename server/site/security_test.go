package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
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
	c := clientAt(3) // a budget of its own

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
			res, err := c.Do(req)
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

// Errors say what happened with a code and a sentence, never with the Go
// error's text (resolver addresses, dial errors, parser internals), in the
// API and on pages.
func TestErrorsCarryNoInternalDetail(t *testing.T) {
	site, origin := env(t)
	c := clientAt(2) // a budget of its own
	leak := regexp.MustCompile(`\d+\.\d+\.\d+\.\d+|lookup|dial|tcp|Get "|fetch "|no such host|syntax error|on line|EOF|\(feed`)
	for i, target := range []string{
		"http://nonexistent.invalid/feed.xml",
		"http://10.1.2.3/feed.xml",
		"http://169.254.169.254/latest/meta-data/",
		origin.URL + "/gone.xml",
		origin.URL + "/page.html",
		origin.URL + "/huge.xml",
		"ftp://example.com/feed.xml",
	} {
		c := clientAt(byte(10 + i)) // six requests per target, each target its own budget
		for _, path := range []string{
			"/api/feed?url=" + url.QueryEscape(target),
			"/api/episode?feed=" + url.QueryEscape(target),
			"/api/transcript?feed=" + url.QueryEscape(target),
			"/episode?feed=" + url.QueryEscape(target),
			"/show?feed=" + url.QueryEscape(target),
			"/embed?feed=" + url.QueryEscape(target),
		} {
			res, body := getFrom(t, c, site.URL+path)
			assert.GreaterOrEqual(t, res.StatusCode, 400, path)
			text := string(body)
			if strings.HasPrefix(path, "/api/") {
				var e struct {
					Error apiError `json:"error"`
				}
				require.NoError(t, json.Unmarshal(body, &e), path)
				assert.NotEmpty(t, e.Error.Code, path)
				text = e.Error.Message
			} else {
				// The page's text, without the markup and the data element.
				text = htmlText(t, body)
			}
			assert.NotRegexp(t, leak, text, path)
		}
	}
	res, body := getFrom(t, c, site.URL+"/api/feed?url="+url.QueryEscape(origin.URL+"/gone.xml"))
	assert.Equal(t, http.StatusBadGateway, res.StatusCode)
	assert.Contains(t, string(body), "(The host answered HTTP 404.)", "the host's status is the one detail kept")

	req, _ := http.NewRequest(http.MethodPost, site.URL+"/api/opml", strings.NewReader("<opml><body><outline"))
	res, err := c.Do(req)
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.Contains(t, string(b), `"not_opml"`)
	assert.NotRegexp(t, leak, string(b))
}

// htmlText is the visible text of a page.
func htmlText(t *testing.T, body []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	require.NoError(t, err)
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// clientAt is an HTTP client whose connections come from 127.0.0.n, so
// that a test's requests count against a rate budget of their own.
func clientAt(n byte) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, n)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableCompression: true}}
}

func getFrom(t testing.TB, c *http.Client, u string) (*http.Response, []byte) {
	t.Helper()
	res, err := c.Get(u)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

// Pages that show a feed share the API's per-client budget: one client
// cannot make the server fetch a new feed on every page view (it made 300
// fetches in 3.7 s through /show before). Cached pages cost nothing.
func TestPagesShareTheFetchBudget(t *testing.T) {
	site, _ := env(t)
	var fetched atomic.Int32
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>E</title><guid>g</guid><enclosure url="https://cdn.example/e.mp3" type="audio/mpeg" length="1"/></item></channel></rss>`)
	}))
	t.Cleanup(upstream.Close)
	c := clientAt(4)
	const n = 80
	limited := 0
	for i := range n {
		path := []string{"/show", "/episode", "/embed", "/"}[i%4]
		res, body := getFrom(t, c, site.URL+path+"?feed="+url.QueryEscape(fmt.Sprintf("%s/feed-%d.xml", upstream.URL, i)))
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
			assert.Equal(t, "5", res.Header.Get("Retry-After"))
			assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
			assert.Contains(t, string(body), "Too many requests")
		}
	}
	assert.Positive(t, limited, "some page views were refused")
	assert.Less(t, int(fetched.Load()), n-limited+1, "no refused view fetched")
	assert.LessOrEqual(t, int(fetched.Load()), apiBurst+20, "fetches stay within the budget")

	// The API shares the budget.
	res, _ := getFrom(t, c, site.URL+"/api/feed?url="+url.QueryEscape(upstream.URL+"/api.xml"))
	assert.Equal(t, http.StatusTooManyRequests, res.StatusCode)

	// Pages that fetch nothing are not limited.
	res, _ = getFrom(t, c, site.URL+"/library")
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

// A body that is not a feed gets 422 not_a_feed, whatever type its host
// claims, never an empty 200 show.
func TestNotAFeedIs422(t *testing.T) {
	site, _ := env(t)
	bodies := map[string]string{
		"/json.xml":  `{"status":"ok","data":[1,2,3]}`,
		"/empty.xml": `{}`,
		"/page.xml":  `<!doctype html><html><body><script>alert(1)</script></body></html>`,
		"/svg.xml":   `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	}
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, bodies[r.URL.Path])
	}))
	t.Cleanup(upstream.Close)
	c := clientAt(5)
	for p := range bodies {
		res, body := getFrom(t, c, site.URL+"/api/feed?url="+url.QueryEscape(upstream.URL+p))
		assert.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, p)
		assert.Contains(t, string(body), `"code":"not_a_feed"`, p)
	}
}
