package app

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/earshot/earshot/podcast"
)

// This file holds what the component tests share: rendering a component the
// way the server prerenders it, querying the resulting HTML, a rich episode,
// and an in-memory Source.

// prerender mounts c in go-app's test engine as the server does (OnInit and
// OnPreRender run; OnMount does not, and there is no browser bridge), runs
// its pending dispatches and async work, and returns the HTML the server
// would send, parsed as a browser would parse it.
func prerender(t *testing.T, c goapp.Composer) *html.Node {
	t.Helper()
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(c))
	e.ConsumeAll()
	return parseHTML(t, goapp.HTMLString(c))
}

func parseHTML(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	require.NoError(t, err)
	return doc
}

// pred is one condition on an element.
type pred func(*html.Node) bool

func hasClass(c string) pred {
	return func(n *html.Node) bool {
		v, _ := attrOf(n, "class")
		for _, f := range strings.Fields(v) {
			if f == c {
				return true
			}
		}
		return false
	}
}

func attrIs(key, val string) pred {
	return func(n *html.Node) bool { v, ok := attrOf(n, key); return ok && v == val }
}

func hasAttr(key string) pred {
	return func(n *html.Node) bool { _, ok := attrOf(n, key); return ok }
}

// findAll returns the elements under root (root included) with the tag (""
// for any) that meet every condition, in document order.
func findAll(root *html.Node, tag string, conds ...pred) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (tag == "" || n.Data == tag) && meetsAll(n, conds) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func meetsAll(n *html.Node, conds []pred) bool {
	for _, c := range conds {
		if !c(n) {
			return false
		}
	}
	return true
}

// findOne is findAll for exactly one element.
func findOne(t *testing.T, root *html.Node, tag string, conds ...pred) *html.Node {
	t.Helper()
	found := findAll(root, tag, conds...)
	require.Len(t, found, 1, "want exactly one <%s> matching", tag)
	return found[0]
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attrVal is the value of an attribute, "" when absent.
func attrVal(n *html.Node, key string) string {
	v, _ := attrOf(n, key)
	return v
}

// textOf is the text content of n with white space collapsed, as a person
// reads it.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func textsOf(ns []*html.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = textOf(n)
	}
	return out
}

func attrsOf(ns []*html.Node, key string) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = attrVal(n, key)
	}
	return out
}

// Artwork of the rich episode.
const (
	showArt      = "https://cdn.example.com/show.jpg"
	episodeArt   = "https://cdn.example.com/ep2.jpg"
	sponsorArt   = "https://cdn.example.com/sponsor.jpg"
	interviewArt = "https://cdn.example.com/interview.jpg"
	guestPage    = "https://example.com/guest"
)

// richView is a four-minute episode with everything a feed can give it:
// chapters (one hidden, toc:false, with its own art; one with art and a
// link), show notes with a timestamp link, people, funding, a soundbite,
// season and number, and a transcript.
func richView() *podcast.EpisodeView {
	return &podcast.EpisodeView{
		Show: podcast.Show{
			FeedURL: "https://example.com/feed.xml",
			Title:   "The Show",
			Image:   showArt,
			Funding: []podcast.Funding{{URL: "https://example.com/show-funding", Title: "Show-level funding"}},
		},
		Episode: podcast.Episode{
			GUID:      "ep-2",
			Title:     "Second Episode",
			Duration:  240,
			Season:    1,
			Number:    "2",
			Image:     episodeArt,
			Enclosure: podcast.Enclosure{URL: "https://cdn.example.com/ep2.mp3", Type: "audio/mpeg"},
			Chapters: []podcast.Chapter{
				{Start: 0, Title: "Intro"},
				{Start: 30, Title: "Sponsor", Hidden: true, Image: sponsorArt},
				{Start: 60, Title: "Interview", Image: interviewArt, URL: guestPage},
				{Start: 180, Title: "Outro"},
			},
			Notes: `<p>The interview starts at <a href="/episode?guid=ep-2&amp;t=1:00" data-t="60">1:00</a>.</p>`,
			Persons: []podcast.Person{
				{Name: "Ada", Role: "host", Href: "https://example.com/ada", Image: "https://cdn.example.com/ada.jpg"},
				{Name: "Grace", Role: "guest"},
			},
			Funding: []podcast.Funding{
				{URL: "https://example.com/support", Title: "Support us"},
				{URL: "https://example.com/tip"},
			},
			Soundbites:  []podcast.Soundbite{{Start: 75, Duration: 15, Title: "The best bit"}},
			Transcripts: []podcast.TranscriptRef{{URL: "https://cdn.example.com/ep2.vtt", Type: "text/vtt"}},
		},
	}
}

// fakeSource is an in-memory Source: the seam pages load through.
type fakeSource struct {
	view *podcast.EpisodeView
	show *podcast.Show
	err  error

	mu    sync.Mutex
	calls [][2]string // feed, guid of each Episode call
}

func (s *fakeSource) Show(ctx context.Context, feed string) (*podcast.Show, error) {
	if s.err != nil {
		return nil, s.err
	}
	return s.show, nil
}

func (s *fakeSource) Episode(ctx context.Context, feed, guid string) (*podcast.EpisodeView, error) {
	s.mu.Lock()
	s.calls = append(s.calls, [2]string{feed, guid})
	s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	return s.view, nil
}

func (s *fakeSource) episodeCalls() [][2]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][2]string(nil), s.calls...)
}

// go-app's test engine routes with its own, empty router and keeps its page
// URL at "/", so its Navigate cannot reach Earshot's pages (it loads
// go-app's "not found" component). The wrappers below do for a page what
// the server's engine does for a request to rawURL: set the page URL, then
// call OnNav. OnPreRender is the hook through which go-app hands a mounted
// component a Context on the server.

// episodeAt is an episodePage requested at url.
type episodeAt struct {
	episodePage
	url string
	ctx goapp.Context
}

func newEpisodeAt(src Source, rawURL string) *episodeAt {
	return &episodeAt{episodePage: episodePage{src: src}, url: rawURL}
}

func (p *episodeAt) OnPreRender(ctx goapp.Context) {
	p.ctx = ctx
	setPageURL(ctx, p.url)
	p.OnNav(ctx)
}

// embedAt is an embedPage requested at url.
type embedAt struct {
	embedPage
	url string
}

func newEmbedAt(src Source, rawURL string) *embedAt {
	return &embedAt{embedPage: embedPage{src: src}, url: rawURL}
}

func (p *embedAt) OnPreRender(ctx goapp.Context) {
	setPageURL(ctx, p.url)
	p.OnNav(ctx)
}

func setPageURL(ctx goapp.Context, rawURL string) {
	u, err := url.Parse(rawURL)
	if err != nil {
		panic(err)
	}
	ctx.Page().ReplaceURL(u)
}
