package e2e

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"
)

// monkeySeed fixes the monkey's choices: a failure replays exactly.
const monkeySeed = 20261203

// monkeySteps is how many controls the monkey operates on each page after
// it has operated every control once.
const monkeySteps = 25

// monkeyTarget is one interactive element of the page.
type monkeyTarget struct {
	I     int    `json:"i"`
	Tag   string `json:"tag"`
	Type  string `json:"type"`
	Label string `json:"label"`
}

func (m monkeyTarget) key() string { return m.Tag + "/" + m.Type + "/" + m.Label }

// jsMonkeyTargets lists the page's visible, enabled controls. Links that
// leave the page are left out (they would end the run, not test it), and
// so are file pickers (a native dialog); the show embed's search hits play
// in place, so they are in.
const jsMonkeyTargets = `(() => {
  const els = [...document.querySelectorAll('button, a[data-t], a[href^="#"], .es-showembed a.es-moment, input, select, textarea, [role=tab], summary')]
    .filter(e => !e.disabled && e.type !== "file" && e.getClientRects().length && !e.closest("[hidden]"));
  window.__monkey = els;
  return els.map((e, i) => ({i, tag: e.tagName.toLowerCase(), type: e.type || "",
    label: (e.getAttribute("aria-label") || e.textContent || e.className || e.name || "").trim().replace(/\d+/g, "#").slice(0, 40)}));
})()`

// TestMonkey operates every control of every page and embed layout, after
// the takeover, with real input (clicks, drags, arrow keys, typing) in a
// seeded random order, at desktop width and at 320 px. No Go panic or
// uncaught exception may happen (the crash watcher fails the test), and
// afterwards the audio must still answer the play button.
func TestMonkey(t *testing.T) {
	base := server(t)
	pages := []string{
		"/episode?guid=earshot-demo-1",
		"/episode?guid=earshot-demo-2",
		"/embed?guid=earshot-demo-1&layout=full",
		"/embed?guid=earshot-demo-1&layout=compact",
		"/embed?guid=earshot-demo-1&layout=mini",
		"/embed?layout=show",
		"/show",
		"/library",
	}
	for i, path := range pages {
		for _, width := range []int{1024, 320} {
			if width == 320 && !strings.HasPrefix(path, "/embed") && path != "/episode?guid=earshot-demo-1" {
				continue
			}
			name := strings.NewReplacer("/", "", "?", " ", "&", " ").Replace(path)
			t.Run(fmt.Sprintf("%s at %d", name, width), func(t *testing.T) {
				monkeyPage(t, base+path, width, monkeySeed+int64(i*1000+width))
			})
		}
	}
}

func monkeyPage(t *testing.T, url string, width int, seed int64) {
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 720), chromedp.Navigate(url)))
	// Pointer over the page: intent, which an embed waits for.
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5)))
	waitFor(t, ctx, "the app to run", jsAppRuns+` && (!document.querySelector("[data-es-src]") || earshot.live)`)
	eval[bool](t, ctx, `(window.confirm = () => true, window.alert = () => {}, window.prompt = () => "", true)`)

	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	done := map[string]bool{}
	var log []string
	for step := 0; ; step++ {
		targets := eval[[]monkeyTarget](t, ctx, jsMonkeyTargets)
		require.NotEmpty(t, targets, "the page has controls")
		var fresh []monkeyTarget
		for _, m := range targets {
			if !done[m.key()] {
				fresh = append(fresh, m)
			}
		}
		if len(fresh) == 0 && step > len(done)+monkeySteps {
			break
		}
		if step > 400 {
			t.Fatalf("the page keeps growing new controls: %v", log[len(log)-10:])
		}
		pool := fresh
		if len(pool) == 0 {
			pool = targets
		}
		m := pool[rng.IntN(len(pool))]
		done[m.key()] = true
		action := monkeyAct(t, ctx, rng, m)
		log = append(log, action)
		require.Zero(t, crashCount(ctx), "crashed after: %s", strings.Join(log, " → "))
		// Stay on the page under test (a control may navigate in-app).
		if eval[string](t, ctx, `location.pathname + location.search`) != strings.TrimPrefix(url, server(t)) {
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)))
			require.NoError(t, chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5)))
			waitFor(t, ctx, "the app to run again", `!!window.goappNav && (!document.querySelector("[data-es-src]") || earshot.live)`)
			eval[bool](t, ctx, `(window.confirm = () => true, window.alert = () => {}, true)`)
		}
	}
	t.Logf("%d actions on %d controls: %s", len(log), len(done), strings.Join(log, " → "))

	if eval[bool](t, ctx, `!!document.querySelector(".es-play")`) {
		require.True(t, eval[bool](t, ctx, `earshot.live && !earshot.dead`), "the Go app is alive after: %s", strings.Join(log, " → "))
		// A dialog the monkey left open (share, shortcuts) covers the
		// player, as it should; Escape closes it, as a listener would.
		for i := 0; i < 3 && eval[bool](t, ctx, jsDialogOpen); i++ {
			require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)))
			time.Sleep(100 * time.Millisecond)
		}
		require.False(t, eval[bool](t, ctx, jsDialogOpen), "Escape closes the dialogs; focus on %s; after: %s",
			eval[string](t, ctx, `document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : "nothing"`), strings.Join(log, " → "))
		before := eval[bool](t, ctx, `!earshot.audio || earshot.audio.paused`)
		state := eval[string](t, ctx, jsPlayState)
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
		want, what := `earshot.audio.paused`, "the play button to still pause"
		if before {
			want, what = `!!earshot.audio && !earshot.audio.paused`, "the play button to still play"
		}
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](want, chromedp.WithPollingTimeout(15*time.Second)))
		require.NoError(t, err, "waiting for %s; before the click %s; after it %s; after: %s",
			what, state, eval[string](t, ctx, jsPlayState), strings.Join(log, " → "))
	}
}

