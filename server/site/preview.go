package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed"
)

// Limits of link previews.
const (
	// previewTimeout bounds loading a preview's data. The page's own
	// prerender has just loaded the same feed, so this normally reads the
	// cache; the bound keeps a feed that failed from delaying the page a
	// second time.
	previewTimeout = 2 * time.Second
	// maxPreviewDescriptionRunes is the length of og:description and
	// twitter:description: previews show two or three lines at most.
	maxPreviewDescriptionRunes = 300
	// maxPreviewTitleRunes bounds og:title; feed titles can be any length.
	maxPreviewTitleRunes = 200
	// previewPlayerLayout is the embed layout of the twitter:player card:
	// artwork, title and controls fit a card's aspect ratio.
	previewPlayerLayout = embed.LayoutCompact
)

// Types of the oEmbed discovery links (https://oembed.com/, section 4).
const (
	oembedJSONType = "application/json+oembed"
	oembedXMLType  = "text/xml+oembed"
)

// errNoPreview: the request is for no page that has a link preview.
var errNoPreview = errors.New("site: no link preview for this page")

// preview is the link preview of one page: the elements that go into its
// <head> and the HTTP Link header with its oEmbed discovery links.
type preview struct {
	// tags are complete HTML elements, one per entry, every attribute value
	// escaped.
	tags []string
	// link is the value of the HTTP Link header (RFC 8288).
	link string
}

// withPreview gives a prerendered page (the body of a 200 text/html answer
// to r) the link preview of what it shows: go-app's own Open Graph and
// Twitter tags, which carry the wrong URLs, are removed, and ours are put at
// the end of the <head>; head elements that go-app wrote with Go escapes in
// their attribute values are written again as HTML (see scanHead).
// linkHeader is the value for the response's Link header, or "" for none.
// Only the <head> changes; when the page is not one
// of the player pages, or its feed fails, the page keeps no preview tags
// (and is otherwise served unchanged), and when the body has no <head> to
// rewrite it is returned as it is.
func (s *Site) withPreview(r *http.Request, body []byte) (newBody []byte, linkHeader string) {
	if !hasPreview(r.URL.Path) {
		return body, ""
	}
	ctx, cancel := context.WithTimeout(r.Context(), previewTimeout)
	defer cancel()
	p, err := s.preview(ctx, r)
	if err != nil {
		slog.DebugContext(ctx, "link preview unavailable", "path", r.URL.Path, "err", err)
		p = preview{}
	}
	out, ok := rewriteHead(body, p.tags)
	if !ok {
		return body, ""
	}
	return out, p.link
}

// hasPreview reports whether the page at path has a link preview.
func hasPreview(path string) bool {
	switch path {
	case "/", embed.PathShow, embed.PathEpisode, embed.PathEmbed:
		return true
	}
	return false
}

// preview builds the link preview of the page r asks for: an episode
// (/episode, /embed: feed, guid, t) or a show (/, /show: feed). The data
// comes from the feed cache; an empty feed is the default show.
func (s *Site) preview(ctx context.Context, r *http.Request) (preview, error) {
	path := r.URL.Path
	if !hasPreview(path) {
		return preview{}, errNoPreview
	}
	t := embed.ParseTarget(r.URL)
	show, err := s.cfg.Feeds.Show(ctx, s.feedOrDefault(t.Feed))
	if err != nil {
		return preview{}, fmt.Errorf("site: preview of %s: %w", path, err)
	}
	base := s.embedBase(r)
	if t.Feed != "" && show.FeedURL != "" {
		t.Feed = show.FeedURL // the normalized address, so variants share one canonical URL
	}
	if path == embed.PathEpisode || path == embed.PathEmbed {
		ep, ok := show.Episode(t.GUID)
		if !ok {
			return preview{}, fmt.Errorf("site: preview of %s: episode %q: %w", path, t.GUID, feed.ErrNotFound)
		}
		return episodePreview(base, path, t, embed.ParseOptions(r.URL.Query()), show, ep), nil
	}
	return showPreview(base, t.Feed, show), nil
}

