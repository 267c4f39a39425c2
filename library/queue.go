package library

import (
	"slices"
	"strings"
)

// QueueItem is one episode up next. It names the episode by feed and GUID
// and keeps the title to show without fetching the feed; the feed need not
// be subscribed.
type QueueItem struct {
	FeedURL string `json:"feedUrl"`
	GUID    string `json:"guid"`
	Title   string `json:"title,omitempty"`
}

// Queue is the listener's "up next" list, in play order. Items are compared
// by FeedKey of the feed and exact GUID.
type Queue []QueueItem

// Index is the position of the episode in the queue, or -1.
func (q Queue) Index(feedURL, guid string) int {
	k := FeedKey(feedURL)
	return slices.IndexFunc(q, func(it QueueItem) bool { return it.GUID == guid && FeedKey(it.FeedURL) == k })
}

// Contains reports whether the episode is queued.
func (q Queue) Contains(feedURL, guid string) bool { return q.Index(feedURL, guid) >= 0 }

// Add appends it to the end of the queue. It reports false, changing
// nothing, when the episode is already queued or it names no episode.
func (q *Queue) Add(it QueueItem) bool {
	it.FeedURL = strings.TrimSpace(it.FeedURL)
	if it.FeedURL == "" || it.GUID == "" || q.Contains(it.FeedURL, it.GUID) {
		return false
	}
	*q = append(*q, it)
	return true
}

// Remove takes the episode out of the queue and reports whether it was in.
func (q *Queue) Remove(feedURL, guid string) bool {
	i := q.Index(feedURL, guid)
	if i < 0 {
		return false
	}
	*q = slices.Delete(*q, i, i+1)
	return true
}

// Move moves the item at index from so that it ends up at index to, the
// others keeping their order (drag and drop). It reports false, changing
// nothing, when either index is out of range.
func (q *Queue) Move(from, to int) bool {
	n := len(*q)
	if from < 0 || from >= n || to < 0 || to >= n {
		return false
	}
	if from == to {
		return true
	}
	it := (*q)[from]
	*q = slices.Insert(slices.Delete(*q, from, from+1), to, it)
	return true
}

// Next is the episode to play when the given one ends (auto-advance): the
// item after it, or, when it is not queued, the head of the queue. It
// reports false at the end of the queue. Next changes nothing; the app
// removes the finished episode with Remove when it starts the next.
func (q Queue) Next(feedURL, guid string) (QueueItem, bool) {
	i := q.Index(feedURL, guid) + 1 // -1 (not queued) gives the head
	if i >= len(q) {
		return QueueItem{}, false
	}
	return q[i], true
}
