package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/follow"
)

// xssRecorder runs before any script of every document: payloads that run
// call __xss(N) and land in __xssFired; window.open (go-app's navigation
// for links without target="_blank") records the URL instead of opening.
const xssRecorder = `(function () {
  window.__xssFired = [];
  window.__xss = function (n) { window.__xssFired.push(n); };
  window.__opened = [];
  window.open = function (u) { window.__opened.push(String(u)); return null; };
})();`

// domProblems lists what in the live DOM could run a payload: handler
// attributes, srcdoc, scripts the server did not send, frames of other
// origins, elements no page has, and links or sources whose scheme (as the
// browser resolves it) is not http(s), mailto or blob (or a raster data:
// image in an <img>).
var domProblems = `(() => {
  const followSchemes = ["` + strings.Join(follow.Schemes, `", "`) + `"];
  const bad = [];
  const urlAttrs = ["href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "ping", "srcset"];
  const forbidden = ["OBJECT", "EMBED", "APPLET", "BASE", "FRAME", "FRAMESET", "X-EVIL", "XSS", "MARQUEE", "MATH", "ISINDEX", "KEYGEN"];
  const short = (s) => String(s).slice(0, 100);
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toUpperCase();
    if (forbidden.includes(tag)) bad.push("element " + tag);
    if (tag === "STYLE" && el.closest("body")) bad.push("style element in body");
    if (tag === "SCRIPT") {
      if (el.src) {
        const u = new URL(el.src, location.href);
        if (u.origin !== location.origin || !(u.pathname === "/app.js" || u.pathname === "/wasm_exec.js" || u.pathname.startsWith("/web/"))) bad.push("script " + short(el.src));
      } else if (!(el.type === "application/json" && el.id === "es-data")) bad.push("inline script " + short(el.textContent));
    }
    if (tag === "IFRAME") {
      if (el.hasAttribute("srcdoc")) bad.push("iframe srcdoc");
      const u = new URL(el.getAttribute("src") || "about:blank", location.href);
      if (u.origin !== location.origin) bad.push("iframe " + short(u.href));
    }
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith("on")) bad.push(tag + " " + n + "=" + short(a.value));
      if (n === "style") {
        // url() may only load http(s) or a same-origin path (covers are
        // background images); outside url() no script may hide.
        let rest = a.value;
        for (const m of a.value.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
          const p = new URL(m[2], location.href).protocol;
          if (p !== "http:" && p !== "https:") bad.push(tag + " style url " + short(m[2]));
          rest = rest.replace(m[0], "");
        }
        if (/javascript|expression\(|url\(/i.test(rest)) bad.push(tag + " style=" + short(a.value));
      }
      if (!urlAttrs.includes(n)) continue;
      let u;
      try { u = new URL(a.value, location.href); } catch (e) { continue; }
      const p = u.protocol;
      if (p === "http:" || p === "https:" || p === "mailto:" || p === "blob:") continue;
      // The Follow panel's app links (package follow builds them).
      if (tag === "A" && n === "href" && followSchemes.includes(p.slice(0, -1))) continue;
      if (p === "data:" && tag === "IMG" && n === "src" && /^data:image\/(png|jpeg|gif|webp|bmp);base64,/i.test(a.value.trim())) continue;
      bad.push(tag + " " + n + "=" + short(a.value));
    }
  }
  return bad;
})()`

// clickEveryLink removes target from every link and clicks it: links to
// other sites first, then this site's. An in-app navigation (go-app's
// handler) replaces the page, so every distinct href is then clicked again
// on a copy of its link (same href, no target) added to the page, which
// goes through the same handlers. It returns how many clicks it made.
const clickEveryLink = `(() => {
  const links = [...document.querySelectorAll("a[href], area[href]")];
  const hrefs = [...new Set(links.map(a => a.getAttribute("href")))];
  const own = (a) => { try { return new URL(a.href, location.href).origin === location.origin; } catch (e) { return true; } };
  let n = 0;
  for (const a of [...links.filter(a => !own(a)), ...links.filter(own)]) {
    if (!a.isConnected) continue;
    a.removeAttribute("target");
    a.click();
    n++;
  }
  for (const h of hrefs) {
    const a = document.createElement("a");
    a.setAttribute("href", h);
    a.textContent = "x";
    (document.querySelector("main") || document.body).appendChild(a);
    a.click();
    a.remove();
    n++;
  }
  return n;
})()`

