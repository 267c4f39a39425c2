package e2e

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/server/site"
)

// nginxConfig is the caching proxy of the README's "Behind nginx or a CDN",
// with every path inside the test's temporary directory. No
// proxy_cache_valid: nginx takes each answer's lifetime from Earshot's
// Cache-Control (s-maxage for pages and the API, immutable for hashed
// assets, no-store for errors) and keeps one copy per Accept-Encoding
// because Earshot answers "Vary: Accept-Encoding".
const nginxConfig = `
daemon off;
master_process off;
pid {{dir}}/nginx.pid;
error_log {{dir}}/error.log notice;
events { worker_connections 256; }
http {
  log_format cache '$upstream_cache_status|$status|$request_uri|$http_accept_encoding';
  access_log {{dir}}/access.log cache;
  client_body_temp_path {{dir}}/body;
  proxy_temp_path {{dir}}/proxy;
  fastcgi_temp_path {{dir}}/fastcgi;
  uwsgi_temp_path {{dir}}/uwsgi;
  scgi_temp_path {{dir}}/scgi;
  proxy_cache_path {{dir}}/cache levels=1:2 keys_zone=earshot:10m max_size=1g inactive=7d use_temp_path=off;
  server {
    listen {{listen}};
    location / {
      proxy_pass {{origin}};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_cache earshot;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      proxy_cache_background_update on;
      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`

// nginxPath finds nginx: $NGINX, the PATH, or Debian's /usr/sbin/nginx
// (not on an ordinary user's PATH).
func nginxPath() string {
	if p := os.Getenv("NGINX"); p != "" {
		return p
	}
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	return ""
}

// cachingProxy is a running nginx in front of the test server.
type cachingProxy struct {
	URL       string // "http://127.0.0.1:PORT"
	accessLog string
}

// nginxProxy starts real nginx with proxy_cache in front of origin, with a
// fresh (empty) cache, and stops it when the test ends. Without nginx the
// test skips, or fails under CI, as the browser tests do without Chromium.
func nginxProxy(t *testing.T, origin string) *cachingProxy {
	t.Helper()
	// /healthz is no-store, so probing primes no cache entry.
	url, dir := runNginx(t, nginxConfig, map[string]string{"{{origin}}": origin}, "/healthz")
	return &cachingProxy{URL: url, accessLog: filepath.Join(dir, "access.log")}
}

// runNginx starts nginx with conf (its {{dir}} and {{listen}} and the vars
// replaced) on a free loopback port, waits until probe answers 200, and
// stops it when the test ends. It returns the base URL and nginx's prefix
// directory.
func runNginx(t *testing.T, conf string, vars map[string]string, probe string) (string, string) {
	t.Helper()
	bin := nginxPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("nginx not found: install Debian's nginx-light (apt-get install nginx-light) or set NGINX")
		}
		t.Skip("nginx not found; set NGINX or install nginx-light to run the nginx tests")
	}
	dir := t.TempDir()
	// A free port: nginx cannot be handed a listener, so take one and let
	// it go just before nginx binds it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	pairs := []string{"{{dir}}", dir, "{{listen}}", addr}
	for k, v := range vars {
		pairs = append(pairs, k, v)
	}
	confPath := filepath.Join(dir, "nginx.conf")
	require.NoError(t, os.WriteFile(confPath, []byte(strings.NewReplacer(pairs...).Replace(conf)), 0o644))
	out, err := os.Create(filepath.Join(dir, "output.log"))
	require.NoError(t, err)
	t.Cleanup(func() { out.Close() })

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-p", dir, "-c", confPath)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) } // fast shutdown
	cmd.WaitDelay = 5 * time.Second                                          // then SIGKILL
	require.NoError(t, cmd.Start(), "starting %s", bin)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cancel()
		<-exited
	})
	logs := func() string {
		a, _ := os.ReadFile(filepath.Join(dir, "output.log"))
		b, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return string(a) + string(b)
	}

	base := "http://" + addr
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("nginx exited at start (%v):\n%s", err, logs())
		default:
		}
		res, err := http.Get(base + probe)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base, dir
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not answer on %s (last error %v):\n%s", addr, err, logs())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// accessEntry is one line of the proxy's access log.
type accessEntry struct {
	cacheStatus, status, uri, acceptEncoding string
}

