package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"sync"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/moments"
	"github.com/earshot/earshot/podcast"
)

// Find the moment: a query over a show's archive (GET /api/search) lists
// moments (episode titles, chapters, show-note lines, transcript passages),
// each a time link that plays there. The show page links to the episode
// page at the moment; the show embed plays it in place.

const (
	// searchDelay lets a listener finish a word before the query runs.
	searchDelay = 250 * time.Millisecond
	// searchAgain is how soon an answer from an index still being built is
	// asked again, at most searchRetries times.
	searchAgain   = 2 * time.Second
	searchRetries = 15
	// searchTimeout bounds one query (a first one waits for the index).
	searchTimeout = 20 * time.Second
)

// momentSearch shows the moments of Feed that match Query; it renders
// nothing but its container while Query is empty.
type momentSearch struct {
	app.Compo
	Feed  string
	Query string
	Lang  string
	// Pick plays a moment in place (the show embed). Without it a moment is
	// a link to its episode page, playing from there.
	Pick func(ctx app.Context, m podcast.Moment)

	asked string // the query res answers
	res   *podcast.SearchResult
	err   string
	busy  bool
	seq   int // the latest query; older answers are dropped
	tries int
}

func (m *momentSearch) OnMount(ctx app.Context)  { m.ask(ctx) }
func (m *momentSearch) OnUpdate(ctx app.Context) { m.ask(ctx) }

// ask runs the query searchDelay after the last change of it.
func (m *momentSearch) ask(ctx app.Context) {
	q := strings.TrimSpace(m.Query)
	if q == m.asked {
		return
	}
	m.asked, m.res, m.err, m.tries = q, nil, "", 0
	m.seq++
	seq := m.seq
	if q == "" {
		m.busy = false
		return
	}
	m.busy = true
	ctx.After(searchDelay, func(ctx app.Context) {
		if seq == m.seq {
			m.run(ctx, seq, q)
		}
	})
}

// run queries the server, and again while its index is being built.
func (m *momentSearch) run(ctx app.Context, seq int, q string) {
	feed := m.Feed
	ctx.Async(func() {
		res, err := searchShow(ctx, feed, q)
		ctx.Dispatch(func(ctx app.Context) {
			if seq != m.seq {
				return
			}
			m.busy = false
			if err != nil {
				m.res, m.err = nil, pickLang(m.Lang, browserLanguages()...).errText(err)
				return
			}
			m.res, m.err = res, ""
			if !res.Complete && m.tries < searchRetries {
				m.tries++
				ctx.After(searchAgain, func(ctx app.Context) {
					if seq == m.seq {
						m.run(ctx, seq, q)
					}
				})
			}
		})
	})
}

// searchShow asks the server for the moments of feed that match q; a
// static export asks its prebuilt index.
func searchShow(ctx context.Context, feed, q string) (*podcast.SearchResult, error) {
	c, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	if staticExport() {
		return searchStatic(c, q)
	}
	status, body, err := fetchText(c, "/api/search?"+url.Values{"feed": {feed}, "q": {q}}.Encode())
	if err != nil {
		return nil, &Error{Code: codeOffline}
	}
	if status != 200 {
		return nil, apiError(status, body)
	}
	var res podcast.SearchResult
	if json.Unmarshal([]byte(body), &res) != nil {
		return nil, &Error{Code: codeBadAnswer}
	}
	return &res, nil
}

func (m *momentSearch) Render() app.UI {
	if m.asked == "" {
		return app.Div().Class("es-momentsearch")
	}
	l := pickLang(m.Lang, browserLanguages()...)
	var moments []podcast.Moment
	if m.res != nil {
		moments = m.res.Moments
	}
	return app.Section().Class("es-momentsearch").Aria("label", l.t("moments")).Body(
		app.P().Class("es-muted", "es-searchstatus").Aria("live", "polite").Text(m.status(l)),
		app.Ol().Class("es-moments").Body(
			app.Range(moments).Slice(func(i int) app.UI { return m.renderMoment(l, moments[i]) }),
		),
	)
}

