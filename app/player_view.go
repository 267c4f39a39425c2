package app

import (
	"fmt"
	"math"
	"strconv"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// Render lays the player out for its layout. Event handlers sit on the
// root: clicks on [data-t] anywhere inside (chapters, show-note timestamps,
// transcript lines, highlights) seek.
func (p *Player) Render() app.UI {
	if p.View == nil {
		return app.Div()
	}
	l := p.layout()
	return app.Article().
		Class("es-player", "es-layout-"+string(l), classIf(p.playing, "es-playing"), classIf(p.buffering, "es-buffering")).
		DataSet("es-src", attr(p.src)).
		DataSet("es-start", p.Start.Start).
		DataSet("es-key", attr(p.progressKey())).
		DataSet("es-chapters", chapterStarts(p.chapters())).
		DataSet("es-labels", p.lang.t("play")+"|"+p.lang.t("pause")).
		// The bridge plays these before the wasm: the clip's end, and on a
		// static export (rendered without its query) ?t= is its to read.
		DataSet("es-end", numAttr(p.clipEnd)).
		DataSet("es-static", flagAttr(staticExport())).
		DataSet("es-pjs", p.readyMessage()).
		Lang(string(p.lang)).
		Aria("label", attr(p.lang.t("player", p.View.Episode.Title))).
		OnClick(p.onTimeLink).
		Body(
			p.renderHead(),
			p.renderControls(),
			app.If(p.failed, func() app.UI { return p.renderError() }),
			app.If(l == LayoutPage, func() app.UI { return p.renderSections() }),
			app.If(l == LayoutFull, func() app.UI { return p.renderTabs() }),
			app.If(p.help, func() app.UI { return p.renderHelp() }),
		)
}

func (p *Player) layout() embed.Layout {
	switch p.Layout {
	case LayoutFull, LayoutCompact, LayoutMini:
		return p.Layout
	}
	return LayoutPage
}

func (p *Player) renderHead() app.UI {
	ep := &p.View.Episode
	mini := p.layout() == LayoutMini
	return app.Div().Class("es-head").Body(
		artwork("es-cover", p.art(), p.View.Show.Title, p.lang.t("coverOf", p.View.Show.Title)),
		app.Div().Class("es-meta").Body(
			app.P().Class("es-show").Text(p.View.Show.Title),
			app.H1().Class("es-title").Title(attr(ep.Title)).Body(
				app.Text(ep.Title),
				app.If(p.finished, func() app.UI {
					return app.Span().Class("es-badge").Text(p.lang.t("finished"))
				}),
				liveBadge(p.lang, ep),
			),
			app.If(!mini, func() app.UI { return p.renderLabels() }),
			app.P().Class("es-chapter-now").Aria("live", "polite").Text(p.chapterTitle()),
		),
	)
}

// renderLabels shows season, episode number, type and date.
func (p *Player) renderLabels() app.UI {
	ep := &p.View.Episode
	labels := episodeLabels(p.lang, ep) // "Season 3" or the season's name, never "Season Spring"
	if d := p.lang.date(ep.Published); d != "" {
		labels = append(labels, d)
	}
	if len(labels) == 0 {
		return nil
	}
	return app.P().Class("es-labels").Body(
		app.Range(labels).Slice(func(i int) app.UI { return app.Span().Class("es-label").Text(labels[i]) }),
	)
}

// art is the image of the chapter playing (hidden chapters included: they
// switch art without being listed), else the episode's.
func (p *Player) art() string {
	chs := p.chapters()
	if p.chapter >= 0 && p.chapter < len(chs) && podcast.SafeImage(chs[p.chapter].Image) != "" {
		return podcast.SafeImage(chs[p.chapter].Image)
	}
	return podcast.SafeImage(p.View.Episode.Image)
}

// chapterTitle is the title of the listed chapter playing now.
func (p *Player) chapterTitle() string {
	chs := p.chapters()
	for i := p.chapter; i >= 0 && i < len(chs); i-- {
		if !chs[i].Hidden {
			return chs[i].Title
		}
	}
	return ""
}

func (p *Player) renderControls() app.UI {
	label := p.lang.t("play")
	if p.playing {
		label = p.lang.t("pause")
	}
	full := p.layout() != LayoutMini
	return app.Div().Class("es-controls").Body(
		app.If(full, func() app.UI {
			return bridgeButton("es-skip", "skip", -skipBack, p.lang.t("back15"), iconBack(), func(ctx app.Context, e app.Event) { p.seekBy(ctx, -skipBack) })
		}),
		app.Button().Class("es-play").DataSet("es", "play").Aria("label", label).
			OnClick(func(ctx app.Context, e app.Event) { e.PreventDefault(); p.togglePlay(ctx) }).
			Body(iconPlay(), iconPause()),
		app.If(full, func() app.UI {
			return bridgeButton("es-skip", "skip", skipForward, p.lang.t("fwd30"), iconFwd(), func(ctx app.Context, e app.Event) { p.seekBy(ctx, skipForward) })
		}),
		p.renderSeek(),
		app.Button().Class("es-time").Title(p.lang.t(map[bool]string{false: "elapsed", true: "remaining"}[p.remaining])).
			OnClick(func(ctx app.Context, e app.Event) { p.remaining = !p.remaining }).
			Body(
				app.Span().Class("es-elapsed").Text(p.timeLabel(p.current, 0)),
				app.Text(" / "),
				app.Span().Text(podcast.FormatClock(p.total())),
				app.Span().Class("es-visually-hidden").Text(" ("+p.lang.t(map[bool]string{false: "elapsed", true: "remaining"}[p.remaining])+")"),
			),
		app.If(full, func() app.UI { return p.renderExtras() }),
		app.If(p.buffering, func() app.UI {
			return app.Span().Class("es-status").Aria("live", "polite").Text(p.lang.t("buffering"))
		}),
	)
}

// renderSeek is the seek bar with the chapter marks over it.
func (p *Player) renderSeek() app.UI {
	total := p.total()
	chs := visibleChapters(p.chapters())
	return app.Div().Class("es-seekwrap").Body(
		app.Input().Type("range").Class("es-seek").DataSet("es", "seekbar").
			Min(0).Max(int(total+0.5)).Step(1).Value(int(p.current)).
			Aria("label", p.lang.t("seek")).Aria("valuetext", p.valueText(p.current)).
			OnInput(p.onSeekInput),
		app.Span().Class("es-hover").Aria("hidden", "true"),
		app.If(total > 0 && len(chs) > 1, func() app.UI {
			return app.Div().Class("es-marks").Aria("hidden", "true").Body(
				app.Range(chs).Slice(func(i int) app.UI {
					if i == 0 || chs[i].Start >= total {
						return nil
					}
					return app.Span().Class("es-mark").Style("left", fmt.Sprintf("%.3f%%", 100*chs[i].Start/total)).Title(attr(chs[i].Title))
				}),
			)
		}),
	)
}

func (p *Player) onSeekInput(ctx app.Context, e app.Event) {
	if t := num(ctx.JSSrc().Get("value")); !math.IsNaN(t) {
		p.seekBy(ctx, t-p.currentTime())
	}
}

// renderExtras: chapter steps, speed, volume, alternate versions.
func (p *Player) renderExtras() app.UI {
	hasChapters := len(visibleChapters(p.chapters())) > 1
	volLabel, volIcon := p.lang.t("mute"), iconVolume()
	if p.muted || p.volume == 0 {
		volLabel, volIcon = p.lang.t("unmute"), iconMuted()
	}
	return app.Div().Class("es-extras").Body(
		app.If(hasChapters, func() app.UI {
			return bridgeButton("es-chap", "chap", -1, p.lang.t("prevChapter"), iconPrev(), func(ctx app.Context, e app.Event) { p.chapterStep(ctx, -1) })
		}),
		app.If(hasChapters, func() app.UI {
			return bridgeButton("es-chap", "chap", +1, p.lang.t("nextChapter"), iconNext(), func(ctx app.Context, e app.Event) { p.chapterStep(ctx, +1) })
		}),
		app.Select().Class("es-speed").DataSet("es", "speed").Aria("label", p.lang.t("speed")).
			OnChange(func(ctx app.Context, e app.Event) {
				if r, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64); err == nil {
					p.setRate(r)
				}
			}).
			Body(app.Range(speeds).Slice(func(i int) app.UI {
				v := strconv.FormatFloat(speeds[i], 'f', -1, 64)
				return option(v, v+"×", speeds[i] == p.rate)
			})),
		app.If(p.layout() == LayoutPage, func() app.UI { return p.renderSleep() }),
		app.If(app.IsClient && p.layout() == LayoutPage, func() app.UI {
			label := p.lang.t("download")
			switch {
			case p.dlBusy && p.offline:
				label = p.lang.t("removing")
			case p.dlBusy:
				label = p.lang.t("downloading")
			case p.offline:
				label = p.lang.t("downloaded")
			}
			return app.Button().Class("es-btn", "es-download", "es-app-only").Disabled(app.IsServer).Aria("pressed", strconv.FormatBool(p.offline)).Text(label).
				OnClick(func(ctx app.Context, e app.Event) { p.toggleDownload(ctx) })
		}),
		app.If(p.dlNote != "", func() app.UI {
			return app.Span().Class("es-status", "es-dlnote").Aria("live", "polite").Text(p.lang.translate(p.dlNote))
		}),
		app.If(app.IsClient && p.layout() == LayoutPage, func() app.UI {
			return app.Button().Class("es-btn", "es-queue-toggle", "es-app-only").Disabled(app.IsServer).Aria("pressed", strconv.FormatBool(p.queued)).
				Text(p.lang.t(map[bool]string{false: "addToQueue", true: "inQueue"}[p.queued])).
				OnClick(func(ctx app.Context, e app.Event) { p.toggleQueue() })
		}),
		bridgeButton("es-mute", "mute", 0, volLabel, volIcon, func(ctx app.Context, e app.Event) { p.toggleMute(ctx) }),
		app.Input().Type("range").Class("es-volume").DataSet("es", "volume").Min(0).Max(1).Step(0.05).Value(p.volume).
			Aria("label", p.lang.t("volume")).Aria("valuetext", fmt.Sprintf("%d %%", int(p.volume*100+0.5))).
			OnInput(func(ctx app.Context, e app.Event) { p.setVolume(num(ctx.JSSrc().Get("value"))) }),
		p.renderVersions(),
	)
}

