// Package feed turns podcast feeds into Earshot's model and keeps them: it
// fetches (safely, through fetch), parses and normalizes (normalize),
// sanitizes show notes (notes), resolves chapters (chapters) and transcripts
// (transcript), and caches the results with conditional refreshes.
package feed

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed/chapters"
	"github.com/earshot/earshot/server/feed/fetch"
	"github.com/earshot/earshot/server/feed/normalize"
	"github.com/earshot/earshot/server/feed/notes"
	"github.com/earshot/earshot/server/feed/transcript"
)

// Limits and lifetimes of the caches.
const (
	// DefaultTTL is how long a fetched feed is served before it is
	// revalidated with the origin.
	DefaultTTL = 5 * time.Minute
	// errorTTL keeps a failure briefly, so a dead host is not hammered by
	// every page view.
	errorTTL = 30 * time.Second
	// maxFeeds and maxDocs bound memory: the least recently fetched entries
	// are dropped first.
	maxFeeds = 512
	maxDocs  = 4096
	// fetchBudget bounds one ingestion (the feed, or one chapters file),
	// independent of the request that asked for it, since others may share it.
	fetchBudget = 20 * time.Second
	// maxID3Bytes is the most we read of an MP3 to find its chapters.
	maxID3Bytes = 2 << 20
	// excerptRunes is the length of an episode's plain-text summary.
	excerptRunes = 280
)

// Options configure a Service.
type Options struct {
	TTL time.Duration
	// Fetch configures the client for the internet at large.
	Fetch fetch.Options
	// Trusted lists origins ("http://localhost:8080") that may be on
	// loopback: the server's own demo show. Everything else must be public.
	Trusted []string
}

// Service ingests and caches feeds. It is safe for concurrent use.
type Service struct {
	client  *fetch.Client
	trusted *fetch.Client
	origins []string
	ttl     time.Duration
	now     func() time.Time

	flight singleflight.Group
	mu     sync.Mutex
	feeds  map[string]*feedEntry
	docs   map[string]*docEntry
}

type feedEntry struct {
	show    *podcast.Show
	err     error
	etag    string
	lastMod string
	checked time.Time
}

type docEntry struct {
	chapters   []podcast.Chapter
	transcript *podcast.Transcript
	err        error
	checked    time.Time
}

// New returns a Service.
func New(opts Options) *Service {
	if opts.TTL <= 0 {
		opts.TTL = DefaultTTL
	}
	trusted := opts.Fetch
	trusted.AllowLoopback = true
	return &Service{
		client:  fetch.New(opts.Fetch),
		trusted: fetch.New(trusted),
		origins: opts.Trusted,
		ttl:     opts.TTL,
		now:     time.Now,
		feeds:   map[string]*feedEntry{},
		docs:    map[string]*docEntry{},
	}
}

func (s *Service) clientFor(u string) *fetch.Client {
	for _, o := range s.origins {
		if o != "" && (u == o || strings.HasPrefix(u, strings.TrimRight(o, "/")+"/")) {
			return s.trusted
		}
	}
	return s.client
}

// Show returns the normalized show of the feed at feedURL.
func (s *Service) Show(ctx context.Context, feedURL string) (*podcast.Show, error) {
	feedURL = strings.TrimSpace(feedURL)
	u, err := s.clientFor(feedURL).ParseURL(feedURL)
	if err != nil {
		return nil, err
	}
	key := u.String()
	s.mu.Lock()
	e := s.feeds[key]
	s.mu.Unlock()
	if e != nil && s.now().Sub(e.checked) < s.ttlOf(e) {
		return e.show, e.err
	}
	ch := s.flight.DoChan("feed "+key, func() (any, error) {
		return s.refresh(key, e)
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*podcast.Show), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("feed %q: %w: %w", key, ErrTimeout, ctx.Err())
	}
}

func (s *Service) ttlOf(e *feedEntry) time.Duration {
	return s.lifetime(e.err)
}

// lifetime is how long a cached result is served: a failure briefly (never
// longer than a good copy), anything else for the TTL.
func (s *Service) lifetime(err error) time.Duration {
	if err != nil {
		return min(errorTTL, s.ttl)
	}
	return s.ttl
}

// refresh fetches the feed (conditionally, when a copy is cached) and stores
// the result. When the origin fails and a good copy exists, the copy is
// served: listeners keep their show while the host has a bad minute.
func (s *Service) refresh(key string, old *feedEntry) (*podcast.Show, error) {
	ctx, cancel := context.WithTimeout(context.Background(), fetchBudget)
	defer cancel()
	var v fetch.Validators
	if old != nil && old.show != nil {
		v = fetch.Validators{ETag: old.etag, LastModified: old.lastMod}
	}
	res, err := s.clientFor(key).Get(ctx, key, v)
	now := s.now()
	if err == nil && res.NotModified && old != nil && old.show != nil {
		// fetch keeps the old validators when a 304 does not repeat them.
		s.store(key, &feedEntry{show: old.show, etag: res.ETag, lastMod: res.LastModified, checked: now})
		return old.show, nil
	}
	var show *podcast.Show
	if err == nil {
		show, err = ingest(res.Body, key)
	}
	if err != nil {
		if old != nil && old.show != nil {
			slog.Warn("feed refresh failed; serving the cached copy", "feed", key, "err", err)
			s.store(key, &feedEntry{show: old.show, etag: old.etag, lastMod: old.lastMod, checked: now})
			return old.show, nil
		}
		s.store(key, &feedEntry{err: err, checked: now})
		return nil, err
	}
	s.store(key, &feedEntry{show: show, etag: res.ETag, lastMod: res.LastModified, checked: now})
	return show, nil
}

