package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// testBase is the BaseURL env gives the site.
const testBase = "http://earshot.test"

// seRadioGUID is the second episode of testdata/se-radio.xml.
const seRadioGUID = "http://www.se-radio.net/?p=1931"

// oembedDoc is an oEmbed response read back from JSON or XML, with the
// names of the spec rather than our struct's.
type oembedDoc struct {
	XMLName         xml.Name `json:"-" xml:"oembed"`
	Type            string   `json:"type" xml:"type"`
	Version         string   `json:"version" xml:"version"`
	Title           string   `json:"title" xml:"title"`
	AuthorName      string   `json:"author_name" xml:"author_name"`
	AuthorURL       string   `json:"author_url" xml:"author_url"`
	ProviderName    string   `json:"provider_name" xml:"provider_name"`
	ProviderURL     string   `json:"provider_url" xml:"provider_url"`
	CacheAge        int      `json:"cache_age" xml:"cache_age"`
	ThumbnailURL    string   `json:"thumbnail_url" xml:"thumbnail_url"`
	ThumbnailWidth  int      `json:"thumbnail_width" xml:"thumbnail_width"`
	ThumbnailHeight int      `json:"thumbnail_height" xml:"thumbnail_height"`
	HTML            string   `json:"html" xml:"html"`
	Width           int      `json:"width" xml:"width"`
	Height          int      `json:"height" xml:"height"`
}

// embedClients numbers the client addresses of eget.
var embedClients atomic.Uint32

// eget is get served in process from a client address of its own: the
// site's rate limit is per client, and these tests must not spend the
// budget of the loopback address the other tests share. The site is the
// one env started.
func eget(t *testing.T, site *httptest.Server, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, u, nil)
	n := embedClients.Add(1)
	req.RemoteAddr = fmt.Sprintf("[2001:db8::%x:%x]:1234", n>>16, n&0xffff)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	site.Config.Handler.ServeHTTP(rec, req)
	return rec.Result(), rec.Body.Bytes()
}

// episodeView loads what /api/episode says about an episode, to compare
// the embed API against.
func episodeView(t *testing.T, site *httptest.Server, feed, guid string) podcast.EpisodeView {
	t.Helper()
	res, body := eget(t, site, site.URL+"/api/episode?feed="+url.QueryEscape(feed)+"&guid="+url.QueryEscape(guid))
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	var v podcast.EpisodeView
	require.NoError(t, json.Unmarshal(body, &v))
	return v
}

// iframeOf parses the single iframe of an embed's HTML.
func iframeOf(t *testing.T, s string) map[string]string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	require.NoError(t, err)
	require.NotEmpty(t, nodes)
	require.Equal(t, "iframe", nodes[0].Data, s)
	a := map[string]string{}
	for _, at := range nodes[0].Attr {
		a[at.Key] = at.Val
	}
	return a
}

func oembedURL(site, page string, extra ...string) string {
	u := site + "/oembed?url=" + url.QueryEscape(page)
	for i := 0; i+1 < len(extra); i += 2 {
		u += "&" + extra[i] + "=" + url.QueryEscape(extra[i+1])
	}
	return u
}

