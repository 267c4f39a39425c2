package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsWasmRequested is true once the page has asked for the wasm.
const jsWasmRequested = `performance.getEntriesByType("resource").some(function (e) { return /\.wasm(\?|$)/.test(e.name) })`

// An embed on a blog that nobody touches costs its visitors no wasm, no
// service worker and no Cache Storage; a click on play plays at once
// (the bridge), and the app loads only after the audio has been playing a
// while, taking over without a gap.
func TestEmbedWaitsForIntent(t *testing.T) {
	base := server(t)
	for _, layout := range []string{"full", "compact", "mini", "show"} {
		t.Run(layout, func(t *testing.T) {
			src := base + "/embed?guid=earshot-demo-1&layout=" + layout
			host := hostPage(t, `<iframe title="player" src="`+src+`" width="600" height="560" allow="autoplay"></iframe>`)
			ctx := browser(t)
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(host)))
			fctx := frame(t, ctx, "/embed?")
			waitFor(t, fctx, "the embed to load", `document.readyState === "complete" && !!window.earshot`)
			// Long enough for an idle callback (2 s at most) to have run.
			require.NoError(t, chromedp.Do(fctx, chromedp.Sleep(3000)))
			assert.False(t, eval[bool](t, fctx, jsWasmRequested), "an untouched embed never requests the wasm")
			stored, err := chromedp.Run(fctx, chromedp.Evaluate[int](`(async () => (await navigator.serviceWorker.getRegistrations()).length + (await caches.keys()).length)()`, chromedp.EvalAwaitPromise))
			require.NoError(t, err)
			assert.Zero(t, stored, "an embed registers no service worker and writes no Cache Storage on the host's partition")

			require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-play`)))
			waitFor(t, fctx, "the click to play", jsCurrentTime+` > 0.3 && !earshot.audio.paused`)
			assert.False(t, eval[bool](t, fctx, jsGoLive), "the bridge played it: the wasm waits while the audio starts")
			eval[bool](t, fctx, `(window.__before = earshot.audio, true)`)
			before := eval[float64](t, fctx, jsCurrentTime)
			waitFor(t, fctx, "the app to take over after a few seconds of playback (the pointer over the player was intent)", jsGoLive)
			assert.True(t, eval[bool](t, fctx, `window.__before === earshot.audio && !earshot.audio.paused`), "the same audio plays on")
			assert.GreaterOrEqual(t, eval[float64](t, fctx, jsCurrentTime), before, "the position was kept")
			assert.Greater(t, eval[float64](t, fctx, `earshot.wasmAt - earshot.playingAt`), 2500.0,
				"the wasm was requested only after the audio had played a few seconds")
		})
	}
}

// Everything a listener does in the first minute works before the wasm:
// skip, chapter steps, speed, volume, mute, tabs, the seek bar, and the
// saved position of an earlier visit.
func TestBridgeControlsBeforeWasm(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	blockWasm(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/embed?guid=earshot-demo-1&layout=full"), chromedp.WaitVisible(`.es-play`)))

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback", jsCurrentTime+` > 0.2`)
	waitFor(t, ctx, "the button to say Pause", `document.querySelector(".es-play").getAttribute("aria-label") === "Pause"`)

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[data-es="skip"][data-es-d="30"]`)))
	waitFor(t, ctx, "skip forward 30 s", jsCurrentTime+` >= 30 && `+jsCurrentTime+` < 40`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[data-es="skip"][data-es-d="-15"]`)))
	waitFor(t, ctx, "skip back 15 s", jsCurrentTime+` >= 15 && `+jsCurrentTime+` < 25`)

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[data-es="chap"][data-es-d="1"]`)))
	waitFor(t, ctx, "next chapter (0:30)", jsCurrentTime+` >= 30 && `+jsCurrentTime+` < 40`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[data-es="chap"][data-es-d="1"]`)))
	waitFor(t, ctx, "next chapter (1:30)", jsCurrentTime+` >= 90 && `+jsCurrentTime+` < 100`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[data-es="chap"][data-es-d="-1"]`)))
	waitFor(t, ctx, "previous chapter (0:30: 1:30 has just begun)", jsCurrentTime+` >= 30 && `+jsCurrentTime+` < 40`)

	eval[bool](t, ctx, `(function () { var s = document.querySelector('[data-es="speed"]'); s.value = "1.5"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	assert.Equal(t, 1.5, eval[float64](t, ctx, `earshot.audio.playbackRate`))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[data-es="mute"]`)))
	assert.True(t, eval[bool](t, ctx, `earshot.audio.muted`))
	eval[bool](t, ctx, `(function () { var s = document.querySelector('[data-es="volume"]'); s.value = "0.4"; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	assert.InDelta(t, 0.4, eval[float64](t, ctx, `earshot.audio.volume`), 0.01)
	assert.False(t, eval[bool](t, ctx, `earshot.audio.muted`), "moving the volume unmutes")

	eval[bool](t, ctx, `(function () { var s = document.querySelector('[data-es="seekbar"]'); s.value = "200"; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	waitFor(t, ctx, "the seek bar to seek", jsCurrentTime+` >= 200`)

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#es-tab-notes`)))
	assert.True(t, eval[bool](t, ctx, `!document.getElementById("es-panel-notes").hidden && document.getElementById("es-panel-chapters").hidden`))
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("es-panel-notes").textContent`), "Earshot")
	assert.Equal(t, "true", eval[string](t, ctx, `document.getElementById("es-tab-notes").getAttribute("aria-selected")`))

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "pause", `earshot.audio.paused && document.querySelector(".es-play").getAttribute("aria-label") === "Play"`)
	assert.False(t, eval[bool](t, ctx, jsGoLive))

	// A returning listener resumes where they left off, before the wasm too.
	ctx2 := browser(t)
	blockWasm(t, ctx2)
	url := base + "/episode?guid=earshot-demo-1"
	require.NoError(t, chromedp.Do(ctx2, chromedp.Navigate(url), chromedp.WaitVisible(`.es-play`)))
	eval[bool](t, ctx2, `(localStorage.setItem(document.querySelector("[data-es-key]").getAttribute("data-es-key"), JSON.stringify({v: 1, value: {position: 123}})), true)`)
	require.NoError(t, chromedp.Do(ctx2, chromedp.Click(`.es-play`)))
	waitFor(t, ctx2, "playback from the saved position", jsCurrentTime+` >= 123 && `+jsCurrentTime+` < 140 && !earshot.audio.paused`)
}

// If the Go program ever dies, the bridge takes the controls back: the
// listener can still pause, seek and play.
func TestBridgeTakesOverWhenGoDies(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	allowCrash(ctx, "forced failure|Go program has already exited")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-1", ""))))
	awaitTakeover(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback", jsCurrentTime+` > 0.3 && !earshot.audio.paused`)

	// The browser throws inside a call from Go: Go panics and exits.
	eval[bool](t, ctx, `(earshot.audio.pause = function () { throw new Error("forced failure") }, true)`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the bridge to learn that Go has ended", `earshot.dead === true && !earshot.live`)
	eval[bool](t, ctx, `(delete earshot.audio.pause, true)`)

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the bridge to pause", `earshot.audio.paused`)
	eval[bool](t, ctx, `(function () { var s = document.querySelector('[data-es="seekbar"]'); s.value = "150"; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	waitFor(t, ctx, "the bridge to seek", jsCurrentTime+` >= 150`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the bridge to play again", `!earshot.audio.paused && `+jsCurrentTime+` > 150.3`)
	waitFor(t, ctx, "the display to follow", `document.querySelector(".es-elapsed").textContent.indexOf("2:3") === 0`)
}

// A host page drives the embed through player.js before the wasm: the
// bridge says ready, plays and pauses at once, and hands what it cannot
// answer (listeners, getters) to the app, which answers after the takeover.
func TestPlayerJSBeforeWasm(t *testing.T) {
	base := server(t)
	lib := playerJSLib(t)
	snippet := `<iframe src="` + base + `/embed?guid=earshot-demo-1&layout=compact" width="600" height="200" allow="autoplay"></iframe>`
	host := blog(t, snippet, `
window.log = [];
var player = new playerjs.Player(document.querySelector("iframe"));
player.on("ready", function () {
  window.pjsReady = true;
  player.on("timeupdate", function (d) { window.lastTime = d.seconds; });
  player.play();
});`, lib)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(host)))
	waitFor(t, ctx, "player.js ready", `window.pjsReady === true`)
	fctx := frame(t, ctx, "/embed?")
	waitFor(t, fctx, "the host's play to play", jsCurrentTime+` > 0.2 && !earshot.audio.paused`)
	assert.False(t, eval[bool](t, fctx, jsGoLive), "the bridge played it: the wasm waits while the audio starts")
	waitFor(t, fctx, "the app to take over (a host that drives the embed wants it)", jsGoLive)
	waitFor(t, ctx, "the listener added before the takeover to hear timeupdate", `window.lastTime > 0`)
	eval[bool](t, ctx, `(player.getPaused(function (p) { window.paused = p; }), true)`)
	waitFor(t, ctx, "getPaused to answer", `window.paused === false`)
	eval[bool](t, ctx, `(player.pause(), true)`)
	waitFor(t, fctx, "the host's pause to pause (the app)", `earshot.audio.paused`)
}

// A standalone page loads the wasm by itself, but a quiet while after load:
// a click on play in the first seconds plays through the bridge and the app
// follows once the audio has played a few seconds (the Go program's start
// would otherwise take the main thread just as the audio starts); a page
// nobody touches takes over with no intent at all.
func TestStandaloneWaitsItsTurn(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/episode?guid=earshot-demo-1"), chromedp.WaitVisible(`.es-play`)))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the click to play", jsCurrentTime+` > 0.3 && !earshot.audio.paused`)
	waitFor(t, ctx, "the app to take over while the audio plays on", jsGoLive+` && !earshot.audio.paused`)
	assert.Greater(t, eval[float64](t, ctx, `earshot.wasmAt - earshot.playingAt`), 2500.0,
		"the wasm was requested only after the audio had played a few seconds")

	ctx = browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/episode?guid=earshot-demo-1")))
	waitFor(t, ctx, "the untouched page to take over", jsGoLive)
	assert.GreaterOrEqual(t, eval[float64](t, ctx, `earshot.wasmAt - performance.getEntriesByType("navigation")[0].loadEventEnd`), 3000.0,
		"the wasm was requested a quiet while after load, not at once")
}