// episodePreview is the preview of an episode page, or of an embed page
// with options o. The URLs name the episode by its GUID even when the page
// was asked for without one (the newest episode), so a shared link keeps
// showing what its preview shows; the time (t=) is kept.
func episodePreview(base, path string, t embed.Target, o embed.Options, show *podcast.Show, ep *podcast.Episode) preview {
	t.GUID = ep.GUID
	canonical := base + embed.EpisodePath(t)
	page := canonical // the page the oEmbed links describe
	player := embed.Options{Layout: previewPlayerLayout}
	if path == embed.PathEmbed {
		// An embed is canonically its episode page, but its oEmbed and its
		// card player keep the podcaster's presentation choices.
		o.Autoplay = false
		page = embed.EmbedURL(base, t, o)
		player = o
	}
	var b previewBuilder
	title := joinTitle(ep.Title, show.Title)
	b.common("article", title, firstNonEmpty(ep.Summary, show.Description), canonical)
	if !ep.Published.IsZero() {
		b.meta("property", "article:published_time", ep.Published.UTC().Format(time.RFC3339))
	}
	b.image(firstHTTPURL(ep.Image, show.Image), show.Title)
	if isAbsHTTP(ep.Enclosure.URL) {
		b.meta("property", "og:audio", ep.Enclosure.URL)
		b.meta("property", "og:audio:type", ep.Enclosure.Type)
	}
	b.player(embed.EmbedURL(base, t, player), player.LayoutOrDefault())
	b.oembed(base, page, title)
	return b.preview
}

// showPreview is the preview of a show page (feedURL "" is the default
// show).
// Its player is the embed of the newest episode, as the show's oEmbed is.
func showPreview(base, feedURL string, show *podcast.Show) preview {
	canonical := base + "/"
	if feedURL != "" {
		canonical = base + embed.ShowPath(feedURL)
	}
	var b previewBuilder
	title := cleanText(show.Title, maxPreviewTitleRunes)
	if title == "" {
		title = embed.ProviderName
	}
	b.common("website", title, show.Description, canonical)
	b.image(firstHTTPURL(show.Image), show.Title)
	if len(show.Episodes) > 0 {
		player := embed.Options{Layout: previewPlayerLayout}
		b.player(embed.EmbedURL(base, embed.Target{Feed: feedURL}, player), player.LayoutOrDefault())
	}
	b.oembed(base, canonical, title)
	return b.preview
}

// previewBuilder collects a preview's tags.
type previewBuilder struct {
	preview
	cardAt int // index of the twitter:card tag
}

// meta adds <meta attr="key" content="value">; an empty value adds nothing.
func (b *previewBuilder) meta(attr, key, value string) {
	if value == "" {
		return
	}
	b.tags = append(b.tags, `<meta `+attr+`="`+attrEscape(key)+`" content="`+attrEscape(value)+`">`)
}

// common adds what every preview has. title is already cleaned.
func (b *previewBuilder) common(ogType, title, description, canonical string) {
	description = cleanText(description, maxPreviewDescriptionRunes)
	b.tags = append(b.tags, `<link rel="canonical" href="`+attrEscape(canonical)+`">`)
	b.meta("property", "og:type", ogType)
	b.meta("property", "og:site_name", embed.ProviderName)
	b.meta("property", "og:title", title)
	b.meta("property", "og:description", description)
	b.meta("property", "og:url", canonical)
	b.cardAt = len(b.tags)
	b.meta("name", "twitter:card", "summary") // player makes it a player card
	b.meta("name", "twitter:title", title)
	b.meta("name", "twitter:description", description)
}

// image adds the artwork, described for screen readers.
func (b *previewBuilder) image(u, showTitle string) {
	if u == "" {
		return
	}
	alt := cleanText("Cover art of "+showTitle, maxPreviewTitleRunes)
	b.meta("property", "og:image", u)
	b.meta("property", "og:image:alt", alt)
	b.meta("name", "twitter:image", u)
	b.meta("name", "twitter:image:alt", alt)
}

// player makes the Twitter card a player card playing src, an embed URL
// with layout l.
func (b *previewBuilder) player(src string, l embed.Layout) {
	b.tags[b.cardAt] = `<meta name="twitter:card" content="player">`
	b.meta("name", "twitter:player", src)
	b.meta("name", "twitter:player:width", strconv.Itoa(embed.OEmbedWidth))
	b.meta("name", "twitter:player:height", strconv.Itoa(l.Height()))
}

