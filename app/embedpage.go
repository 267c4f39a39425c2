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
	layout   embed.Layout
	theme    string
	color    string
	lang     string
	autoplay bool
	view     *podcast.EpisodeView
	err      string
	pre      *pageData

	// The show layout (showembed.go).
	opts      embed.Options
	show      *podcast.Show   // the listing: the first rows, or the whole show once full
	full      bool            // show holds every episode
	listed    int             // rows shown
	played    map[string]bool // by GUID
	loading   string          // the GUID being loaded in place
	following bool            // the Follow panel is in the list's place
	query     string          // a search of the show; its moments are in the list's place
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
	p.layout = o.LayoutOrDefault()
	p.theme = string(o.ThemeOrDefault())
	p.color = ""
	if o.Color != "" {
		p.color = "#" + o.Color
	}
	p.lang = o.Lang
	p.autoplay = o.Autoplay
	p.opts = o
	if p.layout == embed.LayoutShow {
		p.loadShow(ctx)
		return
	}
	loadEpisode(ctx, p.src, &p.pre, p.target, func(ctx app.Context, v *podcast.EpisodeView, err string) {
		p.view, p.err = v, err
		p.setTitle(ctx)
	})
}

// OnMount follows player.js's setEpisode (show layout).
func (p *embedPage) OnMount(ctx app.Context) {
	ctx.Handle(actionSetEpisode, func(ctx app.Context, a app.Action) {
		if guid, ok := a.Value.(string); ok && p.layout == embed.LayoutShow {
			p.pick(ctx, guid)
		}
	})
}

// loadShow loads the show layout: the listing (embedded by the server, or
// the show's JSON) and the episode in the player (the guid asked for, else
// the list's first).
func (p *embedPage) loadShow(ctx app.Context) {
	p.listed = showEmbedFirst
	if d := p.pre; d != nil && d.Show != nil && d.Episode != nil && d.Feed == p.target.Feed && d.GUID == p.target.GUID {
		p.pre = nil
		p.show, p.view, p.full = d.Show, d.Episode, false
		p.readPlayed()
		p.setTitle(ctx)
		p.adoptBridge(ctx)
		return
	}
	p.pre = nil
	l := pageLang(ctx)
	ctx.Async(func() {
		s, err := p.src.Show(ctx, p.target.Feed)
		var v *podcast.EpisodeView
		if err == nil {
			guid := p.target.GUID
			if eps := embed.ShowList(s.Episodes, p.opts); guid == "" && len(eps) > 0 {
				guid = eps[0].GUID
			}
			v, err = p.src.Episode(ctx, p.target.Feed, guid)
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.err = ""
			if err != nil {
				p.err = l.errText(err)
				return
			}
			p.show, p.view, p.full = s, v, true
			p.readPlayed()
			p.setTitle(ctx)
		})
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
	if p.layout == embed.LayoutShow {
		return root.Class("es-showembed").Body(
			app.If(p.err != "", func() app.UI { return errorBox(p.err) }),
			app.If(p.view != nil, func() app.UI {
				return &Player{View: p.view, Start: p.target.Time, Lang: p.lang, Layout: LayoutCompact, Autoplay: p.autoplay, Embedded: true}
			}),
			app.If(p.show != nil, func() app.UI { return p.renderShowList() }),
			renderData(pageData{Feed: p.target.Feed, GUID: p.target.GUID, Episode: compactView(p.view), Show: showEmbedData(p.show, p.opts)}),
		)
	}
	return root.Body(
		app.If(p.err != "", func() app.UI { return errorBox(p.err) }),
		app.If(p.view != nil, func() app.UI {
			return &Player{View: p.view, Start: p.target.Time, Lang: p.lang, Layout: embedLayout(p.layout), Autoplay: p.autoplay, Embedded: true}
		}),
		renderData(pageData{Feed: p.target.Feed, GUID: p.target.GUID, Episode: p.view}),
	)
}

func embedLayout(l embed.Layout) embed.Layout {
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
