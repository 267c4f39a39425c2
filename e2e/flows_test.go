package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// live loads url in a fresh browser and waits for the Go player.
func live(t *testing.T, url string) context.Context {
	t.Helper()
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)))
	awaitTakeover(t, ctx)
	return ctx
}

// A timestamp in the show notes seeks there.
func TestShowNoteTimestampSeeks(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-2", ""))
	entries := eval[int](t, ctx, `history.length`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-notes a.ts[data-t="195"]`)))
	waitFor(t, ctx, "the seek to 3:15", jsCurrentTime+` >= 195 && `+jsCurrentTime+` < 215`)
	assert.Equal(t, episodeURL(base, "earshot-demo-2", ""), eval[string](t, ctx, `location.href`),
		"seeking pushed no history entry and did not navigate")
	assert.Equal(t, entries, eval[int](t, ctx, `history.length`))
}

// The transcript loads from the server, follows playback, seeks on click,
// and finds text with next/previous.
func TestTranscript(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", ""))
	waitFor(t, ctx, "the transcript to load", `document.querySelectorAll(".es-seg").length === 6`)
	assert.Equal(t, "Ada Earshot", eval[string](t, ctx, `document.querySelector(".es-speaker").textContent`))

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-seg[data-t="90"]`)))
	waitFor(t, ctx, "the seek to 1:30", jsCurrentTime+` >= 90 && `+jsCurrentTime+` < 110`)
	waitFor(t, ctx, "the line to be highlighted", `(document.querySelector(".es-seg.es-active") || {}).dataset?.seg === "3"`)

	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(`.es-search-input`, "the")))
	waitFor(t, ctx, "matches counted", `document.querySelector(".es-search-status").textContent === "1 of 4"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[aria-label="Next match"]`)))
	waitFor(t, ctx, "the next match", `document.querySelector(".es-search-status").textContent === "2 of 4"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`[aria-label="Previous match"]`), chromedp.Click(`[aria-label="Previous match"]`)))
	waitFor(t, ctx, "wrap around backwards", `document.querySelector(".es-search-status").textContent === "4 of 4"`)
	assert.Equal(t, 4, eval[int](t, ctx, `document.querySelectorAll(".es-seg.es-match").length`))
}

// Keyboard shortcuts drive the player, and never fire while typing.
func TestKeyboardShortcuts(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", ""))
	key := func(k string) { require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(k))) }

	key("k")
	waitFor(t, ctx, "K to start playback", `earshot.audio && !earshot.audio.paused`)
	key("5")
	waitFor(t, ctx, "5 to jump to 50 %", jsCurrentTime+` >= 120 && `+jsCurrentTime+` < 125`)
	key(kb.ArrowRight)
	waitFor(t, ctx, "→ to skip 5 s", jsCurrentTime+` >= 125 && `+jsCurrentTime+` < 130`)
	key("j")
	waitFor(t, ctx, "J to go back 15 s", jsCurrentTime+` >= 110 && `+jsCurrentTime+` < 118`)
	key(">")
	waitFor(t, ctx, "Shift+. to speed up", `earshot.audio.playbackRate === 1.1`)
	key("m")
	waitFor(t, ctx, "M to mute", `earshot.audio.muted`)
	key("?")
	waitFor(t, ctx, "? to show the shortcuts", `!!document.querySelector(".es-help")`)
	key(kb.Escape)
	waitFor(t, ctx, "Escape to close them", `!document.querySelector(".es-help")`)
	key(" ")
	waitFor(t, ctx, "Space to pause", `earshot.audio.paused`)

	// Typing "k" into the transcript search must not start playback.
	waitFor(t, ctx, "the transcript search", `!!document.querySelector(".es-search-input")`)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(`.es-search-input`, "k m 0")))
	assert.Equal(t, "k m 0", eval[string](t, ctx, `document.querySelector(".es-search-input").value`), "every key reached the search field")
	assert.True(t, eval[bool](t, ctx, `earshot.audio.paused`), "typing k did not play")
	assert.True(t, eval[bool](t, ctx, `earshot.audio.muted`), "typing m did not unmute")
	assert.Greater(t, eval[float64](t, ctx, jsCurrentTime), 100.0, "typing 0 did not jump to the start")
}

// The speed is remembered per show across reloads, and so is the position
// (resume), in the browser's storage.
func TestSpeedAndPositionSurviveReload(t *testing.T) {
	base := server(t)
	url := episodeURL(base, "earshot-demo-1", "")
	ctx := live(t, url)
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(`.es-speed`, "1.5")))
	eval[bool](t, ctx, `(document.querySelector(".es-speed").dispatchEvent(new Event("change", {bubbles: true})), true)`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-chapters a[data-t="90"]`)))
	waitFor(t, ctx, "playback at 1.5×", `earshot.audio.playbackRate === 1.5 && !earshot.audio.paused`)
	waitFor(t, ctx, "a little playback", jsCurrentTime+` > 91`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "pause (which saves the position)", `earshot.audio.paused`)
	pos := eval[float64](t, ctx, jsCurrentTime)

	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitFor(t, ctx, "the wasm after reload", jsGoLive)
	waitFor(t, ctx, "the saved speed in the menu", `document.querySelector(".es-speed").value === "1.5"`)
	waitFor(t, ctx, "the saved position on the clock", `document.querySelector(".es-elapsed").textContent === "`+podcast.FormatClock(pos)+`"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "resume at the saved position and speed",
		jsCurrentTime+` >= `+formatFloat(pos-1)+` && `+jsCurrentTime+` < `+formatFloat(pos+10)+` && earshot.audio.playbackRate === 1.5`)
}

// Two embeds on one page: starting one pauses the other.
func TestOnePlayerPerPage(t *testing.T) {
	base := server(t)
	host := hostPage(t, `<iframe title="first" src="`+base+`/embed?guid=earshot-demo-1" width="600" height="300" allow="autoplay"></iframe>
<iframe title="second" src="`+base+`/embed?guid=earshot-demo-2" width="600" height="300" allow="autoplay"></iframe>`)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(host)))
	first := frame(t, ctx, "guid=earshot-demo-1")
	second := frame(t, ctx, "guid=earshot-demo-2")
	for _, f := range []context.Context{first, second} {
		require.NoError(t, chromedp.Do(f, chromedp.WaitVisible(`.es-play`)))
	}
	require.NoError(t, chromedp.Do(first, chromedp.Click(`.es-play`)))
	waitFor(t, first, "the first to play", `earshot.audio && !earshot.audio.paused`)
	require.NoError(t, chromedp.Do(second, chromedp.Click(`.es-play`)))
	waitFor(t, second, "the second to play", `earshot.audio && !earshot.audio.paused`)
	waitFor(t, first, "the first to pause", `earshot.audio.paused`)
}

// The OS media controls get the episode, show, chapter and artwork.
func TestMediaSessionMetadata(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", "&t=95"))
	waitFor(t, ctx, "metadata", `navigator.mediaSession.metadata && navigator.mediaSession.metadata.title === "Welcome to Earshot"`)
	assert.Equal(t, "Earshot Demo Radio", eval[string](t, ctx, `navigator.mediaSession.metadata.artist`))
	assert.Equal(t, "Chapters and share links · Earshot Demo Radio", eval[string](t, ctx, `navigator.mediaSession.metadata.album`))
	assert.Contains(t, eval[string](t, ctx, `navigator.mediaSession.metadata.artwork[0].src`), "/demo/cover.svg")
}

// axe-core finds no serious or critical accessibility problem on the
// episode page, the embed (each layout) and the show page.
func TestAccessibility(t *testing.T) {
	base := server(t)
	script := axeScript(t)
	for _, path := range []string{
		"/episode?guid=earshot-demo-1",
		"/embed?guid=earshot-demo-1",
		"/embed?guid=earshot-demo-2&layout=compact&theme=dark",
		"/embed?guid=earshot-demo-1&layout=mini",
		"/embed?layout=show&theme=dark",
		"/",
	} {
		t.Run(path, func(t *testing.T) {
			ctx := browser(t)
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+path)))
			waitFor(t, ctx, "the page content", `document.querySelector("main, .es-embed") !== null`)
			eval[bool](t, ctx, script+";true")
			// What most visitors of an embed see (the prerendered page and
			// the bridge), then the Go app.
			assert.Empty(t, axeViolations(t, ctx), "axe violations on %s before the takeover", path)
			if path == "/" {
				return // no player: nothing to take over
			}
			awaitTakeover(t, ctx)
			assert.Empty(t, axeViolations(t, ctx), "axe violations on %s", path)
			if strings.Contains(path, "layout=show") {
				// Search hits, with their marked words, in the list's place.
				require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(`.es-showsearch`, "share link")))
				waitFor(t, ctx, "the moments", `document.querySelectorAll(".es-moment mark").length > 2`)
				assert.Empty(t, axeViolations(t, ctx), "axe violations on %s with search hits", path)
			}
		})
	}
}

// The show page with search hits under its filter passes axe too.
func TestAccessibilityOfMoments(t *testing.T) {
	base := server(t)
	ctx := live0(t, base+"/show")
	eval[bool](t, ctx, axeScript(t)+";true")
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(`.es-filter`, "share link")))
	waitFor(t, ctx, "the moments", `document.querySelectorAll(".es-moment mark").length > 2`)
	assert.Empty(t, axeViolations(t, ctx), "axe violations with search hits")
}

// axeViolations runs axe-core (loaded into the page) and returns its serious
// and critical findings.
func axeViolations(t *testing.T, ctx context.Context) []map[string]any {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.html)}))))`,
		chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	var violations []map[string]any
	require.NoError(t, json.Unmarshal([]byte(res), &violations))
	return violations
}

// axeScript reads axe-core from e2e/node_modules (npm ci).
func axeScript(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core missing: run npm ci in e2e/ (%v)", err)
		}
		t.Skipf("axe-core missing: run npm ci in e2e/ (%v)", err)
	}
	return strings.TrimSpace(string(b))
}
