package app

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/follow"
	"github.com/earshot/earshot/podcast"
)

// The prerendered Follow panel (no platform known: every app) holds the
// app links of package follow in its order, the feed URL to copy, the
// funding links and the podroll as Earshot show pages.
func TestFollowPanel(t *testing.T) {
	s := followShow()
	doc := prerender(t, &followPanel{Show: s, Lang: "en", Funding: true})
	sec := findOne(t, doc, "section", hasClass("es-follow"))

	want := follow.Links(follow.Show{FeedURL: s.FeedURL, Title: s.Title, AppleID: s.AppleID}, follow.Other)
	apps := findAll(sec, "a", hasClass("es-app"))
	assert.Len(t, apps, len(want))
	var hrefs, names []string
	for _, l := range want {
		hrefs = append(hrefs, l.Href)
		names = append(names, map[bool]string{false: l.App, true: "Another app (" + l.App + ")"}[l.Generic])
	}
	assert.Equal(t, hrefs, attrsOf(apps, "href"))
	assert.Equal(t, names, textsOf(apps))
	assert.Contains(t, attrsOf(apps, "href"), "https://podcasts.apple.com/podcast/id1234567890", "the Apple ID makes an Apple link")
	for i, a := range apps {
		assert.Equal(t, map[bool]string{true: "_blank", false: ""}[want[i].Web], attrVal(a, "target"), "web links open a tab; app schemes do not")
	}

	assert.Equal(t, s.FeedURL, attrVal(findOne(t, sec, "input", hasClass("es-feedurl")), "value"))
	assert.Equal(t, []string{"https://example.com/give"}, attrsOf(findAll(findOne(t, sec, "p", hasClass("es-funding")), "a"), "href"))
	roll := findAll(findOne(t, sec, "div", hasClass("es-podroll")), "a")
	assert.Equal(t, []string{embed.ShowPath("https://example.org/pc20.xml"), embed.ShowPath("https://example.org/roll.xml")}, attrsOf(roll, "href"))
	assert.Equal(t, []string{"Podcasting 2.0", "example.org/roll.xml"}, textsOf(roll), "a podroll show without a title is named by its feed")
	assert.Equal(t, []string{"", ""}, attrsOf(roll, "target"), "on a page of its own, a podroll show opens in place")

	// In an embed the podroll opens a tab, never the frame.
	doc = prerender(t, &followPanel{Show: s, Lang: "en", Embed: true})
	assert.Equal(t, []string{"_blank", "_blank"}, attrsOf(findAll(findOne(t, doc, "div", hasClass("es-podroll")), "a"), "target"))
	assert.Empty(t, findAll(doc, "p", hasClass("es-funding")), "funding only where asked")
}

// A feed URL that is not http(s) gives no panel (and no tab).
func TestFollowPanelNeedsAFeed(t *testing.T) {
	for _, feed := range []string{"", "javascript:alert(1)", "/relative.xml"} {
		s := &podcast.Show{FeedURL: feed, Title: "X"}
		assert.False(t, followable(s), feed)
		doc := prerender(t, &followPanel{Show: s, Lang: "en"})
		assert.Empty(t, findAll(doc, "a"), feed)
		v := richView()
		v.Show.FeedURL = feed
		tabs := findAll(prerender(t, &Player{View: v, Layout: LayoutFull}), "button", attrIs("role", "tab"))
		assert.NotContains(t, attrsOf(tabs, "id"), "es-tab-followShow", feed)
	}
}