// oembed adds the oEmbed discovery links for page, as elements and as the
// Link header.
func (b *previewBuilder) oembed(base, page, title string) {
	var link []string
	for _, f := range []struct{ format, typ string }{{"json", oembedJSONType}, {"xml", oembedXMLType}} {
		u := embed.OEmbedURL(base, page, f.format)
		b.tags = append(b.tags, `<link rel="alternate" type="`+f.typ+`" href="`+attrEscape(u)+`" title="`+attrEscape(title)+`">`)
		link = append(link, "<"+linkTarget(u)+`>; rel="alternate"; type="`+f.typ+`"`)
	}
	b.link = strings.Join(link, ", ")
}

// linkTarget escapes what may not appear between the angle brackets of a
// Link header value (RFC 8288 section 3: a URI-Reference): controls, space,
// non-ASCII and the characters RFC 3986 excludes. The URLs are built with
// url.Values, so this only matters for a base URL taken from a request's
// Host.
func linkTarget(u string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// joinTitle is "episode · show", or whichever of the two there is.
func joinTitle(episode, show string) string {
	episode, show = cleanText(episode, maxPreviewTitleRunes), cleanText(show, maxPreviewTitleRunes)
	switch {
	case episode == "":
		return firstNonEmpty(show, embed.ProviderName)
	case show == "":
		return episode
	}
	return cleanText(episode+" · "+show, maxPreviewTitleRunes)
}

// cleanText makes s a one-line plain text of at most max runes: invalid
// UTF-8 and control characters go, runs of white space become one space, and
// a longer text is cut at a word boundary and ends with "…".
func cleanText(s string, max int) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == max-1 { // leave room for the ellipsis
			cut = i
			break
		}
		n++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:.-–—·") + "…"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// firstHTTPURL is the first of us that is an absolute http(s) URL, or "":
// previews are fetched by other servers, which cannot resolve relative or
// other URLs.
func firstHTTPURL(us ...string) string {
	for _, u := range us {
		if u = strings.TrimSpace(u); isAbsHTTP(u) {
			return u
		}
	}
	return ""
}

// isAbsHTTP applies Earshot's URL policy (podcast.SafeLink).
func isAbsHTTP(s string) bool { return podcast.SafeLink(s) != "" }

// rewriteHead returns page with its link-preview elements replaced by
// tags: every <meta> whose property or name is og:…, twitter:… or
// article:…, every <link rel="canonical"> and every oEmbed discovery <link>
// in the <head> is removed (with its line, when it has one to itself), and
// tags are inserted before </head> (or before <body> when the head is not
// closed). Head elements whose attribute values go-app wrote with escapes
// (see scanHead) are written again as HTML. Nothing from the end of the head
// on is touched. ok is false, and page is returned unchanged, when page has
// no head that scanHead can read.
func rewriteHead(page []byte, tags []string) (out []byte, ok bool) {
	els, at, closing, ok := scanHead(page)
	if !ok {
		return page, false
	}
	var edits []edit
	for _, e := range els {
		switch {
		case isPreviewTag(e):
			start, end := lineOf(page, e.start, e.end)
			edits = append(edits, edit{start, end, ""})
		case e.requote:
			edits = append(edits, edit{e.start, e.end, e.html()})
		}
	}
	return splice(page, edits, at, tags, closing), true
}

// headTag is a start tag in a page's head.
type headTag struct {
	start, end int // its bytes in the page
	name       string
	attrs      []headAttr
	// requote: a value was written with Go escapes, which HTML does not
	// know, so the tag must be written again to mean what go-app meant.
	requote bool
}

type headAttr struct {
	name, value string
	hasValue    bool // false for a bare attribute (crossorigin)
}

// get is the value of the first attribute named name.
func (t headTag) get(name string) string {
	for _, a := range t.attrs {
		if a.name == name {
			return a.value
		}
	}
	return ""
}

// html writes the tag as HTML, every value escaped.
func (t headTag) html() string {
	var b strings.Builder
	b.WriteString("<" + t.name)
	for _, a := range t.attrs {
		b.WriteString(" " + a.name)
		if a.hasValue {
			b.WriteString(`="` + attrEscape(a.value) + `"`)
		}
	}
	b.WriteString(">")
	return b.String()
}

// attrEscape escapes s for a double-quoted attribute value. Backslashes are
// escaped too, so that the value reads the same to an HTML parser and to
// scanHead.
func attrEscape(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), `\`, "&#92;")
}

// rawTextTags are the elements whose content is text up to their end tag.
var rawTextTags = map[string]bool{"script": true, "style": true, "title": true, "textarea": true, "noscript": true, "template": true}

// scanHead reads page up to the end of its head and returns the start tags
// in it, and the offset of the </head> (closing) or <body> where the head
// ends.
//
// It reads the head as go-app writes it, which an HTML tokenizer cannot:
// go-app v10 writes attribute values with strconv.Quote, so a value holding
// a double quote comes out as content="a \"b\" c", which HTML reads as the
// value `a \` followed by junk (and `"><script>` in a feed title as a
// script). Here a double-quoted value is read as a Go string literal, which
// agrees with HTML whenever the value holds no backslash (as in our own
// RawHeaders and in the tags rewriteHead writes). Text is skipped up to the
// next '<', the content of raw-text elements (script, style, title) up to
// their end tag. ok is false when the head does not end or a tag cannot be
// read.
func scanHead(page []byte) (tags []headTag, at int, closing, ok bool) {
	i := 0
	for i < len(page) {
		if page[i] != '<' {
			j := bytes.IndexByte(page[i:], '<')
			if j < 0 {
				return nil, 0, false, false
			}
			i += j
			continue
		}
		rest := page[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			j := bytes.Index(rest[4:], []byte("-->"))
			if j < 0 {
				return nil, 0, false, false
			}
			i += 4 + j + 3
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
			j := bytes.IndexByte(rest, '>')
			if j < 0 {
				return nil, 0, false, false
			}
			i += j + 1
		case bytes.HasPrefix(rest, []byte("</")):
			if tagName(rest[2:]) == "head" {
				return tags, i, true, true
			}
			j := bytes.IndexByte(rest, '>')
			if j < 0 {
				return nil, 0, false, false
			}
			i += j + 1
		default:
			name := tagName(rest[1:])
			if name == "" { // a '<' in text
				i++
				continue
			}
			if name == "body" {
				return tags, i, false, true
			}
			t, ok := scanTag(page, i, name)
			if !ok {
				return nil, 0, false, false
			}
			tags = append(tags, t)
			i = t.end
			if rawTextTags[name] {
				j := indexFold(page[i:], "</"+name)
				if j < 0 {
					return nil, 0, false, false
				}
				i += j
			}
		}
	}
	return nil, 0, false, false
}

// tagName is the lower-cased tag name at the start of b, or "".
func tagName(b []byte) string {
	n := 0
	for n < len(b) && (isASCIILetter(b[n]) || n > 0 && (b[n] == '-' || '0' <= b[n] && b[n] <= '9')) {
		n++
	}
	return strings.ToLower(string(b[:n]))
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// indexFold is the offset of the first s (lower case ASCII) in b, ignoring
// case, or -1.
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if strings.EqualFold(string(b[i:i+len(s)]), s) {
			return i
		}
	}
	return -1
}

