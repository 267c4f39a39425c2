package app

import (
	"math"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// mediaSessionEvery throttles position updates to the OS media controls.
const mediaSessionEvery = time.Second

// mediaSession feeds the OS media controls (lock screen, headset buttons,
// notification): metadata with the current chapter, and actions mapped to
// the player, previous/next track to chapters.
type mediaSession struct {
	handlers []app.Func
	last     time.Time
	state    string // the playbackState last set
}

// playback tells the OS controls whether the episode plays ("playing",
// "paused"), so they show the right button; browsers guess otherwise, and
// guess wrong while the audio lives outside the page's tree.
func (m *mediaSession) playback(ms app.Value, playing bool) {
	state := "paused"
	if playing {
		state = "playing"
	}
	if state == m.state {
		return
	}
	m.state = state
	ms.Set("playbackState", state)
}

func (m *mediaSession) api() app.Value {
	if !app.IsClient {
		return nil
	}
	ms := app.Window().Get("navigator").Get("mediaSession")
	if !ms.Truthy() || !app.Window().Get("MediaMetadata").Truthy() {
		return nil
	}
	return ms
}

// set publishes the metadata and, once, the action handlers.
func (m *mediaSession) set(p *Player, ctx app.Context) {
	ms := m.api()
	if ms == nil || p.View == nil {
		return
	}
	ep := &p.View.Episode
	album := p.View.Show.Title
	if t := p.chapterTitle(); t != "" {
		album = t + " · " + p.View.Show.Title
	}
	md := map[string]any{"title": ep.Title, "artist": p.View.Show.Title, "album": album}
	if art := p.art(); art != "" {
		md["artwork"] = []any{map[string]any{"src": art, "sizes": "512x512"}}
	}
	ms.Set("metadata", app.Window().Get("MediaMetadata").New(md))
	m.playback(ms, p.playing)
	if len(m.handlers) > 0 {
		return
	}
	handle := func(action string, fn func(details app.Value)) {
		f := app.FuncOf(func(_ app.Value, args []app.Value) any {
			var d app.Value = app.Undefined()
			if len(args) > 0 {
				d = args[0]
			}
			ctx.Dispatch(func(ctx app.Context) { fn(d) })
			return nil
		})
		m.handlers = append(m.handlers, f)
		defer func() { recover() }() // browsers throw for actions they lack
		ms.Call("setActionHandler", action, f)
	}
	handle("play", func(app.Value) { play(p.media(ctx)) })
	handle("pause", func(app.Value) {
		if a := bridge().audio(); a != nil {
			a.Call("pause")
		}
	})
	handle("seekbackward", func(d app.Value) { p.seekBy(ctx, -offset(d, skipBack)) })
	handle("seekforward", func(d app.Value) { p.seekBy(ctx, offset(d, skipForward)) })
	handle("seekto", func(d app.Value) {
		if t := num(d.Get("seekTime")); !math.IsNaN(t) { // 0 is a valid seekTime
			p.seekBy(ctx, t-p.currentTime())
		}
	})
	handle("previoustrack", func(app.Value) { p.chapterStep(ctx, -1) })
	handle("nexttrack", func(app.Value) { p.chapterStep(ctx, +1) })
}

// position reports the playback position, at most once a second.
func (m *mediaSession) position(st mediaState, rate float64) {
	ms := m.api()
	if ms == nil {
		return
	}
	// Every timeupdate, also the one a pause or the end fires.
	m.playback(ms, !st.paused)
	if st.duration <= 0 || time.Since(m.last) < mediaSessionEvery || !ms.Get("setPositionState").Truthy() {
		return
	}
	m.last = time.Now()
	defer func() { recover() }()
	ms.Call("setPositionState", map[string]any{
		"duration":     st.duration,
		"position":     math.Min(st.current, st.duration),
		"playbackRate": rate,
	})
}

func offset(d app.Value, def float64) float64 {
	return numOr(d.Get("seekOffset"), def)
}

func (p *Player) currentTime() float64 {
	if a := bridge().audio(); a != nil {
		return numOr(a.Get("currentTime"), p.current)
	}
	return p.current
}
