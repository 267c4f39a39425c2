package app

import (
	"net/url"
	"strconv"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// copiedFor is how long "Copied" stays on the button.
const copiedFor = 2500 // ms

// defaultClip is the length of a new clip, from the current time.
const defaultClip = 30.0

// What a share link points at.
const (
	shareEpisode = "episode"
	shareTime    = "time"
	shareClip    = "clip"
	shareChapter = "chapter"
	sharePassage = "passage"
)

// sharePanel offers links to the episode, to the current time, to a clip,
// to a chapter or to a transcript passage; a copy button that announces
// success; the Web Share API where the browser has it; a QR code; and the
// embed generator.
type sharePanel struct {
	app.Compo

	View    *podcast.EpisodeView
	Lang    string
	Current float64

	lang    lang
	kind    string
	clip    podcast.Range
	clipBad [2]bool // the clip's start or end field holds no time
	chapter int
	passage podcast.Range
	note    string
	copied  bool
}

func (s *sharePanel) OnInit() {
	s.lang = pickLang(s.Lang)
	s.kind = shareEpisode
	s.resetClip()
}

func (s *sharePanel) resetClip() {
	start := float64(int(s.Current))
	s.clip = podcast.Range{Start: start, End: start + defaultClip}
	s.clipBad = [2]bool{}
	if d := s.View.Episode.Duration; d > 0 && s.clip.End > d {
		s.clip.End = d
	}
}

// target is what the link points at.
func (s *sharePanel) target() embed.Target {
	t := embed.Target{Feed: s.View.Show.FeedURL, GUID: s.View.Episode.GUID}
	switch s.kind {
	case shareTime:
		if s.Current >= 1 {
			t.Time = podcast.Range{Start: float64(int(s.Current))}
		}
	case shareClip:
		if s.clipProblem() == "" {
			t.Time = s.clip
		}
	case shareChapter:
		if chs := visibleChapters(s.View.Episode.Chapters); s.chapter >= 0 && s.chapter < len(chs) {
			t.Time = podcast.Range{Start: chs[s.chapter].Start}
		}
	case sharePassage:
		t.Time = s.passage
	}
	return t
}

// link is the share link: absolute, with ?t= so servers and link previews
// see the time. There is none while the clip is invalid: a link must not
// quietly drop the clip the listener set up.
func (s *sharePanel) link() string {
	if s.clipProblem() != "" {
		return ""
	}
	return origin() + episodeHref(s.target())
}

// clipProblem says what is wrong with the clip being shared, "" when
// nothing is (or no clip is being shared).
func (s *sharePanel) clipProblem() string {
	switch {
	case s.kind != shareClip:
		return ""
	case s.clipBad[0] || s.clipBad[1]:
		return s.lang.t("clipNotTime")
	case !(s.clip.Start >= 0 && s.clip.End > s.clip.Start):
		return s.lang.t("clipOrder")
	}
	return ""
}

// usePassage takes the text selected in the transcript: from the start of
// its first line to the start of the line after its last.
func (s *sharePanel) usePassage(ctx app.Context, e app.Event) {
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() || integer(sel.Get("rangeCount")) == 0 || flag(sel.Get("isCollapsed")) {
		s.note = s.lang.t("selectLines")
		return
	}
	seg := func(node app.Value) app.Value {
		for n := node; n.Truthy(); n = n.Get("parentNode") {
			if integer(n.Get("nodeType")) == 1 && flag(n.Call("hasAttribute", "data-seg")) {
				return n
			}
		}
		return app.Null()
	}
	first, last := seg(sel.Get("anchorNode")), seg(sel.Get("focusNode"))
	if !first.Truthy() || !last.Truthy() {
		s.note = s.lang.t("selectLines")
		return
	}
	a := attrFloat(first, "data-t")
	b := attrFloat(last, "data-t")
	if b < a {
		a, b, last = b, a, first
	}
	end := b + defaultClip
	if next := last.Get("nextElementSibling"); next.Truthy() && flag(next.Call("hasAttribute", "data-t")) {
		end = attrFloat(next, "data-t")
	}
	s.passage = podcast.Range{Start: a, End: end}
	s.kind = sharePassage
	s.note = ""
}

func attrFloat(el app.Value, name string) float64 {
	f, _ := strconv.ParseFloat(el.Call("getAttribute", name).String(), 64)
	return f
}

func (s *sharePanel) copy(ctx app.Context, e app.Event) {
	copyText(ctx, s.link(), func(on bool) { s.copied = on })
}

func (s *sharePanel) share(ctx app.Context, e app.Event) {
	nav := app.Window().Get("navigator")
	if nav.Get("share").Truthy() {
		p := nav.Call("share", map[string]any{"title": s.View.Episode.Title, "url": s.link()})
		p.Call("catch", ignoreRejection())
	}
}

func (s *sharePanel) Render() app.UI {
	link, problem := s.link(), s.clipProblem()
	canShare := app.IsClient && app.Window().Get("navigator").Get("share").Truthy()
	copyLabel := s.lang.t("copyLink")
	if s.copied {
		copyLabel = s.lang.t("copied")
	}
	return app.Section().Class("es-section", "es-share").Aria("label", s.lang.t("share")).Body(
		app.H2().Text(s.lang.t("share")),
		s.renderKinds(),
		app.Div().Class("es-sharerow").Body(
			// No field while there is no link (go-app cannot set an empty
			// value: the old link would stay).
			app.If(link != "", func() app.UI {
				return app.Input().Type("text").Class("es-sharelink").ReadOnly(true).Value(attr(link)).Aria("label", s.lang.t("share"))
			}),
			app.Button().Class("es-btn", "es-copy").Text(copyLabel).Disabled(link == "").OnClick(s.copy),
			app.If(canShare, func() app.UI {
				return app.Button().Class("es-btn").Text(s.lang.t("share") + "…").Disabled(link == "").OnClick(s.share)
			}),
		),
		app.If(problem != "", func() app.UI {
			return app.P().Class("es-error", "es-clipproblem").Attr("role", "alert").Text(problem)
		}),
		app.Span().Class("es-visually-hidden").Aria("live", "polite").Text(map[bool]string{true: s.lang.t("copied")}[s.copied]),
		app.If(!staticExport() && link != "", func() app.UI {
			return app.Img().Class("es-qr").Src("/api/qr?url="+url.QueryEscape(link)).Alt(attr(s.lang.t("qrOf", link))).Width(160).Height(160).Attr("loading", "lazy")
		}),
		&embedGenerator{View: s.View, Lang: s.Lang, Current: s.Current},
	)
}

// renderKinds chooses what the link points at.
func (s *sharePanel) renderKinds() app.UI {
	chs := visibleChapters(s.View.Episode.Chapters)
	choice := func(kind, label string) app.UI {
		return app.Label().Class("es-check").Body(
			radio(s.kind == kind).Name("es-share-kind").Value(kind).
				OnChange(func(ctx app.Context, e app.Event) {
					s.kind = kind
					if kind == shareClip {
						s.resetClip()
					}
				}, app.EventScope(kind)),
			app.Text(" "+label),
		)
	}
	return app.FieldSet().Class("es-kinds").Body(
		app.Legend().Class("es-visually-hidden").Text(s.lang.t("share")),
		choice(shareEpisode, s.lang.t("shareEpisode")),
		choice(shareTime, s.lang.t("atCurrent")+" ("+podcast.FormatClock(s.Current)+")"),
		choice(shareClip, s.lang.t("shareClip")),
		app.If(s.kind == shareClip, func() app.UI {
			return app.Span().Class("es-cliptimes").Body(
				timeField(s.lang.t("clipStart"), s.clip.Start, &s.clipBad[0], func(v float64) { s.clip.Start = v }),
				app.Text(" – "),
				timeField(s.lang.t("clipEnd"), s.clip.End, &s.clipBad[1], func(v float64) { s.clip.End = v }),
			)
		}),
		app.If(len(chs) > 0, func() app.UI { return choice(shareChapter, s.lang.t("chapters")) }),
		app.If(s.kind == shareChapter && len(chs) > 0, func() app.UI {
			return app.Select().Class("es-sharechapter").Aria("label", s.lang.t("chapters")).
				OnChange(func(ctx app.Context, e app.Event) {
					s.chapter, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
				}).
				Body(app.Range(chs).Slice(func(i int) app.UI {
					return option(strconv.Itoa(i), podcast.FormatClock(chs[i].Start)+" "+chs[i].Title, i == s.chapter)
				}))
		}),
		app.If(len(s.View.Episode.Transcripts) > 0, func() app.UI {
			return app.Button().Class("es-btn", "es-passage").Text(s.lang.t("sharePassage")).OnClick(s.usePassage)
		}),
		app.If(s.kind == sharePassage, func() app.UI {
			return app.Span().Class("es-muted").Text(" " + podcast.FormatClock(s.passage.Start) + " – " + podcast.FormatClock(s.passage.End))
		}),
		app.If(s.note != "", func() app.UI { return app.P().Class("es-muted").Aria("live", "polite").Text(s.note) }),
	)
}

// timeField is a text field for a clock time ("1:30", "90"); *bad says
// whether it holds something else, which the panel reports rather than
// sharing a link without the clip.
func timeField(label string, v float64, bad *bool, set func(float64)) app.UI {
	return app.Input().Type("text").Class("es-timefield").Aria("label", label).Size(8).
		Aria("invalid", *bad).
		Value(podcast.FormatClock(v)).
		OnChange(func(ctx app.Context, e app.Event) {
			t, err := podcast.ParseNPT(ctx.JSSrc().Get("value").String())
			*bad = err != nil
			if err == nil {
				set(t)
			}
		}, app.EventScope(label))
}

// origin is the page's scheme and host ("https://earshot.example").
func origin() string {
	if !app.IsClient {
		return ""
	}
	return app.Window().Get("location").Get("origin").String()
}