// scanTag reads the start tag named name at page[start:].
func scanTag(page []byte, start int, name string) (headTag, bool) {
	t := headTag{start: start, name: name}
	p := start + 1 + len(name)
	for {
		for p < len(page) && isHTMLSpace(page[p]) {
			p++
		}
		if p >= len(page) {
			return t, false
		}
		switch page[p] {
		case '>':
			t.end = p + 1
			return t, true
		case '/':
			p++
			continue
		}
		n := p
		for n < len(page) && !isHTMLSpace(page[n]) && page[n] != '=' && page[n] != '>' && page[n] != '/' {
			n++
		}
		if n == p { // '=' with no name
			return t, false
		}
		a := headAttr{name: strings.ToLower(string(page[p:n]))}
		p = n
		for p < len(page) && isHTMLSpace(page[p]) {
			p++
		}
		if p < len(page) && page[p] == '=' {
			p++
			for p < len(page) && isHTMLSpace(page[p]) {
				p++
			}
			v, next, escaped, ok := attrValue(page, p)
			if !ok {
				return t, false
			}
			a.value, a.hasValue, p = v, true, next
			t.requote = t.requote || escaped
		}
		t.attrs = append(t.attrs, a)
	}
}

// attrValue reads the attribute value at page[p:]: double-quoted as a Go
// string literal (escaped reports a backslash in it), single-quoted or
// unquoted as HTML.
func attrValue(page []byte, p int) (v string, next int, escaped, ok bool) {
	if p >= len(page) {
		return "", p, false, false
	}
	switch q := page[p]; q {
	case '"':
		for e := p + 1; e < len(page); e++ {
			switch page[e] {
			case '\\':
				escaped = true
				e++
			case '"':
				if !escaped {
					return html.UnescapeString(string(page[p+1 : e])), e + 1, false, true
				}
				if s, err := strconv.Unquote(string(page[p : e+1])); err == nil {
					return s, e + 1, true, true
				}
				// Not Go syntax: HTML, where a backslash is a backslash.
				return html.UnescapeString(string(page[p+1 : e])), e + 1, false, true
			}
		}
		return "", p, false, false
	case '\'':
		e := bytes.IndexByte(page[p+1:], q)
		if e < 0 {
			return "", p, false, false
		}
		return html.UnescapeString(string(page[p+1 : p+1+e])), p + 1 + e + 1, false, true
	}
	e := p
	for e < len(page) && !isHTMLSpace(page[e]) && page[e] != '>' {
		e++
	}
	return html.UnescapeString(string(page[p:e])), e, false, true
}