// log reads the proxy's access log.
func (p *cachingProxy) log(t *testing.T) []accessEntry {
	t.Helper()
	f, err := os.Open(p.accessLog)
	require.NoError(t, err)
	defer f.Close()
	var entries []accessEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "|", 4)
		if len(parts) == 4 {
			entries = append(entries, accessEntry{parts[0], parts[1], parts[2], parts[3]})
		}
	}
	require.NoError(t, sc.Err())
	return entries
}

// noDecoding is an HTTP client that sends Accept-Encoding as the test sets
// it and hands back the bytes exactly as the proxy sent them.
var noDecoding = &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 30 * time.Second}

// fetched is one answer, its body decoded by its Content-Encoding.
type fetched struct {
	status int
	header http.Header
	raw    []byte // as sent
	body   []byte // decoded
}

func (f fetched) cache() string { return f.header.Get("X-Cache-Status") }

// getVia GETs url with the given Accept-Encoding ("" sends none) and
// If-None-Match ("" sends none).
func getVia(t *testing.T, url, acceptEncoding, ifNoneMatch string) fetched {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	res, err := noDecoding.Do(req)
	require.NoError(t, err, "GET %s", url)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err, "reading %s", url)
	f := fetched{status: res.StatusCode, header: res.Header, raw: raw, body: raw}
	switch enc := res.Header.Get("Content-Encoding"); enc {
	case "":
	case "br":
		f.body, err = io.ReadAll(brotli.NewReader(bytes.NewReader(raw)))
		require.NoError(t, err, "%s: Content-Encoding br but the body is not brotli", url)
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		require.NoError(t, err, "%s: Content-Encoding gzip but the body is not gzip", url)
		f.body, err = io.ReadAll(zr)
		require.NoError(t, err, "%s: Content-Encoding gzip but the body is not gzip", url)
	default:
		t.Fatalf("%s: unexpected Content-Encoding %q", url, enc)
	}
	return f
}

// canonicalHTML is a page in the form its ETag is taken over (attributes
// and classes sorted): two renders of the same page differ in their bytes
// but not in this form.
func canonicalHTML(b []byte) string { return string(site.CanonicalHTML(b)) }

// proxyClients are the three kinds of client a cache must keep apart: a browser
// over HTTPS (brotli), an older or HTTP-only one (gzip), and curl or a feed
// reader (nothing).
var proxyClients = []struct {
	name, acceptEncoding, contentEncoding string
}{
	{"brotli", "gzip, deflate, br, zstd", "br"},
	{"gzip", "gzip", "gzip"},
	{"plain", "", ""},
}

// proxyPaths are the answers a CDN should carry for a first play: the show
// as JSON and the episode page and its embed, prerendered.
var proxyPaths = []struct {
	path string
	json bool
}{
	{"/api/feed", true},
	{"/episode?guid=earshot-demo-1", false},
	{"/embed?guid=earshot-demo-1", false},
}