func (s *Service) store(key string, e *feedEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.feeds[key]; !ok && len(s.feeds) >= maxFeeds {
		evictOldest(s.feeds, func(e *feedEntry) time.Time { return e.checked })
	}
	s.feeds[key] = e
}

func evictOldest[E any](m map[string]E, at func(E) time.Time) {
	var oldKey string
	var oldest time.Time
	for k, e := range m {
		if t := at(e); oldKey == "" || t.Before(oldest) {
			oldKey, oldest = k, t
		}
	}
	delete(m, oldKey)
}

// ingest parses a feed and finishes each episode: sanitized notes with
// timestamp links, an excerpt, and chapters guessed from the notes when the
// feed gives none of its own.
func ingest(body []byte, feedURL string) (*podcast.Show, error) {
	show, raw, err := normalize.Parse(body, feedURL)
	if err != nil {
		return nil, fmt.Errorf("feed %q: %w: %w", feedURL, ErrNotFeed, err)
	}
	show.FeedURL = feedURL
	for i := range show.Episodes {
		ep := &show.Episodes[i]
		r := raw.Notes(ep.GUID)
		base, _ := url.Parse(r.BaseURL)
		safe := notes.Sanitize(r.NotesHTML, base)
		ep.Notes = notes.LinkTimestamps(safe, ep.Duration)
		ep.Summary = notes.Excerpt(string(safe), excerptRunes)
		if len(ep.Chapters) == 0 && ep.ChaptersURL == "" {
			ep.Chapters = notes.Chapters(string(safe), ep.Duration)
		}
		ep.Chapters = chapters.Normalize(ep.Chapters, ep.Duration)
	}
	return show, nil
}

// find returns the show of feedURL and its episode guid (the newest for "").
func (s *Service) find(ctx context.Context, feedURL, guid string) (*podcast.Show, *podcast.Episode, error) {
	show, err := s.Show(ctx, feedURL)
	if err != nil {
		return nil, nil, err
	}
	ep, ok := show.Episode(guid)
	if !ok {
		return nil, nil, fmt.Errorf("feed %q: episode %q: %w", feedURL, guid, ErrNotFound)
	}
	return show, ep, nil
}

// Episode returns one episode of a feed with its chapters resolved: the
// podcast:chapters document is fetched (and cached), and MP3 enclosures
// without other chapters are checked for ID3 chapter frames.
func (s *Service) Episode(ctx context.Context, feedURL, guid string) (*podcast.EpisodeView, error) {
	show, ep, err := s.find(ctx, feedURL, guid)
	if err != nil {
		return nil, err
	}
	view := &podcast.EpisodeView{Show: *show, Episode: *ep}
	view.Show.Episodes = nil
	e := &view.Episode
	var fromJSON, fromID3 []podcast.Chapter
	if e.ChaptersURL != "" {
		fromJSON = s.doc(ctx, docChapters, e.ChaptersURL, s.fetchChapters).chapters
	}
	if len(fromJSON) == 0 && !hasSource(e.Chapters, podcast.SourcePSC) && isMP3(e.Enclosure) {
		fromID3 = s.doc(ctx, docID3, e.Enclosure.URL, s.fetchID3).chapters
	}
	e.Chapters = chapters.Select(
		chapters.Normalize(fromJSON, e.Duration),
		e.Chapters,
		chapters.Normalize(fromID3, e.Duration),
	)
	if len(e.Chapters) == 0 {
		e.Chapters = nil
	}
	return view, nil
}

// Transcript returns the parsed transcript of an episode, choosing the best
// format the feed offers.
func (s *Service) Transcript(ctx context.Context, feedURL, guid string) (*podcast.Transcript, error) {
	_, ep, err := s.find(ctx, feedURL, guid)
	if err != nil {
		return nil, err
	}
	ref, ok := bestTranscript(ep.Transcripts)
	if !ok {
		return nil, fmt.Errorf("feed %q: episode %q has no transcript: %w", feedURL, guid, ErrNotFound)
	}
	d := s.doc(ctx, docTranscript, ref.URL, func(ctx context.Context, _ string) docEntry {
		return s.fetchTranscript(ctx, ref)
	})
	if d.err != nil {
		return nil, d.err
	}
	return d.transcript, nil
}

// transcriptPreference ranks transcript formats: timed formats with speakers
// first, plain text last.
var transcriptPreference = []string{"application/json", "text/vtt", "application/x-subrip", "application/srt", "text/srt", "text/html", "text/plain"}