func TestOEmbed(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	v := episodeView(t, site, feed, seRadioGUID)
	page := testBase + embed.EpisodePath(embed.Target{Feed: feed, GUID: seRadioGUID, Time: podcast.Range{Start: 90, End: 120}})

	decode := map[string]func([]byte, any) error{"json": json.Unmarshal, "xml": xml.Unmarshal}
	ctypes := map[string]string{"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
	var docs []oembedDoc
	for _, format := range []string{"json", "xml"} {
		t.Run(format, func(t *testing.T) {
			res, body := eget(t, site, oembedURL(site.URL, page, "format", format))
			require.Equal(t, http.StatusOK, res.StatusCode, string(body))
			assert.Equal(t, ctypes[format], res.Header.Get("Content-Type"))
			assert.Equal(t, cacheShortAPI, res.Header.Get("Cache-Control"))
			assert.NotEmpty(t, res.Header.Get("ETag"))
			assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
			if format == "xml" {
				assert.True(t, strings.HasPrefix(string(body), `<?xml version="1.0" encoding="utf-8"`), string(body))
				assert.NotContains(t, string(body), "<iframe", "the HTML is escaped text")
			}

			var d oembedDoc
			require.NoError(t, decode[format](body, &d), string(body))
			assert.Equal(t, "rich", d.Type)
			assert.Equal(t, "1.0", d.Version)
			assert.Equal(t, v.Episode.Title, d.Title)
			assert.Equal(t, v.Show.Author, d.AuthorName)
			assert.Equal(t, testBase+embed.ShowPath(feed), d.AuthorURL)
			assert.Equal(t, "Earshot", d.ProviderName)
			assert.Equal(t, testBase+"/", d.ProviderURL)
			assert.Positive(t, d.CacheAge)
			assert.Equal(t, v.Episode.Image, d.ThumbnailURL)
			assert.Positive(t, d.ThumbnailWidth)
			assert.Positive(t, d.ThumbnailHeight)
			assert.Equal(t, embed.OEmbedWidth, d.Width)
			assert.Equal(t, embed.HeightFull, d.Height)

			f := iframeOf(t, d.HTML)
			assert.Equal(t, "560", f["height"])
			assert.Equal(t, embed.FrameTitle(v.Episode.Title), f["title"])
			src, err := url.Parse(f["src"])
			require.NoError(t, err)
			assert.Equal(t, testBase+embed.PathEmbed, src.Scheme+"://"+src.Host+src.Path)
			assert.Equal(t, embed.Target{Feed: feed, GUID: seRadioGUID, Time: podcast.Range{Start: 90, End: 120}},
				embed.ParseTarget(src), "the clip of the shared link is kept")
			docs = append(docs, d)
		})
	}
	require.Len(t, docs, 2)
	docs[1].XMLName = xml.Name{}
	assert.Equal(t, docs[0], docs[1], "JSON and XML say the same")

	// JSON is the default format.
	res, body := eget(t, site, oembedURL(site.URL, page))
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Equal(t, ctypes["json"], res.Header.Get("Content-Type"))
}

// The page's options and a #t= fragment carry over into the embed.
func TestOEmbedKeepsOptionsAndFragmentTime(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	page := testBase + "/embed?feed=" + url.QueryEscape(feed) + "&guid=" + url.QueryEscape(seRadioGUID) +
		"&layout=compact&theme=dark&color=C2410C#t=1:02:03"
	res, body := eget(t, site, oembedURL(site.URL, page))
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	var d oembedDoc
	require.NoError(t, json.Unmarshal(body, &d))
	assert.Equal(t, embed.HeightCompact, d.Height)
	src, err := url.Parse(iframeOf(t, d.HTML)["src"])
	require.NoError(t, err)
	assert.Equal(t, podcast.Range{Start: 3723}, embed.ParseTarget(src).Time)
	o := embed.ParseOptions(src.Query())
	assert.Equal(t, embed.LayoutCompact, o.Layout)
	assert.Equal(t, embed.ThemeDark, o.Theme)
	assert.Equal(t, "c2410c", o.Color)
}

func TestOEmbedMaxSize(t *testing.T) {
	site, feeds := env(t)
	page := testBase + embed.EpisodePath(embed.Target{Feed: feeds.URL + "/se-radio.xml", GUID: seRadioGUID, Time: podcast.Range{Start: 30}})
	for _, tc := range []struct {
		maxW, maxH   string
		wantW, wantH int
		layout       embed.Layout
	}{
		{"", "", 640, 560, embed.LayoutFull},
		{"300", "", 300, 560, embed.LayoutFull},
		{"", "400", 640, 200, embed.LayoutCompact},
		{"500", "150", 500, 96, embed.LayoutMini},
		{"120", "40", 120, 40, embed.LayoutMini},
		{"-5", "abc", 640, 560, embed.LayoutFull}, // not sizes: no limit
	} {
		t.Run(tc.maxW+"x"+tc.maxH, func(t *testing.T) {
			for _, format := range []string{"json", "xml"} {
				res, body := eget(t, site, oembedURL(site.URL, page, "maxwidth", tc.maxW, "maxheight", tc.maxH, "format", format))
				require.Equal(t, http.StatusOK, res.StatusCode, string(body))
				var d oembedDoc
				if format == "json" {
					require.NoError(t, json.Unmarshal(body, &d))
				} else {
					require.NoError(t, xml.Unmarshal(body, &d))
				}
				assert.Equal(t, tc.wantW, d.Width, format)
				assert.Equal(t, tc.wantH, d.Height, format)
				f := iframeOf(t, d.HTML)
				assert.Equal(t, strconv.Itoa(d.Height), f["height"])
				assert.Contains(t, f["style"], "max-width:"+strconv.Itoa(tc.wantW)+"px")
				src, err := url.Parse(f["src"])
				require.NoError(t, err)
				assert.Equal(t, tc.layout, embed.ParseOptions(src.Query()).LayoutOrDefault())
				assert.Equal(t, podcast.Range{Start: 30}, embed.ParseTarget(src).Time, "the time is kept")
			}
		})
	}
}

// A show page (or the home page, the default show) embeds the whole show
// (layout=show, its list newest first) and is titled after the show.
func TestOEmbedShow(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	v := episodeView(t, site, feed, "")
	for _, page := range []string{testBase + embed.ShowPath(feed), testBase + "/", testBase, "https://EARSHOT.test/show"} {
		t.Run(page, func(t *testing.T) {
			res, body := eget(t, site, oembedURL(site.URL, page))
			require.Equal(t, http.StatusOK, res.StatusCode, string(body))
			var d oembedDoc
			require.NoError(t, json.Unmarshal(body, &d))
			assert.Equal(t, v.Show.Title, d.Title)
			src, err := url.Parse(iframeOf(t, d.HTML)["src"])
			require.NoError(t, err)
			assert.Empty(t, src.Query().Get("guid"), "a show embed follows the newest episode")
			assert.Equal(t, "show", src.Query().Get("layout"))
			assert.Equal(t, embed.HeightShow, d.Height)
			assert.Equal(t, embed.FrameTitle(v.Show.Title), iframeOf(t, d.HTML)["title"])
		})
	}
}

// /api/embed makes the show layout's snippet: titled after the show, the
// list's settings kept, the frame as tall as the layout.
func TestAPIEmbedShow(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	v := episodeView(t, site, feed, "")
	res, body := eget(t, site, site.URL+"/api/embed?format=json&layout=show&order=oldest&limit=5&feed="+url.QueryEscape(feed))
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	var a struct {
		HTML, Src string
		Height    int
	}
	require.NoError(t, json.Unmarshal(body, &a))
	assert.Equal(t, embed.HeightShow, a.Height)
	src, err := url.Parse(a.Src)
	require.NoError(t, err)
	assert.Equal(t, url.Values{"feed": {feed}, "layout": {"show"}, "order": {"oldest"}, "limit": {"5"}}, src.Query())
	assert.Equal(t, embed.FrameTitle(v.Show.Title), iframeOf(t, a.HTML)["title"])
}

func TestOEmbedErrors(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	ep := embed.EpisodePath(embed.Target{Feed: feed, GUID: seRadioGUID})
	for _, tc := range []struct {
		name   string
		u      string
		status int
		code   string
	}{
		{"foreign host", oembedURL(site.URL, "https://evil.example"+ep), 404, "not_found"},
		{"host suffix", oembedURL(site.URL, "http://earshot.test.evil.example"+ep), 404, "not_found"},
		{"other port", oembedURL(site.URL, "http://earshot.test:8080"+ep), 404, "not_found"},
		{"userinfo", oembedURL(site.URL, "http://earshot.test@evil.example"+ep), 404, "not_found"},
		{"not a page", oembedURL(site.URL, testBase+"/api/feed?url=x"), 404, "not_found"},
		{"asset", oembedURL(site.URL, testBase+"/web/embed.js"), 404, "not_found"},
		{"sub path", oembedURL(site.URL, testBase+"/episode/x"), 404, "not_found"},
		{"javascript", oembedURL(site.URL, "javascript:alert(1)"), 404, "not_found"},
		{"relative", oembedURL(site.URL, ep), 404, "not_found"},
		{"no url", site.URL + "/oembed", 400, "bad_url"},
		{"yaml", oembedURL(site.URL, testBase+ep, "format", "yaml"), 501, "unsupported_format"},
		{"unknown episode", oembedURL(site.URL, testBase+embed.EpisodePath(embed.Target{Feed: feed, GUID: "nope"})), 404, "not_found"},
		{"feed fails", oembedURL(site.URL, testBase+embed.EpisodePath(embed.Target{Feed: feeds.URL + "/page.html"})), 422, "not_a_feed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := eget(t, site, tc.u)
			require.Equal(t, tc.status, res.StatusCode, string(body))
			assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
			assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
			var e struct {
				Error apiError `json:"error"`
			}
			require.NoError(t, json.Unmarshal(body, &e), string(body))
			assert.Equal(t, tc.code, e.Error.Code)
			assert.NotEmpty(t, e.Error.Message)
		})
	}
}