// status says how the search went: searching, failed, nothing, or how
// many moments (and that more may come while transcripts are read).
func (m *momentSearch) status(l lang) string {
	switch {
	case m.busy && m.res == nil:
		return l.t("searching")
	case m.err != "":
		return m.err
	case m.res == nil:
		return ""
	}
	s := l.t("momentsFound", len(m.res.Moments))
	if len(m.res.Moments) == 0 {
		s = l.t("noMoments", m.asked)
	}
	if !m.res.Complete && m.res.TranscriptsTotal > 0 {
		s += " " + l.t("stillIndexing", m.res.Transcripts, m.res.TranscriptsTotal)
	}
	return s
}

// momentKinds names each kind of moment in the string table.
var momentKinds = map[string]string{
	podcast.MomentTitle:      "momentTitle",
	podcast.MomentChapter:    "momentChapter",
	podcast.MomentNotes:      "notes",
	podcast.MomentTranscript: "transcript",
}

// renderMoment is one moment: a link to its episode at its time (played
// in place with Pick), naming the episode, the kind of match and the time,
// with the matched words marked.
func (m *momentSearch) renderMoment(l lang, mo podcast.Moment) app.UI {
	t := embed.Target{Feed: m.Feed, GUID: mo.GUID, Time: podcast.Range{Start: mo.Start}}
	href := embed.EpisodePath(t)
	if staticExport() {
		href = embed.StaticEpisodePath(t)
	}
	a := app.A().Class("es-moment").Href(attr(autoplayHref(href)))
	if m.Pick != nil {
		a = a.OnClick(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			// go-app's window click handler would otherwise navigate the
			// frame (and add to the host page's history).
			e.Call("stopPropagation")
			m.Pick(ctx, mo)
		}, app.EventScope(mo.GUID+" "+podcast.FormatNPT(mo.Start)))
	}
	return app.Li().Body(a.Body(
		app.Span().Class("es-momentep").Text(mo.Episode),
		app.Span().Class("es-epfacts").Body(
			app.Span().Class("es-badge").Text(l.t(momentKinds[mo.Kind])),
			app.Span().Class("es-time").Text(podcast.FormatClock(mo.Start)),
		),
		app.Span().Class("es-momenttext").Body(
			app.Range(mo.Parts).Slice(func(i int) app.UI {
				if mo.Parts[i].Mark {
					return app.Mark().Text(mo.Parts[i].Text)
				}
				return app.Span().Text(mo.Parts[i].Text)
			}),
		),
	))
}

// staticIndex is a static export's search index, read once.
var staticIndex struct {
	sync.Mutex
	x *moments.Static
}

// searchStatic queries a static export's prebuilt index (the export's
// search.json), with the server's rules and errors.
func searchStatic(ctx context.Context, q string) (*podcast.SearchResult, error) {
	staticIndex.Lock()
	defer staticIndex.Unlock()
	if staticIndex.x == nil {
		status, body, err := fetchText(ctx, embed.StaticSearchData)
		switch {
		case err != nil:
			return nil, &Error{Code: codeOffline}
		case status != 200:
			return nil, &Error{Code: codeStaticMissing}
		}
		var x moments.Static
		if json.Unmarshal([]byte(body), &x) != nil {
			return nil, &Error{Code: codeBadAnswer}
		}
		staticIndex.x = &x
	}
	found, err := staticIndex.x.Search(q, 0)
	switch {
	case errors.Is(err, moments.ErrEmptyQuery):
		return nil, &Error{Code: codeEmptyQuery}
	case errors.Is(err, moments.ErrLongQuery):
		return nil, &Error{Code: codeLongQuery}
	case err != nil:
		return nil, errorOf(err)
	}
	return &podcast.SearchResult{Query: strings.TrimSpace(q), Moments: found, Complete: true, Episodes: len(staticIndex.x.Titles)}, nil
}