// Behind nginx's proxy_cache, pages and API answers are cached by their own
// Cache-Control, one copy per content coding, and each client gets the
// coding it asked for.
func TestNginxCachesPagesAndAPI(t *testing.T) {
	base := server(t)
	px := nginxProxy(t, base)

	for _, cp := range proxyPaths {
		t.Run(strings.TrimPrefix(cp.path, "/"), func(t *testing.T) {
			var first *fetched
			for _, c := range proxyClients {
				miss := getVia(t, px.URL+cp.path, c.acceptEncoding, "")
				hit := getVia(t, px.URL+cp.path, c.acceptEncoding, "")
				for _, f := range []fetched{miss, hit} {
					require.Equal(t, http.StatusOK, f.status, "%s client: %s", c.name, f.raw)
					assert.Equal(t, c.contentEncoding, f.header.Get("Content-Encoding"), "%s client", c.name)
					assert.Contains(t, f.header.Values("Vary"), "Accept-Encoding", "%s client", c.name)
					assert.Contains(t, f.header.Get("Cache-Control"), "s-maxage=", "%s client", c.name)
					assert.NotEmpty(t, f.header.Get("ETag"), "%s client", c.name)
				}
				// Each coding is its own cache entry (nginx honours Vary): the
				// first request of every client goes to Earshot.
				assert.Equal(t, "MISS", miss.cache(), "first %s request", c.name)
				assert.Equal(t, "HIT", hit.cache(), "second %s request", c.name)
				assert.Equal(t, miss.raw, hit.raw, "%s client: the HIT is the stored answer", c.name)

				if cp.json {
					require.True(t, json.Valid(hit.body), "%s client got JSON: %.80q", c.name, hit.body)
				} else {
					require.True(t, bytes.HasPrefix(bytes.ToLower(hit.body), []byte("<!doctype html")),
						"%s client got HTML: %.80q", c.name, hit.body)
					assert.Contains(t, string(hit.body), "Welcome to Earshot")
				}
				if first == nil {
					first = &hit
					continue
				}
				// Every coding decodes to the same document, under the same ETag.
				assert.Equal(t, first.header.Get("ETag"), hit.header.Get("ETag"), "%s client", c.name)
				assert.Equal(t, first.header.Get("Content-Type"), hit.header.Get("Content-Type"), "%s client", c.name)
				if cp.json {
					assert.Equal(t, string(first.body), string(hit.body), "%s client", c.name)
				} else {
					assert.Equal(t, canonicalHTML(first.body), canonicalHTML(hit.body), "%s client", c.name)
				}
			}
		})
	}
}

// Conditional requests through the proxy: nginx answers If-None-Match from
// its cache, with Earshot's ETag, in every coding; on a miss it fetches the
// full answer (to store it) and still answers the client 304.
func TestNginxConditionalRequests(t *testing.T) {
	base := server(t)
	px := nginxProxy(t, base)

	for _, cp := range proxyPaths {
		t.Run(strings.TrimPrefix(cp.path, "/"), func(t *testing.T) {
			for _, c := range proxyClients {
				full := getVia(t, px.URL+cp.path, c.acceptEncoding, "")
				require.Equal(t, http.StatusOK, full.status)
				etag := full.header.Get("ETag")
				require.NotEmpty(t, etag)

				nm := getVia(t, px.URL+cp.path, c.acceptEncoding, etag)
				assert.Equal(t, http.StatusNotModified, nm.status, "%s client, If-None-Match %s", c.name, etag)
				assert.Empty(t, nm.raw, "%s client: a 304 has no body", c.name)
				assert.Equal(t, etag, nm.header.Get("ETag"), "%s client", c.name)
				assert.Equal(t, "HIT", nm.cache(), "%s client", c.name)

				other := getVia(t, px.URL+cp.path, c.acceptEncoding, `"not-the-etag"`)
				assert.Equal(t, http.StatusOK, other.status, "%s client, another ETag", c.name)
				assert.Equal(t, full.raw, other.raw, "%s client", c.name)
			}
		})
	}

	t.Run("not yet cached", func(t *testing.T) {
		const path = "/api/episode?guid=earshot-demo-1"
		direct := getVia(t, base+path, "br", "")
		require.Equal(t, http.StatusOK, direct.status)
		etag := direct.header.Get("ETag")
		require.NotEmpty(t, etag)

		nm := getVia(t, px.URL+path, "br", etag)
		assert.Equal(t, http.StatusNotModified, nm.status)
		assert.Equal(t, "MISS", nm.cache())
		nm = getVia(t, px.URL+path, "br", etag)
		assert.Equal(t, http.StatusNotModified, nm.status)
		assert.Equal(t, "HIT", nm.cache(), "the miss stored the full answer")
		full := getVia(t, px.URL+path, "br", "")
		assert.Equal(t, http.StatusOK, full.status)
		assert.Equal(t, "HIT", full.cache())
		assert.Equal(t, direct.body, full.body)
	})
}

