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
	err   error
	pre   *pageData
	limit int
	lang  lang
	langQ string // ?lang=, kept by the front door's form
	// front: the page is / (the front door), not /show?feed=….
	front bool

	// Library state, in the browser only.
	subscribed bool
	queued     map[string]bool // by GUID
	played     map[string]bool // by GUID: finished
	query      string
	filter     string // "", "unplayed", "played"
	libErr     error
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
	p.lang = pageLang(ctx)
	p.langQ = explicitLang(ctx)
	feed := ctx.Page().URL().Query().Get("feed")
	p.feed = feed
	p.front = ctx.Page().URL().Path == "/" && feed == ""
	if p.pre != nil && p.pre.Feed == feed {
		p.show, p.pre = p.pre.Show, nil
		p.setTitle(ctx)
		p.readLibrary()
		return
	}
	ctx.Async(func() {
		s, err := p.src.Show(ctx, feed)
		ctx.Dispatch(func(ctx app.Context) {
			p.show, p.err = s, err
			p.setTitle(ctx)
			p.readLibrary()
		})
	})
}

func (p *showPage) setTitle(ctx app.Context) {
	if p.err != nil {
		ctx.Page().SetTitle("%s · Earshot", p.lang.t("errShowTitle"))
	}
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
		p.libErr = libraryError(err)
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
		p.libErr = libraryError(err)
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
		p.libErr = libraryError(err)
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
		siteNav(p.lang),
		app.If(p.front, func() app.UI { return frontDoor(p.lang, p.langQ) }),
		app.If(p.err != nil, func() app.UI {
			return pageError{title: p.lang.t("errShowTitle"), text: p.lang.errText(p.err), links: homeLinks(p.lang)}.render()
		}),
		app.If(p.show != nil, func() app.UI { return p.renderShow() }),
		&updateBanner{},
		renderData(pageData{Feed: p.feed, Show: listing(p.show)}),
	)
}

// frontDoor is the top of /: what Earshot is, in a line, and a field that
// opens any feed. It is a plain form (GET /show?feed=…), so it works before
// the wasm has arrived and without it.
func frontDoor(l lang, langQ string) app.UI {
	return app.Section().Class("es-section", "es-front").Aria("labelledby", "es-front-title").Body(
		app.H1().ID("es-front-title").Class("es-front-title").Text(l.t("frontTitle")),
		app.P().Class("es-front-line").Text(l.t("frontLine")),
		app.Form().Class("es-addform", "es-openfeed").Action(embed.PathShow).Method("get").Body(
			app.Label().For("es-openfeed").Text(l.t("openFeed")),
			app.Input().ID("es-openfeed").Name("feed").Type("url").Class("es-search-input").
				Placeholder("https://example.com/feed.xml").Required(true).Attr("inputmode", "url").Attr("autocomplete", "url"),
			app.If(langQ != "", func() app.UI { return app.Input().Type("hidden").Name("lang").Value(attr(langQ)) }),
			app.Button().Type("submit").Class("es-btn", "es-open").Text(l.t("open")),
		),
		app.H2().Class("es-front-now").Text(l.t("frontNow")),
	)
}

func (p *showPage) renderShow() app.UI {
	s := p.show
	if p.limit == 0 {
		p.limit = episodesPerPage
	}
	all := p.visible()
	eps := all[:min(p.limit, len(all))]
	l := p.lang
	// On the front page the front door has the page's h1.
	var title app.UI = app.H1().Class("es-title").Text(s.Title)
	if p.front {
		title = app.H2().Class("es-title").Text(s.Title)
	}
	return app.Div().Class("es-show-page").Body(
		app.Div().Class("es-head").Body(
			artwork("es-cover", s.Image, s.Title, l.t("coverOf", s.Title)),
			app.Div().Class("es-meta").Body(
				title,
				app.P().Class("es-show").Text(s.Author),
			),
		),
		app.P().Class("es-showdesc").Text(s.Description),
		app.If(p.libErr != nil, func() app.UI { return errorBox(l.errText(p.libErr)) }),
		app.Div().Class("es-toolbar").Body(
			app.Button().Class("es-btn", "es-subscribe").Aria("pressed", strconv.FormatBool(p.subscribed)).
				Text(l.t(map[bool]string{false: "subscribe", true: "subscribed"}[p.subscribed])).OnClick(p.toggleSubscription),
			app.Input().Type("search").Class("es-search-input", "es-filter").Placeholder(l.t("searchEpisodes")).
				Aria("label", l.t("searchEpisodes")).Value(p.query).
				OnInput(func(ctx app.Context, e app.Event) { p.query = ctx.JSSrc().Get("value").String() }),
			app.Select().Class("es-speed", "es-playedfilter").Aria("label", l.t("whichEpisodes")).
				OnChange(func(ctx app.Context, e app.Event) { p.filter = ctx.JSSrc().Get("value").String() }).
				Body(
					option("all", l.t("allEpisodes"), p.filter == ""),
					option("unplayed", l.t("unplayed"), p.filter == "unplayed"),
					option("played", l.t("played"), p.filter == "played"),
				),
		),
		&momentSearch{Feed: s.FeedURL, Query: p.query, Lang: string(l)},
		app.H2().Text(l.t("episodes")),
		app.If(len(s.Episodes) == 0, func() app.UI { return app.P().Class("es-muted").Text(l.t("noEpisode")) }),
		app.If(len(s.Episodes) > 0 && len(all) == 0, func() app.UI { return app.P().Class("es-muted").Text(l.t("noEpisodeMatches")) }),
		app.Ul().Class("es-episodes").Body(
			app.Range(eps).Slice(func(i int) app.UI { return p.renderEpisode(&eps[i]) }),
		),
		app.If(len(eps) < len(all), func() app.UI {
			return app.Button().Class("es-btn", "es-more").Text(l.t("showMore")).
				OnClick(func(ctx app.Context, e app.Event) { p.limit = len(eps) + episodesPerPage })
		}),
		app.If(followable(s), func() app.UI { return &followPanel{Show: s, Lang: string(l), Funding: true} }),
	)
}

