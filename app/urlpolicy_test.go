package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/net/html"
)

// A view whose every URL is hostile (as data reaching the page without the
// server's normalization would be) renders no link or image with them; a
// data:image chapter picture, which the server makes of ID3 tags, is shown.
func TestRenderedURLsFollowThePolicy(t *testing.T) {
	const pic = "data:image/png;base64,iVBORw0KGgo="
	for _, bad := range []string{
		"javascript:alert(1)",
		"javascript://example.com/%0Aalert(1)",
		"JAVASCRIPT:alert(1)",
		"vbscript:msgbox(1)",
		"data:text/html,<script>alert(1)</script>",
		"data:image/svg+xml,<svg onload=alert(1)>",
		"//evil.example/x",
	} {
		v := richView()
		v.Episode.Image = bad
		v.Episode.Persons[0].Href = bad
		v.Episode.Persons[0].Image = bad
		v.Episode.Funding[0].URL = bad
		v.Episode.Chapters[0].URL = bad
		v.Episode.Chapters[0].Image = bad
		v.Episode.Chapters[2].URL = bad
		v.Episode.Chapters[3].Image = pic
		doc := prerender(t, &Player{View: v})

		var urls []string
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key == "href" || a.Key == "src" {
						urls = append(urls, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		assert.NotEmpty(t, urls)
		for _, u := range urls {
			l := strings.ToLower(u)
			assert.NotContains(t, l, "script:", "%q rendered", bad)
			assert.False(t, strings.HasPrefix(l, "data:") && u != pic, "%q rendered as %q", bad, u)
			assert.False(t, strings.HasPrefix(l, "//"), "%q rendered as %q", bad, u)
		}
		assert.Contains(t, urls, pic, "the server's data:image chapter picture is shown")
		assert.Len(t, findAll(doc, "a", hasClass("es-chaplink")), 0, "no chapter link without a web URL")
	}
}
