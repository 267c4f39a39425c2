package app

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// showPage is / and /show?feed=…: a show and its episodes.
type showPage struct {
	app.Compo
	src Source

	feed  string
	show  *podcast.Show
	err   string
	pre   *pageData
	limit int
}

// episodesPerPage is how many episodes the show page lists at first and
// adds per "show more": a show with thousands stays fast to render.
const episodesPerPage = 50

func (p *showPage) OnInit() {
	if d, ok := embeddedData(); ok && d.Show != nil {
		p.pre = &d
	}
}

func (p *showPage) OnNav(ctx app.Context) {
	feed := ctx.Page().URL().Query().Get("feed")
	p.feed = feed
	if p.pre != nil && p.pre.Feed == feed {
		p.show, p.pre = p.pre.Show, nil
		p.setTitle(ctx)
		return
	}
	ctx.Async(func() {
		s, err := p.src.Show(ctx, feed)
		ctx.Dispatch(func(ctx app.Context) {
			p.show, p.err = s, ""
			if err != nil {
				p.err = err.Error()
			}
			p.setTitle(ctx)
		})
	})
}

func (p *showPage) setTitle(ctx app.Context) {
	if p.show != nil {
		ctx.Page().SetTitle("%s · Earshot", plain(p.show.Title))
		ctx.Page().SetDescription("%s", plain(p.show.Description))
	}
}

func (p *showPage) Render() app.UI {
	return app.Main().Class("es-page").Body(
		app.If(p.err != "", func() app.UI { return errorBox(p.err) }),
		app.If(p.show != nil, func() app.UI { return p.renderShow() }),
		renderData(pageData{Feed: p.feed, Show: listing(p.show)}),
	)
}

func (p *showPage) renderShow() app.UI {
	s := p.show
	if p.limit == 0 {
		p.limit = episodesPerPage
	}
	eps := s.Episodes[:min(p.limit, len(s.Episodes))]
	return app.Div().Body(
		app.Div().Class("es-head").Body(
			app.If(s.Image != "", func() app.UI {
				return app.Img().Class("es-cover").Src(attr(s.Image)).Alt(attr("Cover art of " + s.Title)).Width(96).Height(96)
			}),
			app.Div().Body(
				app.H1().Class("es-title").Text(s.Title),
				app.P().Class("es-show").Text(s.Author),
			),
		),
		app.P().Text(s.Description),
		app.H2().Text("Episodes"),
		app.Ul().Class("es-episodes").Body(
			app.Range(eps).Slice(func(i int) app.UI {
				ep := &eps[i]
				return app.Li().Body(
					app.A().Href(attr(episodeHref(embed.Target{Feed: p.feed, GUID: ep.GUID}))).Text(ep.Title),
					app.Span().Class("es-time").Text(" · "+podcast.FormatClock(ep.Duration)),
				)
			}),
		),
		app.If(len(eps) < len(s.Episodes), func() app.UI {
			return app.Button().Class("es-btn", "es-more").Text("Show more episodes").
				OnClick(func(ctx app.Context, e app.Event) { p.limit = len(eps) + episodesPerPage })
		}),
	)
}

// listing is the show as the episode list needs it: without notes,
// chapters and the like, which the page does not show and which would make
// the data embedded in the page of a show with thousands of episodes huge.
func listing(s *podcast.Show) *podcast.Show {
	if s == nil {
		return nil
	}
	c := *s
	c.Episodes = make([]podcast.Episode, len(s.Episodes))
	for i, ep := range s.Episodes {
		c.Episodes[i] = podcast.Episode{GUID: ep.GUID, Title: ep.Title, Published: ep.Published, Duration: ep.Duration,
			Season: ep.Season, Number: ep.Number, Type: ep.Type, Image: ep.Image, Enclosure: ep.Enclosure, Summary: ep.Summary}
	}
	return &c
}
