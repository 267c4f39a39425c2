package app

import (
	"net/url"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// copiedFor is how long "Copied" stays on the button.
const copiedFor = 2500 // ms

// sharePanel offers links to the episode (optionally at the current time),
// a copy button that announces success, the Web Share API where the
// browser has it, and a QR code.
type sharePanel struct {
	app.Compo

	View    *podcast.EpisodeView
	Lang    string
	Current float64

	lang   lang
	atTime bool
	copied bool
}

func (s *sharePanel) OnInit() { s.lang = pickLang(s.Lang) }

// link is the share link: absolute, with ?t= so servers and link previews
// see the time.
func (s *sharePanel) link() string {
	t := embed.Target{Feed: s.View.Show.FeedURL, GUID: s.View.Episode.GUID}
	if s.atTime && s.Current >= 1 {
		t.Time = podcast.Range{Start: float64(int(s.Current))}
	}
	return origin() + embed.EpisodePath(t)
}

func (s *sharePanel) copy(ctx app.Context, e app.Event) {
	link := s.link()
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		return
	}
	clip.Call("writeText", link).Call("then", app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { s.copied = true })
		ctx.After(copiedFor*1e6, func(app.Context) { s.copied = false })
		return nil
	}))
}

func (s *sharePanel) share(ctx app.Context, e app.Event) {
	nav := app.Window().Get("navigator")
	if nav.Get("share").Truthy() {
		p := nav.Call("share", map[string]any{"title": s.View.Episode.Title, "url": s.link()})
		p.Call("catch", ignoreRejection())
	}
}

func (s *sharePanel) Render() app.UI {
	link := s.link()
	canShare := app.IsClient && app.Window().Get("navigator").Get("share").Truthy()
	copyLabel := s.lang.t("copyLink")
	if s.copied {
		copyLabel = s.lang.t("copied")
	}
	return app.Section().Class("es-section", "es-share").Aria("label", s.lang.t("share")).Body(
		app.H2().Text(s.lang.t("share")),
		app.Label().Class("es-check").Body(
			app.Input().Type("checkbox").Checked(s.atTime).OnChange(func(ctx app.Context, e app.Event) {
				s.atTime = ctx.JSSrc().Get("checked").Bool()
			}),
			app.Text(" "+s.lang.t("atCurrent")+" ("+podcast.FormatClock(s.Current)+")"),
		),
		app.Div().Class("es-sharerow").Body(
			app.Input().Type("text").Class("es-sharelink").ReadOnly(true).Value(attr(link)).Aria("label", s.lang.t("share")),
			app.Button().Class("es-btn").Text(copyLabel).OnClick(s.copy),
			app.If(canShare, func() app.UI {
				return app.Button().Class("es-btn").Text(s.lang.t("share") + "…").OnClick(s.share)
			}),
		),
		app.Span().Class("es-visually-hidden").Aria("live", "polite").Text(map[bool]string{true: s.lang.t("copied")}[s.copied]),
		app.Img().Class("es-qr").Src("/api/qr?url="+url.QueryEscape(link)).Alt(attr("QR code: "+link)).Width(160).Height(160).Attr("loading", "lazy"),
		&embedGenerator{View: s.View, Lang: s.Lang, Current: s.Current},
	)
}

// origin is the page's scheme and host ("https://earshot.example").
func origin() string {
	if !app.IsClient {
		return ""
	}
	return app.Window().Get("location").Get("origin").String()
}
