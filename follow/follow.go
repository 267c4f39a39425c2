// Package follow builds the links that subscribe a listener to a show in the
// podcast app they use: the "Follow" panel of the embed and the show page.
//
// Every link is built from what the feed says (its URL, its title, an Apple
// Podcasts ID when the feed names one), never from a network call: a guest
// on someone's blog must not look the show up in a directory. Apps whose
// follow links need an ID only their own directory knows (Podverse,
// Fountain) are left out rather than sent to a search page.
//
// The formats come from the apps' own documentation or source, noted at
// each entry of the table; follow_test.go has one case per app. It depends
// on the standard library only, so it compiles into the wasm without weight.
package follow

import (
	"encoding/hex"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Schemes are the custom URL schemes of the links: what a page's URL policy
// lets through besides http(s), for these links only.
var Schemes = []string{"overcast", "pktc", "castros", "podcast", "feed"}

// Platform is the listener's device family, which decides the order of the
// apps (and hides the ones that cannot run there).
type Platform int

// Platforms.
const (
	Other   Platform = iota // desktop or unknown: every web link, and the schemes of desktop apps
	Android                 // AntennaPod and Podcast Addict first
	IOS                     // Apple Podcasts and Overcast first (iPadOS and macOS's Catalyst too)
)

// Show is what a follow link can be built from.
type Show struct {
	FeedURL string // absolute http(s) URL of the feed
	Title   string
	AppleID string // the show's numeric Apple Podcasts ID, "" when the feed names none
}

// Link is one app's follow link.
type Link struct {
	App  string // the app's name as it spells it; the scheme for a generic link
	Href string
	// Generic is true for a scheme any app may claim (podcast://, feed://):
	// the page names it "another app", in the listener's language.
	Generic bool
	// Web is true for an https link that works without the app installed
	// (it opens the app, or a page that explains how to get it); false for
	// a custom scheme that does nothing where the app is missing.
	Web bool
}

// app is one entry of the table: which platforms run it and how to build its
// link. link returns "" when the show lacks what the app needs.
type app struct {
	name      string
	generic   bool
	platforms []Platform          // where the app runs
	web       func(s Show) string // an https link, or ""
	scheme    func(s Show) string // a custom-scheme link, used only when web is ""
}

// apps is the table, in the order shown to a listener on Other; Android and
// IOS move their own apps to the front (order below).
var apps = []app{
	{
		// https://podcasts.apple.com/podcast/id<ID> opens the app on Apple's
		// systems and the web directory elsewhere. Without an ID the only
		// way in is podcast:// (see "Apple Podcasts and others" below).
		name: "Apple Podcasts", platforms: []Platform{IOS, Other},
		web: func(s Show) string { return appleWeb("https://podcasts.apple.com/podcast/id", s) },
	},
	{
		// overcast.fm/podcasterinfo: https://overcast.fm/itunes<ID>; the
		// x-callback-url "add" action takes the full, encoded feed URL.
		name: "Overcast", platforms: []Platform{IOS},
		web:    func(s Show) string { return appleWeb("https://overcast.fm/itunes", s) },
		scheme: func(s Show) string { return "overcast://x-callback-url/add?url=" + url.QueryEscape(s.FeedURL) },
	},
	{
		// antennapod.org/documentation/podcasters-hosters/add-on-antennapod:
		// an Android App Link that falls back to an install page.
		name: "AntennaPod", platforms: []Platform{Android},
		web: func(s Show) string {
			q := url.Values{"url": {s.FeedURL}}
			if s.Title != "" {
				q.Set("title", s.Title)
			}
			return "https://antennapod.org/deeplink/subscribe?" + q.Encode()
		},
	},
	{
		// podcastaddict.com/feed/<encoded feed URL>.
		name: "Podcast Addict", platforms: []Platform{Android},
		web: func(s Show) string { return "https://podcastaddict.com/feed/" + component(s.FeedURL) },
	},
	{
		// pca.st/itunes/<ID>; otherwise pktc://subscribehttps/<feed without
		// scheme> (pocket-casts-android DeepLinkFactory: "subscribe" would
		// rebuild the URL as http://).
		name: "Pocket Casts", platforms: []Platform{Android, IOS},
		web: func(s Show) string { return appleWeb("https://pca.st/itunes/", s) },
		scheme: func(s Show) string {
			if rest, ok := strings.CutPrefix(s.FeedURL, "https://"); ok {
				return "pktc://subscribehttps/" + rest
			}
			return "pktc://subscribe/" + strings.TrimPrefix(s.FeedURL, "http://")
		},
	},
	{
		// castro.fm/itunes/<ID>; otherwise castros://subscribe/<feed without
		// scheme> (the scheme Castro registers; "castro://" was its old one).
		name: "Castro", platforms: []Platform{IOS},
		web:    func(s Show) string { return appleWeb("https://castro.fm/itunes/", s) },
		scheme: func(s Show) string { return "castros://subscribe/" + bare(s.FeedURL) },
	},
	{
		// app.podcastguru.io/podcast/X<lowercase hex of the full feed URL>:
		// the form Podcast Guru's own share links use for feeds.
		name: "Podcast Guru", platforms: []Platform{Android, IOS, Other},
		web: func(s Show) string {
			return "https://app.podcastguru.io/podcast/X" + hex.EncodeToString([]byte(s.FeedURL))
		},
	},
	{
		// podcast://<feed without scheme>: Apple Podcasts on Apple's systems,
		// the listener's default podcast app where one claims the scheme.
		name: "podcast://", generic: true, platforms: []Platform{IOS, Other},
		scheme: func(s Show) string { return "podcast://" + bare(s.FeedURL) },
	},
	{
		// feed://<feed without scheme>: AntennaPod and Podcast Addict on
		// Android, feed readers elsewhere (feed:https:// breaks AntennaPod).
		name: "feed://", generic: true, platforms: []Platform{Android, Other},
		scheme: func(s Show) string { return "feed://" + bare(s.FeedURL) },
	},
}

// order lists, per platform, the apps shown first, as people there use them.
var order = map[Platform][]string{
	Android: {"AntennaPod", "Podcast Addict", "Pocket Casts", "Podcast Guru"},
	IOS:     {"Apple Podcasts", "Overcast", "Pocket Casts", "Castro"},
	// A desktop: the apps with a web player or a desktop app first, the
	// phone-only ones after (the listener may pass the link on).
	Other: {"Apple Podcasts", "Overcast", "Pocket Casts", "Podcast Guru", "Castro"},
}

// Links returns the follow links for s on platform p: the apps that run
// there and can be linked without a network call, the platform's favourites
// first. It returns nil when the feed URL is not an absolute http(s) URL.
func Links(s Show, p Platform) []Link {
	if u, err := url.Parse(s.FeedURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	var out []Link
	for _, name := range order[p] {
		if a := find(name); a != nil {
			out = appendLink(out, *a, s, p)
		}
	}
	for _, a := range apps {
		if !slices.Contains(order[p], a.name) {
			out = appendLink(out, a, s, p)
		}
	}
	return out
}

// appendLink adds a's link when it can work on p: on a phone, only the apps
// that run there; elsewhere (a desktop, where the listener may pass the link
// on) every web link, and the custom schemes of apps that run there.
func appendLink(out []Link, a app, s Show, p Platform) []Link {
	runs := slices.Contains(a.platforms, p)
	if a.web != nil && (runs || p == Other) {
		if h := a.web(s); h != "" {
			return append(out, Link{App: a.name, Href: h, Web: true})
		}
	}
	if a.scheme != nil && runs {
		return append(out, Link{App: a.name, Href: a.scheme(s), Generic: a.generic})
	}
	return out
}

func find(name string) *app {
	for i := range apps {
		if apps[i].name == name {
			return &apps[i]
		}
	}
	return nil
}

// appleWeb is prefix+ID, or "" when the show has no Apple ID.
func appleWeb(prefix string, s Show) string {
	if !appleIDRe.MatchString(s.AppleID) {
		return ""
	}
	return prefix + s.AppleID
}

// component escapes like JavaScript's encodeURIComponent, as the apps that
// take a feed URL in a path segment decode it.
func component(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// bare is a feed URL without its scheme, as the custom schemes take it.
func bare(feed string) string {
	if i := strings.Index(feed, "://"); i >= 0 {
		return feed[i+3:]
	}
	return feed
}

var (
	appleIDRe = regexp.MustCompile(`^[0-9]{1,12}$`)
	// appleURLRe finds the ID in an Apple Podcasts or iTunes URL:
	// https://podcasts.apple.com/us/podcast/some-name/id1234567890.
	appleURLRe = regexp.MustCompile(`^https?://(?:podcasts|itunes)\.apple\.com/(?:[^?#]*/)?id([0-9]{1,12})(?:[/?#]|$)`)
)

// AppleID returns the Apple Podcasts ID in an Apple Podcasts URL, or "".
// Feeds name their Apple listing in a link element now and then; that is
// the only way to an Apple ID without a network call.
func AppleID(link string) string {
	if m := appleURLRe.FindStringSubmatch(link); m != nil {
		return m[1]
	}
	return ""
}

// Names are the apps' names: brand names, shown as they are in every
// language.
func Names() []string {
	out := make([]string, 0, len(apps))
	for _, a := range apps {
		if !a.generic {
			out = append(out, a.name)
		}
	}
	return out
}

// PlatformOf tells the platform from a browser's User-Agent. iPadOS Safari
// says "Macintosh"; it is Other here, which lists every app (Apple's first
// for a feed with an Apple ID).
func PlatformOf(userAgent string) Platform {
	switch ua := strings.ToLower(userAgent); {
	case strings.Contains(ua, "android"):
		return Android
	case strings.Contains(ua, "iphone"), strings.Contains(ua, "ipad"), strings.Contains(ua, "ipod"):
		return IOS
	}
	return Other
}
