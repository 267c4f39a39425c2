package app

import (
	"slices"
	"strconv"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// The show embed (/embed?feed=…&layout=show): a compact player over the
// show's episode list; a click on an episode plays it in place, without
// navigating the frame (the host page's history stays untouched). Before
// the wasm the bridge plays a clicked episode's audio (each row carries its
// source and saved-position key); the app then shows the episode the bridge
// plays.

// showEmbedFirst is how many episodes the prerendered list holds: the page
// (and what every visitor of the blog downloads) stays as small as an
// episode embed; "more" lists the rest from the show's JSON.
const showEmbedFirst = 8

// showEmbedData is the listing the server embeds in a show embed: the
// show's metadata and the first episodes of the list, each with what a row
// and the bridge need.
func showEmbedData(s *podcast.Show, o embed.Options) *podcast.Show {
	if s == nil {
		return nil
	}
	eps := embed.ShowList(s.Episodes, o)
	c := podcast.Show{FeedURL: s.FeedURL, Title: s.Title, Episodes: make([]podcast.Episode, 0, min(len(eps), showEmbedFirst))}
	for _, ep := range eps[:min(len(eps), showEmbedFirst)] {
		c.Episodes = append(c.Episodes, listRow(ep))
	}
	// In the feed's order, as p.show always is: the page applies the
	// embed's order again (showList), and must list the same rows.
	if o.Normalize().Order == embed.OrderOldest {
		slices.Reverse(c.Episodes)
	}
	return &c
}

// compactView is v without what the compact player never shows (the show
// notes): the show embed's page carries the list's rows instead.
func compactView(v *podcast.EpisodeView) *podcast.EpisodeView {
	if v == nil {
		return nil
	}
	c := *v
	c.Episode.Notes = ""
	return &c
}

// listRow keeps of an episode what its row shows and plays: a list entry
// without artwork, with the alternates chooseSource picks from and a
// shorter line.
func listRow(ep podcast.Episode) podcast.Episode {
	e := listEntry(ep)
	e.Image, e.Alternates, e.Summary = "", ep.Alternates, rowLine(ep.Summary)
	return e
}

// rowLine is the start of a description for a row: about the one line a
// row shows in a 640 px frame (the stylesheet clamps it there).
func rowLine(s string) string { return cutLine(s, 100) }

// showList is the rows of the show embed: the listing's episodes in the
// embed's order, as many as listed so far.
func (p *embedPage) showList() []podcast.Episode {
	if p.show == nil {
		return nil
	}
	eps := embed.ShowList(p.show.Episodes, p.opts)
	return eps[:min(len(eps), p.listed)]
}

// pick plays the episode guid in the player, in place.
func (p *embedPage) pick(ctx app.Context, guid string) {
	if p.view != nil && p.view.Episode.GUID == guid {
		if a := bridge().audio(); a != nil && flag(a.Get("paused")) {
			play(a)
		}
		return
	}
	p.loadInPlace(ctx, guid, true, podcast.Range{})
}

// playMoment plays a search hit in place: its episode from its time.
func (p *embedPage) playMoment(ctx app.Context, m podcast.Moment) {
	if p.view == nil || p.view.Episode.GUID != m.GUID {
		p.loadInPlace(ctx, m.GUID, true, podcast.Range{Start: m.Start})
		return
	}
	if a := bridge().audio(); a != nil {
		if m.Start > 0 || m.Kind != podcast.MomentTitle {
			bridge().seek(m.Start)
		}
		play(a)
	}
}

// loadInPlace loads episode guid's view and hands it to the player, which
// starts it over (Player.OnUpdate) from at; play asks it to start playing.
func (p *embedPage) loadInPlace(ctx app.Context, guid string, play bool, at podcast.Range) {
	p.loading = guid
	ctx.Async(func() {
		v, err := p.src.Episode(ctx, p.target.Feed, guid)
		ctx.Dispatch(func(ctx app.Context) {
			if p.loading != guid {
				return // another pick came after this one
			}
			p.loading = ""
			if err != nil {
				p.err = pageLang(ctx).errText(err)
				return
			}
			p.view, p.err, p.autoplay, p.target.Time = v, "", play, at
			p.setTitle(ctx)
			p.readPlayed() // the episode before may have just finished
		})
	})
}

// more lists the next page of episodes, fetching the whole show the first
// time (the page carries only the first rows).
func (p *embedPage) more(ctx app.Context, e app.Event) {
	next := p.listed + showEmbedFirst
	if p.full {
		p.listed = next
		return
	}
	ctx.Async(func() {
		s, err := p.src.Show(ctx, p.target.Feed)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.err = pageLang(ctx).errText(err)
				return
			}
			p.show, p.full, p.listed = s, true, next
			p.readPlayed()
		})
	})
}

// adoptBridge shows the episode the bridge plays when the visitor picked
// one before the wasm arrived (the prerendered player holds the first). It
// runs when the page's data is read (OnNav: go-app mounts before it
// navigates).
func (p *embedPage) adoptBridge(ctx app.Context) {
	src := bridge().source()
	if src == "" || p.view == nil || p.show == nil || src == chooseSource(&p.view.Episode) {
		return
	}
	for i := range p.show.Episodes {
		if chooseSource(&p.show.Episodes[i]) == src {
			p.loadInPlace(ctx, p.show.Episodes[i].GUID, false, podcast.Range{})
			return
		}
	}
}

