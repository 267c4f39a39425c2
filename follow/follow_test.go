package follow

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// show is a feed with characters that need escaping in every form.
var show = Show{FeedURL: "https://feeds.example.com/show.xml?x=1&y=a b", Title: "Ünïcode & Co"}

func withApple(s Show) Show { s.AppleID = "1234567890"; return s }

// href returns app's link among links, or "" when it is not there.
func href(links []Link, app string) string {
	for _, l := range links {
		if l.App == app {
			return l.Href
		}
	}
	return ""
}

// One case per app and platform: the link exactly as the app's
// documentation (or source) spells it, or "" where the app cannot run or
// needs an ID the feed does not give.
func TestEachApp(t *testing.T) {
	const feedEnc = "https%3A%2F%2Ffeeds.example.com%2Fshow.xml%3Fx%3D1%26y%3Da+b"
	for _, tc := range []struct {
		app  string
		s    Show
		p    Platform
		want string
	}{
		{"Apple Podcasts", withApple(show), IOS, "https://podcasts.apple.com/podcast/id1234567890"},
		{"Apple Podcasts", withApple(show), Other, "https://podcasts.apple.com/podcast/id1234567890"},
		{"Apple Podcasts", show, IOS, ""}, // no ID: only podcast:// reaches it
		{"Apple Podcasts", withApple(show), Android, ""},

		{"Overcast", show, IOS, "overcast://x-callback-url/add?url=" + feedEnc},
		{"Overcast", withApple(show), IOS, "https://overcast.fm/itunes1234567890"},
		{"Overcast", withApple(show), Other, "https://overcast.fm/itunes1234567890"},
		{"Overcast", show, Other, ""}, // its scheme does nothing on a desktop
		{"Overcast", show, Android, ""},

		{"AntennaPod", show, Android, "https://antennapod.org/deeplink/subscribe?title=%C3%9Cn%C3%AFcode+%26+Co&url=" + feedEnc},
		{"AntennaPod", Show{FeedURL: "https://a.example/f"}, Android, "https://antennapod.org/deeplink/subscribe?url=https%3A%2F%2Fa.example%2Ff"},
		{"AntennaPod", show, IOS, ""},

		{"Podcast Addict", show, Android, "https://podcastaddict.com/feed/https%3A%2F%2Ffeeds.example.com%2Fshow.xml%3Fx%3D1%26y%3Da%20b"},
		{"Podcast Addict", show, IOS, ""},

		{"Pocket Casts", show, Android, "pktc://subscribehttps/feeds.example.com/show.xml?x=1&y=a b"},
		{"Pocket Casts", Show{FeedURL: "http://a.example/f"}, IOS, "pktc://subscribe/a.example/f"},
		{"Pocket Casts", withApple(show), Android, "https://pca.st/itunes/1234567890"},
		{"Pocket Casts", show, Other, ""},

		{"Castro", show, IOS, "castros://subscribe/feeds.example.com/show.xml?x=1&y=a b"},
		{"Castro", withApple(show), IOS, "https://castro.fm/itunes/1234567890"},
		{"Castro", show, Android, ""},

		{"Podcast Guru", Show{FeedURL: "https://a.example/f"}, Android, "https://app.podcastguru.io/podcast/X68747470733a2f2f612e6578616d706c652f66"},
		{"Podcast Guru", Show{FeedURL: "https://a.example/f"}, Other, "https://app.podcastguru.io/podcast/X68747470733a2f2f612e6578616d706c652f66"},

		{"podcast://", show, IOS, "podcast://feeds.example.com/show.xml?x=1&y=a b"},
		{"podcast://", show, Android, ""},

		{"feed://", show, Android, "feed://feeds.example.com/show.xml?x=1&y=a b"},
		{"feed://", show, IOS, ""},
	} {
		assert.Equal(t, tc.want, href(Links(tc.s, tc.p), tc.app), "%s on %d with Apple ID %q", tc.app, tc.p, tc.s.AppleID)
	}
}

// Every app in the table has a case above, so a new entry cannot land
// without one.
func TestTableCovered(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range []Platform{Other, Android, IOS} {
		for _, l := range Links(withApple(show), p) {
			seen[l.App] = true
		}
	}
	for _, a := range apps {
		assert.True(t, seen[a.name], "%s never yields a link", a.name)
	}
}

func TestPlatformOrder(t *testing.T) {
	names := func(links []Link) []string {
		var out []string
		for _, l := range links {
			out = append(out, l.App)
		}
		return out
	}
	assert.Equal(t, []string{"AntennaPod", "Podcast Addict", "Pocket Casts", "Podcast Guru", "feed://"},
		names(Links(show, Android)))
	assert.Equal(t, []string{"Apple Podcasts", "Overcast", "Pocket Casts", "Castro", "Podcast Guru", "podcast://"},
		names(Links(withApple(show), IOS)))
	other := names(Links(show, Other))
	assert.Equal(t, []string{"Podcast Guru", "AntennaPod", "Podcast Addict", "podcast://", "feed://"}, other)
	assert.Equal(t, []string{"Apple Podcasts", "Overcast", "Pocket Casts", "Podcast Guru", "Castro", "AntennaPod", "Podcast Addict", "podcast://", "feed://"},
		names(Links(withApple(show), Other)), "with an Apple ID, the apps with a web player first")
	for _, l := range Links(withApple(show), Other) {
		if l.App != "podcast://" && l.App != "feed://" {
			assert.True(t, l.Web, "%s: a desktop gets web links only, besides the generic schemes", l.App)
		}
	}
}

// Every link's scheme is https or one of Schemes (the pages' URL policy
// relies on it).
func TestSchemes(t *testing.T) {
	for _, p := range []Platform{Other, Android, IOS} {
		for _, s := range []Show{show, withApple(show), {FeedURL: "http://a.example/f"}} {
			for _, l := range Links(s, p) {
				scheme, _, _ := strings.Cut(l.Href, ":")
				if l.Web {
					assert.Equal(t, "https", scheme, l.Href)
				} else {
					assert.Contains(t, Schemes, scheme, l.Href)
				}
			}
		}
	}
}

func TestBadFeedURL(t *testing.T) {
	for _, u := range []string{"", "javascript:alert(1)", "feeds.example.com/x", "ftp://a.example/f", "https://"} {
		assert.Nil(t, Links(Show{FeedURL: u}, Other), u)
	}
}

func TestAppleID(t *testing.T) {
	for in, want := range map[string]string{
		"https://podcasts.apple.com/us/podcast/the-show/id1234567890":        "1234567890",
		"https://podcasts.apple.com/podcast/id42?uo=4":                       "42",
		"https://itunes.apple.com/de/podcast/x/id987":                        "987",
		"https://podcasts.apple.com/us/podcast/the-show/id12345/":            "12345",
		"https://example.com/podcasts.apple.com/id1":                         "",
		"https://podcasts.apple.com.evil.example/id1":                        "",
		"https://podcasts.apple.com/us/podcast/the-show/id12x":               "",
		"https://example.com/?u=https://podcasts.apple.com/us/podcast/id123": "",
		"": "",
	} {
		assert.Equal(t, want, AppleID(in), in)
	}
	assert.Empty(t, href(Links(Show{FeedURL: "https://a.example/f", AppleID: "12<3"}, IOS), "Apple Podcasts"), "a malformed ID builds no link")
}

func TestPlatformOf(t *testing.T) {
	for ua, want := range map[string]Platform{
		"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36":                       Android,
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1": IOS,
		"Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15":                                                                      IOS,
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36":                               Other,
		"": Other,
	} {
		assert.Equal(t, want, PlatformOf(ua), ua)
	}
}