// renderVersions lets the listener switch between the main enclosure and
// alternate enclosures the browser can play.
func (p *Player) renderVersions() app.UI {
	ep := &p.View.Episode
	if len(ep.Alternates) == 0 {
		return nil
	}
	type version struct{ label, url string }
	versions := []version{{ep.Enclosure.Type, ep.Enclosure.URL}}
	for _, a := range ep.Alternates {
		if len(a.Sources) == 0 || !canPlay(a.Type) {
			continue
		}
		label := a.Title
		if label == "" {
			label = a.Type
			if a.Bitrate > 0 {
				label += fmt.Sprintf(" %d kbit/s", int(a.Bitrate/1000))
			}
		}
		versions = append(versions, version{label, a.Sources[0]})
	}
	if len(versions) < 2 {
		return nil
	}
	return app.Select().Class("es-version").Aria("label", p.lang.t("version")).
		OnChange(func(ctx app.Context, e app.Event) { p.switchSource(ctx, ctx.JSSrc().Get("value").String()) }).
		Body(app.Range(versions).Slice(func(i int) app.UI {
			return option(attr(versions[i].url), versions[i].label, versions[i].url == p.src)
		}))
}

// switchSource changes the enclosure, keeping the position and play state.
func (p *Player) switchSource(ctx app.Context, src string) {
	t, playing := p.currentTime(), p.playing
	for _, l := range p.listeners {
		l.remove()
	}
	p.listeners = nil
	p.src = src
	p.startAt = t
	a := p.media(ctx)
	if playing {
		play(a)
	}
}

