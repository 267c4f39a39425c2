package app

import (
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// shortcuts is the keyboard help, in display order.
var shortcuts = []struct{ keys, what string }{
	{"{space} / K", "keyPlay"},
	{"← / →", "keySeek5"},
	{"J / L", "keySeek15"},
	{"{alt} + ← / →", "keyChapter"},
	{"↑ / ↓", "keyVolume"},
	{"M", "keyMute"},
	{"{shift} + , / .", "keySpeed"},
	{"0–9", "keyJump"},
	{"?", "keyHelp"},
}

// typing reports whether a key event is aimed at a text field, where
// shortcuts must never fire.
func typing(ev app.Value) bool {
	t := ev.Get("target")
	if !t.Truthy() || !t.Get("tagName").Truthy() {
		return false
	}
	if flag(t.Get("isContentEditable")) {
		return true
	}
	switch strings.ToLower(t.Get("tagName").String()) {
	case "textarea", "select":
		return true
	case "input":
		kind := strings.ToLower(t.Get("type").String())
		return kind != "range" && kind != "button" && kind != "checkbox" && kind != "radio"
	}
	return false
}

// onKey maps keys to player actions. Keys on a focused button or link keep
// their native meaning (Space and Enter press it).
func (p *Player) onKey(ctx app.Context, ev app.Value) {
	if p.View == nil {
		return
	}
	key := ev.Get("key").String()
	// Escape closes the shortcuts dialog wherever focus is, a text field
	// included: a dialog that only its Close button can dismiss traps people.
	if key == "Escape" && p.help {
		ctx.Dispatch(func(app.Context) { p.help = false })
		return
	}
	if p.leavesKey(ev, key) {
		return
	}
	do := p.shortcut(key, flag(ev.Get("altKey")), flag(ev.Get("shiftKey")))
	if do == nil {
		return
	}
	ev.Call("preventDefault")
	ctx.Dispatch(do)
}

// leavesKey reports whether key belongs to what has focus rather than to
// the player: typing in a field, a browser shortcut, Space or Enter on a
// button or link, and ↑/↓ scrolling a standalone page while the player
// has no focus.
func (p *Player) leavesKey(ev app.Value, key string) bool {
	if typing(ev) || flag(ev.Get("ctrlKey")) || flag(ev.Get("metaKey")) {
		return true
	}
	tag := strings.ToLower(ev.Get("target").Get("tagName").String())
	if (key == " " || key == "Enter") && (tag == "button" || tag == "a" || tag == "summary") {
		return true
	}
	return (key == "ArrowUp" || key == "ArrowDown") && !inIframe() && !p.hasFocus()
}

// shortcut is what key does (the shortcuts dialog lists them), nil for
// nothing.
func (p *Player) shortcut(key string, alt, shift bool) func(app.Context) {
	switch {
	case key == " " || key == "k" || key == "K":
		return p.togglePlay
	case alt && key == "ArrowLeft":
		return func(ctx app.Context) { p.chapterStep(ctx, -1) }
	case alt && key == "ArrowRight":
		return func(ctx app.Context) { p.chapterStep(ctx, +1) }
	case key == "ArrowLeft":
		return func(ctx app.Context) { p.seekBy(ctx, -arrowSeek) }
	case key == "ArrowRight":
		return func(ctx app.Context) { p.seekBy(ctx, arrowSeek) }
	case key == "j" || key == "J":
		return func(ctx app.Context) { p.seekBy(ctx, -skipBack) }
	case key == "l" || key == "L":
		return func(ctx app.Context) { p.seekBy(ctx, skipBack) }
	case key == "ArrowUp":
		return func(app.Context) { p.setVolume(p.volume + volumeStep) }
	case key == "ArrowDown":
		return func(app.Context) { p.setVolume(p.volume - volumeStep) }
	case key == "m" || key == "M":
		return p.toggleMute
	case shift && (key == "<" || key == ","):
		return func(app.Context) { p.stepRate(-1) }
	case shift && (key == ">" || key == "."):
		return func(app.Context) { p.stepRate(+1) }
	case key == "?":
		return func(app.Context) { p.help = !p.help }
	case len(key) == 1 && key[0] >= '0' && key[0] <= '9' && !alt && !shift:
		return func(ctx app.Context) {
			if d := p.total(); d > 0 {
				p.seekBy(ctx, d*float64(key[0]-'0')/10-p.currentTime())
			}
		}
	}
	return nil
}

// hasFocus reports whether keyboard focus is inside this player.
func (p *Player) hasFocus() bool {
	root := p.JSValue()
	active := app.Window().Get("document").Get("activeElement")
	return root != nil && root.Truthy() && active.Truthy() && flag(root.Call("contains", active))
}
