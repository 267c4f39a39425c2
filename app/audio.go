package app

import (
	"context"
	"errors"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// This file is the only place that talks to the browser's media API, through
// the audio bridge (web/bridge.js) that owns the one Audio object. The bridge
// exists so playback survives go-app replacing the prerendered DOM; see
// ARCHITECTURE.md, "go-app replaces, it does not hydrate".

// audioBridge is the page's window.earshot object.
type audioBridge struct{ v app.Value }

func bridge() audioBridge {
	if !app.IsClient {
		return audioBridge{}
	}
	return audioBridge{v: app.Window().Get("earshot")}
}

func (b audioBridge) ok() bool { return b.v != nil && b.v.Truthy() }

// takeover tells the bridge that Go now handles the controls.
func (b audioBridge) takeover() {
	if b.ok() {
		b.v.Call("takeover")
	}
}

// audio returns the Audio object, or nil when nothing has been loaded yet.
func (b audioBridge) audio() app.Value {
	if !b.ok() {
		return nil
	}
	a := b.v.Get("audio")
	if !a.Truthy() {
		return nil
	}
	return a
}

// source is the URL the Audio object plays, "" when none.
func (b audioBridge) source() string {
	if !b.ok() {
		return ""
	}
	return b.v.Get("src").String()
}

// load makes the Audio object play src (starting at start when src is new)
// and returns it.
func (b audioBridge) load(src string, start float64) app.Value {
	if !b.ok() {
		return nil
	}
	return b.v.Call("load", src, start)
}

// clipEnd is where the bridge pauses the clip it started before the
// takeover, 0 for none or once it has paused there.
func (b audioBridge) clipEnd() float64 {
	if !b.ok() {
		return 0
	}
	return numOr(b.v.Get("end"), 0)
}

// playerJSReady says whether the bridge announced player.js's ready event
// to the host page (it does at once in an embed).
func (b audioBridge) playerJSReady() bool {
	return b.ok() && flag(b.v.Get("pjsReady"))
}

// earlyCalls hands over, once, the player.js calls (message text and
// origin) the host page made before the takeover that the bridge could not
// answer itself.
func (b audioBridge) earlyCalls() [][2]string {
	if !b.ok() {
		return nil
	}
	q := b.v.Get("pjs")
	if !q.Truthy() {
		return nil
	}
	calls := make([][2]string, 0, q.Length())
	for i := 0; i < q.Length(); i++ {
		calls = append(calls, [2]string{q.Index(i).Index(0).String(), q.Index(i).Index(1).String()})
	}
	q.Set("length", 0)
	return calls
}

// seek moves playback to t seconds (once metadata is there).
func (b audioBridge) seek(t float64) {
	if b.ok() {
		b.v.Call("seek", t)
	}
}

// mediaState is a snapshot of the Audio object.
type mediaState struct {
	paused   bool
	current  float64
	duration float64
}

func readState(a app.Value) mediaState {
	if a == nil {
		return mediaState{paused: true}
	}
	s := mediaState{paused: flag(a.Get("paused")), current: num(a.Get("currentTime"))}
	if d := num(a.Get("duration")); d > 0 && d < 1e9 { // NaN and Infinity fail both tests
		s.duration = d
	}
	return s
}

// play starts playback; a refused play() (no gesture) is left to the paused
// state, which the UI already shows.
func play(a app.Value) {
	if a == nil {
		return
	}
	if p := a.Call("play"); p.Truthy() {
		p.Call("catch", ignoreRejection())
	}
}

var rejectionHandler app.Func

func ignoreRejection() app.Func {
	if rejectionHandler == nil {
		rejectionHandler = app.FuncOf(func(app.Value, []app.Value) any { return nil })
	}
	return rejectionHandler
}

// listener is one event listener on the Audio object.
type listener struct {
	target app.Value
	event  string
	fn     app.Func
}

func listen(target app.Value, event string, fn func(ev app.Value)) listener {
	f := app.FuncOf(func(_ app.Value, args []app.Value) any {
		var ev app.Value = app.Undefined()
		if len(args) > 0 {
			ev = args[0]
		}
		fn(ev)
		return nil
	})
	target.Call("addEventListener", event, f)
	return listener{target: target, event: event, fn: f}
}

func (l listener) remove() {
	l.target.Call("removeEventListener", l.event, l.fn)
	l.fn.Release()
}

// setText and setValue write straight to the DOM. The progress display
// changes four times a second; going through go-app would re-render every
// ancestor component on each tick (see ARCHITECTURE.md, "Re-rendering").
func setText(root app.Value, selector, text string) {
	if el := root.Call("querySelector", selector); el.Truthy() {
		el.Set("textContent", text)
	}
}

func setSeekbar(root app.Value, value float64, valueText string) {
	el := root.Call("querySelector", `[data-es="seekbar"]`)
	if !el.Truthy() {
		return
	}
	el.Set("value", value)
	el.Call("setAttribute", "aria-valuetext", valueText)
}

// fetchText GETs url with the browser's fetch and returns the status and
// body. It uses fetch rather than net/http: Go's HTTP client would add
// megabytes (TLS, HTTP/2) to the wasm for what the browser already does.
func fetchText(ctx context.Context, url string) (status int, body string, err error) {
	return fetchWith(ctx, url, nil)
}

// postText POSTs body to url with the browser's fetch.
func postText(ctx context.Context, url, body, ctype string) (status int, text string, err error) {
	return fetchWith(ctx, url, map[string]any{"method": "POST", "body": body, "headers": map[string]any{"Content-Type": ctype}})
}

func fetchWith(ctx context.Context, url string, init map[string]any) (status int, body string, err error) {
	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	var funcs []app.Func
	fn := func(f func(app.Value, []app.Value) any) app.Func {
		g := app.FuncOf(f)
		funcs = append(funcs, g)
		return g
	}
	defer func() {
		for _, f := range funcs {
			f.Release()
		}
	}()
	fail := fn(func(_ app.Value, args []app.Value) any {
		msg := "network error"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	var req app.Value
	if init != nil {
		req = app.Window().Call("fetch", url, init)
	} else {
		req = app.Window().Call("fetch", url)
	}
	req.
		Call("then", fn(func(_ app.Value, args []app.Value) any {
			res := args[0]
			st := integer(res.Get("status"))
			res.Call("text").
				Call("then", fn(func(_ app.Value, args []app.Value) any {
					done <- result{status: st, body: args[0].String()}
					return nil
				})).
				Call("catch", fail)
			return nil
		})).
		Call("catch", fail)
	select {
	case r := <-done:
		return r.status, r.body, r.err
	case <-ctx.Done():
		return 0, "", ctx.Err()
	}
}

// canPlay reports whether the browser says it can play a media type.
func canPlay(mime string) bool {
	if !app.IsClient || mime == "" {
		return true
	}
	el := app.Window().Get("document").Call("createElement", "audio")
	return el.Call("canPlayType", mime).String() != ""
}

// browserLanguages lists the browser's preferred languages.
func browserLanguages() []string {
	if !app.IsClient {
		return nil
	}
	nav := app.Window().Get("navigator")
	var out []string
	if ls := nav.Get("languages"); ls.Truthy() {
		for i := 0; i < ls.Length(); i++ {
			out = append(out, ls.Index(i).String())
		}
	}
	if l := nav.Get("language"); l.Truthy() {
		out = append(out, l.String())
	}
	return out
}

// inIframe reports whether the page runs inside a frame (an embed).
func inIframe() bool {
	if !app.IsClient {
		return false
	}
	w := app.Window()
	return !w.Get("self").Equal(w.Get("top"))
}

// scrollBehavior is "smooth" unless the listener asked for reduced motion.
func scrollBehavior() string {
	if app.IsClient {
		if mq := app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)"); mq.Truthy() && flag(mq.Get("matches")) {
			return "auto"
		}
	}
	return "smooth"
}