func (p *Player) renderError() app.UI {
	return app.Div().Class("es-error").Attr("role", "alert").Body(
		app.P().Text(p.lang.t("mediaError")),
		app.Button().Class("es-btn").Text(p.lang.t("retry")).OnClick(func(ctx app.Context, e app.Event) { p.retry(ctx) }),
	)
}

// renderSections stacks chapters, transcript, notes and people (the
// standalone page).
func (p *Player) renderSections() app.UI {
	return app.Div().Class("es-sections").Body(
		p.renderSoundbites(),
		p.renderChapters(),
		p.renderTranscript(),
		p.renderNotes(),
		p.renderPeople(),
		&sharePanel{View: p.View, Lang: string(p.lang), Current: p.currentTime()},
		app.If(followable(&p.View.Show), func() app.UI { return &followPanel{Show: &p.View.Show, Lang: string(p.lang)} }),
	)
}

// tabs of the full embed layout.
var tabs = []string{"chapters", "notes", "transcript", "share", "followShow"}

func (p *Player) renderTabs() app.UI {
	avail := p.availableTabs()
	if len(avail) == 0 {
		return nil
	}
	cur := p.tab
	if cur == "" {
		cur = avail[0]
	}
	return app.Div().Class("es-tabs").Body(
		app.Div().Class("es-tablist").Attr("role", "tablist").Body(
			app.Range(avail).Slice(func(i int) app.UI {
				name := avail[i]
				return app.Button().ID("es-tab-"+name).Class("es-tab").DataSet("es", "tab").Attr("role", "tab").
					Aria("selected", strconv.FormatBool(name == cur)).Aria("controls", "es-panel-"+name).
					TabIndex(map[bool]int{true: 0, false: -1}[name == cur]).
					Text(p.lang.t(name)).
					OnClick(func(ctx app.Context, e app.Event) { p.tab = name }, app.EventScope(name))
			}),
		),
		app.Range(avail).Slice(func(i int) app.UI {
			name := avail[i]
			panel := app.Div().ID("es-panel-"+name).Class("es-panel").Attr("role", "tabpanel").Aria("labelledby", "es-tab-"+name)
			if name != cur { // never Hidden(false): go-app's server writes hidden="false", which hides
				panel = panel.Hidden(true)
			}
			return panel.Body(app.If(name == cur || staticTab(name), func() app.UI { return p.renderTab(name) }))
		}),
	)
}

