package normalize

import (
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/earshot/earshot/podcast"
	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
)

type extension = ext.Extension

// episodeBuilder adapts items one by one into show.Episodes.
type episodeBuilder struct {
	show  *podcast.Show
	base  *url.URL
	ns    *namespaces
	seen  map[string]int // GUID -> index in show.Episodes
	raw   map[string]RawEpisode
	atoms []*atom.Entry // parallel to the feed's items for Atom feeds
}

// add adapts one item. entry is its Atom entry (Atom feeds), live its
// podcast:liveItem state (live items).
func (b *episodeBuilder) add(it *gofeed.Item, entry *atom.Entry, live *podcast.Live) {
	ns := b.ns
	if live != nil {
		ns = conventionalNamespaces
	}
	x := it.Extensions
	ep := podcast.Episode{
		Title:     plainText(it.Title),
		Link:      resolveURL(b.base, it.Link),
		Published: utc(it.PublishedParsed),
		Live:      live,
	}
	if ep.Title == "" {
		ep.Title = plainText(ns.itunes.text(x, "title"))
	}
	if ep.Published.IsZero() {
		ep.Published = utc(it.UpdatedParsed)
	}
	if live != nil && ep.Published.IsZero() {
		ep.Published = live.Start
	}

	ep.Enclosure = b.enclosure(it, ns)
	if ep.Title == "" {
		ep.Title = titleFromURL(ep.Enclosure.URL)
	}
	ep.Duration = duration(it, ns)

	// Season and episode: podcast: is the more specific vocabulary.
	if s := ns.podcast.first(x, "season"); s != nil {
		ep.Season = int(min(parseCount(s.Value), maxSeason))
		ep.SeasonName = plainText(attr(s, "name"))
	}
	if ep.Season == 0 {
		ep.Season = int(min(parseCount(ns.itunes.text(x, "season")), maxSeason))
	}
	if e := ns.podcast.first(x, "episode"); e != nil {
		ep.Number = episodeNumber(e.Value)
		ep.NumberText = plainText(attr(e, "display"))
	}
	if ep.Number == "" {
		ep.Number = episodeNumber(ns.itunes.text(x, "episode"))
	}
	switch t := strings.ToLower(ns.itunes.text(x, "episodeType")); t {
	case "full", "trailer", "bonus":
		ep.Type = t
	}
	ep.Explicit = b.show.Explicit
	if e := ns.itunes.text(x, "explicit"); e != "" {
		ep.Explicit = truthy(e)
	}

	ep.Image = b.image(it, ns)
	ep.Alternates = alternates(ns.podcast.all(x, "alternateEnclosure"), b.base)
	if ep.Persons = persons(ns.podcast.all(x, "person"), b.base); ep.Persons == nil {
		ep.Persons = b.show.Persons // item-level persons replace the channel's
	}
	ep.Funding = funding(ns, x, b.base)
	ep.Soundbites = soundbites(ns.podcast.all(x, "soundbite"))
	ep.Transcripts = transcripts(ns.podcast.all(x, "transcript"), b.base)
	ep.ChaptersURL = resolveURL(b.base, attr(ns.podcast.first(x, "chapters"), "url"))
	ep.Chapters = pscChapters(ns.psc.first(x, "chapters"), b.base)

	// Links of Atom entries: payment (funding) and external PSC chapters.
	for _, l := range entryLinks(it, entry, ns) {
		href := resolveURL(b.base, l.href)
		switch strings.ToLower(l.rel) {
		case "payment":
			if href != "" && !hasFunding(ep.Funding, href) {
				ep.Funding = append(ep.Funding, podcast.Funding{URL: href, Title: strings.TrimSpace(l.title)})
			}
		}
	}

	notes := strings.TrimSpace(it.Content)
	if notes == "" {
		notes = strings.TrimSpace(it.Description)
	}
	if notes == "" {
		notes = ns.itunes.text(x, "summary")
	}
	baseURL := ep.Link
	if baseURL == "" && b.base != nil {
		baseURL = b.base.String()
	}

	ep.GUID = b.guid(it, &ep)
	if ep.GUID == "" {
		return // an exact duplicate of an earlier item
	}
	b.raw[ep.GUID] = RawEpisode{NotesHTML: notes, BaseURL: baseURL}
	b.show.Episodes = append(b.show.Episodes, ep)
}

// maxSeason keeps season numbers within int on every platform.
const maxSeason = 1 << 30

