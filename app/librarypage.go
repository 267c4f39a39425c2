package app

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/library"
	"github.com/earshot/earshot/podcast"
)

// PathLibrary is the listener's library page.
const PathLibrary = "/library"

// libraryPage is /library: the shows the listener follows with their new
// episodes, adding one by URL, OPML import and export, "continue
// listening" and the queue. It all lives in the browser's storage, so the
// server prerenders only the frame.
type libraryPage struct {
	app.Compo
	src Source

	lib     library.Library
	loadErr string
	shows   map[string]*podcast.Show // by feed URL, as fetched
	errs    map[string]string
	addURL  string
	adding  bool
	addErr  string
	note    string
	resume  []inProgress
	mounted bool
}

func (p *libraryPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle("Library · Earshot")
	if !app.IsClient {
		return
	}
	p.reload(ctx)
	p.refresh(ctx)
}

// reload reads the library and positions from storage.
func (p *libraryPage) reload(ctx app.Context) {
	lib, err := loadLibrary()
	p.lib, p.loadErr = lib, ""
	if err != nil {
		p.loadErr = "Your library could not be read (" + err.Error() + "). It is kept as it is; reload the page after updating Earshot."
	}
	p.resume = savedPositions()
}

// refresh fetches every subscribed show, for new-episode counts.
func (p *libraryPage) refresh(ctx app.Context) {
	if p.shows == nil {
		p.shows, p.errs = map[string]*podcast.Show{}, map[string]string{}
	}
	for _, s := range p.lib.Subscriptions {
		feed := s.FeedURL
		ctx.Async(func() {
			c, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			show, err := p.src.Show(c, feed)
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					p.errs[feed] = err.Error()
					return
				}
				delete(p.errs, feed)
				p.shows[feed] = show
				updateLibrary(func(l *library.Library) { l.UpdateShow(feed, show.Title, show.Image) })
			})
		})
	}
}

// subscribe validates a feed through the server and adds it.
func (p *libraryPage) subscribe(ctx app.Context, e app.Event) {
	e.PreventDefault()
	u := strings.TrimSpace(p.addURL)
	if u == "" || p.adding {
		return
	}
	p.adding, p.addErr = true, ""
	ctx.Async(func() {
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		show, err := p.src.Show(c, u)
		ctx.Dispatch(func(ctx app.Context) {
			p.adding = false
			if err != nil {
				p.addErr = err.Error()
				return
			}
			if err := updateLibrary(func(l *library.Library) { l.Subscribe(u, show.Title, show.Image, time.Now()) }); err != nil {
				p.addErr = err.Error()
				return
			}
			p.shows[u] = show
			p.addURL = ""
			p.reload(ctx)
		})
	})
}

func (p *libraryPage) unsubscribe(ctx app.Context, feed string) {
	updateLibrary(func(l *library.Library) { l.Unsubscribe(feed) })
	p.reload(ctx)
}

// importOPML reads the chosen file and asks the server to parse it (the
// wasm stays free of an XML parser), then subscribes to every feed in it.
func (p *libraryPage) importOPML(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	file := files.Index(0)
	p.note = "Importing…"
	var fn app.Func
	fn = app.FuncOf(func(_ app.Value, args []app.Value) any {
		fn.Release()
		text := args[0].String()
		ctx.Async(func() {
			c, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			status, body, err := postText(c, "/api/opml", text, "text/x-opml")
			ctx.Dispatch(func(ctx app.Context) { p.imported(ctx, status, body, err) })
		})
		return nil
	})
	file.Call("text").Call("then", fn)
}

