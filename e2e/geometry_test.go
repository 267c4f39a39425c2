package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longTitle is 200 characters, as real episode titles sometimes are.
var longTitle = strings.Repeat("A very long episode title about everything ", 5)[:200]

// serveLongFeed serves /long.xml: one episode with a 200-character title,
// a long show name, many chapters and show notes as long as a real
// show's, the worst case for an embed's fixed frame.
func serveLongFeed(w http.ResponseWriter, r *http.Request) {
	origin := "http://" + r.Host
	var notes, psc strings.Builder
	for i := range 40 {
		fmt.Fprintf(&notes, "<p>(%02d:%02d) Part %d of the conversation, with links to <a href=\"https://example.com/%d\">the paper</a> and more words to make the notes as long as the notes of a real show are.</p>", i, 30, i, i)
		fmt.Fprintf(&psc, `<psc:chapter start="%02d:%02d:00" title="Chapter %d with a title long enough to wrap in a narrow frame"/>`, i/60, i%60, i)
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:psc="http://podlove.org/simple-chapters" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Show With An Extraordinarily Long Name That Keeps Going And Going Beyond Any Reasonable Width</title>
<link>%[1]s/</link><description>Long.</description><itunes:image href="%[1]s/cover.svg"/>
<item><title>%[2]s</title><guid isPermaLink="false">long-1</guid><pubDate>Tue, 01 Dec 2026 06:00:00 +0000</pubDate>
<enclosure url="%[1]s/audio/long.mp3" type="audio/mpeg" length="1000"/><itunes:duration>3:00:00</itunes:duration>
<itunes:season>12</itunes:season><itunes:episode>345</itunes:episode>
<psc:chapters version="1.2">%[3]s</psc:chapters>
<content:encoded><![CDATA[%[4]s]]></content:encoded></item>
</channel></rss>`, origin, longTitle, psc.String(), notes.String())
}

// jsOutside lists the controls (and the title) that are not wholly inside
// the frame, and says whether the document scrolls: an embed must show
// every control in its frame without scrolling it.
const jsOutside = `(() => {
  const W = innerWidth, H = innerHeight, out = [];
  document.querySelectorAll('.es-player button, .es-player select, .es-player input, .es-player [role=tab], .es-title').forEach(e => {
    if (!e.getClientRects().length || e.closest('[hidden]') || getComputedStyle(e).visibility === 'hidden') return;
    const r = e.getBoundingClientRect();
    if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5)
      out.push((e.className || e.tagName) + ' ' + (e.getAttribute('aria-label') || '') + ' @' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
  });
  const se = document.scrollingElement;
  if (se.scrollHeight > H + 1) out.push('document scrolls vertically: ' + se.scrollHeight + ' > ' + H);
  if (se.scrollWidth > W + 1) out.push('document scrolls horizontally: ' + se.scrollWidth + ' > ' + W);
  return out;
})()`

// TestEmbedFitsItsFrame: at each layout's default height and at 320, 375
// and 640 px wide, with the demo episode and with a 200-character title,
// 40 chapters and long notes, every control of the embed is inside the
// frame, before and after the takeover, and the frame never scrolls.
func TestEmbedFitsItsFrame(t *testing.T) {
	base := server(t)
	long := "feed=" + url.QueryEscape(feedsURL+"/long.xml") + "&guid=long-1"
	heights := map[string]int64{"full": 560, "show": 480, "compact": 200, "mini": 96}
	for _, layout := range []string{"full", "show", "compact", "mini"} {
		for _, ep := range []string{"guid=earshot-demo-1", long} {
			name := layout + " demo"
			if ep == long {
				name = layout + " long"
			}
			t.Run(name, func(t *testing.T) {
				ctx := browser(t)
				for _, w := range []int64{320, 375, 640} {
					u := base + "/embed?" + ep + "&layout=" + layout
					require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(w, heights[layout]), chromedp.Navigate(u), chromedp.WaitVisible(`.es-play`)))
					assert.Empty(t, eval[[]string](t, ctx, jsOutside), "%d px, before the takeover", w)
					if ep == long {
						assert.Equal(t, longTitle, eval[string](t, ctx, `document.querySelector(".es-title").title`), "the whole title is one hover away")
					}
					awaitTakeover(t, ctx)
					assert.Empty(t, eval[[]string](t, ctx, jsOutside), "%d px, after the takeover", w)
				}
			})
		}
	}
}

// A light accent colour gets dark icons on the play button (contrast).
func TestEmbedAccentContrast(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/embed?guid=earshot-demo-1&layout=compact&color=fde047"), chromedp.WaitVisible(`.es-play`)))
	assert.Equal(t, "rgb(28, 25, 23)", eval[string](t, ctx, `getComputedStyle(document.querySelector(".es-play")).color`))
	assert.Equal(t, "rgb(253, 224, 71)", eval[string](t, ctx, `getComputedStyle(document.querySelector(".es-play")).backgroundColor`))
}