// guid returns the episode's identifier: the item's guid, else its
// enclosure URL, else its link, else a hash of its title and date. A GUID
// seen before gets a "#2", "#3"… suffix unless the item is an exact repeat
// (same enclosure and title), which returns "" so that it is dropped.
func (b *episodeBuilder) guid(it *gofeed.Item, ep *podcast.Episode) string {
	id := strings.TrimSpace(it.GUID)
	if id == "" {
		id = ep.Enclosure.URL
	}
	if id == "" {
		id = ep.Link
	}
	if id == "" {
		id = hashGUID(ep.Title, it.Published, it.Description)
	}
	i, dup := b.seen[id]
	if !dup {
		b.seen[id] = len(b.show.Episodes)
		return id
	}
	prev := &b.show.Episodes[i]
	if prev.Enclosure.URL == ep.Enclosure.URL && prev.Title == ep.Title {
		return ""
	}
	for n := 2; ; n++ {
		alt := id + "#" + strconv.Itoa(n)
		if _, taken := b.seen[alt]; !taken {
			b.seen[alt] = len(b.show.Episodes)
			return alt
		}
	}
}

// titleFromURL names an untitled episode after its media file, as
// podcastparser does: "https://host/show/ep-12.mp3" gives "ep-12".
func titleFromURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	name := path.Base(u)
	if name == "." || name == "/" || strings.HasSuffix(u, "/") {
		return ""
	}
	if un, err := url.PathUnescape(name); err == nil {
		name = un
	}
	return plainText(strings.TrimSuffix(name, path.Ext(name)))
}

// mediaExts are file extensions that identify playable media when an
// enclosure's type is missing or wrong.
var mediaExts = []string{".mp3", ".m4a", ".m4b", ".mp4", ".m4v", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".webm", ".mov", ".mkv", ".m3u8"}

func isMediaType(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return strings.HasPrefix(t, "audio/") || strings.HasPrefix(t, "video/")
}

func hasMediaExt(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return slices.Contains(mediaExts, strings.ToLower(path.Ext(u)))
}

// enclosure picks the episode's media: the first audio or video enclosure,
// else the first enclosure whose URL looks like media, else the first
// audio/video media:content.
func (b *episodeBuilder) enclosure(it *gofeed.Item, ns *namespaces) podcast.Enclosure {
	pick := func(e *gofeed.Enclosure) podcast.Enclosure {
		return podcast.Enclosure{
			URL:    resolveURL(b.base, e.URL),
			Type:   strings.TrimSpace(e.Type),
			Length: parseCount(e.Length),
		}
	}
	// An enclosure whose URL the policy refuses is skipped, not played.
	for _, e := range it.Enclosures {
		if e != nil && resolveURL(b.base, e.URL) != "" && isMediaType(e.Type) {
			return pick(e)
		}
	}
	for _, e := range it.Enclosures {
		if e != nil && resolveURL(b.base, e.URL) != "" && hasMediaExt(strings.TrimSpace(e.URL)) && !strings.HasPrefix(strings.ToLower(e.Type), "image/") {
			return pick(e)
		}
	}
	for _, c := range mediaContents(it.Extensions, ns) {
		u := resolveURL(b.base, attr(c, "url"))
		medium := strings.ToLower(attr(c, "medium"))
		if u != "" && (isMediaType(attr(c, "type")) || medium == "audio" || medium == "video") {
			return podcast.Enclosure{URL: u, Type: attr(c, "type"), Length: parseCount(attr(c, "fileSize"))}
		}
	}
	return podcast.Enclosure{}
}

// mediaContents returns media:content elements, direct and inside
// media:group.
func mediaContents(x ext.Extensions, ns *namespaces) []*extension {
	var out []*extension
	cs := ns.media.all(x, "content")
	for i := range cs {
		out = append(out, &cs[i])
	}
	for _, g := range ns.media.all(x, "group") {
		cs := g.Children["content"]
		for i := range cs {
			out = append(out, &cs[i])
		}
	}
	return out
}

// duration reads itunes:duration in any of its forms, else the duration of
// the media:content that carries the enclosure.
func duration(it *gofeed.Item, ns *namespaces) float64 {
	if d, err := podcast.ParseDuration(ns.itunes.text(it.Extensions, "duration")); err == nil && d > 0 {
		return d
	}
	for _, c := range mediaContents(it.Extensions, ns) {
		if d, ok := parseSeconds(attr(c, "duration")); ok && d > 0 {
			return d
		}
	}
	return 0
}

