package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	_ "image/png" // decodes the manifest's icons
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsWasmStarted is true once go-app has started the wasm (it removes its
// loader then); unlike jsGoLive it holds on pages without a player.
const jsWasmStarted = `document.readyState === "complete" && !document.getElementById("app-wasm-loader")`

// Chromium finds nothing missing for installing Earshot as an app.
func TestPWAInstallable(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", ""))
	pwaControlled(t, ctx)
	res, err := chromedp.Call(ctx, page.GetInstallabilityErrors, cdp.Empty{})
	require.NoError(t, err)
	for _, e := range res.InstallabilityErrors {
		var args []string
		for _, a := range e.ErrorArguments {
			args = append(args, a.Name+"="+a.Value)
		}
		t.Errorf("installability error %s %v", e.ErrorID, args)
	}
}

// The web manifest names the app, starts it standalone, and lists 192 and
// 512 px PNG icons and a maskable one, each the size it claims.
func TestPWAManifest(t *testing.T) {
	base := server(t)
	res := get(t, base+"/manifest.webmanifest")
	require.Equal(t, http.StatusOK, res.StatusCode)
	var m struct {
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		StartURL        string `json:"start_url"`
		Display         string `json:"display"`
		ThemeColor      string `json:"theme_color"`
		BackgroundColor string `json:"background_color"`
		Icons           []struct{ Src, Type, Sizes, Purpose string }
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&m))
	assert.Equal(t, "Earshot", m.Name)
	assert.Equal(t, "Earshot", m.ShortName)
	assert.Equal(t, "/", m.StartURL)
	assert.Equal(t, "standalone", m.Display)
	assert.NotEmpty(t, m.ThemeColor)
	assert.NotEmpty(t, m.BackgroundColor)

	sizes := map[string]bool{}
	maskable := false
	for _, ic := range m.Icons {
		if ic.Type != "image/png" {
			continue
		}
		// The icon is there, a PNG of the size the manifest says.
		r := get(t, base+ic.Src)
		require.Equal(t, http.StatusOK, r.StatusCode, ic.Src)
		cfg, format, err := image.DecodeConfig(r.Body)
		require.NoError(t, err, ic.Src)
		assert.Equal(t, "png", format, ic.Src)
		assert.Equal(t, ic.Sizes, fmt.Sprintf("%dx%d", cfg.Width, cfg.Height), ic.Src)
		sizes[ic.Sizes] = true
		maskable = maskable || strings.Contains(ic.Purpose, "maskable")
	}
	assert.True(t, sizes["192x192"], "a 192x192 PNG icon: %+v", m.Icons)
	assert.True(t, sizes["512x512"], "a 512x512 PNG icon: %+v", m.Icons)
	assert.True(t, maskable, "a maskable icon: %+v", m.Icons)
}

