package normalize

import (
	"net/url"

	"github.com/earshot/earshot/podcast"
)

// Limits on what a feed says about other shows: the podroll is a short list
// of recommendations shown in the Follow panel, not a directory.
const (
	maxPodroll = 24
	maxGUIDLen = 64
)

// showGUID keeps a podcast:guid that looks like one (a UUID, in practice):
// letters, digits and dashes, at most maxGUIDLen. Anything else is dropped
// rather than shown or put into a link.
func showGUID(s string) string {
	if s == "" || len(s) > maxGUIDLen {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-') {
			return ""
		}
	}
	return s
}

// podroll reads a podcast:podroll's remoteItem children: each needs a feed
// URL (through the URL policy) or a guid; duplicates and items beyond
// maxPodroll are dropped.
func podroll(x *extension, base *url.URL) []podcast.RemoteFeed {
	if x == nil {
		return nil
	}
	var out []podcast.RemoteFeed
	items := x.Children["remoteItem"] // gofeed files children by local name
	for i := range items {
		it := &items[i]
		r := podcast.RemoteFeed{
			FeedGUID: showGUID(attr(it, "feedGuid")),
			FeedURL:  resolveURL(base, attr(it, "feedUrl")),
			Title:    plainText(attr(it, "title")),
		}
		if r.FeedURL == "" && r.FeedGUID == "" || hasRemote(out, r) {
			continue
		}
		if out = append(out, r); len(out) == maxPodroll {
			break
		}
	}
	return out
}

func hasRemote(rs []podcast.RemoteFeed, r podcast.RemoteFeed) bool {
	for _, x := range rs {
		if r.FeedURL != "" && x.FeedURL == r.FeedURL || r.FeedGUID != "" && x.FeedGUID == r.FeedGUID {
			return true
		}
	}
	return false
}
