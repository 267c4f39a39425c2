package app

import (
	"strconv"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/library"
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

	// Library state, in the browser only.
	subscribed bool
	queued     map[string]bool // by GUID
	played     map[string]bool // by GUID: finished
	query      string
	filter     string // "", "unplayed", "played"
	libErr     string
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
		p.readLibrary()
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
			p.readLibrary()
		})
	})
}

func (p *showPage) setTitle(ctx app.Context) {
	if p.show != nil {
		ctx.Page().SetTitle("%s · Earshot", plain(p.show.Title))
		ctx.Page().SetDescription("%s", plain(p.show.Description))
	}
}

// readLibrary reads what the listener's storage says about this show, and
// marks it visited: its episodes stop counting as new in the library.
func (p *showPage) readLibrary() {
	if !app.IsClient || p.show == nil {
		return
	}
	lib, err := loadLibrary()
	if err != nil {
		p.libErr = err.Error()
		return
	}
	feed := p.show.FeedURL
	p.subscribed = lib.Subscribed(feed)
	if p.subscribed {
		lib.MarkVisited(feed, p.show.Episodes, time.Now())
		saveLibrary(lib)
	}
	p.queued, p.played = map[string]bool{}, map[string]bool{}
	for _, it := range lib.Queue {
		if library.FeedKey(it.FeedURL) == library.FeedKey(feed) {
			p.queued[it.GUID] = true
		}
	}
	for _, ep := range p.show.Episodes {
		var pr progress
		if load(keyPosition+feed+" "+ep.GUID, &pr) && pr.Finished {
			p.played[ep.GUID] = true
		}
	}
}

func (p *showPage) toggleSubscription(ctx app.Context, e app.Event) {
	s := p.show
	err := updateLibrary(func(l *library.Library) {
		if p.subscribed {
			l.Unsubscribe(s.FeedURL)
		} else {
			l.Subscribe(s.FeedURL, s.Title, s.Image, time.Now())
			l.MarkVisited(s.FeedURL, s.Episodes, time.Now())
		}
	})
	if err != nil {
		p.libErr = err.Error()
		return
	}
	p.readLibrary()
}

func (p *showPage) toggleQueue(ep *podcast.Episode) {
	feed := p.show.FeedURL
	err := updateLibrary(func(l *library.Library) {
		if !l.Queue.Remove(feed, ep.GUID) {
			l.Queue.Add(library.QueueItem{FeedURL: feed, GUID: ep.GUID, Title: ep.Title})
		}
	})
	if err != nil {
		p.libErr = err.Error()
		return
	}
	p.readLibrary()
}

// visible is the episode list after search and filter.
func (p *showPage) visible() []podcast.Episode {
	q := strings.ToLower(strings.TrimSpace(p.query))
	if q == "" && p.filter == "" {
		return p.show.Episodes
	}
	var out []podcast.Episode
	for _, ep := range p.show.Episodes {
		if q != "" && !strings.Contains(strings.ToLower(ep.Title), q) && !strings.Contains(strings.ToLower(ep.Summary), q) {
			continue
		}
		if p.filter == "played" && !p.played[ep.GUID] || p.filter == "unplayed" && p.played[ep.GUID] {
			continue
		}
		out = append(out, ep)
	}
	return out
}

func (p *showPage) Render() app.UI {
	return app.Main().Class("es-page").Body(
		siteNav(),
		app.If(p.err != "", func() app.UI { return errorBox(p.err) }),
		app.If(p.show != nil, func() app.UI { return p.renderShow() }),
		&updateBanner{},
		renderData(pageData{Feed: p.feed, Show: listing(p.show)}),
	)
}

func (p *showPage) renderShow() app.UI {
	s := p.show
	if p.limit == 0 {
		p.limit = episodesPerPage
	}
	all := p.visible()
	eps := all[:min(p.limit, len(all))]
	return app.Div().Body(
		app.Div().Class("es-head").Body(
			app.If(srcOf(s.Image) != "", func() app.UI {
				return app.Img().Class("es-cover").Src(srcOf(s.Image)).Alt(attr("Cover art of " + s.Title)).Width(96).Height(96)
			}),
			app.Div().Body(
				app.H1().Class("es-title").Text(s.Title),
				app.P().Class("es-show").Text(s.Author),
			),
		),
		app.P().Text(s.Description),
		app.If(p.libErr != "", func() app.UI { return errorBox(p.libErr) }),
		app.Div().Class("es-toolbar").Body(
			app.Button().Class("es-btn", "es-subscribe").Aria("pressed", strconv.FormatBool(p.subscribed)).
				Text(map[bool]string{false: "Subscribe", true: "Subscribed ✓"}[p.subscribed]).OnClick(p.toggleSubscription),
			app.Input().Type("search").Class("es-search-input", "es-filter").Placeholder("Search episodes").
				Aria("label", "Search episodes").Value(p.query).
				OnInput(func(ctx app.Context, e app.Event) { p.query = ctx.JSSrc().Get("value").String() }),
			app.Select().Class("es-speed", "es-playedfilter").Aria("label", "Show").
				OnChange(func(ctx app.Context, e app.Event) { p.filter = ctx.JSSrc().Get("value").String() }).
				Body(
					option("all", "All episodes", p.filter == ""),
					option("unplayed", "Unplayed", p.filter == "unplayed"),
					option("played", "Played", p.filter == "played"),
				),
		),
		app.H2().Text("Episodes"),
		app.Ul().Class("es-episodes").Body(
			app.Range(eps).Slice(func(i int) app.UI {
				ep := &eps[i]
				return app.Li().Class("es-ep").Body(
					app.A().Href(attr(episodeHref(embed.Target{Feed: p.feed, GUID: ep.GUID}))).Text(ep.Title),
					app.Span().Class("es-time").Text(" · "+podcast.FormatClock(ep.Duration)),
					app.If(p.played[ep.GUID], func() app.UI { return app.Span().Class("es-badge").Text("Played") }),
					app.If(app.IsClient, func() app.UI {
						return app.Button().Class("es-icon", "es-queuebtn").
							Aria("label", attr(map[bool]string{false: "Add to queue: ", true: "Remove from queue: "}[p.queued[ep.GUID]]+ep.Title)).
							Text(map[bool]string{false: "+", true: "✓"}[p.queued[ep.GUID]]).
							OnClick(func(ctx app.Context, e app.Event) { p.toggleQueue(ep) }, app.EventScope(ep.GUID))
					}),
				)
			}),
		),
		app.If(len(eps) < len(all), func() app.UI {
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
