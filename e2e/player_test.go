package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsCurrentTime is the shared Audio object's position, -1 before any.
const jsCurrentTime = `((window.earshot && earshot.audio) ? earshot.audio.currentTime : -1)`

// jsGoLive is true once the wasm has taken the controls over.
const jsGoLive = `!!(window.earshot && earshot.live)`

// The prerendered page and the embed play before (here: without) the wasm:
// the audio bridge makes the server-rendered play button work.
func TestPrerenderedPagePlaysWithoutWasm(t *testing.T) {
	base := server(t)
	for _, path := range []string{"/episode?guid=earshot-demo-1", "/embed?guid=earshot-demo-1", "/embed?guid=earshot-demo-1&layout=mini"} {
		t.Run(path, func(t *testing.T) {
			ctx := browser(t)
			_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
			require.NoError(t, err)
			_, err = chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
				URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/*.wasm", Block: true}},
			})
			require.NoError(t, err)

			require.NoError(t, chromedp.Do(ctx,
				chromedp.Navigate(base+path),
				chromedp.WaitVisible(`.es-play`),
			))
			if !strings.Contains(path, "mini") {
				assert.Equal(t, "Welcome to Earshot", eval[string](t, ctx, `document.querySelector(".es-title").textContent`),
					"the episode is in the prerendered HTML")
			}
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
			waitFor(t, ctx, "playback to advance", jsCurrentTime+` > 0.5`)
			assert.False(t, eval[bool](t, ctx, jsGoLive), "the wasm was blocked, so the bridge played it")
			assert.False(t, eval[bool](t, ctx, `earshot.audio.paused`))
			waitFor(t, ctx, "the prerendered UI to show playing", `document.querySelector("[data-es-src]").hasAttribute("data-es-playing")`)
			if path == "/episode?guid=earshot-demo-1" {
				assert.Equal(t, 5, eval[int](t, ctx, `document.querySelectorAll(".es-chapters li").length`),
					"the chapter list is in the prerendered HTML")
				require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-chapters a[data-t="150"]`)))
				waitFor(t, ctx, "a prerendered chapter link to seek", jsCurrentTime+` >= 150`)
			}
		})
	}
}

// With the wasm running, a click on a chapter seeks to its start.
func TestChapterClickSeeks(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-1", ""))))
	awaitTakeover(t, ctx)

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-chapters a[data-t="150"]`)))
	waitFor(t, ctx, "the seek to 2:30", jsCurrentTime+` >= 150 && `+jsCurrentTime+` < 170`)
	waitFor(t, ctx, "the chapter to be highlighted",
		`(document.querySelector(".es-chapters li.es-current") || {}).textContent === "2:30Embedding the player"`)
	waitFor(t, ctx, "the current chapter title", `document.querySelector(".es-chapter-now").textContent === "Embedding the player"`)
}

// Share links open the episode at their time: ?t= (seen by the server) and
// #t= (seen only by the browser), in NPT and plain seconds.
func TestShareLinkStartsAtTime(t *testing.T) {
	base := server(t)
	for _, tc := range []struct {
		name, extra string
	}{
		{"query clock", "&t=1:30"},
		{"fragment seconds", "#t=90"},
		{"fragment npt clip", "#t=npt:1:30,2:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browser(t)
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-1", tc.extra))))
			awaitTakeover(t, ctx)
			waitFor(t, ctx, "the elapsed time to show 1:30", `document.querySelector(".es-elapsed").textContent === "1:30"`)
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
			waitFor(t, ctx, "playback to start at 90 s", jsCurrentTime+` >= 90 && `+jsCurrentTime+` < 110 && !earshot.audio.paused`)
		})
	}
}

// Playback started before the wasm arrives keeps going, from the same
// position and on the same Audio object, when the wasm takes over.
func TestPlaybackSurvivesTakeover(t *testing.T) {
	base := server(t)
	ctx := browser(t)

	// Hold the wasm download until playback has started.
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*/web/app.*.wasm"}},
	})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-2", ""))))

	var held fetch.RequestID
	for ev, err := range paused {
		require.NoError(t, err)
		held = ev.RequestID
		break
	}
	require.NotEmpty(t, held, "the wasm request was intercepted")

	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(`.es-play`), chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "pre-wasm playback to advance past 1 s", jsCurrentTime+` > 1`)
	require.False(t, eval[bool](t, ctx, jsGoLive), "the wasm is still held back")
	eval[bool](t, ctx, `(window.__before = earshot.audio, true)`)
	before := eval[float64](t, ctx, jsCurrentTime)

	_, err = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: held})
	require.NoError(t, err)
	awaitTakeover(t, ctx)

	assert.True(t, eval[bool](t, ctx, `window.__before === earshot.audio`), "the same Audio object plays on")
	assert.False(t, eval[bool](t, ctx, `earshot.audio.paused`), "playback was not interrupted")
	assert.GreaterOrEqual(t, eval[float64](t, ctx, jsCurrentTime), before, "playback was not reset")
	waitFor(t, ctx, "Go's render to show playing", `document.querySelector(".es-player").classList.contains("es-playing")`)
	waitFor(t, ctx, "playback to keep advancing", jsCurrentTime+` > `+formatFloat(before+1))
	assert.Equal(t, "Pause", eval[string](t, ctx, `document.querySelector(".es-play").getAttribute("aria-label")`))
}