// readPlayed marks the rows the listener finished (saved positions).
func (p *embedPage) readPlayed() {
	if p.show == nil || !app.IsClient {
		return
	}
	p.played = map[string]bool{}
	for _, ep := range p.show.Episodes {
		var prog progress
		if load(keyPosition+p.show.FeedURL+" "+ep.GUID, &prog) && prog.Finished {
			p.played[ep.GUID] = true
		}
	}
}

func (p *embedPage) renderShowList() app.UI {
	l := pickLang(p.lang, browserLanguages()...)
	eps := p.showList()
	all := len(embed.ShowList(p.show.Episodes, p.opts))
	more := p.listed < all || !p.full && len(p.show.Episodes) >= showEmbedFirst && p.listed < p.limitOrMax()
	return app.Div().Class("es-showlist").Body(
		app.Div().Class("es-listbar").Body(
			app.H2().Class("es-listtitle").Text(l.t(map[bool]string{false: "episodes", true: "followShow"}[p.following])),
			p.renderSearchField(l),
			p.renderFollowToggle(l),
		),
		app.If(p.following && p.view != nil, func() app.UI {
			return &followPanel{Show: &p.view.Show, Lang: p.lang, Embed: true, Funding: true}
		}).ElseIf(strings.TrimSpace(p.query) != "", func() app.UI {
			return &momentSearch{Feed: p.show.FeedURL, Query: p.query, Lang: p.lang, Pick: p.playMoment}
		}).Else(func() app.UI {
			return app.Div().Body(
				app.If(len(eps) == 0, func() app.UI { return app.P().Class("es-muted").Text(l.t("noEpisode")) }),
				app.Ol().Class("es-rows").Body(app.Range(eps).Slice(func(i int) app.UI { return p.renderRow(l, &eps[i]) })),
				app.If(more, func() app.UI {
					return app.Button().Class("es-btn", "es-more").Text(l.t("showMore")).OnClick(p.more)
				}),
			)
		}),
	)
}

// renderSearchField searches the show's archive; its moments take the
// list's place while it holds a query. It works with the app only (a
// query before the wasm would be lost at the takeover), so the prerendered
// field is disabled, like the Follow toggle.
func (p *embedPage) renderSearchField(l lang) app.UI {
	return app.Input().Type("search").Class("es-search-input", "es-showsearch", "es-app-only").
		Disabled(app.IsServer).Placeholder(l.t("searchShow")).Aria("label", l.t("searchShow")).
		MaxLength(podcast.MaxSearchRunes).Value(p.query).
		OnInput(func(ctx app.Context, e app.Event) {
			p.query = ctx.JSSrc().Get("value").String()
			p.following = false
		})
}

// renderFollowToggle switches the list's place between the episodes and
// the Follow panel (the show embed has no tabs). Only the app runs it.
func (p *embedPage) renderFollowToggle(l lang) app.UI {
	if p.view == nil || !followable(&p.view.Show) {
		return nil
	}
	label := map[bool]string{false: "followShow", true: "episodes"}[p.following]
	return app.Button().Class("es-btn", "es-followtoggle", "es-app-only").Disabled(app.IsServer).
		Aria("expanded", strconv.FormatBool(p.following)).Text(l.t(label)).
		OnClick(func(ctx app.Context, e app.Event) { p.following = !p.following })
}

func (p *embedPage) limitOrMax() int {
	if p.opts.Limit > 0 {
		return p.opts.Limit
	}
	return embed.MaxLimit
}

// renderRow is one episode: a button that plays it (with what the bridge
// needs to play it before the wasm: its source, and its guid for the saved
// position's key), its title, labels, date and length, and a line of its
// description.
func (p *embedPage) renderRow(l lang, ep *podcast.Episode) app.UI {
	current := p.view != nil && p.view.Episode.GUID == ep.GUID
	guid := ep.GUID
	row := app.Button().Class("es-row").DataSet("es", "ep").
		DataSet("es-ep-src", attr(chooseSource(ep))).DataSet("es-ep-guid", attr(ep.GUID)).
		// Named by what it shows (title, facts, line), no aria-label:
		// WCAG 2.5.3 wants the visible text in the spoken name.
		OnClick(func(ctx app.Context, e app.Event) { p.pick(ctx, guid) }, app.EventScope(guid))
	if current {
		row = row.Aria("current", "true")
	}
	return app.Li().Body(row.Body(
		app.Span().Class("es-rowtitle").Text(ep.Title),
		app.Span().Class("es-epfacts").Body(
			liveBadge(l, ep),
			app.If(p.played[ep.GUID], func() app.UI { return app.Span().Class("es-badge").Text(l.t("finished")) }),
			app.Span().Class("es-time").Text(episodeFacts(l, ep)),
		),
		app.If(ep.Summary != "", func() app.UI { return app.Span().Class("es-epdesc").Text(rowLine(ep.Summary)) }),
	))
}