func (p *libraryPage) imported(ctx app.Context, status int, body string, err error) {
	if err == nil && status != 200 {
		p.note = apiErrorMessage(status, body)
		return
	}
	if err != nil {
		p.note = err.Error()
		return
	}
	var res struct {
		Feeds []struct{ URL, Title string } `json:"feeds"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		p.note = "The server's answer was not understood: " + err.Error()
		return
	}
	added := 0
	err = updateLibrary(func(l *library.Library) {
		for _, f := range res.Feeds {
			if ok, _ := l.Subscribe(f.URL, f.Title, "", time.Now()); ok {
				added++
			}
		}
	})
	if err != nil {
		p.note = err.Error()
		return
	}
	p.note = plural(added, "show", "shows") + " imported."
	p.reload(ctx)
	p.refresh(ctx)
}

// exportOPML downloads the library as an OPML file.
func (p *libraryPage) exportOPML(ctx app.Context, e app.Event) {
	data := library.ExportOPML(p.lib)
	w := app.Window()
	blob := w.Get("Blob").New([]any{string(data)}, map[string]any{"type": "text/x-opml"})
	u := w.Get("URL").Call("createObjectURL", blob)
	a := w.Get("document").Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", "earshot-subscriptions.opml")
	a.Call("click")
	w.Get("URL").Call("revokeObjectURL", u)
}

func (p *libraryPage) moveQueue(from, to int) {
	updateLibrary(func(l *library.Library) { l.Queue.Move(from, to) })
	p.lib, _ = loadLibrary()
}

func (p *libraryPage) removeQueue(it library.QueueItem) {
	updateLibrary(func(l *library.Library) { l.Queue.Remove(it.FeedURL, it.GUID) })
	p.lib, _ = loadLibrary()
}

func (p *libraryPage) Render() app.UI {
	return app.Main().Class("es-page", "es-library").Body(
		siteNav(),
		app.H1().Text("Library"),
		app.If(p.loadErr != "", func() app.UI { return errorBox(p.loadErr) }),
		p.renderAdd(),
		p.renderShows(),
		p.renderResume(),
		p.renderQueue(),
		&updateBanner{},
	)
}

func (p *libraryPage) renderAdd() app.UI {
	return app.Section().Class("es-section").Aria("label", "Add a show").Body(
		app.Form().Class("es-addform").OnSubmit(p.subscribe).Body(
			app.Label().For("es-addurl").Text("Feed URL"),
			app.Input().ID("es-addurl").Type("url").Class("es-search-input").Placeholder("https://example.com/feed.xml").
				Value(p.addURL).Required(true).OnInput(func(ctx app.Context, e app.Event) { p.addURL = ctx.JSSrc().Get("value").String() }),
			app.Button().Type("submit").Class("es-btn", "es-subscribe").Disabled(p.adding).Text(map[bool]string{false: "Subscribe", true: "Checking…"}[p.adding]),
		),
		app.If(p.addErr != "", func() app.UI { return errorBox(p.addErr) }),
		app.Div().Class("es-sharerow").Body(
			app.Label().Class("es-btn").For("es-opml").Text("Import OPML…"),
			app.Input().ID("es-opml").Type("file").Class("es-visually-hidden").Accept(".opml,.xml,text/xml,text/x-opml").OnChange(p.importOPML),
			app.Button().Class("es-btn", "es-export").Text("Export OPML").OnClick(p.exportOPML),
			app.Button().Class("es-btn", "es-refresh").Text("Refresh").OnClick(func(ctx app.Context, e app.Event) { p.refresh(ctx) }),
		),
		app.If(p.note != "", func() app.UI { return app.P().Class("es-muted").Aria("live", "polite").Text(p.note) }),
	)
}

func (p *libraryPage) renderShows() app.UI {
	subs := p.lib.Subscriptions
	return app.Section().Class("es-section").Aria("label", "Shows").Body(
		app.H2().Text("Shows"),
		app.If(len(subs) == 0, func() app.UI {
			return app.P().Class("es-muted").Text("No shows yet: add one by its feed URL, or import an OPML file.")
		}),
		app.Ul().Class("es-episodes", "es-subs").Body(app.Range(subs).Slice(func(i int) app.UI {
			s := subs[i]
			n := 0
			if show := p.shows[s.FeedURL]; show != nil {
				n = p.lib.NewCount(s.FeedURL, show.Episodes)
			}
			title := s.Title
			if title == "" {
				title = s.FeedURL
			}
			return app.Li().Class("es-sub").Body(
				app.A().Href(attr(embed.ShowPath(s.FeedURL))).Text(title),
				app.If(n > 0, func() app.UI {
					return app.Span().Class("es-badge", "es-new").Text(plural(n, "new episode", "new episodes"))
				}),
				app.If(p.errs[s.FeedURL] != "", func() app.UI { return app.P().Class("es-muted").Text(p.errs[s.FeedURL]) }),
				app.Button().Class("es-btn", "es-unsub").Aria("label", attr("Unsubscribe from "+title)).Text("Unsubscribe").
					OnClick(func(ctx app.Context, e app.Event) { p.unsubscribe(ctx, s.FeedURL) }, app.EventScope(s.FeedURL)),
			)
		})),
	)
}

func (p *libraryPage) renderResume() app.UI {
	if len(p.resume) == 0 {
		return nil
	}
	return app.Section().Class("es-section").Aria("label", "Continue listening").Body(
		app.H2().Text("Continue listening"),
		app.Ul().Class("es-episodes", "es-resume").Body(app.Range(p.resume).Slice(func(i int) app.UI {
			r := p.resume[i]
			title := r.Title
			if title == "" {
				title = r.GUID
			}
			return app.Li().Body(
				app.A().Href(attr(episodeHref(embed.Target{Feed: r.Feed, GUID: r.GUID}))).Text(title),
				app.Span().Class("es-time").Text(" · "+r.Show+" · "+podcast.FormatClock(r.Position)+" / "+podcast.FormatClock(r.Duration)),
			)
		})),
	)
}

func (p *libraryPage) renderQueue() app.UI {
	q := p.lib.Queue
	return app.Section().Class("es-section").Aria("label", "Up next").Body(
		app.H2().Text("Up next"),
		app.If(len(q) == 0, func() app.UI {
			return app.P().Class("es-muted").Text("Nothing queued: add episodes from a show or the player.")
		}),
		app.Ol().Class("es-episodes", "es-queue").Body(app.Range(q).Slice(func(i int) app.UI {
			it := q[i]
			return app.Li().Body(
				app.A().Href(attr(episodeHref(embed.Target{Feed: it.FeedURL, GUID: it.GUID}))).Text(it.Title),
				app.Button().Class("es-icon").Aria("label", attr("Move up: "+it.Title)).Text("↑").Disabled(i == 0).
					OnClick(func(ctx app.Context, e app.Event) { p.moveQueue(i, i-1) }, app.EventScope(it.FeedURL, it.GUID, i)),
				app.Button().Class("es-icon").Aria("label", attr("Move down: "+it.Title)).Text("↓").Disabled(i == len(q)-1).
					OnClick(func(ctx app.Context, e app.Event) { p.moveQueue(i, i+1) }, app.EventScope(it.FeedURL, it.GUID, i)),
				app.Button().Class("es-icon").Aria("label", attr("Remove from queue: "+it.Title)).Text("✕").
					OnClick(func(ctx app.Context, e app.Event) { p.removeQueue(it) }, app.EventScope(it.FeedURL, it.GUID)),
			)
		})),
	)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// siteNav links the app's pages (not shown in embeds).
func siteNav() app.UI {
	return app.Nav().Class("es-nav").Aria("label", "Earshot").Body(
		app.A().Href("/").Text("Earshot"),
		app.A().Href(PathLibrary).Text("Library"),
	)
}