// jsDialogOpen is true while a dialog covers the page.
const jsDialogOpen = `!!document.querySelector("dialog[open], .es-help")`

// jsPlayState describes the audio and what is under the play button, for a
// failure message.
const jsPlayState = `(() => {
  const a = earshot.audio, b = document.querySelector(".es-play"), r = b.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return JSON.stringify({paused: a && a.paused, t: a && a.currentTime, ended: a && a.ended, ready: a && a.readyState,
    label: b.getAttribute("aria-label"), under: top && (top.tagName + "." + top.className), dialog: ` + jsDialogOpen + `});
})()`

// monkeyAct operates m the way a person would and says what it did.
func monkeyAct(t *testing.T, ctx contextT, rng *rand.Rand, m monkeyTarget) string {
	t.Helper()
	type box struct{ X, Y, W, H float64 }
	b := eval[box](t, ctx, fmt.Sprintf(`(() => { const e = window.__monkey[%d]; e.scrollIntoView({block: "center", inline: "center"});
	  const r = e.getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height} })()`, m.I))
	cx, cy := b.X+b.W/2, b.Y+b.H/2
	what := m.Tag + "[" + m.Type + "] " + m.Label
	var err error
	switch {
	case m.Tag == "input" && m.Type == "range":
		if rng.IntN(2) == 0 { // drag from one point to another
			x0, x1 := b.X+rng.Float64()*b.W, b.X+rng.Float64()*b.W
			err = chromedp.Do(ctx,
				chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, cy, chromedp.ButtonLeft),
				chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (x0+x1)/2, cy, chromedp.ButtonLeft),
				chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x1, cy, chromedp.ButtonLeft),
				chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, cy, chromedp.ButtonLeft))
			what = "drag " + what
		} else {
			keys := []string{kb.ArrowRight, kb.ArrowLeft, kb.ArrowUp, kb.Home, kb.End, kb.PageUp}
			k := keys[rng.IntN(len(keys))]
			err = chromedp.Do(ctx, chromedp.MouseClickXY(cx, cy), chromedp.KeyEvent(k), chromedp.KeyEvent(k))
			what = "keys " + what
		}
	case m.Tag == "select":
		keys := []string{kb.ArrowDown, kb.ArrowUp, kb.End, kb.Home}
		eval[bool](t, ctx, fmt.Sprintf(`(window.__monkey[%d].focus(), true)`, m.I))
		err = chromedp.Do(ctx, chromedp.KeyEvent(keys[rng.IntN(len(keys))]))
		what = "choose " + what
	case m.Tag == "textarea" || (m.Tag == "input" && m.Type != "checkbox" && m.Type != "radio" && m.Type != "button" && m.Type != "submit"):
		texts := []string{"1:30", "chapter", "https://127.0.0.1/feed.xml", "ü<b>\"'", ""}
		if m.Type == "search" { // words the demo show has, so that hits appear to be clicked
			texts = []string{"chapter", "share link", "1:30", "ü<b>\"'"}
		}
		// A listener replaces what the field holds rather than appending.
		eval[bool](t, ctx, fmt.Sprintf(`(window.__monkey[%d].value = "", true)`, m.I))
		err = chromedp.Do(ctx, chromedp.MouseClickXY(cx, cy), chromedp.KeyEvent(texts[rng.IntN(len(texts))]), chromedp.KeyEvent(kb.Enter))
		what = "type into " + what
	default:
		err = chromedp.Do(ctx, chromedp.MouseClickXY(cx, cy))
		if rng.IntN(4) == 0 { // and a key while it has focus
			err = chromedp.Do(ctx, chromedp.KeyEvent([]string{" ", kb.ArrowRight, kb.Escape, "k", "m", "?"}[rng.IntN(6)]))
		}
		what = "click " + what
	}
	require.NoError(t, err, what)
	time.Sleep(60 * time.Millisecond)
	return what
}
