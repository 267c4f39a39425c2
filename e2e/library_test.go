package e2e

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/library"
)

// subscribe adds a show by URL on the library page.
func subscribe(t *testing.T, ctx contextT, feed string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(`#es-addurl`, feed),
	))
	eval[bool](t, ctx, `(document.querySelector("#es-addurl").dispatchEvent(new Event("input", {bubbles: true})), true)`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-subscribe`)))
}

// storedLibrary reads the library the app saved in the browser.
func storedLibrary(t *testing.T, ctx contextT) library.Library {
	t.Helper()
	raw := eval[string](t, ctx, `localStorage.getItem("earshot:library") || ""`)
	require.NotEmpty(t, raw, "a library is stored")
	lib, err := library.Unmarshal([]byte(raw))
	require.NoError(t, err)
	return lib
}

func feedURLs(lib library.Library) []string {
	var out []string
	for _, s := range lib.Subscriptions {
		out = append(out, s.FeedURL)
	}
	sort.Strings(out)
	return out
}

// Subscribing to two shows, a clear error for a refused one, and OPML out
// of one browser and into another loses nothing.
func TestLibrarySubscribeAndOPML(t *testing.T) {
	base := server(t)
	demo := base + "/demo/feed.xml"
	other := feedsURL + "/feeds/12.xml"
	ctx := live0(t, base+"/library")
	subscribe(t, ctx, demo)
	waitFor(t, ctx, "the demo show in the library", `[...document.querySelectorAll(".es-sub a")].some(a => a.textContent === "Earshot Demo Radio")`)
	subscribe(t, ctx, other)
	waitFor(t, ctx, "two shows", `document.querySelectorAll(".es-sub").length === 2`)
	subscribe(t, ctx, "http://10.0.0.1/feed.xml")
	waitFor(t, ctx, "the server's error for a private address", `(document.querySelector(".es-library .es-error") || {}).textContent?.includes("private network")`)
	want := []string{demo, other}
	sort.Strings(want)
	assert.Equal(t, want, feedURLs(storedLibrary(t, ctx)))

	// Export through the button: the browser downloads the file.
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-export`)))
	file := filepath.Join(dir, "earshot-subscriptions.opml")
	require.Eventually(t, func() bool { _, err := os.Stat(file); return err == nil }, 20*time.Second, 100*time.Millisecond, "the OPML download")
	opml, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(opml), "Earshot Demo Radio")

	// Import into a fresh browser.
	ctx2 := live0(t, base+"/library")
	require.NoError(t, chromedp.Do(ctx2, chromedp.SetUploadFiles(`#es-opml`, []string{file}, chromedp.NodeReady)))
	waitFor(t, ctx2, "the import", `(document.querySelector(".es-library .es-muted[aria-live]") || {}).textContent === "2 shows imported."`)
	waitFor(t, ctx2, "both shows listed", `document.querySelectorAll(".es-sub").length === 2`)
	assert.Equal(t, want, feedURLs(storedLibrary(t, ctx2)), "the round trip loses nothing")
	waitFor(t, ctx2, "titles after refresh", `[...document.querySelectorAll(".es-sub a")].some(a => a.textContent === "Earshot Demo Radio")`)
}

// Queued episodes play one after the other: when one ends the next opens
// and plays.
func TestQueueAutoAdvance(t *testing.T) {
	base := server(t)
	ctx := live0(t, base+"/")
	waitFor(t, ctx, "the episode list", `document.querySelectorAll(".es-queuebtn").length === 3`)
	// Queue the trailer (45 s), then episode 2.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-ep:nth-child(3) .es-queuebtn`)))
	waitFor(t, ctx, "the trailer queued", `document.querySelector(".es-ep:nth-child(3) .es-queuebtn").textContent === "✓"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-ep:nth-child(2) .es-queuebtn`)))
	waitFor(t, ctx, "episode 2 queued", `document.querySelector(".es-ep:nth-child(2) .es-queuebtn").textContent === "✓"`)
	lib := storedLibrary(t, ctx)
	require.Len(t, lib.Queue, 2)
	assert.Equal(t, "earshot-demo-0", lib.Queue[0].GUID)

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(episodeURL(base, "earshot-demo-0", "&t=0:42"))))
	waitFor(t, ctx, "the wasm", jsGoLive)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the next episode to open", `location.search.includes("earshot-demo-2")`)
	waitFor(t, ctx, "and play", `earshot.audio && earshot.audio.src.endsWith("/demo/audio/2.wav") && !earshot.audio.paused && `+jsCurrentTime+` > 0.3`)
	waitFor(t, ctx, "its title", `document.querySelector(".es-title").textContent.startsWith("Simple Chapters, inline")`)
	assert.Less(t, eval[float64](t, ctx, jsCurrentTime), 20.0, "the next episode starts at its beginning, not at the previous one's position")
	require.NoError(t, chromedp.Do(ctx, chromedp.Sleep(1500)))
	assert.False(t, eval[bool](t, ctx, `!!document.querySelector(".es-title .es-badge")`), "and is not marked played")
	assert.NotContains(t, eval[string](t, ctx, `localStorage.getItem(document.querySelector("[data-es-key]").getAttribute("data-es-key")) || ""`), `"finished":true`)
	lib = storedLibrary(t, ctx)
	require.Len(t, lib.Queue, 1, "the finished episode left the queue")
	assert.Equal(t, "earshot-demo-2", lib.Queue[0].GUID)
}

