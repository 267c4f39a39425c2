package app

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/library"
	"github.com/earshot/earshot/opml"
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

	lang    lang
	lib     library.Library
	loadErr error
	shows   map[string]*podcast.Show // by feed URL, as fetched
	errs    map[string]error
	addURL  string
	adding  bool
	addErr  error
	// note says how an import went (or fails: noteErr); refused lists the
	// entries of the file that were left out, and why.
	note    string
	noteErr error
	refused []opmlRefusal
	resume  []inProgress
}

// opmlRefusal is an entry of an OPML file the server would not import (a
// private address, say), as POST /api/opml reports it.
type opmlRefusal struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Code  string `json:"code"`
}

func (p *libraryPage) OnNav(ctx app.Context) {
	p.lang = pageLang(ctx)
	ctx.Page().SetTitle("%s · Earshot", p.lang.t("library"))
	if !app.IsClient {
		return
	}
	p.reload(ctx)
	p.refresh(ctx)
}

// reload reads the library and positions from storage.
func (p *libraryPage) reload(ctx app.Context) {
	lib, err := loadLibrary()
	p.lib, p.loadErr = lib, libraryError(err)
	p.resume = savedPositions()
}

// refresh fetches every subscribed show, for new-episode counts.
func (p *libraryPage) refresh(ctx app.Context) {
	if p.shows == nil {
		p.shows, p.errs = map[string]*podcast.Show{}, map[string]error{}
	}
	for _, s := range p.lib.Subscriptions {
		feed := s.FeedURL
		ctx.Async(func() {
			c, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			show, err := p.src.Show(c, feed)
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					p.errs[feed] = err
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
	p.adding, p.addErr = true, nil
	ctx.Async(func() {
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		show, err := p.src.Show(c, u)
		ctx.Dispatch(func(ctx app.Context) {
			p.adding = false
			if err != nil {
				p.addErr = err
				return
			}
			if err := updateLibrary(func(l *library.Library) { l.Subscribe(u, show.Title, show.Image, time.Now()) }); err != nil {
				p.addErr = libraryError(err)
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
	p.note, p.noteErr, p.refused = p.lang.t("importing"), nil, nil
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
	p.note = ""
	switch {
	case err != nil:
		p.noteErr = &Error{Code: codeOffline}
		return
	case status != 200:
		e := apiError(status, body)
		if e.Code == "too_large" {
			e = &Error{Code: "opml_too_large"} // the file, not a feed
		}
		p.noteErr = e
		return
	}
	var res struct {
		Feeds   []struct{ URL, Title string } `json:"feeds"`
		Refused []opmlRefusal                 `json:"refused"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		p.noteErr = &Error{Code: codeBadAnswer}
		return
	}
	added, had := 0, 0
	err = updateLibrary(func(l *library.Library) {
		for _, f := range res.Feeds {
			if ok, _ := l.Subscribe(f.URL, f.Title, "", time.Now()); ok {
				added++
			} else {
				had++
			}
		}
	})
	if err != nil {
		p.noteErr = libraryError(err)
		return
	}
	p.note = p.lang.count(added, "showsImported")
	if had > 0 {
		p.note += " " + p.lang.count(had, "showsAlready")
	}
	p.refused = res.Refused
	p.reload(ctx)
	p.refresh(ctx)
}

// exportOPML downloads the library as an OPML file.
func (p *libraryPage) exportOPML(ctx app.Context, e app.Event) {
	feeds := make([]opml.Feed, 0, len(p.lib.Subscriptions))
	for _, s := range p.lib.Subscriptions {
		feeds = append(feeds, opml.Feed{URL: s.FeedURL, Title: s.Title})
	}
	data := opml.Write(feeds)
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
		siteNav(p.lang),
		app.H1().Text(p.lang.t("library")),
		app.If(p.loadErr != nil, func() app.UI { return errorBox(p.lang.errText(p.loadErr)) }),
		p.renderAdd(),
		p.renderShows(),
		p.renderResume(),
		p.renderQueue(),
		&updateBanner{},
	)
}

func (p *libraryPage) renderAdd() app.UI {
	l := p.lang
	return app.Section().Class("es-section").Aria("label", l.t("addShow")).Body(
		app.Form().Class("es-addform").OnSubmit(p.subscribe).Body(
			app.Label().For("es-addurl").Text(l.t("feedURL")),
			app.Input().ID("es-addurl").Type("url").Class("es-search-input").Placeholder("https://example.com/feed.xml").
				Value(p.addURL).Required(true).OnInput(func(ctx app.Context, e app.Event) { p.addURL = ctx.JSSrc().Get("value").String() }),
			app.Button().Type("submit").Class("es-btn", "es-subscribe").Disabled(p.adding).Text(l.t(map[bool]string{false: "subscribe", true: "checking"}[p.adding])),
		),
		app.If(p.addErr != nil, func() app.UI { return errorBox(l.errText(p.addErr)) }),
		app.Div().Class("es-sharerow").Body(
			app.Label().Class("es-btn").For("es-opml").Text(l.t("importOPML")),
			app.Input().ID("es-opml").Type("file").Class("es-visually-hidden").Accept(".opml,.xml,text/xml,text/x-opml").OnChange(p.importOPML),
			app.Button().Class("es-btn", "es-export").Text(l.t("exportOPML")).OnClick(p.exportOPML),
			app.Button().Class("es-btn", "es-refresh").Text(l.t("refresh")).OnClick(func(ctx app.Context, e app.Event) { p.refresh(ctx) }),
		),
		app.If(p.note != "", func() app.UI { return app.P().Class("es-muted", "es-importnote").Aria("live", "polite").Text(p.note) }),
		app.If(p.noteErr != nil, func() app.UI { return errorBox(l.errText(p.noteErr)) }),
		app.If(len(p.refused) > 0, func() app.UI { return p.renderRefused() }),
	)
}

// renderRefused lists the entries of an imported file that were left out,
// each with the reason in plain words.
func (p *libraryPage) renderRefused() app.UI {
	l := p.lang
	return app.Div().Class("es-error", "es-refused").Attr("role", "alert").Body(
		app.P().Text(l.count(len(p.refused), "showsRefused")),
		app.Ul().Body(app.Range(p.refused).Slice(func(i int) app.UI {
			r := p.refused[i]
			name := r.URL
			if r.Title != "" {
				name = r.Title + " (" + r.URL + ")"
			}
			return app.Li().Body(
				app.Strong().Text(name),
				app.Text(": "+l.errText(&Error{Code: r.Code})),
			)
		})),
	)
}

func (p *libraryPage) renderShows() app.UI {
	l := p.lang
	subs := p.lib.Subscriptions
	return app.Section().Class("es-section").Aria("label", l.t("shows")).Body(
		app.H2().Text(l.t("shows")),
		app.If(len(subs) == 0, func() app.UI {
			return app.P().Class("es-muted").Text(l.t("noShows"))
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
				artwork("es-subart", s.Image, title, ""),
				app.A().Href(attr(embed.ShowPath(s.FeedURL))).Text(title),
				app.If(n > 0, func() app.UI {
					return app.Span().Class("es-badge", "es-new").Text(l.count(n, "newEpisodes"))
				}),
				app.If(p.errs[s.FeedURL] != nil, func() app.UI { return app.P().Class("es-muted", "es-suberr").Text(l.errText(p.errs[s.FeedURL])) }),
				app.Button().Class("es-btn", "es-unsub").Aria("label", attr(l.t("unsubscribeFrom", title))).Text(l.t("unsubscribe")).
					OnClick(func(ctx app.Context, e app.Event) { p.unsubscribe(ctx, s.FeedURL) }, app.EventScope(s.FeedURL)),
			)
		})),
	)
}

func (p *libraryPage) renderResume() app.UI {
	if len(p.resume) == 0 {
		return nil
	}
	l := p.lang
	return app.Section().Class("es-section").Aria("label", l.t("continueListening")).Body(
		app.H2().Text(l.t("continueListening")),
		app.Ul().Class("es-episodes", "es-resume").Body(app.Range(p.resume).Slice(func(i int) app.UI {
			r := p.resume[i]
			title := r.Title
			if title == "" {
				title = r.GUID
			}
			at := podcast.FormatClock(r.Position)
			if r.Duration > 0 {
				at = l.t("of", at, podcast.FormatClock(r.Duration))
			}
			facts := at
			if r.Show != "" {
				facts = r.Show + " · " + at
			}
			return app.Li().Body(
				app.A().Href(attr(episodeHref(embed.Target{Feed: r.Feed, GUID: r.GUID}))).Text(title),
				app.Span().Class("es-time").Text(facts),
			)
		})),
	)
}

func (p *libraryPage) renderQueue() app.UI {
	l := p.lang
	q := p.lib.Queue
	return app.Section().Class("es-section").Aria("label", l.t("upNext")).Body(
		app.H2().Text(l.t("upNext")),
		app.If(len(q) == 0, func() app.UI {
			return app.P().Class("es-muted").Text(l.t("queueEmpty"))
		}),
		app.Ol().Class("es-episodes", "es-queue").Body(app.Range(q).Slice(func(i int) app.UI {
			it := q[i]
			return app.Li().Body(
				app.A().Href(attr(episodeHref(embed.Target{Feed: it.FeedURL, GUID: it.GUID}))).Text(it.Title),
				app.Button().Class("es-icon").Aria("label", attr(l.t("moveUp", it.Title))).Text("↑").Disabled(i == 0).
					OnClick(func(ctx app.Context, e app.Event) { p.moveQueue(i, i-1) }, app.EventScope(it.FeedURL, it.GUID, i)),
				app.Button().Class("es-icon").Aria("label", attr(l.t("moveDown", it.Title))).Text("↓").Disabled(i == len(q)-1).
					OnClick(func(ctx app.Context, e app.Event) { p.moveQueue(i, i+1) }, app.EventScope(it.FeedURL, it.GUID, i)),
				app.Button().Class("es-icon").Aria("label", attr(l.t("removeFromQueueOf", it.Title))).Text("✕").
					OnClick(func(ctx app.Context, e app.Event) { p.removeQueue(it) }, app.EventScope(it.FeedURL, it.GUID)),
			)
		})),
	)
}

// siteNav links the app's pages (not shown in embeds).
func siteNav(l lang) app.UI {
	return app.Nav().Class("es-nav").Aria("label", "Earshot").Body(
		app.A().Href("/").Text("Earshot"),
		app.A().Href(PathLibrary).Text(l.t("library")),
	)
}
