package e2e

import (
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	uaAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
	uaIPhone  = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)

// jsFollowLinks lists the Follow panel's app links as [name, href].
const jsFollowLinks = `[...document.querySelectorAll(".es-follow a.es-app")].map(a => [a.textContent, a.getAttribute("href")])`

// The Follow tab of a blog's full embed puts the listener's apps first: an
// Android visitor sees AntennaPod's subscribe link with the demo feed, an
// iPhone visitor Overcast's (the demo feed names no Apple ID, so no Apple
// Podcasts link but podcast://); apps of the other platform are not there.
func TestFollowInTheirApp(t *testing.T) {
	base := server(t)
	feed := base + "/demo/feed.xml"
	for _, tc := range []struct {
		name, ua        string
		first           []string
		absent, present string
	}{
		{"android", uaAndroid, []string{"AntennaPod", "https://antennapod.org/deeplink/subscribe?title=Earshot+Demo+Radio&url=" + url.QueryEscape(feed)}, "Overcast", "Podcast Addict"},
		{"iphone", uaIPhone, []string{"Overcast", "overcast://x-callback-url/add?url=" + url.QueryEscape(feed)}, "AntennaPod", "Castro"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			host := hostPage(t, `<iframe title="player" src="`+base+`/embed?guid=earshot-demo-1&layout=full" width="600" height="560"></iframe>`)
			ctx := browser(t)
			ua := emulation.SetUserAgentOverrideParams{UserAgent: tc.ua}
			_, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, ua)
			require.NoError(t, err)
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(host)))
			fctx := frame(t, ctx, "/embed?")
			_, err = chromedp.Call(fctx, emulation.SetUserAgentOverride, ua) // the frame may be a target of its own
			require.NoError(t, err)
			require.Equal(t, tc.ua, eval[string](t, fctx, `navigator.userAgent`))
			awaitTakeover(t, fctx)
			require.NoError(t, chromedp.Do(fctx, chromedp.Click(`#es-tab-followShow`)))
			waitFor(t, fctx, "the Follow panel", `document.querySelectorAll(".es-follow a.es-app").length > 1`)
			links := eval[[][]string](t, fctx, jsFollowLinks)
			assert.Equal(t, tc.first, links[0], "the platform's first app")
			names := map[string]bool{}
			for _, l := range links {
				names[l[0]] = true
			}
			assert.False(t, names[tc.absent], "%s is not for this platform: %v", tc.absent, links)
			assert.True(t, names[tc.present], "%s is: %v", tc.present, links)
			assert.Equal(t, feed, eval[string](t, fctx, `document.querySelector(".es-follow .es-feedurl").value`))
		})
	}

	// The show page has the panel before the wasm (every app, no platform
	// known) and after it.
	ctx := browser(t)
	blockWasm(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/show"), chromedp.WaitVisible(`.es-follow`)))
	links := eval[[][]string](t, ctx, jsFollowLinks)
	require.NotEmpty(t, links)
	assert.Equal(t, "Podcast Guru", links[0][0], "on a desktop (and before the wasm) the apps with a web player come first")
}