// staticTab: panels whose content needs no Go (chapters, notes) are
// rendered even when hidden, so the bridge can show them before the
// takeover; the transcript and share panels are built when opened.
func staticTab(name string) bool { return name == "chapters" || name == "notes" }

func (p *Player) availableTabs() []string {
	ep := &p.View.Episode
	var out []string
	for _, t := range tabs {
		switch {
		case t == "chapters" && len(visibleChapters(ep.Chapters)) == 0,
			t == "notes" && ep.Notes == "",
			t == "transcript" && len(ep.Transcripts) == 0,
			t == "followShow" && !followable(&p.View.Show):
			continue
		}
		out = append(out, t)
	}
	return out
}

func (p *Player) renderTab(name string) app.UI {
	switch name {
	case "chapters":
		return p.renderChapters()
	case "notes":
		return p.renderNotes()
	case "transcript":
		return p.renderTranscript()
	case "share":
		return &sharePanel{View: p.View, Lang: string(p.lang), Current: p.currentTime()}
	case "followShow":
		return &followPanel{Show: &p.View.Show, Lang: string(p.lang), Embed: true, Funding: true}
	}
	return nil
}

func (p *Player) renderChapters() app.UI {
	chs := p.chapters()
	if len(visibleChapters(chs)) == 0 {
		return nil
	}
	ep := &p.View.Episode
	return app.Section().Class("es-section", "es-chapters").Aria("label", p.lang.t("chapters")).Body(
		app.H2().Text(p.lang.t("chapters")),
		app.Ol().Body(
			app.Range(chs).Slice(func(i int) app.UI {
				c := chs[i]
				if c.Hidden {
					return nil
				}
				href := episodeHref(embed.Target{Feed: p.View.Show.FeedURL, GUID: ep.GUID, Time: podcast.Range{Start: c.Start}})
				cur := i == p.chapter || (p.chapter > i && hiddenBetween(chs, i, p.chapter))
				return app.Li().Class(classIf(cur, "es-current")).Body(
					app.A().Href(attr(href)).DataSet("t", strconv.FormatFloat(c.Start, 'f', -1, 64)).
						Aria("current", ariaCurrent(cur)).
						Body(
							app.If(srcOf(c.Image) != "", func() app.UI {
								return app.Img().Class("es-chapimg").Src(srcOf(c.Image)).Alt("").Aria("hidden", "true").Width(40).Height(40).Attr("loading", "lazy")
							}),
							app.Span().Class("es-at").Text(podcast.FormatClock(c.Start)),
							app.Span().Class("es-chaptitle").Text(c.Title),
						),
					app.If(hrefOf(c.URL) != "", func() app.UI {
						return app.A().Class("es-chaplink").Href(hrefOf(c.URL)).Target("_blank").Rel("noopener noreferrer").
							Aria("label", attr(c.Title+" ↗")).Text("↗")
					}),
				)
			}),
		),
	)
}