// A show and an episode visited online open offline: the pages from the
// service worker's page cache, the wasm from its shell cache, the API data
// (the transcript, a show reached inside the app) from its data cache.
func TestPWAOffline(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	responses := pwaRecord(t, ctx)

	// Online: the show, then (the worker now in control) the episode, and
	// the show again through the app, which reads it from /api/feed.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/show")))
	waitFor(t, ctx, "the wasm to start", jsWasmStarted)
	pwaControlled(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/show")))
	pwaWait(t, ctx, "the show through the worker", jsWasmStarted+` && !!document.querySelector(".es-title")`)
	showTitle := eval[string](t, ctx, `document.querySelector(".es-title").textContent`)
	require.NotEmpty(t, showTitle)
	// Subscribe, and open the library once, online.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-subscribe`)))
	waitFor(t, ctx, "the subscription", `document.querySelector(".es-subscribe").getAttribute("aria-pressed") === "true"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/library")))
	waitFor(t, ctx, "the library", `[...document.querySelectorAll(".es-sub a")].some(a => a.textContent === `+pwaJS(showTitle)+`)`)

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-1", ""))))
	awaitTakeover(t, ctx)
	waitFor(t, ctx, "the transcript to load", `document.querySelectorAll(".es-seg").length === 6`)
	episodeTitle := eval[string](t, ctx, `document.querySelector(".es-title").textContent`)
	require.NotEmpty(t, episodeTitle)
	pwaNavigate(t, ctx, "/show")
	waitFor(t, ctx, "the show from /api/feed", `(document.querySelector(".es-title") || {}).textContent === `+pwaJS(showTitle))
	cached, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		const out = [];
		for (const name of await caches.keys()) {
			for (const r of await (await caches.open(name)).keys()) out.push(name + " " + new URL(r.url).pathname + new URL(r.url).search);
		}
		return out;
	})()`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	pwaHas(t, cached, `^earshot-data-v1 /api/feed\?feed=$`, "the show's data is kept")
	pwaHas(t, cached, `^earshot-data-v1 /api/transcript\?`, "the transcript is kept")
	pwaHas(t, cached, `^earshot-pages-\w+ /show$`, "the show page is kept")
	pwaHas(t, cached, `^earshot-pages-\w+ /episode\?guid=earshot-demo-1$`, "the episode page is kept")

	// Offline, on a later day: the HTTP cache (pages may be served stale
	// from it for 10 minutes) has let go; only the worker's caches remain.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	_, err = chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{})
	require.NoError(t, err)
	pwaOffline(t, ctx)
	responses.reset()

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/show")), "the show opens offline")
	waitFor(t, ctx, "the wasm to start offline", jsWasmStarted)
	assert.Equal(t, showTitle, eval[string](t, ctx, `document.querySelector(".es-title").textContent`))
	doc := responses.find(base + "/show")
	require.NotNil(t, doc, "the show page was answered")
	assert.True(t, doc.FromServiceWorker)
	assert.Equal(t, network.ServiceWorkerResponseSourceCacheStorage, doc.ServiceWorkerResponseSource)

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-1", ""))), "the episode opens offline")
	waitFor(t, ctx, "the wasm to take over offline", jsGoLive)
	assert.Equal(t, episodeTitle, eval[string](t, ctx, `document.querySelector(".es-title").textContent`))
	waitFor(t, ctx, "the transcript to load offline", `document.querySelectorAll(".es-seg").length === 6`)

	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`fetch("/healthz").then(() => true)`, chromedp.EvalAwaitPromise))
	require.Error(t, err, "the network is off")

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/library")), "the library opens offline")
	waitFor(t, ctx, "the library's shows offline", `[...document.querySelectorAll(".es-sub a")].some(a => a.textContent === `+pwaJS(showTitle)+`)`)

	// Inside the app, the show comes from /api/feed: the worker's data cache.
	pwaNavigate(t, ctx, "/show")
	waitFor(t, ctx, "the show from the data cache", `(document.querySelector(".es-title") || {}).textContent === `+pwaJS(showTitle))
	feed := responses.find(base + "/api/feed?feed=")
	require.NotNil(t, feed, "the app asked /api/feed")
	assert.True(t, feed.FromServiceWorker)
	assert.Equal(t, network.ServiceWorkerResponseSourceCacheStorage, feed.ServiceWorkerResponseSource)

	// A page never visited gets the cached "/" shell, not the browser's
	// offline error.
	unseen := episodeURL(base, "earshot-demo-2", "")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(unseen)))
	doc = responses.find(unseen)
	require.NotNil(t, doc, "the unseen page was answered")
	assert.Equal(t, network.ServiceWorkerResponseSourceCacheStorage, doc.ServiceWorkerResponseSource)
	waitFor(t, ctx, "the shell's wasm to start offline", jsWasmStarted)
}

// Audio and the embed always go to the network, even with the worker in
// control: it never answers media or Range requests, nor /embed.
func TestPWAAudioNotIntercepted(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", ""))
	pwaControlled(t, ctx)
	responses := pwaRecord(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	awaitTakeover(t, ctx)
	require.True(t, eval[bool](t, ctx, `!!navigator.serviceWorker.controller`))
	doc := responses.find(episodeURL(base, "earshot-demo-1", ""))
	require.NotNil(t, doc)
	require.True(t, doc.FromServiceWorker, "the worker answers pages (or this test proves nothing)")

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback to advance", jsCurrentTime+` > 0.5`)
	src := eval[string](t, ctx, `earshot.audio.currentSrc`)
	media := responses.all(src)
	require.NotEmpty(t, media, "the audio was fetched (%s)", src)
	for _, r := range media {
		assert.False(t, r.FromServiceWorker, "audio %s (status %d) served by the service worker", r.URL, r.Status)
	}

	embedURL := base + "/embed?guid=earshot-demo-1"
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(embedURL)))
	embed := responses.find(embedURL)
	require.NotNil(t, embed)
	assert.False(t, embed.FromServiceWorker, "the embed is not answered by the worker")
}

