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
	if typing(ev) || flag(ev.Get("ctrlKey")) || flag(ev.Get("metaKey")) {
		return
	}
	tag := strings.ToLower(ev.Get("target").Get("tagName").String())
	if (key == " " || key == "Enter") && (tag == "button" || tag == "a" || tag == "summary") {
		return
	}
	alt, shift := flag(ev.Get("altKey")), flag(ev.Get("shiftKey"))
	// On a standalone page ↑/↓ keep scrolling unless the player has focus.
	if (key == "ArrowUp" || key == "ArrowDown") && !inIframe() && !p.hasFocus() {
		return
	}
	handled := true
	ctx.Dispatch(func(ctx app.Context) {
		switch {
		case key == " " || key == "k" || key == "K":
			p.togglePlay(ctx)
		case alt && key == "ArrowLeft":
			p.chapterStep(ctx, -1)
		case alt && key == "ArrowRight":
			p.chapterStep(ctx, +1)
		case key == "ArrowLeft":
			p.seekBy(ctx, -arrowSeek)
		case key == "ArrowRight":
			p.seekBy(ctx, arrowSeek)
		case key == "j" || key == "J":
			p.seekBy(ctx, -skipBack)
		case key == "l" || key == "L":
			p.seekBy(ctx, skipBack)
		case key == "ArrowUp":
			p.setVolume(p.volume + volumeStep)
		case key == "ArrowDown":
			p.setVolume(p.volume - volumeStep)
		case key == "m" || key == "M":
			p.toggleMute(ctx)
		case shift && (key == "<" || key == ","):
			p.stepRate(-1)
		case shift && (key == ">" || key == "."):
			p.stepRate(+1)
		case key == "?":
			p.help = !p.help
		case len(key) == 1 && key[0] >= '0' && key[0] <= '9' && !alt && !shift:
			if d := p.total(); d > 0 {
				p.seekBy(ctx, d*float64(key[0]-'0')/10-p.currentTime())
			}
		}
	})
	switch {
	case key == " ", key == "k", key == "K", key == "j", key == "J", key == "l", key == "L",
		key == "m", key == "M", key == "?", key == "ArrowLeft", key == "ArrowRight",
		key == "ArrowUp", key == "ArrowDown":
	case shift && (key == "<" || key == "," || key == ">" || key == "."):
	case len(key) == 1 && key[0] >= '0' && key[0] <= '9':
	default:
		handled = false
	}
	if handled {
		ev.Call("preventDefault")
	}
}

// hasFocus reports whether keyboard focus is inside this player.
func (p *Player) hasFocus() bool {
	root := p.JSValue()
	active := app.Window().Get("document").Get("activeElement")
	return root != nil && root.Truthy() && active.Truthy() && flag(root.Call("contains", active))
}
