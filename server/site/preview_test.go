package site

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/earshot/earshot/server/feed"
	"github.com/earshot/earshot/server/feed/fetch"
)

const (
	seRadioTitle      = "Software Engineering Radio - The Podcast for Professional Software Developers"
	seRadioNewest     = "SE-Radio Episode 248: Axel Rauschmayer on JavaScript and ECMAScript 6"
	seRadioNewestGUID = "http://www.se-radio.net/?p=1939"
	seRadioImage      = "http://media.computer.org/sponsored/podcast/se-radio/se-radio-logo-1400x1475.jpg"
	seRadioAudio      = "http://feedproxy.google.com/~r/se-radio/~5/_V8a9ATpdxk/SE-Radio-Episode-248-Axel-Rauschmayer-on-JavaScript-and-ECMAScript-6.mp3"
	hostileTitle      = `"><script>alert(1)</script>`
	hostileFeedXML    = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
<title>&amp;quot;&amp;gt;&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</title>
<link>https://evil.example/</link>
<description>Line one
	&lt;b&gt;bold&lt;/b&gt; "quoted" &amp; more</description>
<itunes:image href="javascript:alert(1)"/>
<item>
<title>&amp;quot;&amp;gt;&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</title>
<guid isPermaLink="false">ep-"1"</guid>
<description>A summary with "quotes" &amp; &lt;tags&gt;.</description>
<enclosure url="https://evil.example/a.mp3?x=&quot;&gt;&lt;x" type="audio/mpeg&quot;&gt;" length="1"/>
</item>
</channel>
</rss>`
)

var (
	hostileOnce   sync.Once
	hostileOrigin *httptest.Server
)

// previewEnv returns the shared test site (for real go-app pages), its feed
// origin, an origin serving a hostile feed, and a Site value to call
// withPreview on: a second site cannot be built with New (go-app keeps its
// routes in globals), and the preview needs only the configuration.
func previewEnv(t *testing.T) (site *httptest.Server, origin, hostile *httptest.Server, s *Site) {
	t.Helper()
	site, origin = env(t)
	hostileOnce.Do(func() {
		hostileOrigin = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, hostileFeedXML)
		}))
	})
	svc := feed.New(feed.Options{Fetch: fetch.Options{AllowLoopback: true, MaxBodyBytes: testBodyLimit, Timeout: time.Second}})
	s = &Site{cfg: Config{Feeds: svc, DefaultFeed: origin.URL + "/se-radio.xml", BaseURL: testBase}}
	return site, origin, hostileOrigin, s
}

// rendered fetches a prerendered page from the shared site and runs it
// through withPreview as the site would for the same request.
func rendered(t *testing.T, site *httptest.Server, s *Site, pathQuery string) (before, after []byte, link string) {
	t.Helper()
	_, body := get(t, site.URL+pathQuery)
	// Pages whose feed fails carry the failure's status; they are still pages.
	require.Contains(t, string(body), "</head>")
	r := httptest.NewRequest(http.MethodGet, pathQuery, nil)
	r.Host = "earshot.test"
	after, link = s.withPreview(r, bytes.Clone(body))
	return body, after, link
}

// headTags parses page as a browser would and returns the content of every
// <meta> in the <head> by its property or name, and the <link>s by rel and
// type ("alternate application/json+oembed").
func headTags(t *testing.T, page []byte) (meta, links map[string][]string) {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	require.NoError(t, err)
	meta, links = map[string][]string{}, map[string][]string{}
	var head *xhtml.Node
	var find func(*xhtml.Node)
	find = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.Head {
			head = n
		}
		for c := n.FirstChild; c != nil && head == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	require.NotNil(t, head)
	for n := head.FirstChild; n != nil; n = n.NextSibling {
		a := map[string]string{}
		for _, at := range n.Attr {
			a[at.Key] = at.Val
		}
		switch n.DataAtom {
		case atom.Meta:
			key := a["property"]
			if key == "" {
				key = a["name"]
			}
			meta[key] = append(meta[key], a["content"])
		case atom.Link:
			key := strings.TrimSpace(a["rel"] + " " + a["type"])
			links[key] = append(links[key], a["href"])
		}
	}
	return meta, links
}

// inlineHeadScripts counts the <script> elements without src in the head
// of page, as a browser parses it.
func inlineHeadScripts(t *testing.T, page []byte) int {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	require.NoError(t, err)
	n := 0
	var walk func(*xhtml.Node, bool)
	walk = func(node *xhtml.Node, inHead bool) {
		inHead = inHead || node.DataAtom == atom.Head
		if inHead && node.Type == xhtml.ElementNode && node.DataAtom == atom.Script {
			src := false
			for _, a := range node.Attr {
				src = src || a.Key == "src"
			}
			if !src {
				n++
			}
		}
		for c := node.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(doc, false)
	return n
}

// one returns the only value of key, failing when there is not exactly one.
func one(t *testing.T, m map[string][]string, key string) string {
	t.Helper()
	require.Len(t, m[key], 1, "exactly one %s", key)
	return m[key][0]
}

func parseURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err, s)
	return u
}

// assertBodyUnchanged checks that everything from </head> on is the same
// bytes in both pages.
func assertBodyUnchanged(t *testing.T, before, after []byte) {
	t.Helper()
	i, j := bytes.Index(before, []byte("</head>")), bytes.Index(after, []byte("</head>"))
	require.Positive(t, i)
	require.Positive(t, j)
	assert.True(t, bytes.Equal(before[i:], after[j:]), "the page from </head> on is unchanged")
}

var linkHeaderRE = regexp.MustCompile(`^<([^<>\s]+)>; rel="alternate"; type="application/json\+oembed", <([^<>\s]+)>; rel="alternate"; type="text/xml\+oembed"$`)

// assertOEmbedLinks checks the discovery links of a page describing page,
// in the head and in the Link header, and that the site answers them.
func assertOEmbedLinks(t *testing.T, site *httptest.Server, links map[string][]string, link, page string) {
	t.Helper()
	m := linkHeaderRE.FindStringSubmatch(link)
	require.NotNil(t, m, "Link header %q", link)
	for i, f := range []struct{ typ, format string }{{"application/json+oembed", "json"}, {"text/xml+oembed", "xml"}} {
		href := one(t, links, "alternate "+f.typ)
		assert.Equal(t, href, m[i+1], "the Link header carries the same URL as the <link>")
		u := parseURL(t, href)
		assert.Equal(t, "earshot.test", u.Host)
		assert.Equal(t, "/oembed", u.Path)
		assert.Equal(t, f.format, u.Query().Get("format"))
		assert.Equal(t, page, u.Query().Get("url"))

		res, body := eget(t, site, site.URL+u.Path+"?"+u.RawQuery)
		assert.Equal(t, http.StatusOK, res.StatusCode, "the oEmbed endpoint answers the discovery link: %s", body)
	}
}

// An episode page shared at a time: the preview names the episode, keeps
// the time in its URL and in its card player, and carries the audio.
func TestPreviewEpisode(t *testing.T) {
	site, origin, _, s := previewEnv(t)
	feedURL := origin.URL + "/se-radio.xml"
	before, after, link := rendered(t, site, s, "/episode?feed="+url.QueryEscape(feedURL)+"&t=1:30")
	assertBodyUnchanged(t, before, after)
	meta, links := headTags(t, after)

	assert.Equal(t, "article", one(t, meta, "og:type"))
	assert.Equal(t, "Earshot", one(t, meta, "og:site_name"))
	assert.Equal(t, seRadioNewest+" · "+seRadioTitle, one(t, meta, "og:title"))
	assert.Equal(t, seRadioNewest+" · "+seRadioTitle, one(t, meta, "twitter:title"))
	desc := one(t, meta, "og:description")
	assert.True(t, strings.HasPrefix(desc, "Johannes Thönes talks to author and speaker Axel Rauschmayer"), desc)
	assert.LessOrEqual(t, utf8.RuneCountInString(desc), 300)
	assert.NotContains(t, desc, "<")
	assert.Equal(t, desc, one(t, meta, "twitter:description"))
	assert.Equal(t, "2016-01-28T18:06:52Z", one(t, meta, "article:published_time"))

	pageURL := one(t, meta, "og:url")
	u := parseURL(t, pageURL)
	assert.Equal(t, "http", u.Scheme)
	assert.Equal(t, "earshot.test", u.Host)
	assert.Equal(t, "/episode", u.Path)
	assert.Equal(t, feedURL, u.Query().Get("feed"))
	assert.Equal(t, seRadioNewestGUID, u.Query().Get("guid"), "the newest episode is named, so the link keeps showing it")
	assert.Contains(t, u.RawQuery, "t=1:30")
	assert.Equal(t, pageURL, one(t, links, "canonical"))

	assert.Equal(t, seRadioImage, one(t, meta, "og:image"))
	assert.Equal(t, seRadioImage, one(t, meta, "twitter:image"))
	assert.Equal(t, "Cover art of "+seRadioTitle, one(t, meta, "og:image:alt"))
	assert.Equal(t, seRadioAudio, one(t, meta, "og:audio"))
	assert.Equal(t, "audio/mpeg", one(t, meta, "og:audio:type"))

	assert.Equal(t, "player", one(t, meta, "twitter:card"))
	p := parseURL(t, one(t, meta, "twitter:player"))
	assert.Equal(t, "earshot.test", p.Host)
	assert.Equal(t, "/embed", p.Path)
	assert.Equal(t, seRadioNewestGUID, p.Query().Get("guid"))
	assert.Equal(t, "1:30", p.Query().Get("t"), "the card player starts at the shared time")
	assert.Equal(t, "compact", p.Query().Get("layout"))
	assert.Equal(t, "640", one(t, meta, "twitter:player:width"))
	assert.Equal(t, "200", one(t, meta, "twitter:player:height"))

	assertOEmbedLinks(t, site, links, link, pageURL)

	// go-app's own tags are gone (no second og:title, no host-only og:image);
	// its other head elements stay.
	assert.Equal(t, 1, strings.Count(string(after), `rel="canonical"`), "one canonical link, even when the site already added ours")
	assert.NotContains(t, string(after), `content="https://earshot.test"`)
	assert.Equal(t, 1, strings.Count(string(after), `property="og:title"`))
	assert.Contains(t, meta, "description")
	assert.Contains(t, string(after), "<title>"+seRadioNewest)
}

// A show page: the show's title, description and artwork; the card plays
// the newest episode; no audio of its own.
func TestPreviewShow(t *testing.T) {
	site, origin, _, s := previewEnv(t)
	feedURL := origin.URL + "/se-radio.xml"
	for _, tc := range []struct{ name, path, canonical string }{
		{"home", "/", testBase + "/"},
		{"show", "/show?feed=" + url.QueryEscape(feedURL) + "&t=90", testBase + "/show?feed=" + strings.ReplaceAll(url.QueryEscape(feedURL), "%3A", ":")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, after, link := rendered(t, site, s, tc.path)
			assertBodyUnchanged(t, before, after)
			meta, links := headTags(t, after)
			assert.Equal(t, "website", one(t, meta, "og:type"))
			assert.Equal(t, seRadioTitle, one(t, meta, "og:title"))
			assert.True(t, strings.HasPrefix(one(t, meta, "og:description"), "Software Engineering Radio is a podcast targeted"))
			assert.LessOrEqual(t, utf8.RuneCountInString(one(t, meta, "og:description")), 300)
			assert.Equal(t, tc.canonical, one(t, meta, "og:url"))
			assert.Equal(t, tc.canonical, one(t, links, "canonical"))
			assert.Equal(t, seRadioImage, one(t, meta, "og:image"))
			assert.Empty(t, meta["og:audio"])
			assert.Empty(t, meta["article:published_time"])

			assert.Equal(t, "player", one(t, meta, "twitter:card"))
			p := parseURL(t, one(t, meta, "twitter:player"))
			assert.Equal(t, "/embed", p.Path)
			assert.Empty(t, p.Query().Get("guid"), "the newest episode")
			assert.Empty(t, p.Query().Get("t"), "a show has no time")
			assertOEmbedLinks(t, site, links, link, tc.canonical)
		})
	}
}

// An embed page is canonically its episode page; its card player and oEmbed
// keep the podcaster's layout and theme, but never autoplay.
func TestPreviewEmbed(t *testing.T) {
	site, origin, _, s := previewEnv(t)
	feedURL := origin.URL + "/se-radio.xml"
	q := "feed=" + url.QueryEscape(feedURL) + "&guid=" + url.QueryEscape(seRadioNewestGUID)
	before, after, link := rendered(t, site, s, "/embed?"+q+"&layout=mini&theme=dark&autoplay=1&t=90")
	assertBodyUnchanged(t, before, after)
	meta, links := headTags(t, after)

	c := parseURL(t, one(t, meta, "og:url"))
	assert.Equal(t, "/episode", c.Path)
	assert.Equal(t, "1:30", c.Query().Get("t"))
	assert.Empty(t, c.Query().Get("layout"))
	assert.Equal(t, one(t, meta, "og:url"), one(t, links, "canonical"))

	p := parseURL(t, one(t, meta, "twitter:player"))
	assert.Equal(t, "/embed", p.Path)
	assert.Equal(t, "mini", p.Query().Get("layout"))
	assert.Equal(t, "dark", p.Query().Get("theme"))
	assert.Equal(t, "1:30", p.Query().Get("t"))
	assert.Empty(t, p.Query().Get("autoplay"))
	assert.Equal(t, "96", one(t, meta, "twitter:player:height"))
	assertOEmbedLinks(t, site, links, link, p.String())
}

// Feed titles, descriptions and URLs are hostile: every value is escaped,
// and URLs that are not http(s) are left out.
func TestPreviewHostileFeed(t *testing.T) {
	site, _, hostile, s := previewEnv(t)
	show, err := s.cfg.Feeds.Show(context.Background(), hostile.URL+"/feed.xml")
	require.NoError(t, err)
	require.Equal(t, hostileTitle, show.Title, "the title is text that looks like markup")

	for _, path := range []string{
		"/episode?feed=" + url.QueryEscape(hostile.URL+"/feed.xml"),
		"/show?feed=" + url.QueryEscape(hostile.URL+"/feed.xml"),
		"/embed?feed=" + url.QueryEscape(hostile.URL+"/feed.xml") + "&guid=" + url.QueryEscape(`ep-"1"`),
	} {
		t.Run(path, func(t *testing.T) {
			before, after, link := rendered(t, site, s, path)
			assertBodyUnchanged(t, before, after)
			head := string(after[:bytes.Index(after, []byte("</head>"))])
			assert.NotContains(t, head, "<script>alert")
			assert.Zero(t, inlineHeadScripts(t, after), "no script element but go-app's own")
			assert.NotContains(t, head, "javascript:")

			meta, links := headTags(t, after)
			title := one(t, meta, "og:title")
			assert.True(t, strings.HasPrefix(title, hostileTitle), "the title survives escaping intact: %q", title)
			assert.Empty(t, meta["og:image"], "javascript: artwork is left out")
			assert.Empty(t, meta["twitter:image"])
			assert.NotContains(t, one(t, meta, "og:description"), "\n")
			if !strings.HasPrefix(path, "/show") {
				assert.Equal(t, `https://evil.example/a.mp3?x="><x`, one(t, meta, "og:audio"), "the enclosure is kept as it is")
				assert.Equal(t, `ep-"1"`, parseURL(t, one(t, meta, "og:url")).Query().Get("guid"))
			}
			for _, l := range links {
				for _, href := range l {
					assert.NotContains(t, href, "<")
				}
			}
			assert.Regexp(t, linkHeaderRE, link)
			assert.Equal(t, 2, strings.Count(link, "<"), "no angle bracket inside the link targets: %s", link)
		})
	}
}

