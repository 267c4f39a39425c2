package site

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/server/demo"
	"github.com/earshot/earshot/server/feed"
	"github.com/earshot/earshot/server/feed/fetch"
	"github.com/earshot/earshot/server/search"
	"github.com/earshot/earshot/web"
)

// testBodyLimit makes "too large" testable without 20 MB bodies.
const testBodyLimit = 2 << 20

var (
	siteOnce sync.Once
	testSite *httptest.Server
	origin   *httptest.Server
)

// env starts one site (go-app keeps routes in globals) in front of a feed
// service that may fetch from loopback, and an origin server with feeds of
// every kind of trouble.
func env(t testing.TB) (site, feeds *httptest.Server) {
	t.Helper()
	siteOnce.Do(func() {
		seRadio, err := os.ReadFile("testdata/se-radio.xml")
		if err != nil {
			panic(err)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("/se-radio.xml", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(seRadio)
		})
		mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<!doctype html><html><head><title>A podcast</title></head><body>Listen!</body></html>")
		})
		mux.HandleFunc("/gone.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) })
		mux.HandleFunc("/huge.xml", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><description>`)
			w.Write([]byte(strings.Repeat("a", testBodyLimit+1)))
			io.WriteString(w, `</description></channel></rss>`)
		})
		mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		})
		origin = httptest.NewServer(mux)

		svc := feed.New(feed.Options{Fetch: fetch.Options{AllowLoopback: true, MaxBodyBytes: testBodyLimit, Timeout: time.Second}})
		show, err := demo.New("http://demo.invalid")
		if err != nil {
			panic(err)
		}
		index, err := search.New(svc, search.Options{})
		if err != nil {
			panic(err)
		}
		s, err := New(Config{Feeds: svc, Search: index, DefaultFeed: origin.URL + "/se-radio.xml", Web: web.Files, Demo: show, BaseURL: "http://earshot.test"})
		if err != nil {
			panic(err)
		}
		testSite = httptest.NewServer(s)
	})
	return testSite, origin
}

func get(t testing.TB, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// The default transport would ask for gzip itself and hide the encoding.
	tr := &http.Transport{DisableCompression: true}
	res, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

func TestAPIFeed(t *testing.T) {
	site, feeds := env(t)
	u := site.URL + "/api/feed?url=" + url.QueryEscape(feeds.URL+"/se-radio.xml")
	res, body := get(t, u)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Contains(t, res.Header.Get("Cache-Control"), "max-age=")
	assert.Contains(t, res.Header.Get("Vary"), "Accept-Encoding")

	var show struct {
		Title    string `json:"title"`
		Episodes []struct {
			GUID      string `json:"guid"`
			Notes     string `json:"notes"`
			Enclosure struct {
				URL string `json:"url"`
			} `json:"enclosure"`
		} `json:"episodes"`
	}
	require.NoError(t, json.Unmarshal(body, &show))
	assert.Equal(t, "Software Engineering Radio - The Podcast for Professional Software Developers", show.Title)
	require.NotEmpty(t, show.Episodes)
	for _, ep := range show.Episodes {
		assert.NotEmpty(t, ep.GUID)
		assert.NotContains(t, strings.ToLower(ep.Notes), "<script")
	}

	etag := res.Header.Get("ETag")
	require.NotEmpty(t, etag)
	// feed= as on every other route, the same answer.
	res2, body2 := get(t, site.URL+"/api/feed?feed="+url.QueryEscape(feeds.URL+"/se-radio.xml"))
	assert.Equal(t, http.StatusOK, res2.StatusCode)
	assert.Equal(t, body, body2)
	res, body = get(t, u, "If-None-Match", etag)
	assert.Equal(t, http.StatusNotModified, res.StatusCode)
	assert.Empty(t, body)

	// Compressed for clients that ask, identical once decoded.
	res, gz := get(t, u, "Accept-Encoding", "gzip")
	require.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	zr, err := gzip.NewReader(strings.NewReader(string(gz)))
	require.NoError(t, err)
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, body0(t, u), plain)
	res, br := get(t, u, "Accept-Encoding", "gzip, br")
	require.Equal(t, "br", res.Header.Get("Content-Encoding"))
	plain, err = io.ReadAll(brotli.NewReader(strings.NewReader(string(br))))
	require.NoError(t, err)
	assert.Equal(t, body0(t, u), plain)
}

func body0(t *testing.T, u string) []byte {
	_, b := get(t, u)
	return b
}

// Every kind of failure has its status and a JSON error a user can act on.
func TestAPIErrors(t *testing.T) {
	site, feeds := env(t)
	for _, tc := range []struct {
		name, path string
		status     int
		code       string
	}{
		{"not a URL", "/api/feed?url=" + url.QueryEscape("not a url"), 400, "bad_url"},
		{"ftp", "/api/feed?url=" + url.QueryEscape("ftp://example.com/feed.xml"), 400, "bad_url"},
		{"metadata address", "/api/feed?url=" + url.QueryEscape("http://169.254.169.254/latest/meta-data/"), 403, "blocked_address"},
		{"private address", "/api/feed?url=" + url.QueryEscape("http://10.0.0.1/feed.xml"), 403, "blocked_address"},
		{"html page", "/api/feed?url=" + url.QueryEscape(feeds.URL+"/page.html"), 422, "not_a_feed"},
		{"origin 404", "/api/feed?url=" + url.QueryEscape(feeds.URL+"/gone.xml"), 502, "upstream_error"},
		{"too large", "/api/feed?url=" + url.QueryEscape(feeds.URL+"/huge.xml"), 413, "too_large"},
		{"slow origin", "/api/feed?url=" + url.QueryEscape(feeds.URL+"/slow.xml"), 504, "timeout"},
		{"unknown episode", "/api/episode?feed=" + url.QueryEscape(feeds.URL+"/se-radio.xml") + "&guid=nope", 404, "not_found"},
		{"no transcript", "/api/transcript?feed=" + url.QueryEscape(feeds.URL+"/se-radio.xml"), 404, "not_found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, site.URL+tc.path)
			require.Equal(t, tc.status, res.StatusCode, string(body))
			assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
			assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
			var e struct {
				Error apiError `json:"error"`
			}
			require.NoError(t, json.Unmarshal(body, &e), string(body))
			assert.Equal(t, tc.code, e.Error.Code)
			assert.NotEmpty(t, e.Error.Message)
		})
	}
}

func TestRateLimit(t *testing.T) {
	l := newLimiter()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	r := httptest.NewRequest(http.MethodGet, "/api/feed", nil)
	r.RemoteAddr = "192.0.2.1:1234"
	for i := 0; i < apiBurst; i++ {
		require.True(t, l.allow(r), "request %d within the burst", i)
	}
	assert.False(t, l.allow(r), "past the burst")
	other := httptest.NewRequest(http.MethodGet, "/api/feed", nil)
	other.RemoteAddr = "192.0.2.2:1234"
	assert.True(t, l.allow(other), "other clients are not affected")
	now = now.Add(time.Second)
	assert.True(t, l.allow(r), "tokens come back with time")

	for i := 0; i < 2*apiBurst && l.allow(r); i++ {
	}
	rec := httptest.NewRecorder()
	l.limit(func(http.ResponseWriter, *http.Request) { t.Fatal("handler ran while limited") })(rec, r)
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.Equal(t, "5", rec.Header().Get("Retry-After"))
}

// The episode page arrives prerendered: show, episode, chapters, a play
// button wired to the enclosure, and the data the wasm starts from.
func TestEpisodePagePrerendered(t *testing.T) {
	site, feeds := env(t)
	u := site.URL + "/episode?feed=" + url.QueryEscape(feeds.URL+"/se-radio.xml")
	res, body := get(t, u)
	require.Equal(t, http.StatusOK, res.StatusCode)
	page := string(body)
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Contains(t, page, `class="es-play"`)
	assert.Contains(t, page, `data-es-src="http`)
	assert.Contains(t, page, `Software Engineering Radio`)
	assert.Contains(t, page, `id="es-data"`)
	assert.NotContains(t, page, `rel="preload"`, "the wasm waits its turn (bridge.js): no preload competes with the audio")
	assert.NotContains(t, strings.ToLower(page), "<script>alert")

	etag := res.Header.Get("ETag")
	require.NotEmpty(t, etag)
	res, _ = get(t, u, "If-None-Match", etag)
	assert.Equal(t, http.StatusNotModified, res.StatusCode)
	res, _ = get(t, site.URL+"/no-such-page")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
}

// An error the listener can read is rendered when a feed fails.
func TestEpisodePageError(t *testing.T) {
	site, feeds := env(t)
	res, body := get(t, site.URL+"/episode?feed="+url.QueryEscape(feeds.URL+"/page.html"))
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "the page's status is its feed's failure")
	assert.Equal(t, "no-store", res.Header.Get("Cache-Control"), "no cache keeps an error page")
	assert.Contains(t, string(body), `class="es-error"`)
	assert.Contains(t, string(body), "did not return a podcast feed")
}

// bridgeBudget is the most web/bridge.js may weigh, brotli-compressed.
const bridgeBudget = 4 << 10

func TestAssets(t *testing.T) {
	site, _ := env(t)
	res, body := get(t, site.URL+"/web/earshot.css")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "public, max-age=0, must-revalidate", res.Header.Get("Cache-Control"))
	assert.Contains(t, string(body), "--es-accent")

	_, page := get(t, site.URL+"/episode")
	for _, asset := range []string{"/web/earshot.", "/web/bridge."} {
		i := strings.Index(string(page), asset)
		require.GreaterOrEqual(t, i, 0, "page links %s", asset)
		end := strings.IndexByte(string(page[i:]), '"')
		hashed := string(page[i : i+end])
		res, br := get(t, site.URL+hashed, "Accept-Encoding", "br")
		require.Equal(t, http.StatusOK, res.StatusCode, hashed)
		assert.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"))
		assert.Equal(t, "br", res.Header.Get("Content-Encoding"))
		if asset == "/web/bridge." {
			// Every visitor of every embed pays for the bridge before
			// playing: issue 11 keeps it within 4 KB brotli.
			assert.LessOrEqual(t, len(br), bridgeBudget, "bridge.js is %d bytes brotli", len(br))
		}
	}
	res, _ = get(t, site.URL+"/web/nope.js")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestWasmServedPrecompressed(t *testing.T) {
	site, _ := env(t)
	a := testAssets(t)
	if !a.hasWasm() {
		t.Skip("app.wasm not built (run make wasm); the e2e tests cover the built binary")
	}
	p := a.URL(wasmPath)
	require.NotEqual(t, wasmPath, p, "the wasm has a content-hashed name")
	for _, enc := range []string{"br", "gzip", ""} {
		res, body := get(t, site.URL+p, "Accept-Encoding", enc)
		require.Equal(t, http.StatusOK, res.StatusCode)
		assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
		assert.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"))
		assert.Equal(t, enc, res.Header.Get("Content-Encoding"))
		if enc == "" {
			assert.Equal(t, "\x00asm", string(body[:4]), "identity clients get the inflated module")
			assert.EqualValues(t, a.wasmSize, len(body))
		}
	}
}

func testAssets(t *testing.T) *assets {
	a, err := newAssets(web.Files, nil)
	require.NoError(t, err)
	return a
}

func TestAccepts(t *testing.T) {
	for _, tc := range []struct {
		header, enc string
		want        bool
	}{
		{"gzip, deflate, br", "br", true},
		{"gzip;q=0, br", "gzip", false},
		{"GZIP", "gzip", true},
		{"br;q=0.5", "br", true},
		{"", "gzip", false},
		{"brotli", "br", false},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Encoding", tc.header)
		assert.Equal(t, tc.want, accepts(r, tc.enc), "%q accepts %q", tc.header, tc.enc)
	}
}

func TestETagMatch(t *testing.T) {
	assert.True(t, etagMatch(`"a"`, `"a"`))
	assert.True(t, etagMatch(`W/"a"`, `"a"`))
	assert.True(t, etagMatch(`"b", "a"`, `"a"`))
	assert.True(t, etagMatch(`*`, `"a"`))
	assert.False(t, etagMatch(`"b"`, `"a"`))
	assert.False(t, etagMatch(``, `"a"`))
}

func TestPageETagIgnoresAttributeOrder(t *testing.T) {
	a := pageETag([]byte(`<div class="a" id="b"><p>hi</p></div>`))
	assert.Equal(t, a, pageETag([]byte(`<div id="b" class="a"><p>hi</p></div>`)))
	assert.NotEqual(t, a, pageETag([]byte(`<div id="b" class="x"><p>hi</p></div>`)))
	assert.Equal(t, pageETag([]byte(`<p class="x y">`)), pageETag([]byte(`<p class="y  x">`)), "class order does not matter")
	assert.NotEqual(t, a, pageETag([]byte(`<div id="b" class="a"><p>ho</p></div>`)))
	assert.True(t, strings.HasPrefix(a, `W/"`))
}

func TestQR(t *testing.T) {
	site, _ := env(t)
	res, body := get(t, site.URL+"/api/qr?url="+url.QueryEscape("https://earshot.example/episode?guid=1&t=1:30"))
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "image/svg+xml", res.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(string(body), "<svg"))
	assert.Contains(t, string(body), "M4 4h1v1h-1z", "the finder pattern's corner module is black")
	res, _ = get(t, site.URL+"/api/qr")
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	res, _ = get(t, site.URL+"/api/qr?url="+strings.Repeat("a", maxQRText+1))
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
}

