package app

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// notFoundPage is every path that is not a page of the app: what happened,
// and the way back. The server sends it with status 404.
type notFoundPage struct {
	app.Compo

	lang lang
}

func (p *notFoundPage) OnNav(ctx app.Context) {
	p.lang = pageLang(ctx)
	ctx.Page().SetTitle("%s · Earshot", p.lang.t("notFoundTitle"))
}

func (p *notFoundPage) Render() app.UI {
	return app.Main().Class("es-page", "es-notfound").Body(
		siteNav(p.lang),
		pageError{
			title: p.lang.t("notFoundTitle"),
			text:  p.lang.t("notFoundText"),
			links: homeLinks(p.lang),
		}.render(),
	)
}