// renderEpisode is one row of the list: a play button (it opens the
// episode playing), the title, what kind of episode it is, date and length
// (none when the feed gives none: never "0:00"), and a line of its
// description.
func (p *showPage) renderEpisode(ep *podcast.Episode) app.UI {
	l := p.lang
	t := embed.Target{Feed: p.feed, GUID: ep.GUID}
	href := episodeHref(t)
	return app.Li().Class("es-ep").Body(
		app.A().Class("es-epplay").Href(attr(autoplayHref(href))).Aria("label", attr(l.t("playEpisode", ep.Title))).Title(attr(l.t("playEpisode", ep.Title))).
			Body(iconPlay()),
		app.Div().Class("es-epbody").Body(
			app.A().Class("es-eptitle").Href(attr(href)).Text(ep.Title),
			app.P().Class("es-epfacts").Body(
				liveBadge(l, ep),
				app.If(p.played[ep.GUID], func() app.UI { return app.Span().Class("es-badge").Text(l.t("finished")) }),
				app.Span().Class("es-time").Text(episodeFacts(l, ep)),
			),
			app.If(ep.Summary != "", func() app.UI { return app.P().Class("es-epdesc").Text(oneLine(ep.Summary)) }),
		),
		app.If(app.IsClient, func() app.UI {
			queued := p.queued[ep.GUID]
			return app.Button().Class("es-icon", "es-queuebtn").
				Aria("label", attr(l.t(map[bool]string{false: "addToQueueOf", true: "removeFromQueueOf"}[queued], ep.Title))).
				Aria("pressed", strconv.FormatBool(queued)).
				Text(map[bool]string{false: "+", true: "✓"}[queued]).
				OnClick(func(ctx app.Context, e app.Event) { p.toggleQueue(ep) }, app.EventScope(ep.GUID))
		}),
	)
}

// autoplayHref asks the episode page to start playing (the click on the
// play button is the gesture browsers want).
func autoplayHref(href string) string {
	if strings.Contains(href, "?") {
		return href + "&autoplay=1"
	}
	return href + "?autoplay=1"
}

// oneLine is the first line of a description, cut at a word near 160
// characters (the stylesheet clamps it to one line; this keeps the page
// small for shows with hundreds of episodes).
func oneLine(s string) string { return cutLine(s, 160) }

// cutLine is s on one line, cut at a word near max runes.
func cutLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= max {
		return s
	}
	r := []rune(s)[:max-1] // with the ellipsis at most max: cutting again changes nothing
	if i := strings.LastIndexByte(string(r), ' '); i > max/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// episodeFacts is an episode's line of facts in a list: its labels, date
// and length (none when the feed gives none: never "0:00").
func episodeFacts(l lang, ep *podcast.Episode) string {
	facts := episodeLabels(l, ep)
	if d := l.date(ep.Published); d != "" {
		facts = append(facts, d)
	}
	if ep.Duration > 0 {
		facts = append(facts, podcast.FormatClock(ep.Duration))
	}
	return strings.Join(facts, " · ")
}

// episodeLabels names the season, the number and the kind of an episode:
// "Season 3" or the season's own name (podcast:season name="Spring"),
// "Episode 12" or the number's display text, "Trailer", "Bonus".
func episodeLabels(l lang, ep *podcast.Episode) []string {
	var out []string
	switch {
	case ep.SeasonName != "":
		out = append(out, ep.SeasonName)
	case ep.Season > 0:
		out = append(out, l.t("season", strconv.Itoa(ep.Season)))
	}
	switch {
	case ep.NumberText != "":
		out = append(out, ep.NumberText)
	case ep.Number != "":
		out = append(out, l.t("episode", ep.Number))
	}
	if ep.Type == "trailer" || ep.Type == "bonus" {
		out = append(out, l.t(ep.Type))
	}
	return out
}

// isLive reports whether an episode is a live stream now or announced
// (podcast:liveItem pending or live): it has no length to skip in, no
// speed and nothing to download.
func isLive(ep *podcast.Episode) bool {
	return ep.Live != nil && (ep.Live.Status == "live" || ep.Live.Status == "pending")
}

// liveBadge is "LIVE" for a stream on air, "Upcoming" (with its start) for
// one announced, nothing otherwise.
func liveBadge(l lang, ep *podcast.Episode) app.UI {
	if !isLive(ep) {
		return nil
	}
	if ep.Live.Status == "live" {
		return app.Span().Class("es-badge", "es-live").Text(l.t("liveNow"))
	}
	text := l.t("upcoming")
	if d := l.date(ep.Live.Start); d != "" {
		text = l.t("upcomingOn", d)
	}
	return app.Span().Class("es-badge", "es-upcoming").Text(text)
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
		c.Episodes[i] = listEntry(ep)
	}
	return &c
}

// listEntry keeps of an episode what a list of episodes shows and plays.
func listEntry(ep podcast.Episode) podcast.Episode {
	return podcast.Episode{GUID: ep.GUID, Title: ep.Title, Published: ep.Published, Duration: ep.Duration,
		Season: ep.Season, SeasonName: ep.SeasonName, Number: ep.Number, NumberText: ep.NumberText, Type: ep.Type,
		Image: ep.Image, Enclosure: ep.Enclosure, Summary: ep.Summary, Live: ep.Live}
}