func TestAPIEmbed(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	v := episodeView(t, site, feed, seRadioGUID)
	tg := embed.Target{Feed: feed, GUID: seRadioGUID, Time: podcast.Range{Start: 90}}
	o := embed.Options{Layout: embed.LayoutMini, Theme: embed.ThemeLight, Color: "112233"}
	q := tg.Query()
	for k, vs := range o.Query() {
		q[k] = vs
	}
	api := site.URL + "/api/embed?" + q.Encode()

	res, body := eget(t, site, api)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, cacheShortAPI, res.Header.Get("Cache-Control"))
	assert.Equal(t, embed.Snippet(testBase, tg, o, v.Episode.Title, false), string(body))
	f := iframeOf(t, string(body))
	assert.Equal(t, "96", f["height"])
	assert.Equal(t, embed.FrameTitle(v.Episode.Title), f["title"])
	assert.NotContains(t, string(body), "<script")

	res, body = eget(t, site, api+"&resizer=1&format=html")
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Equal(t, embed.Snippet(testBase, tg, o, v.Episode.Title, true), string(body))
	assert.Contains(t, string(body), `<script src="`+testBase+`/web/embed.js" async></script>`)

	res, body = eget(t, site, api+"&format=json")
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
	var j struct {
		HTML   string `json:"html"`
		Src    string `json:"src"`
		Width  string `json:"width"`
		Height int    `json:"height"`
	}
	require.NoError(t, json.Unmarshal(body, &j))
	assert.Equal(t, embed.Snippet(testBase, tg, o, v.Episode.Title, false), j.HTML)
	assert.Equal(t, embed.EmbedURL(testBase, tg, o), j.Src)
	assert.Equal(t, "100%", j.Width)
	assert.Equal(t, embed.HeightMini, j.Height)

	// Bad presentation values fall back to the defaults rather than fail.
	res, body = eget(t, site, site.URL+"/api/embed?feed="+url.QueryEscape(feed)+"&layout=huge&color=%22%3E&format=json")
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	require.NoError(t, json.Unmarshal(body, &j))
	assert.Equal(t, embed.HeightFull, j.Height)
	assert.NotContains(t, j.Src, "color")

	for _, tc := range []struct {
		name, path string
		status     int
		code       string
	}{
		{"bad format", "/api/embed?format=yaml", 400, "bad_format"},
		{"unknown episode", "/api/embed?feed=" + url.QueryEscape(feed) + "&guid=nope", 404, "not_found"},
		{"blocked feed", "/api/embed?feed=" + url.QueryEscape("http://10.0.0.1/feed.xml"), 403, "blocked_address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := eget(t, site, site.URL+tc.path)
			require.Equal(t, tc.status, res.StatusCode, string(body))
			var e struct {
				Error apiError `json:"error"`
			}
			require.NoError(t, json.Unmarshal(body, &e), string(body))
			assert.Equal(t, tc.code, e.Error.Code)
		})
	}
}

