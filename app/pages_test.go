package app

import (
	"encoding/json"
	"errors"
	"github.com/earshot/earshot/embed"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/earshot/earshot/podcast"
)

// embeddedPageData decodes the <script id="es-data"> the server embeds.
func embeddedPageData(t *testing.T, doc *html.Node) pageData {
	t.Helper()
	el := findOne(t, doc, "script", attrIs("id", dataElementID))
	assert.Equal(t, "application/json", attrVal(el, "type"))
	require.NotNil(t, el.FirstChild, "the data element has content")
	var d pageData
	require.NoError(t, json.Unmarshal([]byte(el.FirstChild.Data), &d))
	return d
}

func TestEpisodePage(t *testing.T) {
	const feed = "https://example.com/feed.xml"
	for _, tc := range []struct {
		name, url string
		feed      string
		start     podcast.Range
		lang      string
	}{
		{"t in clock form", "/episode?guid=x&t=1:30", "", podcast.Range{Start: 90}, ""},
		{"t in seconds, with a feed", "/episode?feed=" + feed + "&guid=x&t=90", feed, podcast.Range{Start: 90}, ""},
		{"media fragment", "/episode?guid=x#t=90,120", "", podcast.Range{Start: 90, End: 120}, ""},
		{"an invalid time is ignored", "/episode?guid=x&t=soon", "", podcast.Range{}, ""},
		{"language", "/episode?guid=x&lang=de&t=1:30", "", podcast.Range{Start: 90}, "de"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := richView()
			src := &fakeSource{view: v}
			page := newEpisodeAt(src, tc.url)
			doc := prerender(t, page)

			assert.Equal(t, [][2]string{{tc.feed, "x"}}, src.episodeCalls(), "loads the requested episode once")
			// The page hands the Player the view and the share link's time.
			require.NoError(t, goapp.Match(&Player{View: v, Start: tc.start, Lang: tc.lang}, page, 0, 1))
			assert.Equal(t, "es-page", attrVal(findOne(t, doc, "main"), "class"))
			player := findOne(t, doc, "article", hasClass("es-player"))
			assert.Equal(t, strconv.FormatFloat(tc.start.Start, 'f', -1, 64), attrVal(player, "data-es-start"))
			assert.Empty(t, findAll(doc, "", attrIs("role", "alert")))

			d := embeddedPageData(t, doc)
			assert.Equal(t, tc.feed, d.Feed)
			assert.Equal(t, "x", d.GUID)
			require.NotNil(t, d.Episode, "the browser takes the episode over without fetching it again")
			assert.Equal(t, v.Episode.Title, d.Episode.Episode.Title)
			assert.Equal(t, v.Episode.Chapters, d.Episode.Episode.Chapters)
			assert.Nil(t, d.Show)

			assert.Equal(t, "Second Episode · The Show", page.ctx.Page().Title())
		})
	}
}

func TestEpisodePageSourceError(t *testing.T) {
	const msg = "This feed could not be found. Check the address and try again."
	src := &fakeSource{err: errors.New(msg)}
	page := newEpisodeAt(src, "/episode?feed=https://example.com/gone.xml&guid=x")
	doc := prerender(t, page)

	// What happened, what to do, and the ways on: the show, home, library.
	alert := findOne(t, doc, "div", attrIs("role", "alert"))
	assert.True(t, hasClass("es-error")(alert))
	assert.Equal(t, "This episode could not be opened", textOf(findOne(t, alert, "h1")))
	assert.Equal(t, msg, textOf(findAll(alert, "p")[0]))
	assert.Equal(t, []string{"/show?feed=https:%2F%2Fexample.com%2Fgone.xml", "/", "/library"}, attrsOf(findAll(alert, "a"), "href"))
	assert.Empty(t, findAll(doc, "article"), "no player")
	d := embeddedPageData(t, doc)
	assert.Equal(t, "https://example.com/gone.xml", d.Feed)
	assert.Nil(t, d.Episode)
	assert.Equal(t, "This episode could not be opened · Earshot", page.ctx.Page().Title())
}

// A failure with a code from the server reads as the code's sentence in the
// page's language, never as the server's English or a Go error.
func TestEpisodePageCodedError(t *testing.T) {
	src := &fakeSource{err: &Error{Code: "blocked_address", Message: "English from the server"}}
	doc := prerender(t, newEpisodeAt(src, "/episode?feed=http://10.0.0.1/feed.xml&guid=x&lang=de"))
	alert := findOne(t, doc, "div", attrIs("role", "alert"))
	assert.Equal(t, "Diese Folge konnte nicht geöffnet werden", textOf(findOne(t, alert, "h1")))
	assert.Contains(t, textOf(alert), "privates Netzwerk")
	assert.NotContains(t, textOf(alert), "English")
	assert.Contains(t, textsOf(findAll(alert, "a")), "Zur Startseite")
}

// The embedded data is JSON inside a script element: feed text must not be
// able to close it.
func TestEpisodePageDataCannotCloseItsScript(t *testing.T) {
	const evil = `</script><script>alert(1)</script><!--`
	v := richView()
	v.Episode.Title = evil
	v.Episode.Summary = evil
	doc := prerender(t, newEpisodeAt(&fakeSource{view: v}, "/episode?guid=x"))

	scripts := findAll(doc, "script")
	require.Len(t, scripts, 1, "only the data element")
	assert.Equal(t, evil, embeddedPageData(t, doc).Episode.Episode.Title)
}