// xssTab is a browser tab set up for the sweep: the page's CSP bypassed (so
// the app itself is tested, not only the policy), no service worker,
// navigations other than the test's own answered 204 (so clicking a link
// never leaves the page), and every dialog recorded and dismissed.
type xssTab struct {
	ctx     context.Context
	mu      sync.Mutex
	allowed map[string]bool
	dialogs []string
}

func newXSSTab(t *testing.T) *xssTab {
	t.Helper()
	x := &xssTab{ctx: browser(t), allowed: map[string]bool{}}
	ctx := x.ctx
	_, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
	require.NoError(t, err)
	onNewDocument(t, ctx, xssRecorder)

	paused := chromedp.Events(ctx, fetch.RequestPaused)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	_, err = chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*", ResourceType: network.ResourceTypeDocument}},
	})
	require.NoError(t, err)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			x.mu.Lock()
			ok := x.allowed[navKey(ev.Request.URL)] || x.allowedFrame(ev.Request.URL)
			x.mu.Unlock()
			if ok {
				chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			} else {
				chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 204})
			}
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			x.mu.Lock()
			x.dialogs = append(x.dialogs, string(ev.Type)+": "+ev.Message)
			x.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return x
}

// navKey identifies a navigation whatever the browser's re-encoding of its
// URL: origin, path and decoded query.
func navKey(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return p.Scheme + "://" + p.Host + p.Path + "?" + p.Query().Encode()
}

// allowedFrame lets the embed generator's preview load (an /embed of this
// server in an iframe).
func (x *xssTab) allowedFrame(u string) bool {
	p, err := url.Parse(u)
	return err == nil && "http://"+p.Host == serverURL && p.Path == "/embed"
}

// visit opens u and waits for the app (the player, when wantPlayer).
func (x *xssTab) visit(t *testing.T, u string, wantPlayer bool) {
	t.Helper()
	x.mu.Lock()
	x.allowed[navKey(u)] = true
	x.mu.Unlock()
	require.NoError(t, chromedp.Do(x.ctx, chromedp.Navigate(u)))
	// Clicking every link of a page makes the app load many episodes at
	// once, which spends the browser's share of the per-client fetch
	// budget (all browsers here come from 127.0.0.1): wait for it.
	for try := 0; try < 5 && eval[bool](t, x.ctx, `document.title.startsWith("Too many requests")`); try++ {
		time.Sleep(3 * time.Second)
		require.NoError(t, chromedp.Do(x.ctx, chromedp.Navigate(u)))
	}
	// Embeds start the app on the visitor's intent (web/bridge.js).
	waitFor(t, x.ctx, "the page", `document.readyState !== "loading" && !!document.body`)
	eval[bool](t, x.ctx, `(document.body.dispatchEvent(new PointerEvent("pointerover", {bubbles: true})), true)`)
	ready := `!!window.goappNav && !document.getElementById("app-wasm-loader")`
	if wantPlayer {
		ready = jsGoLive
	}
	if _, err := chromedp.Run(x.ctx, chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(45*time.Second))); err != nil {
		state, _ := chromedp.Run(x.ctx, chromedp.Evaluate[string](`JSON.stringify({url: location.href.slice(0, 200), ready: document.readyState,
			loader: (document.getElementById("app-wasm-loader-label") || {}).innerText, nav: typeof window.goappNav, live: !!(window.earshot && earshot.live)})`))
		t.Fatalf("%s: the app did not start (%v): %s", shortened(u), err, state)
	}
}

// check asserts that nothing ran and nothing dangerous is in the DOM, then
// clicks every link without its target and asserts again.
func (x *xssTab) check(t *testing.T, where string) {
	t.Helper()
	settle := func() { time.Sleep(300 * time.Millisecond) }
	settle()
	assert.Empty(t, eval[[]string](t, x.ctx, domProblems), "%s: the DOM", where)
	n := eval[int](t, x.ctx, clickEveryLink)
	settle()
	x.noneRan(t, where+fmt.Sprintf(" after %d link clicks", n))
	assert.Empty(t, eval[[]string](t, x.ctx, domProblems), "%s: the DOM after the clicks", where)
}