// The embed API shares the API's per-client rate limit.
func TestEmbedAPIRateLimited(t *testing.T) {
	site, _ := env(t)
	req := func() int {
		r := httptest.NewRequest(http.MethodGet, site.URL+"/oembed?url=x", nil)
		r.RemoteAddr = "[2001:db8:ffff::1]:1234"
		rec := httptest.NewRecorder()
		site.Config.Handler.ServeHTTP(rec, r)
		return rec.Code
	}
	// Tokens come back at apiRatePerSecond, so a slow machine may get a
	// few requests past the burst.
	served := 0
	for code := req(); code != http.StatusTooManyRequests && served < 2*apiBurst; code = req() {
		require.Equal(t, http.StatusNotFound, code)
		served++
	}
	assert.GreaterOrEqual(t, served, apiBurst)
	assert.Less(t, served, 2*apiBurst, "limited")
}

// The resizer script is served with the other assets.
func TestResizerScriptServed(t *testing.T) {
	site, _ := env(t)
	res, body := eget(t, site, site.URL+embed.PathResizerJS)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, res.Header.Get("Content-Type"), "javascript")
	assert.Contains(t, string(body), `"earshot"`)
	assert.Less(t, len(body), 1536, "the loader stays tiny")
}

// The show embed's page holds the player, the first rows of the list (each
// with what the bridge needs to play it before the wasm) and only those
// rows' data: a blog visitor who never touches it pays no more than for an
// episode embed.
func TestShowEmbedPage(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	v := episodeView(t, site, feed, "")
	res, body := eget(t, site, site.URL+"/embed?layout=show&feed="+url.QueryEscape(feed), "Accept-Encoding", "br")
	require.Equal(t, http.StatusOK, res.StatusCode)
	page := string(brotliDecode(t, body))
	assert.Contains(t, page, "es-showembed")
	assert.Equal(t, 8, strings.Count(page, `data-es-ep-src="`), "the first rows")
	assert.Contains(t, page, `aria-current="true"`, "the newest episode is in the player")
	assert.Contains(t, page, v.Episode.Title)

	_, full := eget(t, site, site.URL+"/embed?guid="+url.QueryEscape(v.Episode.GUID)+"&feed="+url.QueryEscape(feed), "Accept-Encoding", "br")
	t.Logf("brotli bytes: show embed %d, episode embed %d", len(body), len(full))
	// Eight rows of titles and lines of description are text no episode
	// embed has; they are all the show embed may add.
	const rowsAllowance = 1536
	assert.LessOrEqual(t, len(body), len(full)+rowsAllowance, "the show embed costs about what an episode embed costs")
}

func brotliDecode(t *testing.T, b []byte) []byte {
	t.Helper()
	plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	require.NoError(t, err)
	return plain
}