func TestEmbedPage(t *testing.T) {
	const base = "/embed?feed=https://example.com/feed.xml&guid=x"
	for _, tc := range []struct {
		name, query string
		classes     []string
		style       string // "" for none
		player      Player // View and Embedded are set by the test
	}{
		{"mini, dark, red", "&layout=mini&theme=dark&color=ff0000",
			[]string{"es-embed", "es-theme-dark"}, "--es-accent:#ff0000", Player{Layout: LayoutMini}},
		{"compact, light, short colour", "&layout=compact&theme=light&color=F80",
			[]string{"es-embed", "es-theme-light"}, "--es-accent:#ff8800", Player{Layout: LayoutCompact}},
		// (A raw ';' would make net/url drop the parameter before the page
		// sees it, so the semicolons are escaped.)
		{"an invalid colour is ignored", "&layout=mini&theme=dark&color=red%3Bx",
			[]string{"es-embed", "es-theme-dark"}, "", Player{Layout: LayoutMini}},
		{"a colour name is ignored", "&color=red",
			[]string{"es-embed"}, "", Player{Layout: LayoutFull}},
		{"a CSS injection is ignored", "&color=fff%3Bbackground:url(//evil)",
			[]string{"es-embed"}, "", Player{Layout: LayoutFull}},
		{"defaults: full layout, automatic theme", "",
			[]string{"es-embed"}, "", Player{Layout: LayoutFull}},
		{"unknown layout and theme fall back", "&layout=huge&theme=sepia&color=ff00001",
			[]string{"es-embed"}, "", Player{Layout: LayoutFull}},
		{"page layout is not an embed layout", "&layout=page",
			[]string{"es-embed"}, "", Player{Layout: LayoutFull}},
		{"time, language, autoplay", "&t=1:30&lang=de&autoplay=1",
			[]string{"es-embed"}, "", Player{Layout: LayoutFull, Start: podcast.Range{Start: 90}, Lang: "de", Autoplay: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := richView()
			src := &fakeSource{view: v}
			page := newEmbedAt(src, base+tc.query)
			doc := prerender(t, page)

			assert.Equal(t, [][2]string{{"https://example.com/feed.xml", "x"}}, src.episodeCalls())
			want := goapp.Div().Class(tc.classes...)
			if tc.style != "" {
				accent := tc.style[len("--es-accent:"):]
				want = want.Style("--es-accent", accent).Style("--es-on-accent", embed.OnAccent(accent))
			}
			assert.NoError(t, goapp.Match(want, page, 0), "root element")
			wantPlayer := tc.player
			wantPlayer.View, wantPlayer.Embedded = v, true
			assert.NoError(t, goapp.Match(&wantPlayer, page, 0, 0), "player props")

			root := findOne(t, doc, "div", hasClass("es-embed"))
			style, hasStyle := attrOf(root, "style")
			if tc.style == "" {
				assert.False(t, hasStyle, "no style, got %q", style)
			} else {
				assert.Equal(t, tc.style+";--es-on-accent:"+embed.OnAccent(tc.style[len("--es-accent:"):]), style)
			}
			player := findOne(t, root, "article", hasClass("es-player"))
			assert.True(t, hasClass("es-layout-"+string(tc.player.Layout))(player), attrVal(player, "class"))
			assert.NotNil(t, embeddedPageData(t, doc).Episode)
		})
	}
}

func TestEmbedPageSourceError(t *testing.T) {
	const msg = "This episode is no longer in the feed."
	page := newEmbedAt(&fakeSource{err: errors.New(msg)}, "/embed?guid=x&theme=dark")
	doc := prerender(t, page)

	assert.NoError(t, goapp.Match(goapp.Div().Class("es-error").Attr("role", "alert"), page, 0, 0))
	assert.Equal(t, msg, textOf(findOne(t, doc, "div", attrIs("role", "alert"))))
	assert.Empty(t, findAll(doc, "article"))
	assert.True(t, hasClass("es-theme-dark")(findOne(t, doc, "div", hasClass("es-embed"))), "the theme applies to the error too")
}

// The whole server path: go-app's Handler routes the request through
// Register's routes, navigates, waits for the Source and prerenders.
func TestServerPrerendersEpisodePage(t *testing.T) {
	v := richView()
	src := &fakeSource{view: v}
	Register(src)
	h := &goapp.Handler{Name: "Earshot"}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/episode?guid=x&t=1:30", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	doc := parseHTML(t, rec.Body.String())

	assert.Equal(t, [][2]string{{"", "x"}}, src.episodeCalls())
	assert.Equal(t, "Second Episode · The Show", textOf(findOne(t, doc, "title")))
	player := findOne(t, doc, "article", hasClass("es-player"))
	assert.Equal(t, "90", attrVal(player, "data-es-start"))
	assert.Equal(t, "1 minute 30 seconds of 4 minutes", attrVal(findOne(t, player, "input", attrIs("data-es", "seekbar")), "aria-valuetext"))
	d := embeddedPageData(t, doc)
	assert.Equal(t, "x", d.GUID)
	require.NotNil(t, d.Episode)
	assert.Equal(t, v.Episode.GUID, d.Episode.Episode.GUID)
}