// A library stored by an earlier version of the app (the frozen v1 file)
// opens in this one; one from a newer version is kept untouched.
func TestLibrarySurvivesVersionChange(t *testing.T) {
	base := server(t)
	v1, err := os.ReadFile(filepath.Join("..", "library", "testdata", "library-v1.json"))
	require.NoError(t, err)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/healthz")))
	eval[bool](t, ctx, `(localStorage.setItem("earshot:library", `+jsString(string(v1))+`), true)`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/library")))
	waitFor(t, ctx, "the v1 library's shows", `document.querySelectorAll(".es-sub").length === 2`)
	waitFor(t, ctx, "its queue", `document.querySelectorAll(".es-queue li").length >= 1`)

	newer := strings.Replace(string(v1), `"version": 1`, `"version": 99`, 1)
	eval[bool](t, ctx, `(localStorage.setItem("earshot:library", `+jsString(newer)+`), true)`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitFor(t, ctx, "a message, not an empty library", `(document.querySelector(".es-library .es-error") || {}).textContent?.includes("newer version")`)
	subscribe(t, ctx, base+"/demo/feed.xml")
	waitFor(t, ctx, "the refusal to overwrite", `document.querySelectorAll(".es-library .es-error").length >= 2`)
	assert.Equal(t, newer, eval[string](t, ctx, `localStorage.getItem("earshot:library")`), "the newer library is untouched")
}

// An episode downloaded for offline listening plays with the network off,
// and can be removed again.
func TestOfflineDownload(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-0", ""))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-download`)))
	waitFor(t, ctx, "the download", `document.querySelector(".es-download").textContent === "Downloaded ✓ (remove)"`)
	waitFor(t, ctx, "the space used", `(document.querySelector(".es-dlnote") || {}).textContent?.includes(" MB")`)

	// A new visit finds the download and plays it with the network off.
	ctx2 := ctx
	require.NoError(t, chromedp.Do(ctx2, chromedp.Reload()))
	waitFor(t, ctx2, "the wasm", jsGoLive)
	waitFor(t, ctx2, "the stored copy chosen", `document.querySelector(".es-player").dataset.esSrc.startsWith("blob:")`)
	setOffline(t, ctx2, true)
	require.NoError(t, chromedp.Do(ctx2, chromedp.Click(`.es-play`)))
	waitFor(t, ctx2, "offline playback", jsCurrentTime+` > 0.5 && earshot.audio.src.startsWith("blob:")`)
	setOffline(t, ctx2, false)

	require.NoError(t, chromedp.Do(ctx2, chromedp.Click(`.es-download`)))
	waitFor(t, ctx2, "the removal", `document.querySelector(".es-download").textContent === "Download for offline"`)
	stored, err := chromedp.Run(ctx2, chromedp.Evaluate[bool](
		`caches.open("earshot-audio-v1").then(c => c.match(new URL("/demo/audio/0.wav", location.href).href)).then(r => !!r)`,
		chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.False(t, stored, "the stored copy is gone")
}

// setOffline turns the tab's network off or back on.
func setOffline(t *testing.T, ctx contextT, off bool) {
	t.Helper()
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	require.NoError(t, err)
}

// The library lists what the listener left half-heard, and the queue can be
// reordered and pruned there.
func TestLibraryResumeAndQueueEditing(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", "&t=1:30"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback", jsCurrentTime+` > 91`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the pause", `earshot.audio.paused`)

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/")))
	waitFor(t, ctx, "the episode list", `document.querySelectorAll(".es-queuebtn").length === 3`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-ep:nth-child(3) .es-queuebtn`)))
	waitFor(t, ctx, "one queued", `document.querySelector(".es-ep:nth-child(3) .es-queuebtn").textContent === "✓"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-ep:nth-child(2) .es-queuebtn`)))
	waitFor(t, ctx, "two queued", `document.querySelector(".es-ep:nth-child(2) .es-queuebtn").textContent === "✓"`)

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/library")))
	waitFor(t, ctx, "continue listening", `[...document.querySelectorAll(".es-resume a")].some(a => a.textContent === "Welcome to Earshot")`)
	queue := `[...document.querySelectorAll(".es-queue li a")].map(a => a.textContent).join("|")`
	waitFor(t, ctx, "the queue in order", queue+` === "Trailer|Simple Chapters, inline"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-queue li:first-child [aria-label^="Move down"]`)))
	waitFor(t, ctx, "the reordered queue", queue+` === "Simple Chapters, inline|Trailer"`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-queue li:last-child [aria-label^="Remove from queue"]`)))
	waitFor(t, ctx, "one left", queue+` === "Simple Chapters, inline"`)
	lib := storedLibrary(t, ctx)
	require.Len(t, lib.Queue, 1)
	assert.Equal(t, "earshot-demo-2", lib.Queue[0].GUID)
}