// When the feed fails the page is still served, with no preview tags at
// all (go-app's would point at the wrong URLs) and no Link header.
func TestPreviewFeedFails(t *testing.T) {
	site, origin, _, s := previewEnv(t)
	for _, path := range []string{
		"/episode?feed=" + url.QueryEscape(origin.URL+"/page.html"),
		"/episode?feed=" + url.QueryEscape(origin.URL+"/gone.xml"),
		"/episode?feed=" + url.QueryEscape(origin.URL+"/se-radio.xml") + "&guid=nope",
		"/show?feed=" + url.QueryEscape("not a url"),
	} {
		t.Run(path, func(t *testing.T) {
			before, after, link := rendered(t, site, s, path)
			assertBodyUnchanged(t, before, after)
			assert.Empty(t, link)
			meta, links := headTags(t, after)
			for k := range meta {
				assert.False(t, strings.HasPrefix(k, "og:") || strings.HasPrefix(k, "twitter:"), k)
			}
			assert.Empty(t, links["canonical"])
			assert.Contains(t, meta, "description")
		})
	}

	// Other responses are left alone.
	r := httptest.NewRequest(http.MethodGet, "/manifest.webmanifest", nil)
	body := []byte(`{"name":"Earshot"}`)
	out, link := s.withPreview(r, body)
	assert.Equal(t, body, out)
	assert.Empty(t, link)
	r = httptest.NewRequest(http.MethodGet, "/episode", nil)
	body = []byte("not html at all")
	out, link = s.withPreview(r, body)
	assert.Equal(t, body, out)
	assert.Empty(t, link)
}

