// Package normalize adapts a parsed podcast feed (gofeed's universal types)
// into Earshot's domain model, podcast.Show.
//
// It reads the iTunes, Podcasting 2.0 (podcast:), Podlove Simple Chapters
// (psc:), Media RSS and Atom vocabularies by namespace URI, whatever prefix a
// feed uses, and falls back to the conventional prefix when a feed uses one
// without declaring it.
//
// Show notes are untrusted HTML. Parse never puts them into the Show (whose
// Notes field is podcast.SafeHTML); it hands them back separately in Raw so
// that the caller can sanitize them before anything is served.
package normalize

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/earshot/earshot/follow"
	"github.com/earshot/earshot/podcast"
	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

// ErrNotFeed is the reason (errors.Is) of a *FeedError for input that is not
// an RSS, Atom or JSON feed at all: an HTML page, an empty body, junk.
var ErrNotFeed = errors.New("not a podcast feed")

// ErrMalformed is the reason (errors.Is) of a *FeedError for a feed that
// could not be read because its XML or JSON is broken (truncated, bad
// markup). Only the publisher can fix it.
var ErrMalformed = errors.New("malformed feed")

// FeedError explains why a document could not be normalized. Reason is
// ErrNotFeed or ErrMalformed; Hint is a sentence for the person who entered
// the URL; Err is the parser's error, if any.
type FeedError struct {
	Reason error
	Hint   string
	Err    error
}

func (e *FeedError) Error() string {
	if e.Err != nil {
		return "feed: " + e.Hint + " (" + e.Err.Error() + ")"
	}
	return "feed: " + e.Hint
}

// Unwrap exposes both the reason and the underlying parser error.
func (e *FeedError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Reason}
	}
	return []error{e.Reason, e.Err}
}

// Hints returned in FeedError.Hint.
const (
	hintHTML      = "this URL returned an HTML page, not a podcast feed; look for the RSS link on that page (often labelled RSS, Subscribe or Podcast feed)"
	hintEmpty     = "this URL returned an empty document, not a podcast feed; check the address"
	hintUnknown   = "this URL did not return an RSS, Atom or JSON feed; check that it is the podcast's feed address"
	hintJSON      = "this URL returned JSON that is not a JSON Feed; check that it is the podcast's feed address"
	hintMalformed = "this feed is damaged (not well-formed XML or JSON) and cannot be read; the podcast's host has to fix it"
)

// Raw carries the parts of a feed that must not be served as they are.
// Everything in it is untrusted input.
type Raw struct {
	// DescriptionHTML is the show description as written in the feed
	// (description, else itunes:summary); it may contain HTML.
	DescriptionHTML string `json:"descriptionHtml,omitempty"`
	// Episodes maps podcast.Episode.GUID to the episode's raw material.
	Episodes map[string]RawEpisode `json:"episodes"`
}

// RawEpisode is the untrusted show-notes material of one episode.
type RawEpisode struct {
	// NotesHTML is the richest show notes the feed has (content:encoded,
	// else description, else itunes:summary), unsanitized. Sanitize it
	// before it becomes podcast.Episode.Notes.
	NotesHTML string `json:"notesHtml,omitempty"`
	// BaseURL is what relative links in NotesHTML resolve against: the
	// episode's link, else the feed URL.
	BaseURL string `json:"baseUrl,omitempty"`
}

// Notes returns the raw notes of the episode with the given GUID.
func (r *Raw) Notes(guid string) RawEpisode {
	if r == nil {
		return RawEpisode{}
	}
	return r.Episodes[guid]
}

// Parse parses data, an RSS, Atom or JSON feed fetched from feedURL, and
// returns the normalized show together with its raw show notes. feedURL is
// recorded in the Show and used to resolve relative links; it is never
// fetched.
//
// The returned Show has empty Notes and Summary on every episode: the raw
// HTML is in Raw, for the caller to sanitize. Errors are *FeedError values
// whose reason is ErrNotFeed or ErrMalformed.
func Parse(data []byte, feedURL string) (*podcast.Show, *Raw, error) {
	data = trimLeading(data)
	if len(data) == 0 {
		return nil, nil, &FeedError{Reason: ErrNotFeed, Hint: hintEmpty}
	}
	feed, err := parseFeed(data)
	if err != nil && isInvalidUTF8(err) {
		// A feed with stray bytes that are not UTF-8 (usually a Latin-1
		// character pasted into an otherwise UTF-8 feed) is rejected by
		// encoding/xml as a whole; replace the bad bytes and try again.
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		feed, err = parseFeed(data)
	}
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, nil, notFeedError(data)
		}
		return nil, nil, &FeedError{Reason: ErrMalformed, Hint: hintMalformed, Err: err}
	}
	if data[0] != '<' && !isJSONFeed(data) {
		// gofeed takes any JSON object for a JSON Feed (an API's answer, a
		// chapters file) and returns it empty.
		return nil, nil, &FeedError{Reason: ErrNotFeed, Hint: hintJSON}
	}
	var ns *namespaces
	if data[0] == '<' {
		ns = resolveNamespaces(scanNamespaces(data))
	} else {
		ns = conventionalNamespaces
	}
	show, raw := adapt(feed, feedURL, ns)
	return show, raw, nil
}

