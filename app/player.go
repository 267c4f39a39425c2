package app

import (
	"context"
	"math"
	"strconv"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/library"
	"github.com/earshot/earshot/podcast"
)

// Player layouts: the standalone page's, which stacks everything and which
// no embed URL can ask for, and the embeds' (one type, embed.Layout; the
// show embed is a page mode around LayoutCompact, not a Player layout).
const (
	LayoutPage    embed.Layout = "page"
	LayoutFull                 = embed.LayoutFull
	LayoutCompact              = embed.LayoutCompact
	LayoutMini                 = embed.LayoutMini
)

// Skip distances and limits of the controls.
const (
	skipBack    = 15.0
	skipForward = 30.0
	arrowSeek   = 5.0
	volumeStep  = 0.1
	// finishedMargin: closer than this to the end counts as played.
	finishedMargin = 15.0
	// minResume: positions before this are not worth resuming.
	minResume = 5.0
)

// speeds are the playback rates offered, 0.5–3×.
var speeds = []float64{0.5, 0.75, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3}

// Player plays one episode: transport controls, seek bar with chapter
// marks, speed and volume, chapters, show notes, transcript, people and
// highlights. The Audio object lives in the bridge (audio.go), so a Player
// can be re-rendered or replaced without interrupting playback; the
// progress display is written to the DOM directly (see tick) so that the
// tree is not re-rendered four times a second.
type Player struct {
	app.Compo

	View   *podcast.EpisodeView
	Start  podcast.Range // from the share link
	Lang   string        // explicit UI language (?lang=), "" for the browser's
	Layout embed.Layout  // LayoutPage (default), LayoutFull, LayoutCompact, LayoutMini
	// Autoplay asks to start on load; browsers allow it only after a
	// gesture on the site or with a permissive policy, and a refusal just
	// leaves the player paused.
	Autoplay bool
	// Embedded: inside an iframe; the player.js API and resizing are on.
	Embedded bool

	lang      lang
	src       string // the enclosure URL being played
	playing   bool
	buffering bool
	failed    bool
	current   float64 // seconds, as of the last render
	duration  float64
	chapter   int // index into chapters(), -1 before the first
	rate      float64
	volume    float64
	muted     bool
	remaining bool // show remaining rather than elapsed time
	finished  bool
	clipEnd   float64 // pause here (a shared clip), 0 for none
	// startAt is where playback starts when the media is first loaded: the
	// share link's time or the saved position. It is not Start, which the
	// parent resets on every render.
	startAt float64
	tab     string // open tab of the full layout
	help    bool   // keyboard help open

	sleep     sleepTimer
	queued    bool // in the listener's queue
	offline   bool // downloaded for offline listening
	dlBusy    bool
	dlNote    string
	initFor   string // the GUID OnInit ran for
	listeners []listener
	keys      *listener
	// docListeners are on the window or document, not the Audio object.
	docListeners []listener
	ctx          app.Context
	pjs          *playerJS
	lastSave     time.Time
	session      mediaSession
}

// OnInit settles what the first Go render shows: the language, the source,
// saved speed and position, and the state of playback the bridge started
// before the wasm arrived, so the takeover shows the truth rather than a
// paused player at 0:00.
func (p *Player) OnInit() {
	p.lang = pickLang(p.Lang, browserLanguages()...)
	// A reused Player (in-app navigation, the queue's auto-advance) starts
	// the next episode from nothing: an old start or "finished" mark would
	// start it at the previous one's position and mark it played at once.
	p.startAt, p.current, p.duration, p.finished = 0, 0, 0, false
	p.playing, p.buffering, p.failed, p.tab = false, false, false, ""
	p.offline, p.dlBusy, p.dlNote, p.lastSave = false, false, "", time.Time{}
	p.chapter, p.rate, p.volume = -1, 1, 1
	p.clipEnd = p.Start.End
	if p.View == nil {
		return
	}
	p.src = chooseSource(&p.View.Episode)
	p.initFor = p.View.Episode.GUID
	if p.layout() == LayoutFull {
		p.tab = prerenderedTab() // the listener may have switched tabs before the takeover
	}
	if lib, err := loadLibrary(); err == nil {
		p.queued = lib.Queue.Contains(p.View.Show.FeedURL, p.View.Episode.GUID)
	}
	var rate float64
	if load(keySpeed+p.View.Show.FeedURL, &rate) && validRate(rate) {
		p.rate = rate
	}
	var vol float64
	if load(keyVolume, &vol) && vol >= 0 && vol <= 1 {
		p.volume = vol
	}
	var prog progress
	if load(p.progressKey(), &prog) {
		p.finished = prog.Finished
		// A link's time, even a clip from 0:00, wins over the saved
		// position (as in the bridge).
		if p.Start == (podcast.Range{}) && !prog.Finished && prog.Position > minResume {
			p.startAt = prog.Position
		}
	}
	if p.Start.Start > 0 {
		p.startAt = p.Start.Start
	}
	p.current = p.startAt
	if a := bridge().audio(); a != nil && bridge().source() == p.src {
		st := readState(a)
		p.playing, p.current = !st.paused, st.current
		if st.duration > 0 {
			p.duration = st.duration
		}
		// The bridge armed the clip's end (or already paused there).
		p.clipEnd = bridge().clipEnd()
	}
	p.chapter = chapterAt(p.chapters(), p.current)
}

