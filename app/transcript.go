package app

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// userScrollPause is how long following playback pauses after the listener
// scrolls the transcript themselves.
const userScrollPause = 4 * time.Second

// transcriptView shows an episode's transcript, fetched from the server
// (which parsed VTT, SRT, JSON or HTML). It follows playback on its own: on
// each timeupdate it moves the highlight and scrolls the line into view by
// writing to the DOM, so following costs no re-render; it pauses following
// while the listener scrolls. Search highlights matches with next/previous.
type transcriptView struct {
	app.Compo

	Feed, GUID, Lang string

	lang     lang
	segs     []podcast.Segment
	err      string
	loaded   bool
	query    string
	matches  []int
	match    int
	active   int
	scrolled time.Time // when the listener last scrolled
	auto     bool      // a scroll we caused
	listener *listener
	scroll   *listener
}

// OnInit runs on the server too (OnMount does not): the prerendered section
// must already be in the page's language.
func (t *transcriptView) OnInit() {
	t.lang = pickLang(t.Lang)
	t.active = -1
}

func (t *transcriptView) OnMount(ctx app.Context) {
	if !t.loaded {
		t.load(ctx)
	}
	if a := bridge().audio(); a != nil {
		t.followAudio(ctx, a)
	} else {
		// The audio object appears on the first play; look again then.
		ctx.Async(func() {
			for i := 0; i < 600 && bridge().audio() == nil; i++ {
				time.Sleep(500 * time.Millisecond)
			}
			if a := bridge().audio(); a != nil {
				ctx.Dispatch(func(ctx app.Context) { t.followAudio(ctx, a) })
			}
		})
	}
}

func (t *transcriptView) OnDismount() {
	for _, l := range []**listener{&t.listener, &t.scroll} {
		if *l != nil {
			(*l).remove()
			*l = nil
		}
	}
}

// watchScroll notes when the listener scrolls the lines themselves. It is a
// plain DOM listener: a go-app handler would re-render on every scroll event.
func (t *transcriptView) watchScroll() {
	if t.scroll != nil {
		return
	}
	box := t.JSValue().Call("querySelector", ".es-transcript-lines")
	if !box.Truthy() {
		return
	}
	l := listen(box, "scroll", func(app.Value) {
		if t.auto {
			t.auto = false
			return
		}
		t.scrolled = time.Now()
	})
	t.scroll = &l
}

func (t *transcriptView) load(ctx app.Context) {
	t.loaded = true
	q := url.Values{"feed": {t.Feed}, "guid": {t.GUID}}
	ctx.Async(func() {
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		src := "/api/transcript?" + q.Encode()
		if staticExport() {
			src = embed.StaticTranscriptData(t.GUID)
		}
		status, body, err := fetchText(c, src)
		var tr podcast.Transcript
		if err == nil && status == 200 {
			err = json.Unmarshal([]byte(body), &tr)
		}
		ctx.Dispatch(func(app.Context) {
			switch {
			case err != nil:
				t.err = t.lang.t("errTranscript") + " " + t.lang.errText(&Error{Code: codeOffline})
			case status != 200:
				t.err = t.lang.t("errTranscript") + " " + t.lang.errText(apiError(status, body))
			default:
				t.segs = tr.Segments
			}
		})
	})
}

func (t *transcriptView) followAudio(ctx app.Context, a app.Value) {
	if t.listener != nil {
		return
	}
	l := listen(a, "timeupdate", func(app.Value) { t.follow(num(a.Get("currentTime"))) })
	t.listener = &l
}

// follow highlights the segment at sec and scrolls it into view, unless the
// listener scrolled recently.
func (t *transcriptView) follow(sec float64) {
	i := segmentAt(t.segs, sec)
	if i == t.active {
		return
	}
	root := t.JSValue()
	if root == nil || !root.Truthy() {
		return
	}
	if old := root.Call("querySelector", ".es-seg.es-active"); old.Truthy() {
		old.Get("classList").Call("remove", "es-active")
	}
	t.active = i
	if i < 0 {
		return
	}
	el := root.Call("querySelector", `[data-seg="`+strconv.Itoa(i)+`"]`)
	if !el.Truthy() {
		return
	}
	el.Get("classList").Call("add", "es-active")
	t.watchScroll()
	if time.Since(t.scrolled) < userScrollPause {
		return
	}
	t.auto = true
	t.scrollTo(i)
}

// scrollTo scrolls the lines box (never the page: the listener's place on
// the page stays put) so that segment i is in its upper third.
func (t *transcriptView) scrollTo(i int) {
	root := t.JSValue()
	if root == nil || !root.Truthy() {
		return
	}
	box := root.Call("querySelector", ".es-transcript-lines")
	el := root.Call("querySelector", `[data-seg="`+strconv.Itoa(i)+`"]`)
	if !box.Truthy() || !el.Truthy() {
		return
	}
	top := num(el.Call("getBoundingClientRect").Get("top")) - num(box.Call("getBoundingClientRect").Get("top")) +
		num(box.Get("scrollTop")) - num(box.Get("clientHeight"))/3
	box.Call("scrollTo", map[string]any{"top": top, "behavior": scrollBehavior()})
}