func (x *xssTab) noneRan(t *testing.T, where string) {
	t.Helper()
	assert.Empty(t, eval[[]int](t, x.ctx, `window.__xssFired || []`), "%s: payloads ran", where)
	for _, u := range eval[[]string](t, x.ctx, `window.__opened || []`) {
		assert.Empty(t, urlProblem(u, false), "%s: window.open(%q)", where, u)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	assert.Empty(t, x.dialogs, "%s: dialogs", where)
}

// chunk joins every payload whose number is i mod n, for parameters that
// take many payloads at once.
func chunk(i, n int) string {
	var parts []string
	for j := i; j < len(payloads); j += n {
		parts = append(parts, payloads[j])
	}
	return strings.Join(parts, " ")
}

// In Chromium, with the CSP bypassed: the hostile shows and episodes, the
// embed with every tab, pages whose every query parameter carries payloads,
// and the library holding hostile shows. No payload runs, no dialog opens,
// nothing dangerous is in the DOM, and clicking every link (target removed)
// runs nothing.
func TestXSSInBrowser(t *testing.T) {
	base := server(t)
	dense := xssFeedURL("dense.xml")
	// Leave the browsers' share of the fetch budget refilled for the tests
	// that follow.
	t.Cleanup(func() { time.Sleep(4 * time.Second) })

	t.Run("shows", func(t *testing.T) {
		x := newXSSTab(t)
		feeds := []string{dense}
		for k := 0; k < xssSingleFeeds; k++ {
			feeds = append(feeds, xssFeedURL(fmt.Sprintf("single-%d.xml", k)))
		}
		for _, f := range feeds {
			x.visit(t, base+"/show?"+q("feed", f), false)
			waitFor(t, x.ctx, "the episode list", `document.querySelectorAll("a[href*='/episode']").length > 3`)
			x.check(t, "show "+f)
		}
	})

	t.Run("episodes", func(t *testing.T) {
		x := newXSSTab(t)
		for i := 0; i < denseEpisodes; i++ {
			x.visit(t, base+"/episode?"+q("feed", dense, "guid", fmt.Sprintf("dense-%d", i)), true)
			waitFor(t, x.ctx, "the transcript", `document.querySelectorAll(".es-transcript-lines > *").length > 50`)
			x.check(t, fmt.Sprintf("episode dense-%d", i))
		}
	})

	t.Run("embed tabs and parameters", func(t *testing.T) {
		x := newXSSTab(t)
		params := []string{"t", "lang", "layout", "theme", "color", "autoplay", "resizer", "x"}
		var pairs []string
		for i, p := range params {
			pairs = append(pairs, p, chunk(i, len(params)))
		}
		frag := "#t=" + url.QueryEscape(chunk(3, 5))
		x.visit(t, base+"/embed?"+q(append(append([]string{"feed", dense, "guid", "dense-0"}, pairs...), "layout", "full")...)+frag, true)
		for _, tab := range []string{"chapters", "notes", "transcript", "share"} {
			sel := "#es-tab-" + tab
			if eval[bool](t, x.ctx, `!!document.querySelector("`+sel+`")`) {
				require.NoError(t, chromedp.Do(x.ctx, chromedp.Click(sel)))
				x.check(t, "embed tab "+tab)
			}
		}
		x.visit(t, base+"/episode?"+q(append([]string{"feed", dense, "guid", "dense-1"}, pairs...)...)+frag, true)
		x.check(t, "episode with hostile parameters")
		for _, u := range []string{
			base + "/show?" + q("feed", chunk(0, 3), "lang", chunk(1, 3)),
			base + "/?" + q("feed", chunk(1, 3)),
			base + "/episode?" + q("feed", dense, "guid", chunk(2, 3)),
			base + "/embed?" + q("feed", chunk(0, 2), "guid", chunk(1, 2)),
		} {
			x.visit(t, u, false)
			x.check(t, u)
		}
	})

	t.Run("library", func(t *testing.T) {
		x := newXSSTab(t)
		x.visit(t, base+"/library?"+q("lang", chunk(0, 2), "feed", chunk(1, 2)), false)
		subscribe(t, x.ctx, dense)
		waitFor(t, x.ctx, "the hostile show in the library", `document.body.textContent.includes("Dense ")`)
		subscribe(t, x.ctx, xssFeedURL("single-0.xml"))
		waitFor(t, x.ctx, "the second hostile show", `document.body.textContent.includes("Single 0")`)
		x.check(t, "library")

		// The sweep sees what the breach did: a javascript: link to
		// "another host", clicked without its target, is handed by go-app
		// to window.open (which ran it with Earshot's origin).
		eval[bool](t, x.ctx, `(() => { const a = document.createElement("a"); a.href = "javascript://example.com/%0A__xss(-1)"; a.target = "_blank"; a.textContent = "x"; document.querySelector("main").appendChild(a); return true; })()`)
		eval[int](t, x.ctx, clickEveryLink)
		waitFor(t, x.ctx, "the control payload to reach window.open", `window.__xssFired.includes(-1) || window.__opened.some(u => u.startsWith("javascript:"))`)
	})
}