// OnMount takes the controls over from the bridge, follows the Audio
// object, and listens for keyboard shortcuts.
func (p *Player) OnMount(ctx app.Context) {
	p.ctx = ctx
	b := bridge()
	b.takeover()
	if p.Embedded && p.pjs == nil {
		p.pjs = startPlayerJS(p)
	}
	if a := b.audio(); a != nil && b.source() == p.src {
		p.follow(ctx, a)
		p.applyPrefs(a)
	}
	l := listen(app.Window().Get("document"), "keydown", func(ev app.Value) { p.onKey(ctx, ev) })
	p.keys = &l
	if wrap := p.JSValue().Call("querySelector", ".es-seekwrap"); wrap.Truthy() {
		p.docListeners = append(p.docListeners, listen(wrap, "pointermove", func(ev app.Value) { p.hoverTime(wrap, ev) }))
	}
	p.docListeners = append(p.docListeners, listen(app.Window(), "pagehide", func(app.Value) {
		if a := bridge().audio(); a != nil && bridge().source() == p.src && num(a.Get("currentTime")) > 0 {
			p.savePosition(a, true)
		}
	}))
	p.session.set(p, ctx)
	// Autoplay: start this episode, unless it already plays (another
	// episode playing is replaced: the show embed's pick).
	if p.Autoplay && (b.audio() == nil || b.source() != p.src || flag(b.audio().Get("paused"))) {
		play(p.media(ctx))
	}
	if p.layout() == LayoutPage {
		p.useDownload(ctx)
	}
}

// OnUpdate starts over when the parent hands the player another episode
// (in-app navigation from one episode page to the next reuses the
// component).
func (p *Player) OnUpdate(ctx app.Context) {
	if p.View == nil || p.View.Episode.GUID == p.initFor {
		return
	}
	// The host page's player.js subscriptions outlive the episode (the
	// show embed plays one after another in the same frame).
	pjs := p.pjs
	p.pjs = nil
	p.OnDismount()
	p.pjs = pjs
	p.OnInit()
	p.OnMount(ctx)
	p.pjs.episode(&p.View.Episode)
}

// OnDismount stops following the Audio object; playback goes on.
func (p *Player) OnDismount() {
	for _, l := range p.listeners {
		l.remove()
	}
	p.listeners = nil
	if p.keys != nil {
		p.keys.remove()
		p.keys = nil
	}
	for _, l := range p.docListeners {
		l.remove()
	}
	p.docListeners = nil
	p.pjs.stop()
	p.pjs = nil
	p.sleep.cancel()
}

func (p *Player) progressKey() string {
	return keyPosition + p.View.Show.FeedURL + " " + p.View.Episode.GUID
}

func (p *Player) chapters() []podcast.Chapter {
	if p.View == nil {
		return nil
	}
	return p.View.Episode.Chapters
}

// total is the episode's length: the media's once known, else the feed's
// stated duration, stretched to the last chapter's start when the feed
// understates it (feeds' durations are often wrong; chapters past them must
// stay reachable before the media's metadata arrives).
func (p *Player) total() float64 {
	if p.duration > 0 {
		return p.duration
	}
	if p.View == nil {
		return 0
	}
	d := p.View.Episode.Duration
	if chs := p.View.Episode.Chapters; len(chs) > 0 && chs[len(chs)-1].Start >= d && d > 0 {
		d = chs[len(chs)-1].Start + 1
	}
	return d
}