// isJSONFeed reports whether data is a JSON Feed: an object whose version
// names the JSON Feed specification, as the specification requires.
func isJSONFeed(data []byte) bool {
	var doc struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return false
	}
	return strings.HasPrefix(doc.Version, "https://jsonfeed.org/version/") || strings.HasPrefix(doc.Version, "http://jsonfeed.org/version/")
}

// parseFeed runs gofeed over data. The content-image scan is disabled: it
// runs an HTML parse of every item's notes only to guess an image, and
// Earshot takes images from itunes:image and Media RSS.
func parseFeed(data []byte) (*gofeed.Feed, error) {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	p.KeepOriginalFeed = true // Atom link relations (paging, deep links)
	return p.Parse(bytes.NewReader(data))
}

// trimLeading drops a UTF-8 byte order mark and white space before the
// document: several real feeds start with a newline before <?xml.
func trimLeading(data []byte) []byte {
	for {
		switch {
		case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
			data = data[3:]
		case len(data) > 0 && (data[0] == ' ' || data[0] == '\n' || data[0] == '\r' || data[0] == '\t'):
			data = data[1:]
		default:
			return data
		}
	}
}

func isInvalidUTF8(err error) bool {
	return strings.Contains(err.Error(), "invalid UTF-8")
}

// maxSniffBytes is how much of a rejected document is inspected to tell the
// user what it was.
const maxSniffBytes = 1024

// notFeedError tells an HTML page from an empty document and other junk
// by the first markup after comments, processing instructions and white
// space.
func notFeedError(data []byte) *FeedError {
	head := data[:min(len(data), maxSniffBytes)]
	for {
		head = bytes.TrimLeft(head, " \t\r\n\uFEFF")
		switch {
		case bytes.HasPrefix(head, []byte("<!--")):
			end := bytes.Index(head, []byte("-->"))
			if end < 0 {
				return &FeedError{Reason: ErrNotFeed, Hint: hintEmpty}
			}
			head = head[end+3:]
			continue
		case bytes.HasPrefix(head, []byte("<?")):
			end := bytes.Index(head, []byte("?>"))
			if end < 0 {
				return &FeedError{Reason: ErrNotFeed, Hint: hintEmpty}
			}
			head = head[end+2:]
			continue
		}
		break
	}
	if len(head) == 0 {
		return &FeedError{Reason: ErrNotFeed, Hint: hintEmpty}
	}
	lower := bytes.ToLower(head[:min(len(head), 16)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return &FeedError{Reason: ErrNotFeed, Hint: hintHTML}
		}
	}
	return &FeedError{Reason: ErrNotFeed, Hint: hintUnknown}
}

