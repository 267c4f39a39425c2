package app

import (
	"slices"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// playerJS implements the player.js protocol (embed/playerjs.go) for an
// embedded Player, so host pages and CMSs can drive the iframe: it answers
// method calls, sends the events pages subscribe to, plus Earshot's
// chapterchange, and keeps the iframe's height in step with its content.
// Every message goes to the host page's origin, never to "*".
type playerJS struct {
	p         *Player
	parent    string                // origin of the host page, "" when unknown
	listeners map[embed.Event][]sub // who listens to what
	onMessage *listener
	resize    app.Value // ResizeObserver
	resizeFn  app.Func
	lastH     int
	// lastChapter is the index+1 of the chapter last announced (0: none).
	lastChapter int
	attached    app.Value // the Audio object whose events are forwarded
	audioLs     []listener
}

type sub struct{ id, origin string }

// startPlayerJS begins listening for player.js calls and announces ready.
func startPlayerJS(p *Player) *playerJS {
	if !app.IsClient || !inIframe() {
		return nil
	}
	j := &playerJS{p: p, parent: parentOrigin(), listeners: map[embed.Event][]sub{}}
	w := app.Window()
	l := listen(w, "message", j.receive)
	j.onMessage = &l
	if !bridge().playerJSReady() {
		j.post(embed.Ready(w.Get("location").Get("href").String(), "").JSON(), j.parent)
	}
	for _, c := range bridge().earlyCalls() { // asked before the takeover, in order
		j.handle(c[0], c[1])
	}
	j.observeSize()
	return j
}

// readyMessage is player.js's ready event without its src (the iframe's
// URL, which the bridge adds): an embed's bridge says ready at once, so
// the host page's calls start before the wasm (web/bridge.js).
func (p *Player) readyMessage() string {
	if p.layout() == LayoutPage {
		return ""
	}
	return attr(embed.Ready("", "").JSON())
}

func (j *playerJS) stop() {
	if j == nil {
		return
	}
	if j.onMessage != nil {
		j.onMessage.remove()
	}
	for _, l := range j.audioLs {
		l.remove()
	}
	if j.resize != nil {
		j.resize.Call("disconnect")
		j.resizeFn.Release()
	}
}

// parentOrigin is the host page's origin: Chrome's ancestorOrigins, else the
// referrer (which browsers send to iframes as at least the origin).
func parentOrigin() string {
	loc := app.Window().Get("location")
	if ao := loc.Get("ancestorOrigins"); ao.Truthy() && ao.Length() > 0 {
		return ao.Index(0).String()
	}
	ref := app.Window().Get("document").Get("referrer").String()
	if ref == "" {
		return ""
	}
	u := app.Window().Get("URL").New(ref)
	return u.Get("origin").String()
}

func (j *playerJS) post(msg, origin string) {
	if msg == "" || origin == "" || origin == "null" {
		return
	}
	defer func() { recover() }() // a host that navigated away
	app.Window().Get("parent").Call("postMessage", msg, origin)
}

// receive handles one message from the host page.
func (j *playerJS) receive(ev app.Value) {
	if !ev.Get("source").Equal(app.Window().Get("parent")) {
		return
	}
	data := ev.Get("data")
	if data.Type() != app.TypeString {
		return
	}
	j.handle(data.String(), ev.Get("origin").String())
}

// handle answers one player.js call from the host page at origin.
func (j *playerJS) handle(data, origin string) {
	m, err := embed.ParseMessage([]byte(data))
	if err != nil || m.Method == "" {
		return
	}
	switch m.Method {
	case embed.MethodAddEventListener, embed.MethodRemoveEventListener:
		j.subscribe(m, origin)
		return
	}
	if reply, ok := j.answer(m); ok {
		j.post(reply.JSON(), origin)
		return
	}
	j.command(m)
}

// answer is the reply to a getter; ok is false for other methods (and for
// getEpisode before there is an episode).
func (j *playerJS) answer(m embed.Message) (embed.Message, bool) {
	p, a := j.p, bridge().audio()
	switch m.Method {
	case embed.MethodGetPaused:
		return embed.Reply(m, a == nil || flag(a.Get("paused"))), true
	case embed.MethodGetCurrentTime:
		return embed.Reply(m, p.currentTime()), true
	case embed.MethodGetDuration:
		return embed.Reply(m, p.total()), true
	case embed.MethodGetVolume:
		return embed.Reply(m, p.volume*100), true
	case embed.MethodGetMuted:
		return embed.Reply(m, a != nil && flag(a.Get("muted"))), true
	case embed.MethodGetLoop:
		return embed.Reply(m, a != nil && flag(a.Get("loop"))), true
	case embed.MethodGetEpisode:
		if p.View != nil {
			return embed.ReplyEpisode(m, p.View.Episode.GUID, p.View.Episode.Title), true
		}
	}
	return embed.Message{}, false
}

// command runs a method that changes the player; bad values are ignored.
func (j *playerJS) command(m embed.Message) {
	p, ctx := j.p, j.p.ctx
	switch m.Method {
	case embed.MethodPlay:
		ctx.Dispatch(func(ctx app.Context) { play(p.media(ctx)) })
	case embed.MethodPause:
		if a := bridge().audio(); a != nil {
			a.Call("pause")
		}
	case embed.MethodSetCurrentTime:
		if t, err := m.Float(); err == nil {
			ctx.Dispatch(func(ctx app.Context) { p.seekBy(ctx, t-p.currentTime()) })
		}
	case embed.MethodSetVolume:
		if v, err := m.Float(); err == nil {
			ctx.Dispatch(func(app.Context) { p.setVolume(v / 100) })
		}
	case embed.MethodMute, embed.MethodUnmute:
		j.setMedia("muted", m.Method == embed.MethodMute)
	case embed.MethodSetLoop:
		if v, err := m.Bool(); err == nil {
			j.setMedia("loop", v)
		}
	case embed.MethodSetEpisode:
		// The show embed (embedPage) plays it in place; elsewhere nothing
		// handles the action.
		if guid, err := m.String(); err == nil {
			ctx.NewActionWithValue(actionSetEpisode, guid)
		}
	}
}

// setMedia sets a property of the audio.
func (j *playerJS) setMedia(prop string, v bool) {
	j.p.ctx.Dispatch(func(ctx app.Context) {
		if a := j.p.media(ctx); a != nil {
			a.Set(prop, v)
		}
	})
}

// subscribe adds or removes a host page's event listener.
func (j *playerJS) subscribe(m embed.Message, origin string) {
	e, err := m.EventName()
	if err != nil {
		return
	}
	if m.Method == embed.MethodRemoveEventListener {
		j.listeners[e] = slices.DeleteFunc(j.listeners[e], func(s sub) bool { return m.Listener == "" || s.id == m.Listener })
		return
	}
	if !slices.Contains(embed.Events(), e) {
		return
	}
	j.listeners[e] = append(j.listeners[e], sub{id: m.Listener, origin: origin})
	if e == embed.EventReady {
		j.post(embed.Ready(app.Window().Get("location").Get("href").String(), m.Listener).JSON(), origin)
	}
}

// emit sends event e to its listeners, the message made per listener.
func (j *playerJS) emit(e embed.Event, msg func(listener string) embed.Message) {
	if j == nil {
		return
	}
	for _, s := range j.listeners[e] {
		j.post(msg(s.id).JSON(), s.origin)
	}
}

// attach forwards the Audio object's events to player.js listeners.
func (j *playerJS) attach(a app.Value) {
	if j == nil || (j.attached != nil && j.attached.Equal(a)) {
		return
	}
	j.attached = a
	simple := func(name string, e embed.Event) {
		j.audioLs = append(j.audioLs, listen(a, name, func(app.Value) {
			j.emit(e, func(id string) embed.Message { return embed.NewEvent(e, id) })
		}))
	}
	simple("play", embed.EventPlay)
	simple("pause", embed.EventPause)
	simple("ended", embed.EventEnded)
	j.audioLs = append(j.audioLs,
		listen(a, "timeupdate", func(app.Value) {
			st := readState(a)
			j.emit(embed.EventTimeUpdate, func(id string) embed.Message { return embed.TimeUpdate(id, st.current, st.duration) })
		}),
		listen(a, "progress", func(app.Value) {
			st := readState(a)
			buffered := 0.0
			if b := a.Get("buffered"); b.Truthy() && integer(b.Get("length")) > 0 {
				buffered = num(b.Call("end", integer(b.Get("length"))-1))
			}
			j.emit(embed.EventProgress, func(id string) embed.Message { return embed.Progress(id, buffered, st.duration) })
		}),
		listen(a, "error", func(app.Value) {
			j.emit(embed.EventError, func(id string) embed.Message {
				return embed.ErrorEvent(id, embed.ErrorCodePlaybackNotAllowed, "the media could not be loaded")
			})
		}),
	)
}

// actionSetEpisode is the go-app action of player.js's setEpisode; its
// value is the guid.
const actionSetEpisode = "es-set-episode"

// episode announces that another episode is in the player.
func (j *playerJS) episode(ep *podcast.Episode) {
	if j == nil {
		return
	}
	j.lastChapter = 0
	j.emit(embed.EventEpisodeChange, func(id string) embed.Message { return embed.EpisodeChange(id, ep.GUID, ep.Title) })
}

// chapter announces the chapter under the playhead when it changed since
// the last announcement.
func (j *playerJS) chapter(index int, title string, start float64) {
	if j == nil || index == j.lastChapter-1 {
		return
	}
	j.lastChapter = index + 1
	j.emit(embed.EventChapterChange, func(id string) embed.Message { return embed.ChapterChange(id, index, title, start) })
}

// observeSize tells the host page (through web/embed.js) the height the
// content needs, whenever it changes.
func (j *playerJS) observeSize() {
	ro := app.Window().Get("ResizeObserver")
	if !ro.Truthy() || j.parent == "" {
		return
	}
	j.resizeFn = app.FuncOf(func(app.Value, []app.Value) any {
		h := integer(app.Window().Get("document").Get("documentElement").Get("scrollHeight"))
		if el := app.Window().Get("document").Call("querySelector", ".es-player"); el.Truthy() {
			h = int(num(el.Call("getBoundingClientRect").Get("height")) + 0.5)
		}
		if h != j.lastH {
			j.lastH = h
			j.post(embed.ResizeMessage(h), j.parent)
		}
		return nil
	})
	j.resize = ro.New(j.resizeFn)
	j.resize.Call("observe", app.Window().Get("document").Get("body"))
}