func bestTranscript(refs []podcast.TranscriptRef) (podcast.TranscriptRef, bool) {
	best, bestRank := podcast.TranscriptRef{}, len(transcriptPreference)+1
	for _, r := range refs {
		rank := len(transcriptPreference)
		for i, t := range transcriptPreference {
			if strings.HasPrefix(strings.ToLower(r.Type), t) {
				rank = i
				break
			}
		}
		if rank < bestRank {
			best, bestRank = r, rank
		}
	}
	return best, bestRank <= len(transcriptPreference)
}

// Kinds of auxiliary document, which name their cache entries.
const (
	docChapters   = "chapters"
	docID3        = "id3"
	docTranscript = "transcript"
)

// doc returns the cached auxiliary document at u, of the kind named by what
// (docChapters, docID3, docTranscript), loading it once for all concurrent
// callers. The kind is part of the cache key, so that a URL in one feed
// cannot stand in for a document of another kind that another feed refers
// to (a chapters URL "transcript https://…" once shared the key of that
// transcript).
func (s *Service) doc(ctx context.Context, what, u string, load func(context.Context, string) docEntry) docEntry {
	key := what + " " + u
	s.mu.Lock()
	d := s.docs[key]
	s.mu.Unlock()
	if d != nil && s.now().Sub(d.checked) < s.lifetime(d.err) {
		return *d
	}
	ch := s.flight.DoChan("doc "+key, func() (any, error) {
		lctx, cancel := context.WithTimeout(context.Background(), fetchBudget)
		defer cancel()
		nd := load(lctx, u)
		if nd.err != nil && d != nil && d.err == nil {
			nd = *d // keep the last good copy
		}
		nd.checked = s.now()
		s.mu.Lock()
		if _, ok := s.docs[key]; !ok && len(s.docs) >= maxDocs {
			evictOldest(s.docs, func(e *docEntry) time.Time { return e.checked })
		}
		s.docs[key] = &nd
		s.mu.Unlock()
		return nd, nil
	})
	select {
	case r := <-ch:
		return r.Val.(docEntry)
	case <-ctx.Done():
		return docEntry{err: fmt.Errorf("%q: %w: %w", key, ErrTimeout, ctx.Err())}
	}
}

func (s *Service) fetchChapters(ctx context.Context, u string) docEntry {
	res, err := s.clientFor(u).Get(ctx, u, fetch.Validators{})
	if err != nil {
		slog.Info("chapters unavailable", "url", u, "err", err)
		return docEntry{err: err}
	}
	base, _ := url.Parse(res.FinalURL)
	chs, err := chapters.ParseJSONAt(res.Body, base)
	if err != nil {
		slog.Info("chapters unreadable", "url", u, "err", err)
		return docEntry{err: fmt.Errorf("chapters %q: %w: %w", u, ErrNotFeed, err)}
	}
	return docEntry{chapters: chs}
}

// fetchID3 reads just the ID3v2 tag at the start of an MP3: ten bytes for
// its size, then the tag, never the audio.
func (s *Service) fetchID3(ctx context.Context, u string) docEntry {
	c := s.clientFor(u)
	head, err := c.GetRange(ctx, u, 0, 9)
	if err != nil {
		return docEntry{err: err}
	}
	size, err := chapters.TagSize(head.Body)
	if err != nil || size <= 10 {
		return docEntry{} // no tag: no chapters, not an error
	}
	size = min(size, maxID3Bytes)
	tag, err := c.GetRange(ctx, u, 0, size-1)
	if err != nil {
		return docEntry{err: err}
	}
	chs, err := chapters.ParseID3(tag.Body)
	if err != nil {
		slog.Info("id3 chapters unreadable", "url", u, "err", err)
		return docEntry{}
	}
	return docEntry{chapters: chs}
}

func (s *Service) fetchTranscript(ctx context.Context, ref podcast.TranscriptRef) docEntry {
	res, err := s.clientFor(ref.URL).Get(ctx, ref.URL, fetch.Validators{})
	if err != nil {
		return docEntry{err: err}
	}
	ctype := res.ContentType
	if ctype == "" || strings.HasPrefix(ctype, "application/octet-stream") || strings.HasPrefix(ctype, "text/plain") {
		ctype = ref.Type
	}
	t, err := transcript.Parse(res.Body, ctype, ref.URL)
	if err != nil {
		return docEntry{err: fmt.Errorf("transcript %q: %w: %w", ref.URL, ErrNotFeed, err)}
	}
	return docEntry{transcript: &t}
}

func hasSource(chs []podcast.Chapter, src podcast.ChapterSource) bool {
	for _, c := range chs {
		if c.Source == src {
			return true
		}
	}
	return false
}

func isMP3(e podcast.Enclosure) bool {
	t := strings.ToLower(e.Type)
	return t == "audio/mpeg" || t == "audio/mp3" || strings.HasSuffix(strings.ToLower(strings.SplitN(e.URL, "?", 2)[0]), ".mp3")
}
