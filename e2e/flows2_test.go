package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ?lang= picks the UI language; strings and dates follow it.
func TestGermanUI(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", "&lang=de"))
	assert.Equal(t, "Abspielen", eval[string](t, ctx, `document.querySelector(".es-play").getAttribute("aria-label")`))
	assert.Equal(t, "Kapitel", eval[string](t, ctx, `document.querySelector(".es-chapters h2").textContent`))
	assert.Contains(t, eval[string](t, ctx, `document.querySelector(".es-labels").textContent`), "25. November 2026")
	assert.Equal(t, "de", eval[string](t, ctx, `document.querySelector(".es-player").lang`))
}

// At 320 CSS pixels (a small phone, or 200 % zoom on a 640 px window)
// nothing overflows sideways and the controls stay usable.
func TestNarrowScreen(t *testing.T) {
	base := server(t)
	for _, path := range []string{"/episode?guid=earshot-demo-1", "/embed?guid=earshot-demo-1", "/embed?guid=earshot-demo-2&layout=mini"} {
		t.Run(path, func(t *testing.T) {
			ctx := browser(t)
			require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Navigate(base+path)))
			awaitTakeover(t, ctx)
			assert.LessOrEqual(t, eval[int](t, ctx, `document.documentElement.scrollWidth`), 320, "no horizontal scrolling")
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
			waitFor(t, ctx, "playback", jsCurrentTime+` > 0.3`)
		})
	}
}

// A clip link plays its stretch and pauses at its end.
func TestClipPausesAtEnd(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", "&t=1:30,1:32"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback from 1:30", jsCurrentTime+` >= 90`)
	waitFor(t, ctx, "the pause at the clip's end", `earshot.audio.paused && `+jsCurrentTime+` >= 92 && `+jsCurrentTime+` < 94`)
}

// The share panel builds clip links with ?t=start,end.
func TestShareClipLink(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", "&t=1:30"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`input[name="es-share-kind"][value="clip"]`)))
	waitFor(t, ctx, "a clip link", `document.querySelector(".es-sharelink").value.includes("t=1:30,2:00")`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`input[name="es-share-kind"][value="chapter"]`)))
	waitFor(t, ctx, "a chapter link (the first chapter starts at 0: no t)", `!document.querySelector(".es-sharelink").value.includes("t=")`)
}

// When the media fails, the listener gets a message and a retry that works.
func TestMediaErrorAndRetry(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	block := func(on bool) {
		var patterns []*network.BlockPattern
		if on {
			patterns = []*network.BlockPattern{{URLPattern: "*://*:*/demo/audio/*", Block: true}}
		}
		_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns})
		require.NoError(t, err)
	}
	block(true)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-1", ""))))
	awaitTakeover(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the error message", `!!document.querySelector(".es-player .es-error[role=alert]")`)
	block(false)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-player .es-error button`)))
	waitFor(t, ctx, "playback after retry", jsCurrentTime+` > 0.3 && !earshot.audio.paused`)
	waitFor(t, ctx, "the message to go", `!document.querySelector(".es-player .es-error")`)
}

// The sleep timer set to "end of chapter" pauses when the chapter ends.
func TestSleepTimerEndOfChapter(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", "&t=1:27"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback from 1:27", jsCurrentTime+` >= 87 && !earshot.audio.paused`)
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(`.es-sleep`, "chapter")))
	eval[bool](t, ctx, `(document.querySelector(".es-sleep").dispatchEvent(new Event("change", {bubbles: true})), true)`)
	waitFor(t, ctx, "the pause at the chapter's end (1:30)", `earshot.audio.paused && `+jsCurrentTime+` >= 90 && `+jsCurrentTime+` < 92`)
	waitFor(t, ctx, "the timer to disarm after it fired", `document.querySelector(".es-sleep").value === "off"`)
}