// follow subscribes to the Audio object's events once.
func (p *Player) follow(ctx app.Context, a app.Value) {
	p.pjs.attach(a)
	if len(p.listeners) > 0 {
		return
	}
	sync := func(change func()) func(app.Value) {
		return func(app.Value) {
			st := readState(a)
			ctx.Dispatch(func(app.Context) {
				p.playing, p.current = !st.paused, st.current
				if st.duration > 0 {
					p.duration = st.duration
				}
				p.chapter = chapterAt(p.chapters(), p.current)
				if change != nil {
					change()
				}
			})
		}
	}
	on := func(ev string, fn func(app.Value)) { p.listeners = append(p.listeners, listen(a, ev, fn)) }
	on("play", sync(func() { p.failed = false }))
	// Saving happens in the event itself, not in a dispatch: a reload right
	// after pausing must find the position stored.
	pauseSync := sync(nil)
	on("pause", func(ev app.Value) { p.savePosition(a, true); pauseSync(ev) })
	on("ended", sync(func() {
		p.markFinished()
		if p.sleep.mode == sleepEpisode {
			p.sleep.cancel()
			return
		}
		p.advance(ctx)
	}))
	on("durationchange", sync(nil))
	on("seeked", sync(nil))
	on("waiting", sync(func() { p.buffering = true }))
	on("playing", sync(func() { p.buffering = false }))
	on("canplay", sync(func() { p.buffering = false }))
	on("error", sync(func() { p.failed, p.buffering = true, false }))
	on("volumechange", sync(func() { p.volume, p.muted = num(a.Get("volume")), flag(a.Get("muted")) }))
	on("ratechange", sync(func() { p.rate = num(a.Get("playbackRate")) }))
	on("timeupdate", func(app.Value) { p.tick(ctx, a) })
}

// applyPrefs gives the Audio object the listener's speed and volume.
func (p *Player) applyPrefs(a app.Value) {
	a.Set("defaultPlaybackRate", p.rate)
	a.Set("playbackRate", p.rate)
	a.Set("volume", p.volume)
}

// tick updates the progress display in place, saves the position now and
// then, ends clips, and re-renders only when the current chapter changes.
func (p *Player) tick(ctx app.Context, a app.Value) {
	st := readState(a)
	if root := p.JSValue(); root != nil && root.Truthy() {
		setText(root, ".es-elapsed", p.timeLabel(st.current, st.duration))
		setSeekbar(root, st.current, p.valueText(st.current))
	}
	if p.clipEnd > 0 && st.current >= p.clipEnd {
		p.clipEnd = 0
		a.Call("pause")
	}
	p.savePosition(a, false)
	p.session.position(st, p.rate)
	ch := chapterAt(p.chapters(), st.current)
	if ch >= 0 {
		c := p.chapters()[ch]
		p.pjs.chapter(ch, c.Title, c.Start)
	}
	if ch != p.chapter {
		p.sleep.chapterChanged(ch)
		ctx.Dispatch(func(app.Context) {
			p.chapter, p.current = ch, st.current
			p.session.set(p, ctx)
		})
	}
}

// savePosition stores where the listener is, at most every few seconds
// unless now is set.
func (p *Player) savePosition(a app.Value, now bool) {
	if p.View == nil || (!now && time.Since(p.lastSave) < positionSaveMS*time.Millisecond) {
		return
	}
	p.lastSave = time.Now()
	st := readState(a)
	total := st.duration
	if total == 0 {
		total = p.total()
	}
	if total > 0 && st.current > total-finishedMargin {
		p.markFinished()
		return
	}
	save(p.progressKey(), progress{Title: p.View.Episode.Title, Show: p.View.Show.Title, Position: st.current, Duration: total, Finished: p.finished, Updated: time.Now().UnixMilli()})
}

func (p *Player) markFinished() {
	p.finished = true
	save(p.progressKey(), progress{Title: p.View.Episode.Title, Show: p.View.Show.Title, Duration: p.total(), Finished: true, Updated: time.Now().UnixMilli()})
}

// timeLabel is the time display: elapsed, or remaining when toggled.
func (p *Player) timeLabel(cur, dur float64) string {
	if dur <= 0 {
		dur = p.total()
	}
	if p.remaining && dur > 0 {
		return "-" + podcast.FormatClock(math.Max(0, dur-cur))
	}
	return podcast.FormatClock(cur)
}

func (p *Player) valueText(t float64) string {
	return p.lang.t("of", p.lang.spoken(t), p.lang.spoken(p.total()))
}

// media returns the Audio object playing this episode, loading it when
// needed (with the share link's start), and follows it.
func (p *Player) media(ctx app.Context) app.Value {
	b := bridge()
	fresh := b.source() != p.src
	a := b.load(p.src, p.startAt)
	if a == nil {
		return nil
	}
	p.follow(ctx, a)
	if fresh {
		p.applyPrefs(a)
	}
	return a
}

func (p *Player) togglePlay(ctx app.Context) {
	a := p.media(ctx)
	if a == nil {
		return
	}
	if flag(a.Get("paused")) {
		play(a)
	} else {
		a.Call("pause")
	}
}