// adapt builds the Show from a parsed feed.
func adapt(f *gofeed.Feed, feedURL string, ns *namespaces) (*podcast.Show, *Raw) {
	base := parseBaseURL(feedURL)
	x := f.Extensions
	show := &podcast.Show{
		FeedURL:  feedURL,
		Title:    plainText(f.Title),
		Link:     resolveURL(base, f.Link),
		Language: strings.TrimSpace(f.Language),
		Updated:  utc(f.UpdatedParsed),
	}
	if show.Updated.IsZero() {
		show.Updated = utc(f.PublishedParsed)
	}

	show.Author = plainText(ns.itunes.text(x, "author"))
	if show.Author == "" {
		for _, a := range f.Authors {
			if a == nil {
				continue
			}
			if show.Author = plainText(a.Name); show.Author == "" {
				show.Author = strings.TrimSpace(a.Email)
			}
			if show.Author != "" {
				break
			}
		}
	}

	raw := &Raw{DescriptionHTML: strings.TrimSpace(f.Description)}
	if raw.DescriptionHTML == "" {
		raw.DescriptionHTML = ns.itunes.text(x, "summary")
	}
	if raw.DescriptionHTML == "" {
		raw.DescriptionHTML = ns.itunes.text(x, "subtitle")
	}
	show.Description = plainText(raw.DescriptionHTML)

	show.Image = resolveURL(base, imageHref(ns.itunes.first(x, "image")))
	if show.Image == "" && f.Image != nil {
		show.Image = resolveURL(base, f.Image.URL)
	}

	show.Categories = categories(f, ns)
	show.Explicit = truthy(ns.itunes.text(x, "explicit"))
	show.Locked = truthy(ns.podcast.text(x, "locked"))
	show.Persons = persons(ns.podcast.all(x, "person"), base)
	show.Funding = funding(ns, x, base)
	show.GUID = showGUID(ns.podcast.text(x, "guid"))
	show.Podroll = podroll(ns.podcast.first(x, "podroll"), base)
	show.AppleID = follow.AppleID(show.Link)

	links := showLinks(f, ns)
	for _, l := range links {
		href := resolveURL(base, l.href)
		if show.AppleID == "" {
			show.AppleID = follow.AppleID(href)
		}
		switch strings.ToLower(l.rel) {
		case "http://podlove.org/deep-link":
			// gofeed normalizes the href and drops the customary empty
			// fragment ("…/ep#"); DeepLink is always without it.
			setOnce(&show.DeepLink, strings.TrimSuffix(href, "#"))
		case "first":
			setOnce(&show.Paging.First, href)
		case "next":
			setOnce(&show.Paging.Next, href)
		case "prev", "previous":
			setOnce(&show.Paging.Prev, href)
		case "last":
			setOnce(&show.Paging.Last, href)
		case "payment":
			if href != "" && !hasFunding(show.Funding, href) {
				show.Funding = append(show.Funding, podcast.Funding{URL: href, Title: strings.TrimSpace(l.title)})
			}
		}
	}

	live := ns.podcast.all(x, "liveItem")
	b := episodeBuilder{
		show:  show,
		base:  base,
		ns:    ns,
		seen:  make(map[string]int, len(f.Items)+len(live)),
		raw:   make(map[string]RawEpisode, len(f.Items)+len(live)),
		atoms: atomEntries(f),
	}
	show.Episodes = make([]podcast.Episode, 0, len(f.Items)+len(live))
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		var entry *atom.Entry
		if i < len(b.atoms) {
			entry = b.atoms[i]
		}
		b.add(it, entry, nil)
	}
	for i := range live {
		it, l := liveItem(&live[i])
		if len(it.Enclosures) == 0 && len(conventionalNamespaces.podcast.all(it.Extensions, "alternateEnclosure")) == 0 {
			continue // nothing to play: an announcement without a stream
		}
		b.add(it, nil, l)
	}
	// Newest first, as Show.Episode("") promises; undated episodes keep
	// their feed position relative to each other, after the dated ones.
	// Live items come last, in feed order, so that the default episode is a
	// published one and not a stream that has not started.
	slices.SortStableFunc(show.Episodes, func(a, c podcast.Episode) int {
		switch {
		case (a.Live == nil) != (c.Live == nil):
			if a.Live == nil {
				return -1
			}
			return 1
		case a.Live != nil:
			return 0
		case a.Published.IsZero() && c.Published.IsZero():
			return 0
		case a.Published.IsZero():
			return 1
		case c.Published.IsZero():
			return -1
		}
		return c.Published.Compare(a.Published)
	})
	raw.Episodes = b.raw
	return show, raw
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// link is an atom:link, from an Atom document or an RSS extension.
type link struct{ rel, href, title string }

// showLinks returns the feed-level atom:link elements.
func showLinks(f *gofeed.Feed, ns *namespaces) []link {
	if af, ok := f.OriginalFeed().(*atom.Feed); ok {
		return atomLinks(af.Links, nil, ns)
	}
	return atomLinks(nil, f.Extensions, ns)
}

// atomEntries returns the Atom entries parallel to f.Items, or nil.
func atomEntries(f *gofeed.Feed) []*atom.Entry {
	af, ok := f.OriginalFeed().(*atom.Feed)
	if !ok || len(af.Entries) != len(f.Items) {
		return nil
	}
	return af.Entries
}

// categories flattens itunes:category (with subcategories) into a
// de-duplicated list, falling back to plain RSS/Atom categories.
func categories(f *gofeed.Feed, ns *namespaces) []string {
	var out []string
	add := func(c string) {
		c = plainText(c)
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	var walk func(cats []extension)
	walk = func(cats []extension) {
		for i := range cats {
			add(cats[i].Attrs["text"])
			walk(cats[i].Children["category"])
		}
	}
	walk(ns.itunes.all(f.Extensions, "category"))
	if len(out) == 0 {
		for _, c := range f.Categories {
			add(c)
		}
	}
	return out
}
