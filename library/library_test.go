package library

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

var (
	t0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	// day is the date n days after t0.
	day = func(n int) time.Time { return t0.AddDate(0, 0, n) }
)

func ep(guid string, published time.Time) podcast.Episode {
	return podcast.Episode{GUID: guid, Title: "Title of " + guid, Published: published}
}

func TestFeedKey(t *testing.T) {
	same := [][2]string{
		{"https://Example.COM/feed", "https://example.com/feed"},
		{"HTTPS://example.com/feed", "https://example.com/feed"},
		{"https://example.com/feed/", "https://example.com/feed"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com:443/feed", "https://example.com/feed"},
		{"http://example.com:80/feed", "http://example.com/feed"},
		{"https://example.com/feed/?format=rss", "https://example.com/feed?format=rss"},
		{"  https://example.com/feed  ", "https://example.com/feed"},
		{"https://user:Tok@Example.com/feed", "https://user:Tok@example.com/feed"},
	}
	for _, c := range same {
		assert.Equal(t, FeedKey(c[1]), FeedKey(c[0]), "%q and %q are one feed", c[0], c[1])
	}
	different := [][2]string{
		{"https://example.com/Feed", "https://example.com/feed"},               // paths are case-sensitive
		{"https://example.com/feed?id=AbC", "https://example.com/feed?id=abc"}, // so are queries (tokens)
		{"http://example.com/feed", "https://example.com/feed"},                // may be served differently
		{"https://www.example.com/feed", "https://example.com/feed"},           // another host
		{"https://example.com:8443/feed", "https://example.com/feed"},
		{"http://example.com:443/feed", "http://example.com/feed"}, // 443 is not http's default
		{"https://example.com/feed?a=1&b=2", "https://example.com/feed?b=2&a=1"},
		{"https://example.com/feed//", "https://example.com/feed"},
		{"https://User:tok@example.com/feed", "https://user:tok@example.com/feed"},
	}
	for _, c := range different {
		assert.NotEqual(t, FeedKey(c[1]), FeedKey(c[0]), "%q and %q are different feeds", c[0], c[1])
	}
	assert.Equal(t, "not a url", FeedKey(" not a url "))
}

func TestSubscribe(t *testing.T) {
	var l Library
	added, err := l.Subscribe(" https://example.com/feed.xml ", " Show ", "https://example.com/a.jpg", day(0))
	require.NoError(t, err)
	assert.True(t, added)
	require.Len(t, l.Subscriptions, 1)
	assert.Equal(t, Subscription{FeedURL: "https://example.com/feed.xml", Title: "Show", Image: "https://example.com/a.jpg", Added: day(0)}, l.Subscriptions[0])

	added, err = l.Subscribe("HTTPS://EXAMPLE.com/feed.xml/", "Other title", "", day(1))
	require.NoError(t, err)
	assert.False(t, added, "the same feed by another spelling")
	assert.Len(t, l.Subscriptions, 1)
	assert.Equal(t, "Show", l.Subscriptions[0].Title, "Subscribe does not touch an existing subscription")

	added, err = l.Subscribe("https://example.com/Feed.xml", "", "", day(1))
	require.NoError(t, err)
	assert.True(t, added, "another path is another feed")

	for _, bad := range []string{"", "example.com/feed", "ftp://example.com/feed", "javascript:alert(1)", "https://", "http://[::1"} {
		_, err := l.Subscribe(bad, "", "", day(2))
		assert.ErrorIs(t, err, ErrBadFeedURL, bad)
	}
	assert.Len(t, l.Subscriptions, 2)

	s, ok := l.Lookup("https://example.com/feed.xml/")
	require.True(t, ok)
	assert.Equal(t, "Show", s.Title)

	assert.True(t, l.UpdateShow("https://example.com/feed.xml", "New name", ""))
	assert.False(t, l.UpdateShow("https://example.com/feed.xml", "New name", ""), "no change")
	s, _ = l.Lookup("https://example.com/feed.xml")
	assert.Equal(t, "New name", s.Title)
	assert.Equal(t, "https://example.com/a.jpg", s.Image, "an empty image keeps the old one")
	assert.False(t, l.UpdateShow("https://nowhere.example/feed", "x", "y"))

	l.Queue.Add(QueueItem{FeedURL: "https://example.com/feed.xml", GUID: "g"})
	assert.True(t, l.Unsubscribe("https://EXAMPLE.com/feed.xml"))
	assert.False(t, l.Unsubscribe("https://example.com/feed.xml"))
	assert.False(t, l.Subscribed("https://example.com/feed.xml"))
	assert.True(t, l.Subscribed("https://example.com/Feed.xml"))
	assert.Len(t, l.Queue, 1, "unsubscribing keeps the show's queued episodes")
}

func TestNewSinceLastVisit(t *testing.T) {
	const feed = "https://example.com/feed"
	visited := []podcast.Episode{ep("a", day(10)), ep("b", day(5)), ep("undated", time.Time{})}
	tests := []struct {
		name string
		now  []podcast.Episode // the feed at the next visit
		want []string          // the new GUIDs
	}{
		{"nothing changed", visited, nil},
		{"a newer episode", append([]podcast.Episode{ep("c", day(20))}, visited...), []string{"c"}},
		{"an episode dated before the others (a re-published archive episode)",
			append(visited, ep("old", day(-300))), []string{"old"}},
		{"an undated episode", append(visited, ep("undated-2", time.Time{})), []string{"undated-2"}},
		{"an episode dated in the future", append(visited, ep("future", day(9999))), []string{"future"}},
		{"an old episode changed its date", []podcast.Episode{ep("a", day(30)), ep("b", day(5)), ep("undated", day(1))}, nil},
		{"episodes left the feed", []podcast.Episode{ep("a", day(10)), ep("d", day(2))}, []string{"d"}},
		{"a duplicate GUID counts once", append(visited, ep("e", day(11)), ep("e", day(11))), []string{"e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l Library
			_, err := l.Subscribe(feed, "Show", "", day(0))
			require.NoError(t, err)
			require.True(t, l.MarkVisited(feed, visited, day(15)))
			assert.Equal(t, len(tt.want), l.NewCount(feed+"/", tt.now))
			s, _ := l.Lookup(feed)
			var got []string
			for _, e := range tt.now {
				if s.IsNew(e) && !contains(got, e.GUID) {
					got = append(got, e.GUID)
				}
			}
			assert.Equal(t, tt.want, got)

			require.True(t, l.MarkVisited(feed, tt.now, day(40)))
			assert.Zero(t, l.NewCount(feed, tt.now), "a visit sees everything")
		})
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestTruncatedFeed: a feed that shows only its latest items for a while
// does not make the others new when they come back.
func TestTruncatedFeed(t *testing.T) {
	const feed = "https://example.com/feed"
	full := []podcast.Episode{ep("c", day(3)), ep("b", day(2)), ep("a", day(1)), ep("undated", time.Time{})}
	var l Library
	_, err := l.Subscribe(feed, "", "", day(0))
	require.NoError(t, err)
	require.True(t, l.MarkVisited(feed, full, day(4)))
	require.True(t, l.MarkVisited(feed, full[:1], day(5)))
	require.True(t, l.MarkVisited(feed, nil, day(6)))
	assert.Zero(t, l.NewCount(feed, full))
	assert.Equal(t, 1, l.NewCount(feed, append(full, ep("d", day(7)))))
}

func TestNewBeforeFirstVisit(t *testing.T) {
	const feed = "https://example.com/feed"
	var l Library
	_, err := l.Subscribe(feed, "", "", day(10)) // imported from OPML, never opened
	require.NoError(t, err)
	episodes := []podcast.Episode{ep("later", day(11)), ep("before", day(9)), ep("undated", time.Time{})}
	assert.Equal(t, 1, l.NewCount(feed, episodes), "only episodes published after subscribing")
	s, _ := l.Lookup(feed)
	assert.False(t, s.Visited())
	assert.Zero(t, l.NewCount("https://example.com/other", episodes), "not subscribed")
	assert.False(t, l.MarkVisited("https://example.com/other", episodes, day(12)))
}

func TestSeenIsBounded(t *testing.T) {
	const feed = "https://example.com/feed"
	var l Library
	_, err := l.Subscribe(feed, "", "", day(0))
	require.NoError(t, err)
	// An oldest-first feed longer than the bound, with a few undated items.
	var episodes []podcast.Episode
	for i := range maxSeen + 500 {
		episodes = append(episodes, ep(fmt.Sprint("e", i), day(i)))
	}
	episodes = append(episodes, ep("u1", time.Time{}), ep("u2", time.Time{}))
	require.True(t, l.MarkVisited(feed, episodes, day(5000)))
	s, _ := l.Lookup(feed)
	require.Len(t, s.Seen, maxSeen)
	assert.Equal(t, day(500+1), s.SeenBefore, "the newest date left out of Seen")
	assert.Zero(t, l.NewCount(feed, episodes))

	more := append(episodes,
		ep("newest", day(6000)),
		ep("backdated-recent", day(1200)), // older than many, newer than the cut: found by identity
		ep("backdated-ancient", day(100)), // older than the cut: taken for a seen one
		ep("undated-new", time.Time{}),    // found by identity
	)
	s, _ = l.Lookup(feed)
	var got []string
	for _, e := range more {
		if s.IsNew(e) {
			got = append(got, e.GUID)
		}
	}
	assert.Equal(t, []string{"newest", "backdated-recent", "undated-new"}, got)
	assert.Equal(t, 3, l.NewCount(feed, more))
}

func TestQueue(t *testing.T) {
	const f = "https://example.com/feed"
	item := func(guid string) QueueItem { return QueueItem{FeedURL: f, GUID: guid, Title: guid} }
	guids := func(q Queue) []string {
		var s []string
		for _, it := range q {
			s = append(s, it.GUID)
		}
		return s
	}
	var q Queue
	for _, g := range []string{"a", "b", "c", "d"} {
		require.True(t, q.Add(item(g)))
	}
	assert.False(t, q.Add(QueueItem{FeedURL: "https://EXAMPLE.com/feed/", GUID: "b"}), "already queued")
	assert.False(t, q.Add(QueueItem{FeedURL: f}), "no GUID")
	assert.False(t, q.Add(QueueItem{GUID: "x"}), "no feed")
	assert.True(t, q.Add(QueueItem{FeedURL: "https://other.example/feed", GUID: "a"}), "same GUID, other feed")
	assert.Equal(t, []string{"a", "b", "c", "d", "a"}, guids(q))
	assert.True(t, q.Remove("https://other.example/feed", "a"))
	assert.False(t, q.Remove("https://other.example/feed", "a"))

	moves := []struct {
		from, to int
		ok       bool
		want     []string
	}{
		{0, 3, true, []string{"b", "c", "d", "a"}},
		{3, 0, true, []string{"a", "b", "c", "d"}},
		{1, 2, true, []string{"a", "c", "b", "d"}},
		{2, 1, true, []string{"a", "b", "c", "d"}},
		{2, 2, true, []string{"a", "b", "c", "d"}},
		{-1, 0, false, []string{"a", "b", "c", "d"}},
		{0, 4, false, []string{"a", "b", "c", "d"}},
		{4, 0, false, []string{"a", "b", "c", "d"}},
	}
	for _, m := range moves {
		assert.Equal(t, m.ok, q.Move(m.from, m.to), "Move(%d, %d)", m.from, m.to)
		assert.Equal(t, m.want, guids(q), "after Move(%d, %d)", m.from, m.to)
	}

	next := []struct {
		feed, guid string
		want       string // "" for none
	}{
		{f, "a", "b"},
		{f + "/", "c", "d"},
		{f, "d", ""},                             // the end of the queue
		{f, "not-queued", "a"},                   // playing something else: the head
		{"https://other.example/feed", "b", "a"}, // same GUID, other feed: not queued
	}
	for _, n := range next {
		it, ok := q.Next(n.feed, n.guid)
		assert.Equal(t, n.want != "", ok, "Next(%s, %s)", n.feed, n.guid)
		assert.Equal(t, n.want, it.GUID, "Next(%s, %s)", n.feed, n.guid)
	}
	_, ok := Queue(nil).Next(f, "a")
	assert.False(t, ok, "an empty queue")
}