// isPreviewTag reports whether t is one of the elements a link preview
// consists of.
func isPreviewTag(t headTag) bool {
	switch t.name {
	case "meta":
		for _, k := range []string{"property", "name"} {
			v := strings.ToLower(strings.TrimSpace(t.get(k)))
			for _, p := range []string{"og:", "twitter:", "article:"} {
				if strings.HasPrefix(v, p) {
					return true
				}
			}
		}
	case "link":
		typ := strings.ToLower(strings.TrimSpace(t.get("type")))
		for _, rel := range strings.Fields(strings.ToLower(t.get("rel"))) {
			if rel == "canonical" || rel == "alternate" && (typ == oembedJSONType || typ == oembedXMLType) {
				return true
			}
		}
	}
	return false
}

// lineOf widens the range [start, end) of an element to its whole line
// (indentation and line break) when nothing else is on that line.
func lineOf(page []byte, start, end int) (int, int) {
	ls := start
	for ls > 0 && (page[ls-1] == ' ' || page[ls-1] == '\t') {
		ls--
	}
	if ls > 0 && page[ls-1] != '\n' {
		return start, end
	}
	switch {
	case bytes.HasPrefix(page[end:], []byte("\r\n")):
		return ls, end + 2
	case bytes.HasPrefix(page[end:], []byte("\n")):
		return ls, end + 1
	}
	return start, end
}

// edit replaces page[start:end] with repl.
type edit struct {
	start, end int
	repl       string
}

// splice applies edits (in order, before at) to page and inserts tags at
// offset at, where </head> (closing) or <body> starts. When that tag starts
// its line, the tags go on lines of their own, indented as children of the
// head.
func splice(page []byte, edits []edit, at int, tags []string, closing bool) []byte {
	ls := at
	for ls > 0 && (page[ls-1] == ' ' || page[ls-1] == '\t') {
		ls--
	}
	var ins strings.Builder
	if ls > 0 && page[ls-1] == '\n' {
		indent := string(page[ls:at])
		if closing {
			indent += "  "
		}
		for _, t := range tags {
			ins.WriteString(indent + t + "\n")
		}
		at = ls
	} else {
		for _, t := range tags {
			ins.WriteString(t)
		}
	}
	out := make([]byte, 0, len(page)+ins.Len())
	prev := 0
	for _, e := range edits {
		out = append(out, page[prev:e.start]...)
		out = append(out, e.repl...)
		prev = e.end
	}
	out = append(out, page[prev:at]...)
	out = append(out, ins.String()...)
	return append(out, page[at:]...)
}