// hiddenBetween reports whether every chapter after i up to j is hidden, so
// the listed chapter i is still the current one.
func hiddenBetween(chs []podcast.Chapter, i, j int) bool {
	for k := i + 1; k <= j && k < len(chs); k++ {
		if !chs[k].Hidden {
			return false
		}
	}
	return true
}

// renderNotes shows the sanitized show notes. podcast.SafeHTML is the only
// type that reaches app.Raw: the server's sanitizer made it.
func (p *Player) renderNotes() app.UI {
	notes := p.View.Episode.Notes
	if notes == "" {
		return nil
	}
	return app.Section().Class("es-section").Aria("label", p.lang.t("notes")).Body(
		app.H2().Text(p.lang.t("notes")),
		app.Raw(`<div class="es-notes">`+string(notes)+`</div>`),
	)
}

func (p *Player) renderTranscript() app.UI {
	ep := &p.View.Episode
	if len(ep.Transcripts) == 0 {
		return nil
	}
	return &transcriptView{Feed: p.View.Show.FeedURL, GUID: ep.GUID, Lang: string(p.lang)}
}

func (p *Player) renderHelp() app.UI {
	return app.Div().Class("es-help").Attr("role", "dialog").Aria("label", p.lang.t("shortcuts")).Body(
		app.H2().Text(p.lang.t("shortcuts")),
		app.Dl().Body(app.Range(shortcuts).Slice(func(i int) app.UI {
			return app.Div().Body(app.Dt().Body(app.Kbd().Text(p.lang.keyNames(shortcuts[i].keys))), app.Dd().Text(p.lang.t(shortcuts[i].what)))
		})),
		app.Button().Class("es-btn").Text(p.lang.t("close")).OnClick(func(ctx app.Context, e app.Event) { p.help = false }),
	)
}

func iconButton(class, label string, icon app.UI, fn func(app.Context, app.Event)) app.UI {
	return app.Button().Class("es-icon", class).Aria("label", label).Title(label).OnClick(fn).Body(icon)
}

// bridgeButton is an icon button the audio bridge (web/bridge.js) also
// runs before the wasm has taken over: data-es names the action, data-es-d
// its amount (seconds to skip, chapters to step).
func bridgeButton(class, act string, d float64, label string, icon app.UI, fn func(app.Context, app.Event)) app.UI {
	return app.Button().Class("es-icon", class).DataSet("es", act).DataSet("es-d", d).
		Aria("label", label).Title(label).OnClick(fn).Body(icon)
}

// chapterStarts lists the listed chapters' starts for the bridge
// ("0,30,90.5"), which steps between them before the takeover.
func chapterStarts(chs []podcast.Chapter) string {
	var b []byte
	for _, c := range chs {
		if c.Hidden {
			continue
		}
		if len(b) > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendFloat(b, c.Start, 'f', -1, 64)
	}
	return string(b)
}

// numAttr is a positive number as an attribute value, "" (no attribute)
// otherwise.
func numAttr(v float64) string {
	if v > 0 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// flagAttr is a present (true) or absent (false) boolean attribute.
func flagAttr(v bool) string {
	if v {
		return "true"
	}
	return ""
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
