package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cspRecorder runs before any script of a page and keeps every Content
// Security Policy violation the page reports, in window.__cspViolations.
const cspRecorder = `(function () {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    window.__cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " (" + e.sourceFile + ":" + e.lineNumber + ")");
  });
})();`

// onNewDocument runs src before the scripts of every document the tab
// loads from now on.
func onNewDocument(tb testing.TB, ctx context.Context, src string) {
	tb.Helper()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	require.NoError(tb, err)
}

// Every page runs its wasm under the pages' Content Security Policy and
// the browser reports no violation: playing, the share panel with its QR
// code and embed preview, the library, the embed with an accent colour.
func TestPagesRunUnderCSP(t *testing.T) {
	base := server(t)
	for _, tc := range []struct {
		path string
		then func(t *testing.T, ctx context.Context)
	}{
		{"/episode?guid=earshot-demo-1", func(t *testing.T, ctx context.Context) {
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
			waitFor(t, ctx, "playback to advance", jsCurrentTime+` > 0.3`)
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-chapters a[data-t="150"]`)))
			waitFor(t, ctx, "the chapter's image to load", `[...document.images].some(i => i.complete && i.naturalWidth > 0 && i.closest(".es-player"))`)
		}},
		{"/embed?guid=earshot-demo-1&color=c2410c&theme=dark", func(t *testing.T, ctx context.Context) {
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
			waitFor(t, ctx, "playback to advance", jsCurrentTime+` > 0.3`)
		}},
		{"/", nil},
		{"/library", nil},
	} {
		t.Run(tc.path, func(t *testing.T) {
			ctx := browser(t)
			onNewDocument(t, ctx, cspRecorder)
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+tc.path)))
			if tc.then != nil {
				waitFor(t, ctx, "the player", `!!document.querySelector(".es-play")`)
				tc.then(t, ctx)
				awaitTakeover(t, ctx)
			} else {
				waitFor(t, ctx, "the app to run", `!!window.goappNav && !!document.querySelector("main") && !document.getElementById("app-wasm-loader")`)
			}
			waitFor(t, ctx, "the page to have its policy", `document.readyState === "complete"`)
			assert.Empty(t, eval[[]string](t, ctx, `window.__cspViolations`), "CSP violations on %s", tc.path)

			// The policy is in force: an injected inline script does not run
			// and is reported.
			eval[bool](t, ctx, `document.body.appendChild(Object.assign(document.createElement("script"), {textContent: "window.__inlineRan = true"})), true`)
			waitFor(t, ctx, "the violation report", `window.__cspViolations.length > 0`)
			assert.False(t, eval[bool](t, ctx, `!!window.__inlineRan`), "an inline script ran on %s", tc.path)
		})
	}
}
