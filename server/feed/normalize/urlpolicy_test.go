package normalize

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// hostileURLs are URLs no page may link to or load, in the spellings that
// got past pattern matching elsewhere.
var hostileURLs = []string{
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"javascript://example.com/%0Aalert(1)",
	"java\tscript:alert(1)",
	"java script:alert(1)",
	" javascript:alert(1)",
	"vbscript:msgbox(1)",
	"data:text/html,<script>alert(1)</script>",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"data:image/svg+xml,<svg onload=alert(1)>",
	"data:image/png;base64,iVBORw0KGgo=",
	"file:///etc/passwd",
	"https://user:pw@example.com/",
	"https:javascript:alert(1)",
}

// Every URL field of a feed goes through the URL policy: a feed whose every
// URL is hostile normalizes to a show with no URL at all, and the JSON the
// API serves carries none of them.
func TestEveryURLFieldFollowsThePolicy(t *testing.T) {
	for _, u := range hostileURLs {
		t.Run(u, func(t *testing.T) {
			a := xmlAttr(u)
			feed := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" %s %s %s %s xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Show</title><link>%[5]s</link>
<itunes:image href="%[5]s"/><image><url>%[5]s</url></image>
<podcast:person href="%[5]s" img="%[5]s">P</podcast:person>
<podcast:funding url="%[5]s">Fund</podcast:funding>
<atom:link rel="payment" href="%[5]s"/><atom:link rel="next" href="%[5]s"/><atom:link rel="first" href="%[5]s"/>
<atom:link rel="http://podlove.org/deep-link" href="%[5]s"/>
<item><title>E</title><guid>g1</guid><link>%[5]s</link>
<enclosure url="%[5]s" type="audio/mpeg" length="1"/>
<media:content url="%[5]s" type="audio/mpeg"/><media:thumbnail url="%[5]s"/>
<itunes:image href="%[5]s"/>
<podcast:person href="%[5]s" img="%[5]s">Q</podcast:person>
<podcast:funding url="%[5]s">Fund</podcast:funding>
<podcast:chapters url="%[5]s" type="application/json+chapters"/>
<podcast:transcript url="%[5]s" type="text/vtt"/>
<podcast:alternateEnclosure type="audio/opus"><podcast:source uri="%[5]s"/></podcast:alternateEnclosure>
<psc:chapters version="1.2"><psc:chapter start="0" title="C" href="%[5]s" image="%[5]s"/></psc:chapters>
<atom:link rel="payment" href="%[5]s"/>
</item></channel></rss>`, declPodcast, declITunes, declPSC, declAtom, a)
			show, _, err := Parse([]byte(feed), "https://example.com/feed.xml")
			require.NoError(t, err)
			b, err := json.Marshal(show)
			require.NoError(t, err)
			for _, s := range jsonStrings(t, b) {
				assert.NotContains(t, strings.ToLower(s), "script:", "a dangerous URL in the show JSON")
				assert.False(t, strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "data:"), "a data: URL in the show JSON: %q", s)
				assert.False(t, strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "file:"), "a file: URL in the show JSON: %q", s)
				assert.NotContains(t, s, "user:pw@", "credentials in the show JSON")
			}
			ep := show.Episodes[0]
			assert.Empty(t, ep.Enclosure.URL)
			assert.Empty(t, ep.Link)
			assert.Empty(t, ep.Image)
			assert.Empty(t, ep.ChaptersURL)
			assert.Empty(t, ep.Transcripts)
			assert.Empty(t, ep.Funding)
			assert.Empty(t, ep.Alternates)
			assert.Empty(t, show.Link)
			assert.Empty(t, show.Image)
			assert.Empty(t, show.Funding)
			assert.Empty(t, show.DeepLink)
			assert.Equal(t, podcast.Paging{}, show.Paging)
			for _, p := range append(show.Persons, ep.Persons...) {
				assert.Empty(t, p.Href)
				assert.Empty(t, p.Image)
			}
			for _, c := range ep.Chapters {
				assert.Empty(t, c.URL)
				assert.Empty(t, c.Image)
			}
		})
	}
}

// A bad URL does not hide a good one after it: the enclosure and the image
// fall back to the next candidate.
func TestRefusedURLFallsBack(t *testing.T) {
	show, _ := mustParse(t, rss(declITunes+` xmlns:media="http://search.yahoo.com/mrss/"`, `<item><title>E</title><guid>g</guid>
<enclosure url="javascript:alert(1)" type="audio/mpeg" length="1"/>
<enclosure url="https://cdn.example/e.mp3" type="audio/mpeg" length="2"/>
<itunes:image href="javascript:alert(1)"/><media:thumbnail url="https://cdn.example/e.jpg"/>
</item>`))
	ep := show.Episodes[0]
	assert.Equal(t, "https://cdn.example/e.mp3", ep.Enclosure.URL)
	assert.Equal(t, "https://cdn.example/e.jpg", ep.Image)
}

func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

// jsonStrings returns every string value in a JSON document.
func jsonStrings(t *testing.T, b []byte) []string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(b, &v))
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
