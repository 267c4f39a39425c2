package e2e

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// playerJSLib is the player.js library from npm (e2e/node_modules).
func playerJSLib(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("node_modules", "player.js", "dist", "player-0.1.0.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("player.js missing: run npm ci in e2e/ (%v)", err)
		}
		t.Skipf("player.js missing: run npm ci in e2e/ (%v)", err)
	}
	return b
}

// blog serves a page of another site (localhost, its own port) with the
// snippet and a script, plus the player.js library at /player.js.
func blog(t *testing.T, snippet, script string, lib []byte) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/player.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(lib)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My blog</title>
<script src="/player.js"></script></head><body><h1>New episode!</h1>`+snippet+`<script>`+script+`</script></body></html>`)
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return "http://localhost:" + port + "/"
}

// A blog on another site pastes the snippet from /api/embed: the iframe
// plays from the link's time, resizes to its content, and the host page
// drives it with the real player.js library.
func TestEmbedOnAnotherSite(t *testing.T) {
	base := server(t)
	lib := playerJSLib(t)
	res := get(t, base+"/api/embed?guid=earshot-demo-1&layout=full&t=1:30&resizer=1")
	require.Equal(t, http.StatusOK, res.StatusCode)
	snippet, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Contains(t, string(snippet), "<iframe")

	host := blog(t, string(snippet), `
window.log = [];
var player = new playerjs.Player(document.querySelector("iframe"));
player.on("ready", function () {
  window.pjsReady = true;
  window.supportsChapters = player.supports("event", "chapterchange");
  player.on("play", function () { log.push("play"); });
  player.on("pause", function () { log.push("pause"); });
  player.on("timeupdate", function (d) { window.lastTime = d.seconds; window.lastDuration = d.duration; });
  player.on("chapterchange", function (c) { window.lastChapter = c.title; });
  player.getCurrentTime(function (s) { window.startTime = s; });
  player.getDuration(function (d) { window.duration = d; });
});`, lib)

	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(host)))
	waitFor(t, ctx, "player.js ready (the wasm took over in the iframe)", `window.pjsReady === true`)
	assert.True(t, eval[bool](t, ctx, `window.supportsChapters`), "chapterchange is announced in ready")
	waitFor(t, ctx, "getCurrentTime to answer the link's time", `window.startTime === 90`)
	waitFor(t, ctx, "getDuration to answer", `window.duration === 240`)

	waitFor(t, ctx, "the iframe to take its content's height", `document.querySelector("iframe").style.height !== ""`)
	h, err := strconv.Atoi(eval[string](t, ctx, `document.querySelector("iframe").style.height.replace("px", "")`))
	require.NoError(t, err)
	assert.Greater(t, h, 200, "the full layout with its tabs is taller than the compact one")

	eval[bool](t, ctx, `(player.play(), true)`)
	waitFor(t, ctx, "the play event", `log.includes("play")`)
	waitFor(t, ctx, "timeupdates from 1:30", `window.lastTime >= 90 && window.lastTime < 110 && window.lastDuration === 240`)

	eval[bool](t, ctx, `(player.setCurrentTime(152), true)`)
	waitFor(t, ctx, "the seek", `window.lastTime >= 152 && window.lastTime < 170`)
	waitFor(t, ctx, "the chapterchange event", `window.lastChapter === "Embedding the player"`)

	eval[bool](t, ctx, `(player.setVolume(40), player.getVolume(function (v) { window.volume = v; }), true)`)
	waitFor(t, ctx, "the volume", `Math.round(window.volume) === 40`)
	eval[bool](t, ctx, `(player.pause(), player.getPaused(function (p) { window.paused = p; }), true)`)
	waitFor(t, ctx, "the pause event", `log.includes("pause")`)
	waitFor(t, ctx, "getPaused", `window.paused === true`)
	assert.Equal(t, host, eval[string](t, ctx, `location.href`), "the host page did not navigate")
}
