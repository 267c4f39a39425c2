package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsRows lists the show embed's rows as [guid, title, current].
const jsRows = `[...document.querySelectorAll(".es-row")].map(r => [r.dataset.esEpGuid, r.querySelector(".es-rowtitle").textContent, r.getAttribute("aria-current") || ""])`

// jsPlayingSrc is the audio's source, "" before any.
const jsPlayingSrc = `earshot.audio ? earshot.audio.src : ""`

// A blog with a show embed: the visitor plays the second episode of the
// list in place (the host page's history untouched), the app takes over
// without a gap and shows it, and the host page drives the embed with
// player.js (setEpisode, getEpisode, episodechange).
func TestShowEmbedOnABlog(t *testing.T) {
	base := server(t)
	host := hostPage(t, `<iframe title="player" src="`+base+`/embed?layout=show" width="600" height="480" allow="autoplay"></iframe>
<script>
  window.got = [];
  addEventListener("message", e => { try { got.push(JSON.parse(e.data)); } catch (x) {} });
  function call(method, value, listener) {
    document.querySelector("iframe").contentWindow.postMessage(JSON.stringify({context: "player.js", version: "0.0.11", method, value, listener}), "*");
  }
</script>`)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(host)))
	historyBefore := eval[int](t, ctx, `history.length`)
	fctx := frame(t, ctx, "/embed?")
	waitFor(t, fctx, "the list", `document.querySelectorAll(".es-row").length === 3`)
	rows := eval[[][]string](t, fctx, jsRows)
	assert.Equal(t, []string{"earshot-demo-1", "Welcome to Earshot", "true"}, rows[0], "the newest episode is in the player")
	assert.False(t, eval[bool](t, fctx, jsWasmRequested), "an untouched show embed loads no wasm")

	// Before the wasm: the bridge plays the row's audio in the player.
	second := rows[1]
	require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-row[data-es-ep-guid="`+second[0]+`"]`)))
	waitFor(t, fctx, "the second episode to play", jsCurrentTime+` > 0.3 && !earshot.audio.paused`)
	assert.Contains(t, eval[string](t, fctx, jsPlayingSrc), "/demo/", "the demo's audio")
	src := eval[string](t, fctx, jsPlayingSrc)
	assert.Equal(t, second[1], eval[string](t, fctx, `document.querySelector(".es-player .es-title").textContent`))

	// The app takes over after a few seconds of playback and shows what plays.
	waitFor(t, fctx, "the app to take over", jsGoLive)
	waitFor(t, fctx, "the app to show the second episode", `document.querySelector(".es-player .es-title").textContent === `+jsString(second[1])+
		` && document.querySelector('.es-row[aria-current="true"]').dataset.esEpGuid === `+jsString(second[0]))
	assert.Equal(t, src, eval[string](t, fctx, jsPlayingSrc), "the same audio")
	assert.False(t, eval[bool](t, fctx, `earshot.audio.paused`), "still playing: no gap")

	// After the takeover: the third row plays in place.
	third := rows[2]
	require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-row[data-es-ep-guid="`+third[0]+`"]`)))
	waitFor(t, fctx, "the third episode to play", `document.querySelector(".es-player .es-title").textContent === `+jsString(third[1])+` && !earshot.audio.paused && `+jsCurrentTime+` > 0.2`)
	assert.NotEqual(t, src, eval[string](t, fctx, jsPlayingSrc))
	assert.Equal(t, historyBefore, eval[int](t, ctx, `history.length`), "the host page's history is untouched")
	assert.Contains(t, eval[string](t, fctx, `location.href`), "layout=show", "the frame never navigated")

	// player.js from the host page.
	eval[bool](t, ctx, `(call("addEventListener", "episodechange", "ec"), call("setEpisode", "earshot-demo-1"), true)`)
	waitFor(t, ctx, "episodechange", `got.some(m => m.event === "episodechange" && m.value.guid === "earshot-demo-1")`)
	waitFor(t, fctx, "the first episode in the player", `document.querySelector(".es-player .es-title").textContent === "Welcome to Earshot"`)
	eval[bool](t, ctx, `(call("getEpisode", null, "ge"), true)`)
	waitFor(t, ctx, "getEpisode's answer", `got.some(m => m.event === "getEpisode" && m.listener === "ge" && m.value.guid === "earshot-demo-1" && m.value.title === "Welcome to Earshot")`)

	// Follow takes the list's place, and gives it back.
	require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-followtoggle`)))
	waitFor(t, fctx, "the Follow panel", `document.querySelectorAll(".es-follow a.es-app").length > 1 && !document.querySelector(".es-row")`)
	assert.Equal(t, base+"/demo/feed.xml", eval[string](t, fctx, `document.querySelector(".es-follow .es-feedurl").value`))
	waitFor(t, fctx, "the toggle to say Episodes", `document.querySelector(".es-followtoggle").getAttribute("aria-expanded") === "true"`)
	require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-followtoggle`)))
	waitFor(t, fctx, "the list back", `document.querySelectorAll(".es-row").length === 3`)
}
