package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsMoments lists the search hits shown as [episode, kind, time, marked words].
const jsMoments = `[...document.querySelectorAll(".es-moment")].map(m => [m.querySelector(".es-momentep").textContent, m.querySelector(".es-badge").textContent, m.querySelector(".es-time").textContent, [...m.querySelectorAll("mark")].map(k => k.textContent).join(" ")])`

// Find the moment in a show embed on a blog: the visitor plays episode 2
// from the list, searches the show for a word said in episode 1's
// transcript, and the hit plays episode 1 at that second, in place.
func TestShowEmbedFindsTheMoment(t *testing.T) {
	base := server(t)
	host := hostPage(t, `<iframe title="player" src="`+base+`/embed?layout=show" width="600" height="480" allow="autoplay"></iframe>`)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(host)))
	historyBefore := eval[int](t, ctx, `history.length`)
	fctx := frame(t, ctx, "/embed?")
	waitFor(t, fctx, "the list", `document.querySelectorAll(".es-row").length === 3`)
	assert.True(t, eval[bool](t, fctx, `document.querySelector(".es-showsearch").disabled`), "the search field waits for the app")

	require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-row[data-es-ep-guid="earshot-demo-2"]`)))
	waitFor(t, fctx, "episode 2 to play", jsCurrentTime+` > 0.3 && !earshot.audio.paused`)
	waitFor(t, fctx, "the app to take over", jsGoLive)
	waitFor(t, fctx, "the search field", `!document.querySelector(".es-showsearch").disabled`)

	require.NoError(t, chromedp.Do(fctx, chromedp.SendKeys(`.es-showsearch`, "iframe blogg")))
	waitFor(t, fctx, "the moments", `document.querySelectorAll(".es-moment").length > 0 && !document.querySelector(".es-row")`)
	moments := eval[[][]string](t, fctx, jsMoments)
	assert.Equal(t, []string{"Welcome to Earshot", "Transcript", "2:30", "iframe blog"}, moments[0],
		"the line said at 2:30, found with a typo, its words marked")
	assert.Contains(t, eval[string](t, fctx, `document.querySelector(".es-searchstatus").textContent`), "Moments found:")
	href := eval[string](t, fctx, `document.querySelector(".es-moment").getAttribute("href")`)
	u, err := url.Parse(href)
	require.NoError(t, err)
	assert.Equal(t, "earshot-demo-1", u.Query().Get("guid"))
	assert.Equal(t, "2:30", u.Query().Get("t"), "the hit is a time link that shares as one")

	require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-moment`)))
	waitFor(t, fctx, "episode 1 to play from 2:30", `document.querySelector(".es-player .es-title")?.textContent === "Welcome to Earshot" && !earshot.audio.paused && `+
		jsCurrentTime+` >= 150 && `+jsCurrentTime+` < 160`)
	assert.Equal(t, historyBefore, eval[int](t, ctx, `history.length`), "the host page's history is untouched")
	assert.Contains(t, eval[string](t, fctx, `location.href`), "layout=show", "the frame never navigated")

	// A chapter hit in the episode that plays seeks it.
	retype(t, fctx, `.es-showsearch`, "what earshot is")
	waitFor(t, fctx, "the chapter", `document.querySelector(".es-moment .es-badge")?.textContent === "Chapter"`)
	require.NoError(t, chromedp.Do(fctx, chromedp.Click(`.es-moment`)))
	waitFor(t, fctx, "the seek to 0:30", jsCurrentTime+` >= 30 && `+jsCurrentTime+` < 40 && !earshot.audio.paused`)

	// Nothing found, said so; an emptied field brings the list back.
	retype(t, fctx, `.es-showsearch`, "xylophone")
	waitFor(t, fctx, "no moments", `document.querySelector(".es-searchstatus")?.textContent.includes("xylophone")`)
	retype(t, fctx, `.es-showsearch`, "")
	waitFor(t, fctx, "the list back", `document.querySelectorAll(".es-row").length === 3`)
}

// The show page finds moments under its filter; a hit opens the episode
// playing from that second.
func TestShowPageFindsTheMoment(t *testing.T) {
	base := server(t)
	ctx := live0(t, base+"/show")
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(`.es-filter`, "written in go")))
	waitFor(t, ctx, "the moments", `document.querySelectorAll(".es-moment").length > 1`)
	moments := eval[[][]string](t, ctx, jsMoments)
	kinds := []string{}
	for _, m := range moments {
		kinds = append(kinds, m[1])
	}
	assert.Equal(t, []string{"Welcome to Earshot", "0:30"}, []string{moments[0][0], moments[0][2]}, "the line said at 0:30")
	assert.Contains(t, moments[0][3], "written in Go")
	assert.Contains(t, kinds, "Transcript")
	assert.Contains(t, kinds, "Show notes", "the show-notes line with its timestamp")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-moment`)))
	waitFor(t, ctx, "the episode to play from 0:30", `location.pathname === "/episode" && window.earshot && earshot.audio && !earshot.audio.paused && `+jsCurrentTime+` >= 30 && `+jsCurrentTime+` < 40`)
	assert.Contains(t, eval[string](t, ctx, `location.search`), "t=0:30")

	// Bad queries are answered in words, not errors of the page.
	ctx = live0(t, base+"/show")
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(`.es-filter`, strings.Repeat("a", 301))))
	waitFor(t, ctx, "an answer to 301 letters", `document.querySelector(".es-searchstatus")?.textContent.startsWith("That search is too long.")`)
	retype(t, ctx, `.es-filter`, "***")
	waitFor(t, ctx, "an answer to ***", `document.querySelector(".es-searchstatus")?.textContent === "Type a word to search for."`)
	retype(t, ctx, `.es-filter`, "東京 Москва")
	waitFor(t, ctx, "an answer in other scripts", `document.querySelector(".es-searchstatus")?.textContent === "Nothing in this show matches “東京 Москва”."`)
	retype(t, ctx, `.es-filter`, "(chapter|link)*")
	waitFor(t, ctx, "regular-expression characters taken as words", `document.querySelector(".es-searchstatus")?.textContent.startsWith("Moments found:")`)
}

// retype empties the field sel (as a listener would, with an input event)
// and types text into it.
func retype(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	eval[bool](t, ctx, `(el => (el.value = "", el.dispatchEvent(new Event("input", {bubbles: true})), true))(document.querySelector(`+jsString(sel)+`))`)
	if text != "" {
		require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(sel, text)))
	}
}