func TestRewriteHead(t *testing.T) {
	tags := []string{`<meta property="og:title" content="New">`, `<link rel="canonical" href="/x">`}
	for _, tc := range []struct {
		name, page, want string
		ok               bool
	}{
		{
			name: "indented",
			page: "<html>\n  <head>\n    <meta charset=\"UTF-8\">\n    <meta property=\"og:title\" content=\"Old\">\n    <meta name=\"description\" content=\"d\">\n    <meta name=\"twitter:card\" content=\"summary\">\n  </head>\n  <body><meta property=\"og:title\" content=\"in body\"></body>\n</html>",
			want: "<html>\n  <head>\n    <meta charset=\"UTF-8\">\n    <meta name=\"description\" content=\"d\">\n    <meta property=\"og:title\" content=\"New\">\n    <link rel=\"canonical\" href=\"/x\">\n  </head>\n  <body><meta property=\"og:title\" content=\"in body\"></body>\n</html>",
			ok:   true,
		},
		{
			name: "one line, any case, any attribute order",
			page: `<HTML><HEAD><META CONTENT="x" PROPERTY=" OG:Image "><meta name="Twitter:Player" content="y"><link href="/o" rel="Alternate" type="application/json+oembed"><LINK REL="canonical" HREF="/c"><link rel="stylesheet" href="/s.css"/><meta property="article:author" content="z"/></HEAD><BODY>b</BODY></HTML>`,
			want: `<HTML><HEAD><link rel="stylesheet" href="/s.css"/><meta property="og:title" content="New"><link rel="canonical" href="/x"></HEAD><BODY>b</BODY></HTML>`,
			ok:   true,
		},
		{
			name: "raw text and comments are not tags",
			page: "<head><!-- </head> <meta property=\"og:x\"> --><script>var s = '<meta property=\"og:url\"></head>'</script><title></head>&lt;</title><style>a{}</style></head><body>",
			want: "<head><!-- </head> <meta property=\"og:x\"> --><script>var s = '<meta property=\"og:url\"></head>'</script><title></head>&lt;</title><style>a{}</style>" + strings.Join(tags, "") + "</head><body>",
			ok:   true,
		},
		{
			name: "unclosed head",
			page: "<!doctype html><meta property=\"og:url\" content=\"u\">\r\n<body>x",
			want: "<!doctype html>\r\n" + tags[0] + "\n" + tags[1] + "\n<body>x",
			ok:   true,
		},
		{
			name: "values as go-app writes them (strconv.Quote)",
			page: "<head>\n    <meta name=\"description\" content=\"Say \\\"hi\\\" -> <b>\\n\\\\ ok\">\n    <meta content=\"\\\"><script>alert(1)</script>\" property=\"og:title\">\n    <script defer src=\"/app.js\"></script>\n  </head>\n<body>",
			want: "<head>\n    <meta name=\"description\" content=\"Say &#34;hi&#34; -&gt; &lt;b&gt;\n&#92; ok\">\n    <script defer src=\"/app.js\"></script>\n" +
				"    " + tags[0] + "\n    " + tags[1] + "\n  </head>\n<body>",
			ok: true,
		},
		{
			name: "no head",
			page: "just text <p>and a paragraph",
			want: "just text <p>and a paragraph",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := rewriteHead([]byte(tc.page), tags)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, string(got))
		})
	}
}