// Errors are not stored: an API error, a page that does not exist and a
// hashed asset this instance does not have go to Earshot every time.
func TestNginxDoesNotCacheErrors(t *testing.T) {
	base := server(t)
	px := nginxProxy(t, base)
	for _, path := range []string{
		"/api/episode?guid=no-such-episode",
		"/no-such-page",
		"/web/app.0123456789.wasm",
	} {
		for range 2 {
			f := getVia(t, px.URL+path, "br", "")
			assert.Equal(t, http.StatusNotFound, f.status, path)
			assert.Equal(t, "no-store", f.header.Get("Cache-Control"), path)
			assert.Equal(t, "MISS", f.cache(), path)
		}
	}
}

// hashedAsset matches the content-hashed stylesheet and wasm of a page.
var hashedAsset = regexp.MustCompile(`/web/(earshot|app)\.[0-9a-f]{10}\.(css|wasm)$`)

// The player loaded through the proxy plays, and its hashed assets (the
// stylesheet and the wasm) came through the proxy as immutable, cacheable
// answers.
func TestNginxPlayerPlays(t *testing.T) {
	base := server(t)
	px := nginxProxy(t, base)
	ctx := browser(t)

	// Remember what the browser got for the hashed assets.
	var (
		mu     sync.Mutex
		assets = map[string]network.Headers{} // by path
	)
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*network.EventResponseReceived)
		if !ok || e.Response == nil || !strings.HasPrefix(e.Response.URL, px.URL+"/web/") {
			return
		}
		path := strings.TrimPrefix(e.Response.URL, px.URL)
		if hashedAsset.MatchString(path) && e.Response.Status == http.StatusOK {
			mu.Lock()
			assets[path] = e.Response.Headers
			mu.Unlock()
		}
	}))

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(px.URL, "earshot-demo-1", ""))))
	awaitTakeover(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback to advance", jsCurrentTime+` > 0.5`)
	assert.False(t, eval[bool](t, ctx, `earshot.audio.paused`))
	// The demo feed names its audio by the origin's base URL (-base-url),
	// not by the proxy's, so the audio itself is fetched from Earshot
	// directly; a deployment sets -base-url to the public (proxy) URL.
	assert.True(t, strings.HasPrefix(eval[string](t, ctx, `earshot.audio.currentSrc`), base+"/demo/"),
		"the demo audio comes from the origin")

	mu.Lock()
	got := maps.Clone(assets)
	mu.Unlock()
	header := func(h network.Headers, name string) string {
		for k, v := range h {
			if strings.EqualFold(k, name) {
				return fmt.Sprint(v)
			}
		}
		return ""
	}
	var css, wasm string
	for p := range got {
		switch {
		case strings.HasSuffix(p, ".css"):
			css = p
		case strings.HasSuffix(p, ".wasm"):
			wasm = p
		}
	}
	require.NotEmpty(t, css, "the browser loaded the hashed stylesheet through nginx (got %v)", got)
	require.NotEmpty(t, wasm, "the browser loaded the hashed wasm through nginx (got %v)", got)
	for _, p := range []string{css, wasm} {
		h := got[p]
		assert.Contains(t, header(h, "Cache-Control"), "immutable", p)
		assert.Contains(t, []string{"MISS", "HIT"}, header(h, "X-Cache-Status"), "%s went through nginx's cache", p)
	}

	// A second fetch, with the browser's own Accept-Encoding (nginx keys
	// its copies by it), is served from nginx's cache.
	var browserAE string
	for _, e := range px.log(t) {
		if e.uri == wasm {
			browserAE = e.acceptEncoding
		}
	}
	require.NotEmpty(t, browserAE, "the access log has the browser's request of %s", wasm)
	for _, p := range []string{css, wasm} {
		f := getVia(t, px.URL+p, browserAE, "")
		assert.Equal(t, http.StatusOK, f.status, p)
		assert.Equal(t, "HIT", f.cache(), "second fetch of %s", p)
		assert.Contains(t, f.header.Get("Cache-Control"), "immutable", p)
		assert.NotEmpty(t, f.header.Get("Content-Encoding"), "%s is compressed for the browser (%q)", p, browserAE)
	}
}
