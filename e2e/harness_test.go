// Package e2e runs Earshot end to end: the real server (site, feed service,
// demo show) on a real loopback HTTP server, driven by real headless
// Chromium through chromedp. Under CI (CI set) a missing browser fails the
// run instead of skipping it.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/server/demo"
	"github.com/earshot/earshot/server/feed"
	"github.com/earshot/earshot/server/search"
	"github.com/earshot/earshot/server/site"
	"github.com/earshot/earshot/web"
)

// testTimeout bounds each browser test.
const testTimeout = 90 * time.Second

var (
	serverOnce sync.Once
	serverURL  string
	serverErr  error
	// feedsURL is the origin of a second server, started with the first,
	// that serves generated feeds (syntheticFeeds); the feed service trusts
	// it as it trusts its own origin.
	feedsURL string
)

// server starts one Earshot for the whole test binary: go-app keeps its
// routes in globals, so one site per process is the supported shape.
func server(tb testing.TB) string {
	tb.Helper()
	serverOnce.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			serverErr = err
			return
		}
		base := "http://" + ln.Addr().String()
		show, err := demo.New(base)
		if err != nil {
			serverErr = err
			return
		}
		feedsURL = httptest.NewServer(syntheticFeeds{}).URL
		feeds := feed.New(feed.Options{Trusted: []string{base, feedsURL}})
		index, err := search.New(feeds, search.Options{})
		if err != nil {
			serverErr = err
			return
		}
		s, err := site.New(site.Config{Feeds: feeds, Search: index, DefaultFeed: show.FeedURL(), Web: web.Files, Demo: show, BaseURL: base})
		if err != nil {
			serverErr = err
			return
		}
		srv := httptest.NewUnstartedServer(s)
		srv.Listener.Close()
		srv.Listener = ln
		srv.Start()
		serverURL = base
	})
	require.NoError(tb, serverErr)
	return serverURL
}

// chromiumPath finds Debian's Chromium (or another Chrome) on this machine.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser returns a fresh headless Chromium tab with its own profile, so
// every test is a first visit (as every embed on a new blog is).
func browser(tb testing.TB) context.Context {
	tb.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			tb.Fatal("Chromium not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM")
		}
		tb.Skip("Chromium not found; set CHROMIUM or install chromium to run end-to-end tests")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.WindowSize(1024, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	tb.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	tb.Cleanup(acancel)
	crashes := watchCrashes(tb, "page")
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithListener(crashes.listen))
	tb.Cleanup(bcancel)
	crashes.register(bctx)
	require.NoError(tb, chromedp.Do(bctx), "starting Chromium")
	return bctx
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](tb testing.TB, ctx context.Context, expr string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	require.NoError(tb, err, "evaluating %s", expr)
	return v
}

// waitFor polls a JavaScript predicate until it is true, failing the test
// with what was being waited for.
func waitFor(tb testing.TB, ctx context.Context, what, predicate string) {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](predicate,
			chromedp.WithPollingInterval(50*time.Millisecond),
			chromedp.WithPollingTimeout(time.Until(deadline))))
		// A page that navigates while it is polled destroys the poll's
		// JavaScript context: poll again in the new page.
		if err != nil && time.Now().Before(deadline) && navigatedAway(err) {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		require.NoError(tb, err, "waiting for %s (%s)", what, predicate)
		return
	}
}

func navigatedAway(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context") || strings.Contains(msg, "Execution context was destroyed") ||
		strings.Contains(msg, "Inspected target navigated")
}

// get fetches a URL from the test server.
func get(tb testing.TB, url string) *http.Response {
	tb.Helper()
	res, err := http.Get(url)
	require.NoError(tb, err)
	tb.Cleanup(func() { res.Body.Close() })
	return res
}

func episodeURL(base, guid, extra string) string {
	return fmt.Sprintf("%s/episode?guid=%s%s", base, guid, extra)
}

func formatFloat(f float64) string { return fmt.Sprintf("%.3f", f) }

// hostPage serves body as a page of another site (localhost rather than
// 127.0.0.1, on its own port), as a blog embedding Earshot would be.
func hostPage(tb testing.TB, body string) string {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html lang=en><head><meta charset=utf-8><title>A blog</title></head><body><h1>A blog post</h1>%s</body></html>", body)
	}))
	tb.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return "http://localhost:" + port + "/"
}

// frame attaches to the cross-site iframe whose URL contains urlPart (Chrome
// runs it as its own target) and returns a context for actions inside it.
func frame(tb testing.TB, ctx context.Context, urlPart string) context.Context {
	tb.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		require.NoError(tb, err)
		for _, info := range infos {
			if info.Type == "iframe" && strings.Contains(info.URL, urlPart) {
				crashes := watchCrashes(tb, "iframe "+urlPart)
				fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithListener(crashes.listen))
				tb.Cleanup(cancel)
				crashes.register(fctx)
				return fctx
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.Fatalf("no iframe with %q in its URL", urlPart)
	return nil
}

// contextT is a browser tab's context.
type contextT = context.Context

// live0 opens url in a fresh browser and waits for the app to run (pages
// without a player have no takeover to wait for).
func live0(tb testing.TB, url string) context.Context {
	tb.Helper()
	ctx := browser(tb)
	require.NoError(tb, chromedp.Do(ctx, chromedp.Navigate(url)))
	waitFor(tb, ctx, "the app to run", `!!document.querySelector("main") && `+jsAppRuns)
	return ctx
}

// jsAppRuns is true once the Go program runs (go-app removes its loader
// then); before that the prerendered DOM is about to be replaced, and a
// node found in it can vanish before chromedp acts on it.
const jsAppRuns = `!!window.goappNav && !document.getElementById("app-wasm-loader")`

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// awaitTakeover shows intent the way a visitor does (the pointer moves over
// the page; an embed waits for that before it loads the wasm, a standalone
// page loads it when idle anyway) and waits until the Go app has the
// controls.
func awaitTakeover(tb testing.TB, ctx context.Context) {
	tb.Helper()
	require.NoError(tb, chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5)))
	waitFor(tb, ctx, "the wasm to take over", jsGoLive)
}
