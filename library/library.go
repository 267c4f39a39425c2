// Package library is the listener's library: the shows they subscribe to,
// what they had seen of each at their last visit, and the queue of episodes
// up next. It holds the model and its pure logic only; the app stores it in
// the browser (Marshal, Unmarshal) and renders it.
//
// It depends on the standard library and package podcast only, so it
// compiles into the wasm without weight: no encoding/xml (OPML is written by
// hand, and read on the server), no net/http.
package library

import (
	"cmp"
	"encoding/base64"
	"errors"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/earshot/earshot/podcast"
)

// maxSeen bounds Subscription.Seen. At 11 characters a key, a full list is
// about 14 KB of JSON, so a library of a hundred shows stays well within
// what localStorage holds. Feeds longer than this are covered by SeenBefore.
const maxSeen = 1000

// Library is everything the app keeps about the listener's shows. Positions
// and playback speeds are stored separately (app/storage.go).
type Library struct {
	// Version is the schema version of the stored form; Marshal sets it.
	Version       int            `json:"version"`
	Subscriptions []Subscription `json:"subscriptions"`
	Queue         Queue          `json:"queue"`
}

// Subscription is one show the listener follows.
//
// "New since the last visit" is decided by episode identity, not by date:
// Seen holds a key (a hash of the GUID, see EpisodeKey) for each episode the
// feed had when the listener last opened the show, so an episode that
// appears later counts as new even when its pubDate is older than others or
// missing. Seen keeps at most maxSeen keys: those of the feed's newest
// episodes, then those seen at earlier visits; when older episodes of the
// feed had to be left out, SeenBefore records the newest date among them,
// and a dated episode from then or earlier is not new.
type Subscription struct {
	FeedURL string    `json:"feedUrl"`
	Title   string    `json:"title,omitempty"`
	Image   string    `json:"image,omitempty"`
	Added   time.Time `json:"added"`
	// LastVisit is when the listener last opened the show (MarkVisited);
	// zero until then.
	LastVisit  time.Time `json:"lastVisit,omitzero"`
	Seen       []string  `json:"seen,omitempty"`
	SeenBefore time.Time `json:"seenBefore,omitzero"`
}

// Errors of Subscribe.
var ErrBadFeedURL = errors.New("library: feed URL must be an absolute http or https URL")

