package app

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// embedPage is /embed?feed=…&guid=…&layout=…&theme=…&color=…&lang=…&t=…:
// the player alone, for an iframe on someone else's page. It never navigates
// (no history entries in the host page) and is playable before the wasm
// arrives, like every page.
type embedPage struct {
	app.Compo
	src Source

	target   embed.Target
	layout   string
	theme    string
	color    string
	lang     string
	autoplay bool
	view     *podcast.EpisodeView
	err      string
	pre      *pageData
}

func (p *embedPage) OnInit() {
	if d, ok := embeddedData(); ok && d.Episode != nil {
		p.pre = &d
	}
}

func (p *embedPage) OnNav(ctx app.Context) {
	u := ctx.Page().URL()
	q := u.Query()
	p.target = embed.ParseTarget(u)
	// The embed package defines the parameters, for this page, the snippet
	// generator and oEmbed alike; bad values fall back to defaults.
	o := embed.ParseOptions(q)
	p.layout = string(o.LayoutOrDefault())
	p.theme = string(o.ThemeOrDefault())
	p.color = ""
	if o.Color != "" {
		p.color = "#" + o.Color
	}
	p.lang = o.Lang
	p.autoplay = o.Autoplay
	loadEpisode(ctx, p.src, &p.pre, p.target, func(ctx app.Context, v *podcast.EpisodeView, err string) {
		p.view, p.err = v, err
		p.setTitle(ctx)
	})
}

func (p *embedPage) setTitle(ctx app.Context) {
	if p.view != nil {
		ctx.Page().SetTitle("%s · %s", plain(p.view.Episode.Title), plain(p.view.Show.Title))
	}
}

func (p *embedPage) Render() app.UI {
	root := app.Div().Class("es-embed", themeClass(p.theme))
	if p.color != "" {
		root = root.Style("--es-accent", p.color).Style("--es-on-accent", embed.OnAccent(p.color))
	}
	return root.Body(
		app.If(p.err != "", func() app.UI { return errorBox(p.err) }),
		app.If(p.view != nil, func() app.UI {
			return &Player{View: p.view, Start: p.target.Time, Lang: p.lang, Layout: embedLayout(p.layout), Autoplay: p.autoplay, Embedded: true}
		}),
		renderData(pageData{Feed: p.target.Feed, GUID: p.target.GUID, Episode: p.view}),
	)
}

func embedLayout(l string) string {
	switch l {
	case LayoutCompact, LayoutMini:
		return l
	}
	return LayoutFull
}

func themeClass(t string) string {
	switch t {
	case "light", "dark":
		return "es-theme-" + t
	}
	return ""
}
