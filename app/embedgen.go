package app

import (
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// embedGenerator builds the iframe snippet for an episode: layout, theme,
// colour and start time, with a live preview and a copy button, and warns
// about feed problems that hurt listeners.
type embedGenerator struct {
	app.Compo

	View    *podcast.EpisodeView
	Lang    string
	Current float64

	lang    lang
	layout  embed.Layout
	theme   embed.Theme
	color   string
	atTime  bool
	resizer bool
	copied  bool
}

func (g *embedGenerator) OnInit() {
	g.lang = pickLang(g.Lang)
	g.layout, g.theme, g.resizer = embed.LayoutFull, embed.ThemeAuto, true
}

func (g *embedGenerator) options() embed.Options {
	o := embed.Options{Layout: g.layout, Theme: g.theme, Color: strings.TrimPrefix(g.color, "#")}
	if g.atTime && g.Current >= 1 && g.layout != embed.LayoutShow {
		o.Time = podcast.Range{Start: float64(int(g.Current))}
	}
	return o.Normalize()
}

// target is the episode, or for the show layout the show (its list starts
// with the newest episode).
func (g *embedGenerator) target() embed.Target {
	if g.layout == embed.LayoutShow {
		return embed.Target{Feed: g.View.Show.FeedURL}
	}
	return embed.Target{Feed: g.View.Show.FeedURL, GUID: g.View.Episode.GUID}
}

// frameTitle names what the iframe plays: the episode, or the show.
func (g *embedGenerator) frameTitle() string {
	if g.layout == embed.LayoutShow {
		return g.View.Show.Title
	}
	return g.View.Episode.Title
}

// warnings lists what would make the embed worse for listeners.
func (g *embedGenerator) warnings() []string {
	ep := &g.View.Episode
	var w []string
	if chs := visibleChapters(ep.Chapters); len(chs) > 0 && chs[0].Start > 0 {
		w = append(w, g.lang.t("warnFirstChapter", podcast.FormatClock(chs[0].Start)))
	}
	if ep.Image == "" {
		w = append(w, g.lang.t("warnNoArt"))
	}
	if len(ep.Chapters) == 0 {
		w = append(w, g.lang.t("warnNoChapters"))
	}
	if ep.Duration == 0 {
		w = append(w, g.lang.t("warnNoDuration"))
	}
	return w
}

func (g *embedGenerator) copy(ctx app.Context, e app.Event) {
	copyText(ctx, g.snippet(g.options()), func(on bool) { g.copied = on })
}

func (g *embedGenerator) Render() app.UI {
	o := g.options()
	snippet := g.snippet(o)
	copyLabel := g.lang.t("copyEmbed")
	if g.copied {
		copyLabel = g.lang.t("copied")
	}
	warnings := g.warnings()
	return app.Details().Class("es-embedgen").Body(
		app.Summary().Text(g.lang.t("embedThis")),
		app.Div().Class("es-form").Body(
			app.Label().Body(app.Text(g.lang.t("layout")+" "), app.Select().Class("es-gen-layout").
				OnChange(func(ctx app.Context, e app.Event) { g.layout = embed.Layout(ctx.JSSrc().Get("value").String()) }).
				Body(app.Range(embed.Layouts()).Slice(func(i int) app.UI {
					l := embed.Layouts()[i]
					return option(string(l), g.lang.t("layout_"+string(l)), l == g.layout)
				}))),
			app.Label().Body(app.Text(g.lang.t("theme")+" "), app.Select().Class("es-gen-theme").
				OnChange(func(ctx app.Context, e app.Event) { g.theme = embed.Theme(ctx.JSSrc().Get("value").String()) }).
				Body(app.Range([]embed.Theme{embed.ThemeAuto, embed.ThemeLight, embed.ThemeDark}).Slice(func(i int) app.UI {
					t := []embed.Theme{embed.ThemeAuto, embed.ThemeLight, embed.ThemeDark}[i]
					return option(string(t), g.lang.t("theme_"+string(t)), t == g.theme)
				}))),
			app.Label().Body(app.Text(g.lang.t("colour")+" "), app.Input().Type("color").Class("es-gen-color").Value(colorOr(g.color)).
				OnChange(func(ctx app.Context, e app.Event) { g.color = ctx.JSSrc().Get("value").String() })),
			app.Label().Class("es-check").Body(
				checkbox(g.atTime).OnChange(func(ctx app.Context, e app.Event) {
					g.atTime = flag(ctx.JSSrc().Get("checked"))
				}),
				app.Text(" "+g.lang.t("atCurrent")+" ("+podcast.FormatClock(g.Current)+")"),
			),
			app.Label().Class("es-check").Body(
				checkbox(g.resizer).OnChange(func(ctx app.Context, e app.Event) {
					g.resizer = flag(ctx.JSSrc().Get("checked"))
				}),
				app.Text(" "+g.lang.t("resizeFrame")),
			),
		),
		app.If(len(warnings) > 0, func() app.UI {
			return app.Ul().Class("es-warnings").Body(app.Range(warnings).Slice(func(i int) app.UI {
				return app.Li().Text(warnings[i])
			}))
		}),
		app.P().Class("es-muted").Text(g.lang.t("corsNote")),
		app.Textarea().Class("es-snippet").ReadOnly(true).Rows(4).Aria("label", g.lang.t("embedCode")).Text(attr(snippet)),
		app.Button().Class("es-btn").Text(copyLabel).OnClick(g.copy),
		app.Span().Class("es-visually-hidden").Aria("live", "polite").Text(map[bool]string{true: g.lang.t("copied")}[g.copied]),
		app.Div().Class("es-preview").Body(
			app.IFrame().Src(attr(origin()+embedHref(g.target(), o))).Title(attr(g.lang.t("frameTitle", g.frameTitle()))).
				Width(100).Height(o.LayoutOrDefault().Height()).Attr("width", "100%").Attr("loading", "lazy").
				Attr("allow", "autoplay; clipboard-write"),
		),
	)
}

func colorOr(c string) string {
	if c == "" {
		return "#c2410c"
	}
	return c
}

// snippet is the embed code for the options o.
func (g *embedGenerator) snippet(o embed.Options) string {
	return embed.SnippetFor(origin()+embedHref(g.target(), o), origin(), o, g.frameTitle(), g.resizer)
}
