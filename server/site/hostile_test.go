package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// payload tries to break out of an attribute and out of text.
const payload = `"><x-evil onerror=alert(1)></x-evil><script>alert(2)</script>'`

// hostileFeed puts the payload in every field a page shows, in text and in
// URLs, as a malicious or broken feed would.
func hostileFeed(base string) string {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return strings.ReplaceAll(b.String(), `"`, "&quot;")
	}
	p := esc(payload)
	u := esc("https://evil.example/" + payload)
	return fmt.Sprintf(`<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="http://podlove.org/simple-chapters">
<channel>
<title>Show %[1]s</title><link>%[2]s</link><description>Desc %[1]s</description>
<itunes:author>Author %[1]s</itunes:author><itunes:image href="%[2]s.jpg"/>
<podcast:person role="host" img="%[2]s.png" href="%[2]s">Host %[1]s</podcast:person>
<podcast:funding url="%[2]s">Fund %[1]s</podcast:funding>
<item>
<title>Episode %[1]s</title><guid>guid-%[1]s</guid><link>%[2]s</link>
<itunes:duration>10:00</itunes:duration><itunes:image href="%[2]s.jpg"/>
<enclosure url="%[2]s.mp3" type="audio/mpeg" length="1"/>
<podcast:soundbite startTime="10" duration="5">Bite %[1]s</podcast:soundbite>
<podcast:transcript url="%[2]s.vtt" type="text/vtt"/>
<psc:chapters version="1.2"><psc:chapter start="0" title="Chapter %[1]s" href="%[2]s" image="%[2]s.jpg"/><psc:chapter start="1:00" title="Two %[1]s"/></psc:chapters>
<description>Notes %[1]s &lt;a href="javascript:alert(3)"&gt;x&lt;/a&gt; (01:00)</description>
</item>
</channel></rss>`, p, u)
}

// A hostile feed must not inject markup into any prerendered page: no
// element, attribute or script of the payload survives parsing.
func TestHostileFeedDoesNotInject(t *testing.T) {
	site, _ := env(t)
	var origin *httptest.Server
	origin = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, hostileFeed(origin.URL))
	}))
	t.Cleanup(origin.Close)
	feed := url.QueryEscape(origin.URL + "/feed.xml")
	for _, path := range []string{"/episode?feed=" + feed, "/embed?feed=" + feed, "/show?feed=" + feed} {
		t.Run(path, func(t *testing.T) {
			res, body := get(t, site.URL+path)
			require.Equal(t, http.StatusOK, res.StatusCode)
			require.Contains(t, string(body), "x-evil", "the payload is on the page (as text), so the test means something")
			doc, err := html.Parse(bytes.NewReader(body))
			require.NoError(t, err)
			var scripts []string
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					assert.NotEqual(t, "x-evil", n.Data, "injected element")
					for _, a := range n.Attr {
						assert.False(t, strings.HasPrefix(a.Key, "on"), "event handler attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
						assert.NotContains(t, strings.ToLower(a.Val), "javascript:", "script URL in %s on <%s>", a.Key, n.Data)
						assert.NotEqual(t, "alert(1)", a.Key)
					}
					if n.Data == "script" {
						src := ""
						for _, a := range n.Attr {
							if a.Key == "src" || a.Key == "type" {
								src += a.Key + "=" + a.Val + " "
							}
						}
						if n.FirstChild != nil && !strings.Contains(src, "application/json") {
							scripts = append(scripts, "inline: "+n.FirstChild.Data)
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			assert.Empty(t, scripts, "no inline script besides the JSON data")
		})
	}
}