// seekTo moves to t seconds and plays: a click on a chapter, timestamp or
// transcript line is a request to listen there.
func (p *Player) seekTo(ctx app.Context, t float64) {
	a := p.media(ctx)
	if a == nil {
		return
	}
	t = p.clamp(t)
	bridge().seek(t)
	play(a)
	p.current = t
	p.chapter = chapterAt(p.chapters(), t)
}

// seekBy moves by d seconds without changing play/pause.
func (p *Player) seekBy(ctx app.Context, d float64) {
	a := p.media(ctx)
	if a == nil {
		return
	}
	t := p.clamp(numOr(a.Get("currentTime"), 0) + numOr0(d))
	bridge().seek(t)
	p.current = t
	if root := p.JSValue(); root != nil && root.Truthy() {
		setText(root, ".es-elapsed", p.timeLabel(t, 0))
		setSeekbar(root, t, p.valueText(t))
	}
}

func (p *Player) clamp(t float64) float64 {
	if t < 0 || math.IsNaN(t) {
		return 0
	}
	if d := p.total(); d > 0 && t > d {
		return d
	}
	return t
}

// chapterStep moves to the previous (-1) or next (+1) listed chapter. Going
// back more than 3 s into a chapter restarts it, as CD players do.
func (p *Player) chapterStep(ctx app.Context, dir int) {
	chs := visibleChapters(p.chapters())
	if len(chs) == 0 {
		return
	}
	cur := p.current
	if a := bridge().audio(); a != nil {
		cur = num(a.Get("currentTime"))
	}
	i := -1
	for j, c := range chs {
		if c.Start <= cur+0.001 {
			i = j
		}
	}
	switch {
	case dir < 0 && i >= 0 && cur-chs[i].Start > 3:
		p.seekTo(ctx, chs[i].Start)
	case dir < 0 && i > 0:
		p.seekTo(ctx, chs[i-1].Start)
	case dir < 0:
		p.seekTo(ctx, 0)
	case i+1 < len(chs):
		p.seekTo(ctx, chs[i+1].Start)
	}
}

func (p *Player) setRate(rate float64) {
	if !validRate(rate) {
		return
	}
	p.rate = rate
	if a := bridge().audio(); a != nil {
		a.Set("defaultPlaybackRate", rate)
		a.Set("playbackRate", rate)
	}
	if p.View != nil {
		save(keySpeed+p.View.Show.FeedURL, rate)
	}
}

// stepRate moves to the next slower (-1) or faster (+1) offered speed.
func (p *Player) stepRate(dir int) {
	i := 0
	for j, s := range speeds {
		if s <= p.rate+0.001 {
			i = j
		}
	}
	// From a rate between two offered speeds (set by the host page, say),
	// slower goes to the offered speed just below it.
	if dir < 0 && speeds[i] < p.rate-0.001 {
		p.setRate(speeds[i])
		return
	}
	if j := i + dir; j >= 0 && j < len(speeds) {
		p.setRate(speeds[j])
	}
}

func validRate(r float64) bool { return r >= speeds[0] && r <= speeds[len(speeds)-1] }

func (p *Player) setVolume(v float64) {
	if math.IsNaN(v) {
		return // the media element throws on NaN, which would end the program
	}
	v = math.Max(0, math.Min(1, v))
	p.volume = v
	if a := bridge().audio(); a != nil {
		a.Set("volume", v)
		if v > 0 {
			a.Set("muted", false)
		}
	}
	save(keyVolume, v)
}

func (p *Player) toggleMute(ctx app.Context) {
	a := p.media(ctx)
	if a == nil {
		return
	}
	p.muted = !flag(a.Get("muted"))
	a.Set("muted", p.muted)
}

// retry reloads the media after an error.
func (p *Player) retry(ctx app.Context) {
	p.failed = false
	a := p.media(ctx)
	if a == nil {
		return
	}
	t := p.current
	a.Call("load")
	bridge().seek(t)
	play(a)
}

