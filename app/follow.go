package app

import (
	"net/url"
	"slices"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/follow"
	"github.com/earshot/earshot/podcast"
)

// followPanel is "Follow": the show in the listener's podcast app. It holds
// the feed URL to copy, a link per app (package follow; the apps of the
// listener's platform first once the app runs, every app in the prerendered
// page), the show's funding links and the shows it recommends (its
// podroll), each opening in Earshot. It is a tab of the full embed and a
// section of the show and episode pages.
type followPanel struct {
	app.Compo
	Show  *podcast.Show
	Lang  string
	Embed bool // in an embed, a podroll show opens in a new tab, not in the frame
	// Funding shows the show's funding links here too (not on the episode
	// page, whose People section has them already).
	Funding bool

	copied bool
}

func (f *followPanel) copy(ctx app.Context, e app.Event) {
	copyText(ctx, f.Show.FeedURL, func(on bool) { f.copied = on })
}

func (f *followPanel) Render() app.UI {
	s, l := f.Show, lang(f.Lang)
	if !followable(s) {
		return app.Section().Class("es-follow").Hidden(true) // a component renders an element
	}
	links := follow.Links(follow.Show{FeedURL: s.FeedURL, Title: s.Title, AppleID: s.AppleID}, platform())
	copyLabel := l.t("copyFeed")
	if f.copied {
		copyLabel = l.t("copied")
	}
	return app.Section().ID("es-follow").Class("es-section", "es-follow").Aria("label", l.t("followShow")).Body(
		app.H2().Text(l.t("followShow")),
		app.P().Class("es-muted").Text(l.t("followHint")),
		app.Ul().Class("es-apps").Body(app.Range(links).Slice(func(i int) app.UI {
			return renderFollowLink(l, links[i])
		})),
		app.Div().Class("es-sharerow").Body(
			app.Input().Type("text").Class("es-feedurl").ReadOnly(true).Value(attr(s.FeedURL)).Aria("label", l.t("followFeedURL")),
			app.Button().Class("es-btn", "es-copyfeed").Text(copyLabel).OnClick(f.copy),
		),
		app.Span().Class("es-visually-hidden").Aria("live", "polite").Text(map[bool]string{true: l.t("copied")}[f.copied]),
		app.If(f.Funding, func() app.UI { return renderFunding(l, s.Funding) }),
		renderPodroll(l, s.Podroll, f.Embed),
	)
}

// followable: a show with an http(s) feed URL has follow links.
func followable(s *podcast.Show) bool { return s != nil && hrefOf(s.FeedURL) != "" }

// renderFollowLink is one app's link. Custom schemes (overcast:, pktc:…)
// pass the page's URL policy only because package follow built them and
// lists them in follow.Schemes; web links go through hrefOf like every
// other link.
func renderFollowLink(l lang, link follow.Link) app.UI {
	href := hrefOf(link.Href)
	scheme, _, _ := strings.Cut(link.Href, ":")
	if !link.Web && slices.Contains(follow.Schemes, scheme) {
		href = link.Href
	}
	if href == "" {
		return nil
	}
	name := link.App
	if link.Generic {
		name = l.t("otherApp", link.App)
	}
	a := app.A().Class("es-btn", "es-app").Href(href).Rel("noopener noreferrer").Text(name)
	if link.Web {
		a = a.Target("_blank")
	}
	return app.Li().Body(a)
}

// renderFunding is the show's podcast:funding links, or nothing.
func renderFunding(l lang, funding []podcast.Funding) app.UI {
	if len(funding) == 0 {
		return nil
	}
	return app.P().Class("es-funding").Body(app.Range(funding).Slice(func(i int) app.UI {
		f := funding[i]
		href := hrefOf(f.URL)
		if href == "" {
			return nil
		}
		title := f.Title
		if title == "" {
			title = l.t("support")
		}
		return app.A().Class("es-btn").Href(href).Target("_blank").Rel("noopener noreferrer").Text(title)
	}))
}

// renderPodroll lists the shows this one recommends, each opening as a
// show page in Earshot (a podroll item known only by its guid has no feed
// to open and is left out).
func renderPodroll(l lang, roll []podcast.RemoteFeed, newTab bool) app.UI {
	var items []app.UI
	for _, r := range roll {
		if hrefOf(r.FeedURL) == "" {
			continue
		}
		name := r.Title
		if name == "" {
			name = feedHost(r.FeedURL)
		}
		a := app.A().Href(embed.ShowPath(r.FeedURL)).Text(name)
		if newTab {
			a = a.Target("_blank").Rel("noopener")
		}
		items = append(items, app.Li().Body(a))
	}
	if len(items) == 0 {
		return nil
	}
	return app.Div().Class("es-podroll").Body(
		app.H3().Text(l.t("podroll")),
		app.Ul().Body(items...),
	)
}

// feedHost names a feed by its host and path when it has no title.
func feedHost(feed string) string {
	u, err := url.Parse(feed)
	if err != nil {
		return feed
	}
	return strings.TrimSuffix(u.Host+u.Path, "/")
}

// platform is the listener's device family, from the browser; the server's
// prerender (and a test) knows none and lists every app.
func platform() follow.Platform {
	if !app.IsClient {
		return follow.Other
	}
	return follow.PlatformOf(app.Window().Get("navigator").Get("userAgent").String())
}