// image returns the item's artwork: itunes:image, else what gofeed found
// (a Media RSS or image enclosure), else media:thumbnail, else the show's.
// An image URL the policy refuses counts as none.
func (b *episodeBuilder) image(it *gofeed.Item, ns *namespaces) string {
	if u := resolveURL(b.base, imageHref(ns.itunes.first(it.Extensions, "image"))); u != "" {
		return u
	}
	if it.Image != nil {
		if u := resolveURL(b.base, it.Image.URL); u != "" {
			return u
		}
	}
	if u := resolveURL(b.base, attr(ns.media.first(it.Extensions, "thumbnail"), "url")); u != "" {
		return u
	}
	for _, g := range ns.media.all(it.Extensions, "group") {
		if ts := g.Children["thumbnail"]; len(ts) > 0 {
			if u := resolveURL(b.base, attr(&ts[0], "url")); u != "" {
				return u
			}
		}
	}
	return b.show.Image
}

// imageHref reads an itunes:image: href attribute, or (sloppy feeds) text.
func imageHref(x *extension) string {
	if x == nil {
		return ""
	}
	if h := hrefAttr(x, "href"); h != "" {
		return h
	}
	if h := attr(x, "url"); h != "" {
		return h
	}
	return strings.TrimSpace(x.Value)
}

// entryLinks returns an item's atom:link elements (Atom entries, or RSS
// items carrying atom:link).
func entryLinks(it *gofeed.Item, entry *atom.Entry, ns *namespaces) []link {
	if entry != nil {
		return atomLinks(entry.Links, nil, ns)
	}
	return atomLinks(nil, it.Extensions, ns)
}

// atomLinks are the links of an Atom document's element (parsed), or
// else the atom:link extension elements of an RSS one.
func atomLinks(parsed []*atom.Link, exts ext.Extensions, ns *namespaces) []link {
	var out []link
	if parsed != nil {
		for _, l := range parsed {
			if l != nil {
				out = append(out, link{rel: l.Rel, href: l.Href, title: l.Title})
			}
		}
		return out
	}
	for _, l := range ns.atom.all(exts, "link") {
		out = append(out, link{rel: l.Attrs["rel"], href: hrefAttr(&l, "href"), title: l.Attrs["title"]})
	}
	return out
}

// persons adapts podcast:person elements. Role and group are lower-cased
// and default to "host" and "cast", as the namespace specifies.
func persons(xs []extension, base *url.URL) []podcast.Person {
	var out []podcast.Person
	for i := range xs {
		x := &xs[i]
		name := plainText(x.Value)
		if name == "" {
			continue
		}
		p := podcast.Person{
			Name:  name,
			Role:  strings.ToLower(attr(x, "role")),
			Group: strings.ToLower(attr(x, "group")),
			Image: resolveURL(base, attr(x, "img")),
			Href:  resolveURL(base, hrefAttr(x, "href")),
		}
		if p.Role == "" {
			p.Role = "host"
		}
		if p.Group == "" {
			p.Group = "cast"
		}
		out = append(out, p)
	}
	return out
}

// funding adapts podcast:funding elements of one channel or item.
func funding(ns *namespaces, x ext.Extensions, base *url.URL) []podcast.Funding {
	xs := ns.podcast.all(x, "funding")
	var out []podcast.Funding
	for i := range xs {
		u := resolveURL(base, attr(&xs[i], "url"))
		if u == "" || hasFunding(out, u) {
			continue
		}
		out = append(out, podcast.Funding{URL: u, Title: plainText(xs[i].Value)})
	}
	return out
}

func hasFunding(fs []podcast.Funding, u string) bool {
	for _, f := range fs {
		if f.URL == u {
			return true
		}
	}
	return false
}