// EpisodeKey is how Seen records an episode: the 64-bit FNV-1a hash of its
// GUID, base64url. GUIDs are often long URLs; the key is 11 characters
// whatever the GUID, and a false match among a thousand episodes has a
// probability of about 1 in 10^16.
func EpisodeKey(guid string) string {
	h := fnv.New64a()
	h.Write([]byte(guid))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// Visited reports whether the listener has opened the show since
// subscribing (MarkVisited).
func (s *Subscription) Visited() bool { return !s.LastVisit.IsZero() }

// IsNew reports whether e arrived after the listener's last visit. Before
// the first visit, an episode is new when it was published after the show
// was added: a show imported from OPML does not light up its whole back
// catalogue, and undated episodes are not new then.
func (s *Subscription) IsNew(e podcast.Episode) bool {
	return s.isNew(e, nil)
}

func (s *Subscription) isNew(e podcast.Episode, seen map[string]bool) bool {
	if !s.Visited() {
		return !e.Published.IsZero() && e.Published.After(s.Added)
	}
	if !s.SeenBefore.IsZero() && !e.Published.IsZero() && !e.Published.After(s.SeenBefore) {
		return false
	}
	k := EpisodeKey(e.GUID)
	if seen != nil {
		return !seen[k]
	}
	return !slices.Contains(s.Seen, k)
}

// NewCount is how many of episodes are new since the listener's last visit
// (see IsNew). Episodes sharing a GUID count once.
func (s *Subscription) NewCount(episodes []podcast.Episode) int {
	seen := make(map[string]bool, len(s.Seen))
	for _, k := range s.Seen {
		seen[k] = true
	}
	n := 0
	counted := map[string]bool{}
	for _, e := range episodes {
		if counted[e.GUID] || !s.isNew(e, seen) {
			continue
		}
		counted[e.GUID] = true
		n++
	}
	return n
}

// markVisited records episodes as what the listener has seen, at now,
// with what was seen before, within maxSeen.
func (s *Subscription) markVisited(episodes []podcast.Episode, now time.Time) {
	// Keep the newest: undated episodes first (only identity can tell
	// whether one is new), then by date, newest first, in feed order among
	// equals.
	order := make([]podcast.Episode, len(episodes))
	copy(order, episodes)
	slices.SortStableFunc(order, func(a, b podcast.Episode) int {
		switch {
		case a.Published.IsZero() || b.Published.IsZero():
			return cmp.Compare(boolInt(!a.Published.IsZero()), boolInt(!b.Published.IsZero()))
		default:
			return b.Published.Compare(a.Published)
		}
	})
	keys := make([]string, 0, min(len(order), maxSeen))
	have := map[string]bool{}
	var before time.Time
	for _, e := range order {
		k := EpisodeKey(e.GUID)
		if have[k] {
			continue
		}
		if len(keys) == maxSeen {
			if e.Published.After(before) {
				before = e.Published
			}
			continue
		}
		have[k] = true
		keys = append(keys, k)
	}
	// Keep what was seen before too, as room allows: a feed that shows
	// only its latest items for a while (a host's glitch, a paged feed)
	// must not make the rest new again when they come back.
	for _, k := range s.Seen {
		if len(keys) == maxSeen {
			break
		}
		if !have[k] {
			have[k] = true
			keys = append(keys, k)
		}
	}
	if s.SeenBefore.After(before) {
		before = s.SeenBefore
	}
	s.Seen, s.SeenBefore, s.LastVisit = keys, before.UTC(), now.UTC()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Lookup returns the subscription to feedURL (compared by FeedKey).
func (l *Library) Lookup(feedURL string) (Subscription, bool) {
	if i := l.index(feedURL); i >= 0 {
		return l.Subscriptions[i], true
	}
	return Subscription{}, false
}

// Subscribed reports whether the library has feedURL.
func (l *Library) Subscribed(feedURL string) bool { return l.index(feedURL) >= 0 }

func (l *Library) index(feedURL string) int {
	k := FeedKey(feedURL)
	return slices.IndexFunc(l.Subscriptions, func(s Subscription) bool { return FeedKey(s.FeedURL) == k })
}

// Subscribe adds the show at feedURL, added at now, at the end of the
// library. It reports false, changing nothing, when the library already has
// the feed (compared by FeedKey); UpdateShow refreshes a title or image.
// The URL is stored as given (trimmed): it is what the server fetches.
func (l *Library) Subscribe(feedURL, title, image string, now time.Time) (bool, error) {
	feedURL = strings.TrimSpace(feedURL)
	u, err := url.Parse(feedURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" { // Parse lowercases the scheme
		return false, ErrBadFeedURL
	}
	if l.Subscribed(feedURL) {
		return false, nil
	}
	l.Subscriptions = append(l.Subscriptions, Subscription{
		FeedURL: feedURL,
		Title:   strings.TrimSpace(title),
		Image:   strings.TrimSpace(image),
		Added:   now.UTC(),
	})
	return true, nil
}

// UpdateShow sets the title and image of the subscription to feedURL from
// a fresh copy of its feed; empty values keep the old ones. It reports
// whether anything changed.
func (l *Library) UpdateShow(feedURL, title, image string) bool {
	i := l.index(feedURL)
	if i < 0 {
		return false
	}
	s := &l.Subscriptions[i]
	old := *s
	if t := strings.TrimSpace(title); t != "" {
		s.Title = t
	}
	if im := strings.TrimSpace(image); im != "" {
		s.Image = im
	}
	return s.Title != old.Title || s.Image != old.Image
}

// Unsubscribe removes the subscription to feedURL and reports whether there
// was one. Queued episodes of the show stay queued: the queue may hold
// episodes of any feed, and the listener put them there on purpose.
func (l *Library) Unsubscribe(feedURL string) bool {
	i := l.index(feedURL)
	if i < 0 {
		return false
	}
	l.Subscriptions = slices.Delete(l.Subscriptions, i, i+1)
	return true
}

// MarkVisited records that the listener opened the show at now, when the
// feed had episodes: those stop being new. It reports false when feedURL is
// not subscribed.
func (l *Library) MarkVisited(feedURL string, episodes []podcast.Episode, now time.Time) bool {
	i := l.index(feedURL)
	if i < 0 {
		return false
	}
	l.Subscriptions[i].markVisited(episodes, now)
	return true
}

// NewCount is how many of episodes (the feed's current list) are new since
// the last visit to feedURL; 0 when it is not subscribed.
func (l *Library) NewCount(feedURL string, episodes []podcast.Episode) int {
	i := l.index(feedURL)
	if i < 0 {
		return 0
	}
	return l.Subscriptions[i].NewCount(episodes)
}
