package app

import (
	"strconv"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// Player plays one episode: play/pause, seek bar, elapsed and total time,
// and the chapter list with the current chapter highlighted. The Audio object
// lives in the bridge (audio.go), so a Player can be re-rendered or replaced
// without interrupting playback.
type Player struct {
	app.Compo

	View  *podcast.EpisodeView
	Start podcast.Range // from the share link

	playing  bool
	current  float64 // seconds, as of the last render or chapter change
	duration float64
	chapter  int // index into View.Episode.Chapters, -1 before the first

	listeners []listener
}

// OnInit picks up playback the bridge started before the wasm arrived, so
// the first Go render shows the truth (playing, position) rather than a
// paused player at 0:00.
func (p *Player) OnInit() {
	p.chapter = -1
	p.current = p.Start.Start
	if a := bridge().audio(); a != nil && bridge().source() == p.src() {
		st := readState(a)
		p.playing, p.current = !st.paused, st.current
		if st.duration > 0 {
			p.duration = st.duration
		}
	}
	p.chapter = chapterAt(p.chapters(), p.current)
}

// OnMount takes the controls over from the bridge and follows the Audio
// object's events.
func (p *Player) OnMount(ctx app.Context) {
	b := bridge()
	b.takeover()
	if a := b.audio(); a != nil && b.source() == p.src() {
		p.follow(ctx, a)
	}
}

// OnDismount stops following the Audio object; playback goes on.
func (p *Player) OnDismount() {
	for _, l := range p.listeners {
		l.remove()
	}
	p.listeners = nil
}

func (p *Player) src() string {
	if p.View == nil {
		return ""
	}
	return p.View.Episode.Enclosure.URL
}

func (p *Player) chapters() []podcast.Chapter {
	if p.View == nil {
		return nil
	}
	return p.View.Episode.Chapters
}

// follow subscribes to the Audio object's events once.
func (p *Player) follow(ctx app.Context, a app.Value) {
	if len(p.listeners) > 0 {
		return
	}
	sync := func() {
		st := readState(a)
		ctx.Dispatch(func(app.Context) {
			p.playing, p.current = !st.paused, st.current
			if st.duration > 0 {
				p.duration = st.duration
			}
			p.chapter = chapterAt(p.chapters(), p.current)
		})
	}
	for _, ev := range []string{"play", "pause", "ended", "durationchange", "seeked"} {
		p.listeners = append(p.listeners, listen(a, ev, sync))
	}
	p.listeners = append(p.listeners, listen(a, "timeupdate", func() { p.tick(ctx, a) }))
}

// tick updates the progress display in place, and re-renders only when the
// current chapter changes.
func (p *Player) tick(ctx app.Context, a app.Value) {
	st := readState(a)
	root := p.JSValue()
	if root == nil || !root.Truthy() {
		return
	}
	setText(root, ".es-elapsed", podcast.FormatClock(st.current))
	setSeekbar(root, st.current, p.valueText(st.current))
	if ch := chapterAt(p.chapters(), st.current); ch != p.chapter {
		ctx.Dispatch(func(app.Context) {
			p.chapter, p.current = ch, st.current
		})
	}
}

func (p *Player) total() float64 {
	if p.duration > 0 {
		return p.duration
	}
	if p.View != nil {
		return p.View.Episode.Duration
	}
	return 0
}

func (p *Player) valueText(t float64) string {
	return spokenDuration(t) + " of " + spokenDuration(p.total())
}

// media returns the Audio object playing this episode, loading it when
// needed, and follows it.
func (p *Player) media(ctx app.Context) app.Value {
	a := bridge().load(p.src(), p.Start.Start)
	if a != nil {
		p.follow(ctx, a)
	}
	return a
}

func (p *Player) togglePlay(ctx app.Context, e app.Event) {
	e.PreventDefault()
	a := p.media(ctx)
	if a == nil {
		return
	}
	if a.Get("paused").Bool() {
		play(a)
	} else {
		a.Call("pause")
	}
}

// seekTo moves to t seconds and plays: a click on a chapter or timestamp is
// a request to listen there.
func (p *Player) seekTo(ctx app.Context, t float64) {
	a := p.media(ctx)
	if a == nil {
		return
	}
	bridge().seek(t)
	play(a)
	p.current = t
	p.chapter = chapterAt(p.chapters(), t)
}

func (p *Player) onSeekInput(ctx app.Context, e app.Event) {
	t := ctx.JSSrc().Get("value").Float()
	a := p.media(ctx)
	if a == nil {
		return
	}
	bridge().seek(t)
	setText(p.JSValue(), ".es-elapsed", podcast.FormatClock(t))
}

// onTimeLink handles clicks on chapter links and show-note timestamps
// (a[data-t]), which the server renders as ordinary links.
func (p *Player) onTimeLink(ctx app.Context, e app.Event) {
	target := e.Get("target")
	if !target.Truthy() || !target.Get("closest").Truthy() {
		return
	}
	link := target.Call("closest", "a[data-t]")
	if !link.Truthy() {
		return
	}
	e.PreventDefault()
	var t float64
	if r, err := podcast.ParseTime(link.Call("getAttribute", "data-t").String()); err == nil {
		t = r.Start
	}
	p.seekTo(ctx, t)
}

// chapterAt returns the index of the chapter playing at t, or -1.
func chapterAt(chs []podcast.Chapter, t float64) int {
	idx := -1
	for i, c := range chs {
		if c.Start <= t+0.001 {
			idx = i
		}
	}
	return idx
}

func (p *Player) Render() app.UI {
	if p.View == nil {
		return app.Div()
	}
	ep := &p.View.Episode
	return app.Article().
		Class("es-player", classIf(p.playing, "es-playing")).
		DataSet("es-src", ep.Enclosure.URL).
		DataSet("es-start", p.Start.Start).
		Aria("label", "Player: "+ep.Title).
		OnClick(p.onTimeLink).
		Body(
			p.renderHead(),
			p.renderControls(),
			p.renderChapters(),
			p.renderNotes(),
		)
}

func (p *Player) renderHead() app.UI {
	ep := &p.View.Episode
	return app.Div().Class("es-head").Body(
		app.If(ep.Image != "", func() app.UI {
			return app.Img().Class("es-cover").Src(p.art()).Alt("Cover art of " + p.View.Show.Title).Width(96).Height(96)
		}),
		app.Div().Body(
			app.P().Class("es-show").Text(p.View.Show.Title),
			app.H1().Class("es-title").Text(ep.Title),
			app.P().Class("es-chapter-now").Aria("live", "polite").Text(p.chapterTitle()),
		),
	)
}

// art is the current chapter's image, falling back to the episode's.
func (p *Player) art() string {
	chs := p.chapters()
	for i := p.chapter; i >= 0 && i < len(chs); i-- {
		if chs[i].Image != "" {
			return chs[i].Image
		}
		break
	}
	return p.View.Episode.Image
}

func (p *Player) chapterTitle() string {
	chs := p.chapters()
	if p.chapter >= 0 && p.chapter < len(chs) {
		return chs[p.chapter].Title
	}
	return ""
}

func (p *Player) renderControls() app.UI {
	label := "Play"
	if p.playing {
		label = "Pause"
	}
	total := p.total()
	return app.Div().Class("es-controls").Body(
		app.Button().Class("es-play").DataSet("es", "play").Aria("label", label).
			OnClick(p.togglePlay).Body(iconPlay(), iconPause()),
		app.Input().Type("range").Class("es-seek").DataSet("es", "seekbar").
			Min(0).Max(int(total+0.5)).Step(1).Value(int(p.current)).
			Aria("label", "Seek").Aria("valuetext", p.valueText(p.current)).
			OnInput(p.onSeekInput),
		app.Span().Class("es-time").Body(
			app.Span().Class("es-elapsed").Text(podcast.FormatClock(p.current)),
			app.Text(" / "),
			app.Span().Text(podcast.FormatClock(total)),
		),
	)
}

func (p *Player) renderChapters() app.UI {
	chs := p.chapters()
	if len(chs) == 0 {
		return nil
	}
	ep := &p.View.Episode
	return app.Section().Class("es-section", "es-chapters").Aria("label", "Chapters").Body(
		app.H2().Text("Chapters"),
		app.Ol().Body(
			app.Range(chs).Slice(func(i int) app.UI {
				c := chs[i]
				if c.Hidden {
					return nil
				}
				href := embed.EpisodePath(embed.Target{Feed: p.View.Show.FeedURL, GUID: ep.GUID, Time: podcast.Range{Start: c.Start}})
				return app.Li().Class(classIf(i == p.chapter, "es-current")).Body(
					app.A().Href(href).DataSet("t", strconv.FormatFloat(c.Start, 'f', -1, 64)).
						Aria("current", ariaCurrent(i == p.chapter)).
						Body(
							app.Span().Class("es-at").Text(podcast.FormatClock(c.Start)),
							app.Span().Text(c.Title),
						),
				)
			}),
		),
	)
}

func classIf(cond bool, class string) string {
	if cond {
		return class
	}
	return ""
}

// ariaCurrent marks the playing chapter: "time" is ARIA's value for the
// current item of a list of times.
func ariaCurrent(cur bool) string {
	if cur {
		return "time"
	}
	return "false"
}

// renderNotes shows the sanitized show notes. podcast.SafeHTML is the only
// type that reaches app.Raw: the server's sanitizer made it.
func (p *Player) renderNotes() app.UI {
	notes := p.View.Episode.Notes
	if notes == "" {
		return nil
	}
	return app.Section().Class("es-section").Aria("label", "Show notes").Body(
		app.H2().Text("Show notes"),
		app.Raw(`<div class="es-notes">`+string(notes)+`</div>`),
	)
}