// A new version announces itself with a polite "reload" prompt, whose
// button reloads the page; a first visit (whose service worker also takes
// over while the page runs) does not. The new version is deployed by a
// proxy that starts serving a changed service worker.
func TestPWAUpdatePrompt(t *testing.T) {
	base := server(t)
	var deployed atomic.Bool
	px := pwaDeployProxy(t, base, &deployed)
	ctx := live(t, episodeURL(px, "earshot-demo-1", ""))
	pwaControlled(t, ctx)
	pwaWait(t, ctx, "data kept by the worker", `fetch("/api/feed?url=").then((r) => r.ok)`)
	wired := eval[bool](t, ctx, `!!document.querySelector(".es-update")`)
	if wired {
		time.Sleep(time.Second) // what a first visit's takeover would show
		assert.Empty(t, eval[string](t, ctx, `document.querySelector(".es-update").textContent`), "no prompt on a first visit")
	}

	deployed.Store(true)
	eval[any](t, ctx, `goappTryUpdate(), window.esBeforeReload = true`)
	pwaWait(t, ctx, "the new version to take over", `caches.keys().then((ks) =>
		ks.some((k) => k.startsWith("earshot-next-")) && !ks.includes("earshot-" + goappGetenv("GOAPP_VERSION")))`)
	pwaWait(t, ctx, "the data to survive the update", `caches.open("earshot-data-v1").then((c) => c.match("/api/feed?url=")).then((r) => !!r)`)
	if !wired {
		t.Skip("updateBanner is not in the page yet")
	}
	waitFor(t, ctx, "the update prompt", `!!document.querySelector(".es-update[role=status] button")`)
	assert.Equal(t, "A new version of Earshot is ready. Reload", eval[string](t, ctx, `document.querySelector(".es-update").textContent`))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-update button`)))
	pwaWait(t, ctx, "the button to reload the page", `!window.esBeforeReload && document.readyState === "complete"`)
	awaitTakeover(t, ctx)
	assert.Empty(t, eval[string](t, ctx, `document.querySelector(".es-update").textContent`), "no prompt once reloaded")
}

// pwaDeployProxy is a proxy to base that, once deployed is set, serves a
// service worker of another version (its shell cache renamed), as a
// deployment of a new Earshot would.
func pwaDeployProxy(t *testing.T, base string, deployed *atomic.Bool) string {
	t.Helper()
	u, err := url.Parse(base)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(u)
	direct := rp.Director
	rp.Director = func(r *http.Request) {
		direct(r)
		if r.URL.Path == "/app-worker.js" {
			// Plain and unconditional, to be rewritten.
			r.Header.Del("Accept-Encoding")
			r.Header.Del("If-None-Match")
			r.Header.Del("If-Modified-Since")
		}
	}
	rp.ModifyResponse = func(res *http.Response) error {
		if res.Request.URL.Path != "/app-worker.js" || !deployed.Load() {
			return nil
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return err
		}
		b = bytes.Replace(b, []byte(`const shellCache = "earshot-`), []byte(`const shellCache = "earshot-next-`), 1)
		res.Body = io.NopCloser(bytes.NewReader(b))
		res.ContentLength = int64(len(b))
		res.Header.Del("Content-Length")
		res.Header.Del("ETag")
		return nil
	}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	return srv.URL
}

// pwaControlled waits until the service worker controls the page, reloading
// once if it activated without claiming it.
func pwaControlled(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "the service worker to activate")
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`!!navigator.serviceWorker.controller`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	}
	waitFor(t, ctx, "the service worker to control the page", `!!navigator.serviceWorker.controller`)
}

// pwaOffline cuts the network of the page and of its service worker (a
// target of its own, which the page's emulation does not reach).
func pwaOffline(t *testing.T, ctx context.Context) {
	t.Helper()
	cut := func(ctx context.Context) {
		_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
		require.NoError(t, err)
		_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
		})
		require.NoError(t, err)
		_, err = chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		require.NoError(t, err)
	}
	cut(ctx)
	infos, err := chromedp.Targets(ctx)
	require.NoError(t, err)
	workers := 0
	for _, info := range infos {
		if info.Type == "service_worker" {
			wctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID))
			t.Cleanup(cancel)
			cut(wctx)
			workers++
		}
	}
	require.Equal(t, 1, workers, "one service worker")
}

// pwaWait waits until the JavaScript expression (a promise or a value) is
// true, retrying through errors, such as those of a page being replaced.
func pwaWait(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise)); ok {
			return
		}
	}
	t.Fatalf("waiting for %s (%s): %v", what, expr, err)
}

// pwaNavigate navigates inside the running app (go-app's router), as a
// click on one of its links does.
func pwaNavigate(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	eval[any](t, ctx, `goappNav(`+pwaJS(path)+`), null`)
}

// pwaResponses is what the page received, by URL, with how it was served.
type pwaResponses struct {
	mu  sync.Mutex
	got []*network.Response
}

// pwaRecord records every response the page receives from now on.
func pwaRecord(t *testing.T, ctx context.Context) *pwaResponses {
	t.Helper()
	l := &pwaResponses{}
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventResponseReceived); ok && e.Response != nil {
			l.mu.Lock()
			l.got = append(l.got, e.Response)
			l.mu.Unlock()
		}
	}))
	return l
}

func (l *pwaResponses) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = nil
}

// all is every response whose URL is url.
func (l *pwaResponses) all(url string) []*network.Response {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*network.Response
	for _, r := range l.got {
		if r.URL == url {
			out = append(out, r)
		}
	}
	return out
}

// find is the last response whose URL is url, waiting a little for it.
func (l *pwaResponses) find(url string) *network.Response {
	for range 40 {
		if rs := l.all(url); len(rs) > 0 {
			return rs[len(rs)-1]
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// pwaHas checks that an entry of list matches the regular expression re.
func pwaHas(t *testing.T, list []string, re, msg string) {
	t.Helper()
	for _, s := range list {
		if regexp.MustCompile(re).MatchString(s) {
			return
		}
	}
	t.Errorf("%s: nothing matches %s in %q", msg, re, list)
}

func pwaJS(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