func TestCleanText(t *testing.T) {
	assert.Equal(t, "a b c", cleanText(" a\n\tb \x00 c\u0007 ", 10))
	assert.Equal(t, "", cleanText("\xff\xfe", 10))
	long := strings.Repeat("word ", 100)
	got := cleanText(long, 300)
	assert.LessOrEqual(t, utf8.RuneCountInString(got), 300)
	assert.True(t, strings.HasSuffix(got, "word…"), got)
	got = cleanText(strings.Repeat("ö", 400), 300)
	assert.Equal(t, 300, utf8.RuneCountInString(got))
	assert.True(t, utf8.ValidString(got))
}

func TestLinkTarget(t *testing.T) {
	assert.Equal(t, "http://h/oembed?url=http%3A%2F%2Fh%2F&format=json", linkTarget("http://h/oembed?url=http%3A%2F%2Fh%2F&format=json"))
	assert.Equal(t, "http://h%3E%20%22x%22%C3%A9/", linkTarget(`http://h> "x"é/`))
}

func FuzzRewriteHead(f *testing.F) {
	f.Add("<html><head><meta property=\"og:title\" content=\"x\"></head><body></body></html>")
	f.Add("<head>\n  <meta name=\"twitter:card\" content=\"player\">\n  </head>\n<body>")
	f.Add("<head><title></head></title><script></head></script></head>")
	f.Add("<meta property=og:url content=u><body>")
	f.Add("<head><!-- </head>")
	f.Add("<head>\r\n\t<link rel=canonical href=x>\r\n</head>")
	tags := []string{`<meta property="og:title" content="T">`, `<link rel="canonical" href="/c">`}
	f.Fuzz(func(t *testing.T, page string) {
		out, ok := rewriteHead([]byte(page), tags)
		if !ok {
			if string(out) != page {
				t.Fatalf("unchanged page expected when there is no head")
			}
			return
		}
		_, at, _, _ := scanHead([]byte(page))
		if !bytes.HasSuffix(out, []byte(page[at:])) {
			t.Fatalf("the page after the head changed:\n%q\n%q", page, out)
		}
		again, ok := rewriteHead(out, tags)
		if !ok || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n%q\n%q\n%q", page, out, again)
		}
	})
}
