package normalize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/earshot/earshot/podcast"
)

// What the Follow panel needs: the podcast:guid, the podroll (through the
// URL policy, deduplicated, bounded) and an Apple ID from a link of the feed.
func TestFollowFields(t *testing.T) {
	data := rss(declPodcast+" "+declAtom, `
		<link>https://example.com/</link>
		<podcast:guid> ead4c236-bf58-58c6-a2c6-a6b28d128cb6 </podcast:guid>
		<atom:link rel="alternate" href="https://podcasts.apple.com/us/podcast/the-show/id1234567890"/>
		<podcast:podroll>
			<podcast:remoteItem feedGuid="917393e3-1b1e-5cef-ace4-edaa54e1f810" feedUrl="https://feeds.podcastindex.org/pc20.xml" title="Podcasting 2.0"/>
			<podcast:remoteItem feedGuid="917393e3-1b1e-5cef-ace4-edaa54e1f810" feedUrl="https://feeds.podcastindex.org/pc20.xml"/>
			<podcast:remoteItem feedUrl="javascript:alert(1)"/>
			<podcast:remoteItem feedGuid="&lt;script&gt;" feedUrl="/relative.xml"/>
			<podcast:remoteItem feedGuid="396d9ae0-da7e-5557-b894-b606231fa3ea"/>
			<podcast:remoteItem/>
		</podcast:podroll>`)
	show, _ := mustParse(t, data)
	assert.Equal(t, "ead4c236-bf58-58c6-a2c6-a6b28d128cb6", show.GUID)
	assert.Equal(t, "1234567890", show.AppleID)
	assert.Equal(t, []podcast.RemoteFeed{
		{FeedGUID: "917393e3-1b1e-5cef-ace4-edaa54e1f810", FeedURL: "https://feeds.podcastindex.org/pc20.xml", Title: "Podcasting 2.0"},
		{FeedURL: "https://example.com/relative.xml"},
		{FeedGUID: "396d9ae0-da7e-5557-b894-b606231fa3ea"},
	}, show.Podroll)

	// The channel link may be the Apple listing itself; a guid that is not
	// one is dropped; a podroll is bounded.
	var roll strings.Builder
	for i := range maxPodroll + 5 {
		roll.WriteString(`<podcast:remoteItem feedUrl="https://example.com/` + strings.Repeat("x", i+1) + `.xml"/>`)
	}
	show, _ = mustParse(t, rss(declPodcast, `
		<link>https://podcasts.apple.com/de/podcast/x/id42</link>
		<podcast:guid>not a guid; &lt;b&gt;</podcast:guid>
		<podcast:podroll>`+roll.String()+`</podcast:podroll>`))
	assert.Equal(t, "42", show.AppleID)
	assert.Empty(t, show.GUID)
	assert.Len(t, show.Podroll, maxPodroll)
}