// segmentAt returns the index of the last segment starting at or before
// sec, or -1 (also for untimed transcripts).
func segmentAt(segs []podcast.Segment, sec float64) int {
	idx := -1
	for i, s := range segs {
		if s.Start > sec+0.001 {
			break
		}
		if s.Start > 0 || i == 0 {
			idx = i
		}
	}
	if len(segs) > 1 && segs[len(segs)-1].Start == 0 {
		return -1 // untimed
	}
	return idx
}

func (t *transcriptView) onSearch(ctx app.Context, e app.Event) {
	// The field keeps what was typed (a trailing space included: trimming
	// it here would eat the space between two words); matching trims.
	t.query = ctx.JSSrc().Get("value").String()
	t.matches = t.matches[:0]
	if q := strings.ToLower(strings.TrimSpace(t.query)); q != "" {
		for i, s := range t.segs {
			if strings.Contains(strings.ToLower(s.Text), q) || strings.Contains(strings.ToLower(s.Speaker), q) {
				t.matches = append(t.matches, i)
			}
		}
	}
	t.match = 0
	t.showMatch(ctx)
}

func (t *transcriptView) step(ctx app.Context, dir int) {
	if len(t.matches) == 0 {
		return
	}
	t.match = (t.match + dir + len(t.matches)) % len(t.matches)
	t.showMatch(ctx)
}

// showMatch scrolls the current match into view once rendered.
func (t *transcriptView) showMatch(ctx app.Context) {
	if len(t.matches) == 0 {
		return
	}
	t.scrolled = time.Now()
	t.watchScroll()
	i := t.matches[t.match]
	ctx.Defer(func(app.Context) { t.scrollTo(i) })
}

func (t *transcriptView) Render() app.UI {
	return app.Section().Class("es-section", "es-transcript").Aria("label", t.lang.t("transcript")).Body(
		app.H2().Text(t.lang.t("transcript")),
		app.If(t.err != "", func() app.UI { return app.P().Class("es-muted").Text(t.err) }),
		app.If(t.err == "" && t.segs == nil, func() app.UI { return app.P().Class("es-muted").Text(t.lang.t("loadingTrans")) }),
		app.If(len(t.segs) > 0, func() app.UI { return t.renderSearch() }),
		app.If(len(t.segs) > 0, func() app.UI { return t.renderLines() }),
	)
}

func (t *transcriptView) renderSearch() app.UI {
	status := ""
	if strings.TrimSpace(t.query) != "" {
		status = t.lang.t("noMatches")
		if len(t.matches) > 0 {
			status = t.lang.t("matches", t.match+1, len(t.matches))
		}
	}
	return app.Div().Class("es-search").Body(
		app.Input().Type("search").Class("es-search-input").Placeholder(t.lang.t("search")).
			Aria("label", t.lang.t("search")).Value(t.query).OnInput(t.onSearch).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				if e.Get("key").String() == "Enter" {
					e.PreventDefault()
					t.step(ctx, map[bool]int{true: -1, false: 1}[flag(e.Get("shiftKey"))])
				}
			}),
		app.Button().Class("es-icon").Aria("label", t.lang.t("prevMatch")).Text("↑").
			OnClick(func(ctx app.Context, e app.Event) { t.step(ctx, -1) }),
		app.Button().Class("es-icon").Aria("label", t.lang.t("nextMatch")).Text("↓").
			OnClick(func(ctx app.Context, e app.Event) { t.step(ctx, 1) }),
		app.Span().Class("es-search-status").Aria("live", "polite").Text(status),
	)
}

func (t *transcriptView) renderLines() app.UI {
	cur := -1
	if len(t.matches) > 0 {
		cur = t.matches[t.match]
	}
	matched := make(map[int]bool, len(t.matches))
	for _, m := range t.matches {
		matched[m] = true
	}
	return app.Div().Class("es-transcript-lines").TabIndex(0).Aria("label", t.lang.t("transcript")).Body(
		app.Range(t.segs).Slice(func(i int) app.UI {
			s := t.segs[i]
			speakerChanged := s.Speaker != "" && (i == 0 || t.segs[i-1].Speaker != s.Speaker)
			return app.P().Class("es-seg", classIf(matched[i], "es-match"), classIf(i == cur, "es-match-current"), classIf(i == t.active, "es-active")).
				DataSet("seg", i).DataSet("t", strconv.FormatFloat(s.Start, 'f', -1, 64)).
				Body(
					app.If(speakerChanged, func() app.UI { return app.Span().Class("es-speaker").Text(s.Speaker) }),
					app.Span().Class("es-at").Text(podcast.FormatClock(s.Start)),
					app.Text(" "+s.Text),
				)
		}),
	)
}
