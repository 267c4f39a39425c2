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
	ui       lang // the page's language (the Player picks its own the same way)
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
	p.ui = pageLang(ctx)
	loadEpisode(ctx, p.src, &p.pre, t, func(ctx app.Context, v *podcast.EpisodeView, err string) {
		p.view, p.err = v, err
		p.setTitle(ctx)
	})
}

// loadEpisode gets the episode a page shows: from the data the server
// embedded when it is for this URL (a static export's page is always its
// own), else from the Source. pre is consumed either way. It also settles
// the page's language (<html lang>); a failure reaches done as the sentence
// the listener reads, in that language.
func loadEpisode(ctx app.Context, src Source, pre **pageData, t embed.Target, done func(app.Context, *podcast.EpisodeView, string)) {
	l := pageLang(ctx)
	d := *pre
	*pre = nil
	if d != nil && (d.Feed == t.Feed && d.GUID == t.GUID || embed.IsStaticPage(ctx.Page().URL().Path) && t.GUID == "") {
		done(ctx, d.Episode, "")
		return
	}
	ctx.Async(func() {
		v, err := src.Episode(ctx, t.Feed, t.GUID)
		ctx.Dispatch(func(ctx app.Context) {
			msg := ""
			if err != nil {
				msg = l.errText(err)
			}
			done(ctx, v, msg)
		})
	})
}

func (p *episodePage) setTitle(ctx app.Context) {
	if p.view == nil {
		if p.err != "" {
			ctx.Page().SetTitle("%s · Earshot", p.ui.t("errEpisodeTitle"))
		} else {
			ctx.Page().SetTitle("Earshot")
		}
		return
	}
	ctx.Page().SetTitle("%s · %s", plain(p.view.Episode.Title), plain(p.view.Show.Title))
	ctx.Page().SetDescription("%s", plain(p.view.Episode.Summary))
}

func (p *episodePage) Render() app.UI {
	return app.Main().Class("es-page").Body(
		siteNav(p.ui),
		app.If(p.err != "", func() app.UI { return p.renderError() }),
		app.If(p.view != nil, func() app.UI {
			return &Player{View: p.view, Start: p.target.Time, Lang: p.lang, Autoplay: p.autoplay}
		}),
		&updateBanner{},
		renderData(pageData{Feed: p.target.Feed, GUID: p.target.GUID, Episode: p.view}),
	)
}

// renderError says the episode could not be opened, why, and offers the
// show (when the link named one), the front page and the library.
func (p *episodePage) renderError() app.UI {
	var show []app.UI
	if p.target.Feed != "" && !staticExport() {
		show = append(show, app.A().Class("es-btn").Href(attr(embed.ShowPath(p.target.Feed))).Text(p.ui.t("openShow")))
	}
	return pageError{title: p.ui.t("errEpisodeTitle"), text: p.err, links: homeLinks(p.ui, show...)}.render()
}