func TestFrameAncestors(t *testing.T) {
	site, _ := env(t)
	res, _ := get(t, site.URL+"/embed")
	assert.True(t, strings.HasSuffix(res.Header.Get("Content-Security-Policy"), "; frame-ancestors *"), "anyone may embed the player by default")
	assert.Empty(t, res.Header.Get("Set-Cookie"))
	res, _ = get(t, site.URL+"/episode")
	assert.True(t, strings.HasSuffix(res.Header.Get("Content-Security-Policy"), "; frame-ancestors 'self'"), "the app itself is not frameable elsewhere")
	s := &Site{cfg: Config{FrameAncestors: "https://blog.example"}}
	assert.Equal(t, "https://blog.example", s.frameAncestors("/embed"))
}

// TestAppJSRewrite: go-app's app.js, as served, leaves starting the wasm
// to the audio bridge, registers the service worker only once the wasm has
// arrived (never in embeds) and tells the bridge when the Go program has
// ended. It fails when a go-app upgrade
// changes the text the edits expect.
func TestAppJSRewrite(t *testing.T) {
	site, _ := env(t)
	res, body := get(t, site.URL+"/app.js")
	require.Equal(t, http.StatusOK, res.StatusCode)
	js := string(body)
	for _, e := range appJSEdits {
		assert.Contains(t, js, e.to)
	}
	assert.NotRegexp(t, `(?m)^goappInitWebAssembly\(\);`, js, "the wasm does not start on its own")
	assert.NotRegexp(t, `(?m)^goappInitServiceWorker\(\);`, js, "the worker does not start at load")
	assert.Regexp(t, `go\.run\(wasm\.instance\)[^\n]*\n\s*if \(!\(window\.earshot && earshot\.guest\)\) goappInitServiceWorker\(\);`, js,
		"the worker registers after the wasm has arrived, outside embeds")
}