// onTimeLink handles clicks on chapter links, show-note timestamps and
// transcript lines (a[data-t]), which the server renders as ordinary links.
func (p *Player) onTimeLink(ctx app.Context, e app.Event) {
	target := e.Get("target")
	if !target.Truthy() || !target.Get("closest").Truthy() {
		return
	}
	link := target.Call("closest", "[data-t]")
	if !link.Truthy() {
		return
	}
	e.PreventDefault()
	// go-app's window click handler would otherwise navigate to the link
	// (a history entry, and in an embed one in the host page's history).
	e.Call("stopPropagation")
	t, err := strconv.ParseFloat(link.Call("getAttribute", "data-t").String(), 64)
	if err != nil {
		return
	}
	if end, err := strconv.ParseFloat(link.Call("getAttribute", "data-end").String(), 64); err == nil && end > t {
		p.clipEnd = end
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

func visibleChapters(chs []podcast.Chapter) []podcast.Chapter {
	out := make([]podcast.Chapter, 0, len(chs))
	for _, c := range chs {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}

// chooseSource picks the enclosure to play: the main one when the browser
// can play it (hosts count downloads by it, so it is never rewritten), else
// the first alternate it can play.
func chooseSource(ep *podcast.Episode) string {
	if !app.IsClient || canPlay(ep.Enclosure.Type) || len(ep.Alternates) == 0 {
		return ep.Enclosure.URL
	}
	for _, alt := range ep.Alternates {
		if canPlay(alt.Type) && len(alt.Sources) > 0 {
			return alt.Sources[0]
		}
	}
	return ep.Enclosure.URL
}

// hoverTime shows the time under the pointer above the seek bar, and the
// chapter there, written to the DOM directly (pointermove is frequent).
func (p *Player) hoverTime(wrap, ev app.Value) {
	total := p.total()
	tip := wrap.Call("querySelector", ".es-hover")
	if total <= 0 || !tip.Truthy() {
		return
	}
	box := wrap.Call("getBoundingClientRect")
	x := num(ev.Get("clientX")) - num(box.Get("left"))
	w := num(box.Get("width"))
	if w <= 0 {
		return
	}
	frac := math.Max(0, math.Min(1, x/w))
	t := frac * total
	label := podcast.FormatClock(t)
	if i := chapterAt(p.chapters(), t); i >= 0 {
		label += " · " + p.chapters()[i].Title
	}
	tip.Set("textContent", label)
	tip.Get("style").Set("left", strconv.FormatFloat(frac*100, 'f', 2, 64)+"%")
}

// toggleQueue adds the episode to the listener's queue or takes it out.
func (p *Player) toggleQueue() {
	feed, ep := p.View.Show.FeedURL, &p.View.Episode
	updateLibrary(func(l *library.Library) {
		if !l.Queue.Remove(feed, ep.GUID) {
			l.Queue.Add(library.QueueItem{FeedURL: feed, GUID: ep.GUID, Title: ep.Title})
		}
	})
	if lib, err := loadLibrary(); err == nil {
		p.queued = lib.Queue.Contains(feed, ep.GUID)
	}
}

// advance plays the next queued episode when this one ends (not in embeds:
// a blog's player never navigates).
func (p *Player) advance(ctx app.Context) {
	if p.Embedded || p.View == nil {
		return
	}
	lib, err := loadLibrary()
	if err != nil {
		return
	}
	feed, guid := p.View.Show.FeedURL, p.View.Episode.GUID
	next, ok := lib.Queue.Next(feed, guid)
	lib.Queue.Remove(feed, guid)
	saveLibrary(lib)
	if !ok {
		return
	}
	ctx.Navigate(episodeHref(embed.Target{Feed: next.FeedURL, GUID: next.GUID}) + "&autoplay=1")
}

// useDownload plays the stored copy of the episode, if it was downloaded
// and nothing plays yet: it works offline and costs the host nothing.
func (p *Player) useDownload(ctx app.Context) {
	enclosure := p.View.Episode.Enclosure.URL
	ctx.Async(func() {
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if !downloaded(c, enclosure) {
			return
		}
		blob := offlineURL(c, enclosure)
		ctx.Dispatch(func(app.Context) {
			p.offline = true
			if blob != "" && (bridge().audio() == nil || bridge().source() != p.src) {
				p.src = blob
			}
		})
	})
}

// toggleDownload stores the episode for offline listening, or removes it.
func (p *Player) toggleDownload(ctx app.Context) {
	if p.dlBusy {
		return
	}
	enclosure := p.View.Episode.Enclosure.URL
	remove := p.offline
	p.dlBusy, p.dlNote = true, ""
	ctx.Async(func() {
		c, cancel := context.WithTimeout(ctx, 10*time.Minute)
		defer cancel()
		var err error
		if remove {
			err = removeDownload(c, enclosure)
		} else {
			err = downloadEpisode(c, enclosure)
		}
		used, _ := storageUsed(c)
		ctx.Dispatch(func(app.Context) {
			p.dlBusy = false
			switch {
			case err != nil:
				p.dlNote = err.Error()
			default:
				p.offline = !remove
				p.dlNote = "Offline episodes and the app use " + megabytes(used) + "."
			}
		})
	})
}