// alternates adapts podcast:alternateEnclosure elements with their
// podcast:source children; one without a usable source is dropped.
func alternates(xs []extension, base *url.URL) []podcast.AlternateEnclosure {
	var out []podcast.AlternateEnclosure
	for i := range xs {
		x := &xs[i]
		a := podcast.AlternateEnclosure{
			Type:    attr(x, "type"),
			Length:  parseCount(attr(x, "length")),
			Title:   plainText(attr(x, "title")),
			Lang:    attr(x, "lang"),
			Default: truthy(attr(x, "default")),
		}
		a.Bitrate, _ = parseSeconds(attr(x, "bitrate"))
		for j, srcs := 0, x.Children["source"]; j < len(srcs); j++ {
			if u := resolveURL(base, hrefAttr(&srcs[j], "uri")); u != "" {
				a.Sources = append(a.Sources, u)
			}
		}
		if len(a.Sources) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// soundbites adapts podcast:soundbite elements with a valid start and a
// positive duration.
func soundbites(xs []extension) []podcast.Soundbite {
	var out []podcast.Soundbite
	for i := range xs {
		start, ok1 := parseSeconds(attr(&xs[i], "startTime"))
		dur, ok2 := parseSeconds(attr(&xs[i], "duration"))
		if !ok1 || !ok2 || dur <= 0 {
			continue
		}
		out = append(out, podcast.Soundbite{Start: start, Duration: dur, Title: plainText(xs[i].Value)})
	}
	return out
}

// transcripts adapts podcast:transcript elements.
func transcripts(xs []extension, base *url.URL) []podcast.TranscriptRef {
	var out []podcast.TranscriptRef
	for i := range xs {
		x := &xs[i]
		u := resolveURL(base, attr(x, "url"))
		if u == "" {
			continue
		}
		out = append(out, podcast.TranscriptRef{
			URL:      u,
			Type:     strings.ToLower(attr(x, "type")),
			Language: attr(x, "language"),
			Rel:      attr(x, "rel"),
		})
	}
	return out
}

// pscChapters adapts the first psc:chapters element (feedparser's rule:
// later ones are ignored). Chapters with a start that is not Normal Play
// Time are dropped; the rest are sorted by start, stably.
func pscChapters(x *extension, base *url.URL) []podcast.Chapter {
	if x == nil {
		return nil
	}
	cs := x.Children["chapter"]
	out := make([]podcast.Chapter, 0, len(cs))
	for i := range cs {
		c := &cs[i]
		start, err := podcast.ParseNPT(attr(c, "start"))
		if err != nil {
			continue
		}
		out = append(out, podcast.Chapter{
			Start:  start,
			Title:  plainText(attr(c, "title")),
			URL:    resolveURL(base, hrefAttr(c, "href")),
			Image:  resolveURL(base, attr(c, "image")),
			Source: podcast.SourcePSC,
		})
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortStableFunc(out, func(a, b podcast.Chapter) int {
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	return out
}

// liveItem turns a podcast:liveItem, which gofeed keeps as one extension
// element whose children are known by local name only, into an item whose
// children are filed under the conventional prefixes, so that it goes
// through the same adaptation as any other item.
func liveItem(x *extension) (*gofeed.Item, *podcast.Live) {
	live := &podcast.Live{
		Status: strings.ToLower(attr(x, "status")),
		Start:  parseTime(attr(x, "start")),
		End:    parseTime(attr(x, "end")),
	}
	it := &gofeed.Item{Extensions: ext.Extensions{}}
	file := func(prefix, name string, c []extension) {
		if it.Extensions[prefix] == nil {
			it.Extensions[prefix] = map[string][]extension{}
		}
		it.Extensions[prefix][name] = append(it.Extensions[prefix][name], c...)
	}
	for name, cs := range x.Children {
		if len(cs) == 0 {
			continue
		}
		switch name {
		case "title":
			it.Title = cs[0].Value
		case "guid":
			it.GUID = cs[0].Value
		case "link":
			it.Link = cs[0].Value
			if it.Link == "" {
				it.Link = cs[0].Attrs["href"]
			}
		case "description":
			it.Description = cs[0].Value
		case "encoded":
			it.Content = cs[0].Value
		case "pubDate":
			it.Published = cs[0].Value
			if t := parseTime(cs[0].Value); !t.IsZero() {
				it.PublishedParsed = &t
			}
		case "enclosure":
			for _, c := range cs {
				it.Enclosures = append(it.Enclosures, &gofeed.Enclosure{URL: c.Attrs["url"], Type: c.Attrs["type"], Length: c.Attrs["length"]})
			}
		case "duration", "explicit", "image", "episodeType", "summary", "author", "subtitle":
			file("itunes", name, cs)
		case "chapters":
			// podcast:chapters has a url; psc:chapters has chapter children.
			for _, c := range cs {
				if len(c.Children["chapter"]) > 0 {
					file("psc", name, []extension{c})
				} else {
					file("podcast", name, []extension{c})
				}
			}
		case "content", "group", "thumbnail":
			file("media", name, cs)
		default: // person, alternateEnclosure, transcript, soundbite, season, episode, …
			file("podcast", name, cs)
		}
	}
	return it, live
}
