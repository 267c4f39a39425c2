package app

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// episodePage is /episode?feed=…&guid=…[&t=…]: one episode in the player.
type episodePage struct {
	app.Compo
	src Source

	target   embed.Target
	lang     string
	autoplay bool
	view     *podcast.EpisodeView
	err      string
	// pre is the data embedded by the server, taken in OnInit while the
	// prerendered DOM is still there.
	pre *pageData
}

func (p *episodePage) OnInit() {
	if d, ok := embeddedData(); ok && d.Episode != nil {
		p.pre = &d
	}
}

func (p *episodePage) OnNav(ctx app.Context) {
	t := embed.ParseTarget(ctx.Page().URL())
	p.target = t
	p.lang = ctx.Page().URL().Query().Get("lang")
	p.autoplay = ctx.Page().URL().Query().Get("autoplay") == "1"
	if p.pre != nil && (p.pre.Feed == t.Feed && p.pre.GUID == t.GUID || embed.IsStaticPage(ctx.Page().URL().Path) && t.GUID == "") {
		p.view, p.pre = p.pre.Episode, nil
		p.setTitle(ctx)
		return
	}
	ctx.Async(func() {
		v, err := p.src.Episode(ctx, t.Feed, t.GUID)
		ctx.Dispatch(func(ctx app.Context) {
			p.view, p.err = v, ""
			if err != nil {
				p.err = err.Error()
			}
			p.setTitle(ctx)
		})
	})
}

func (p *episodePage) setTitle(ctx app.Context) {
	if p.view == nil {
		ctx.Page().SetTitle("Earshot")
		return
	}
	ctx.Page().SetTitle("%s · %s", plain(p.view.Episode.Title), plain(p.view.Show.Title))
	ctx.Page().SetDescription("%s", plain(p.view.Episode.Summary))
}

func (p *episodePage) Render() app.UI {
	return app.Main().Class("es-page").Body(
		siteNav(),
		app.If(p.err != "", func() app.UI { return errorBox(p.err) }),
		app.If(p.view != nil, func() app.UI {
			return &Player{View: p.view, Start: p.target.Time, Lang: p.lang, Autoplay: p.autoplay}
		}),
		&updateBanner{},
		renderData(pageData{Feed: p.target.Feed, GUID: p.target.GUID, Episode: p.view}),
	)
}

func errorBox(msg string) app.UI {
	return app.Div().Class("es-error").Attr("role", "alert").Body(app.P().Text(msg))
}
