// Package notes turns the show notes of a feed item into what the player
// shows: sanitized HTML with absolute links and clickable timestamps, chapters
// guessed from timestamp lists, and a plain-text excerpt.
//
// Show notes are hostile input. Sanitize parses them with golang.org/x/net/html,
// rewrites the tree (links resolved and given target/rel, images checked,
// dangerous subtrees dropped), renders it, and passes the result through a
// bluemonday allow-list policy as the last step, so nothing reaches the
// output without going through bluemonday. Timestamp links are built as nodes
// in the same tree before that final pass; the policy allows exactly the
// attributes they need (href "#t=<seconds>", data-t, class="ts") and the tree
// pass guarantees those only ever appear together on our own links.
package notes

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/earshot/earshot/podcast"
)

// maxNotesBytes bounds the show notes we process; longer input is cut (the
// HTML parser closes what the cut leaves open). Real show notes are a few
// kilobytes; the limit only stops pathological feeds from costing seconds.
const maxNotesBytes = 256 << 10

// Sanitize returns show notes safe to render as HTML: formatting podcasters
// use is kept (paragraphs, lists, headings, emphasis, links, images, code,
// quotes, simple tables), everything that can run script, load frames or
// style the page is dropped. Links and image sources are resolved against
// base (the episode link or the feed URL; nil when unknown, in which case
// relative URLs are dropped) and must be http, https (or mailto for links);
// every link opens in a new tab with rel="noopener noreferrer". Links the
// author made to a media fragment ("#t=90", "#t=1:30") become timestamp links
// (see LinkTimestamps).
//
// Notes without any tags are treated as plain text: blank lines separate
// paragraphs, newlines become <br>, bare URLs and e-mail addresses become
// links. HTML without any block element or <br> keeps its newlines as <br>
// and is wrapped in a paragraph. Sanitizing the output again returns it
// unchanged.
//
// The feed normalizer is expected to call
//
//	ep.Notes = notes.LinkTimestamps(notes.Sanitize(raw, base), ep.Duration)
func Sanitize(notes string, base *url.URL) podcast.SafeHTML {
	return render(notes, httpBase(base), 0, false)
}

// LinkTimestamps turns times mentioned in sanitized show notes ("03:15",
// "(1:02:03)", "[12:34]") into links the player intercepts:
//
//	<a href="#t=195" data-t="195" class="ts">03:15</a>
//
// data-t is in seconds. Times past duration are left alone when duration is
// known (> 0), as are clock times ("4:20 PM", "16:30 Uhr", "um 20:15"),
// stated lengths ("Dauer: 3:32:21"), times inside links and anything
// FindTimestamps refuses. The result goes through the same final policy as
// Sanitize, so it is safe whatever notes holds.
func LinkTimestamps(notes podcast.SafeHTML, duration float64) podcast.SafeHTML {
	return render(string(notes), nil, duration, true)
}

// render is the pipeline behind Sanitize and LinkTimestamps: build a tree
// (parsed HTML or paragraphs from plain text), clean it, optionally link
// timestamps, render it and pass it through the final policy.
func render(s string, base *url.URL, duration float64, link bool) podcast.SafeHTML {
	root := tree(s)
	if root == nil {
		return ""
	}
	clean(root, base, duration)
	if !hasBlocks(root) {
		// Text with a few inline tags: the author's newlines are the only
		// structure it has. Wrapping it in a paragraph also makes the output
		// HTML again, so sanitizing it twice changes nothing.
		breakLines(root)
		wrap(root, atom.P)
	}
	if link {
		linkTimestamps(root, duration)
	}
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "" // only on write errors, which a strings.Builder does not have
		}
	}
	return podcast.SafeHTML(strings.TrimSpace(policy.Sanitize(b.String())))
}

// tree parses notes into a container node: HTML as a body fragment, plain
// text as paragraphs. It returns nil for empty notes.
func tree(s string) *html.Node {
	s = strings.TrimSpace(stripControls(truncate(s, maxNotesBytes)))
	if s == "" {
		return nil
	}
	if !looksLikeHTML(s) {
		return plainTextTree(s)
	}
	root := newElement(atom.Div)
	nodes, err := html.ParseFragment(strings.NewReader(s), root)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root
}

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// stripControls drops C0 control characters other than tab and line
// breaks, and DEL: they have no business in show notes, and the HTML parser
// would drop some of them (NUL) but not others.
func stripControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return (r < ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\f') || r == 0x7f
}

// tagRe finds something that is an HTML tag, comment or doctype, and not a
// "<" in prose ("a < b", "I <3 this") or an angle-bracketed URL
// ("<https://example.com>", which is plain-text convention).
var tagRe = regexp.MustCompile(`(?i)<(?:/?[a-z][a-z0-9-]*(?:[\s/>]|$)|!--|!doctype)`)

func looksLikeHTML(s string) bool { return tagRe.MatchString(s) }

// policy is the final gate every output goes through. The tree pass has
// already normalized links and images; the policy re-checks every element,
// attribute and URL, so a bug in the tree pass cannot let script through.
var policy = newPolicy()

var (
	// hrefRe: absolute http(s) and mailto links, or our own timestamp
	// fragment. Relative URLs are allowed by the policy only so that
	// "#t=…" passes; this pattern refuses every other relative URL.
	hrefRe    = regexp.MustCompile(`^(?:(?i:https?)://\S+|(?i:mailto):\S+|#t=[0-9]+(?:\.[0-9]{1,3})?)$`)
	srcRe     = regexp.MustCompile(`^(?i:https?)://\S+$`)
	secondsRe = regexp.MustCompile(`^[0-9]+(?:\.[0-9]{1,3})?$`)
)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"p", "br", "div", "hr",
		"strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
		"cite", "q", "abbr", "kbd", "samp", "code", "pre", "blockquote",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "dl", "dt", "dd",
		"figure", "figcaption",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
	)
	p.AllowAttrs("href").Matching(hrefRe).OnElements("a")
	p.AllowAttrs("target").Matching(regexp.MustCompile(`^_blank$`)).OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^noopener noreferrer$`)).OnElements("a")
	p.AllowAttrs("data-t").Matching(secondsRe).OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^ts$`)).OnElements("a")
	p.AllowAttrs("title").OnElements("a", "img", "abbr")
	p.AllowAttrs("src").Matching(srcRe).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^[0-9]{1,4}$`)).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	p.AllowAttrs("colspan", "rowspan").Matching(regexp.MustCompile(`^[0-9]{1,3}$`)).OnElements("td", "th")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,6}$`)).OnElements("ol")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true) // for "#t=…" only; see hrefRe
	return p
}

// dropped are elements removed with everything inside them: script and
// style carriers, embedded content, form controls, document metadata, and
// every element whose content the HTML serializer writes raw (so rendering
// the tree can never emit markup that was text).
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Noembed: true, atom.Noframes: true, atom.Iframe: true, atom.Frame: true,
	atom.Frameset: true, atom.Object: true, atom.Embed: true, atom.Applet: true,
	atom.Param: true, atom.Xmp: true, atom.Plaintext: true, atom.Textarea: true,
	atom.Title: true, atom.Select: true, atom.Option: true, atom.Optgroup: true,
	atom.Button: true, atom.Input: true, atom.Meta: true, atom.Link: true,
	atom.Base: true, atom.Head: true, atom.Audio: true, atom.Video: true,
	atom.Source: true, atom.Track: true, atom.Canvas: true, atom.Map: true,
	atom.Area: true, atom.Math: true, atom.Svg: true, atom.Dialog: true,
	atom.Slot: true, atom.Datalist: true, atom.Keygen: true, atom.Output: true,
}

// renamed are block elements the policy does not allow; clean turns them
// into <div>.
var renamed = map[atom.Atom]bool{
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Nav: true, atom.Main: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Center: true, atom.Hgroup: true,
	atom.Fieldset: true, atom.Legend: true, atom.Form: true,
}

// wrap moves the children of n into a new element, unless they are only
// white space.
func wrap(n *html.Node, a atom.Atom) {
	empty := true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.TextNode || strings.TrimSpace(c.Data) != "" {
			empty = false
			break
		}
	}
	if empty {
		return
	}
	w := newElement(a)
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		w.AppendChild(c)
	}
	n.AppendChild(w)
}

// skipped reports whether n's subtree is not content: dropped elements and
// anything in the SVG or MathML namespaces.
func skipped(n *html.Node) bool {
	return n.Type == html.ElementNode && (dropped[n.DataAtom] || n.Namespace != "")
}

// clean rewrites the tree in place: drops dangerous subtrees, comments and
// doctypes, normalizes links and images. Other attributes are left to the
// final policy.
func clean(n *html.Node, base *url.URL, duration float64) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.ElementNode:
			if skipped(c) {
				n.RemoveChild(c)
				break
			}
			if renamed[c.DataAtom] {
				// Sectioning elements the policy would strip: keep them as
				// blocks so the text keeps its line breaks.
				c.DataAtom, c.Data, c.Attr = atom.Div, "div", nil
			}
			switch c.DataAtom {
			case atom.A:
				if !cleanLink(c, base, duration) {
					// Unwrap: keep the text, lose the link. Continue with
					// the moved children so they are cleaned too.
					if first := unwrap(c); first != nil {
						next = first
					}
					c = next
					continue
				}
			case atom.Img:
				if !cleanImage(c, base) {
					n.RemoveChild(c)
					c = next
					continue
				}
			}
			clean(c, base, duration)
		case html.TextNode:
		default: // comments, doctypes
			n.RemoveChild(c)
		}
		c = next
	}
}

// unwrap replaces n by its children and returns the first of them.
func unwrap(n *html.Node) *html.Node {
	first := n.FirstChild
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
	}
	n.Parent.RemoveChild(n)
	return first
}

// cleanLink replaces the attributes of an <a>: a media-fragment link becomes
// a timestamp link; any other link is resolved and opens in a new tab; the
// title is kept. It reports false when the link has no usable target.
func cleanLink(a *html.Node, base *url.URL, duration float64) bool {
	href, title := attr(a, "href"), attr(a, "title")
	if start, ok := fragmentTime(href); ok {
		if !withinDuration(start, duration) {
			return false
		}
		a.Attr = timestampAttrs(start)
		return true
	}
	u, ok := resolve(base, href, true)
	if !ok {
		return false
	}
	a.Attr = []html.Attribute{
		{Key: "href", Val: u},
		{Key: "target", Val: "_blank"},
		{Key: "rel", Val: "noopener noreferrer"},
	}
	if title != "" {
		a.Attr = append(a.Attr, html.Attribute{Key: "title", Val: title})
	}
	return true
}

// fragmentTime reads the start time of an in-page media-fragment link
// ("#t=90", "#t=1:30,2:00", "#t=npt:90"), which is also the shape of our own
// timestamp links.
func fragmentTime(href string) (float64, bool) {
	href = strings.TrimSpace(href)
	if !strings.HasPrefix(href, "#") {
		return 0, false
	}
	r, ok := podcast.TimeFromFragment(href)
	if !ok || r.Start < 0 || r.Start > maxSeconds {
		return 0, false
	}
	return r.Start, true
}

// maxSeconds bounds timestamp values we emit (100 hours); anything larger in
// an author's link is not a position in an episode.
const maxSeconds = 100 * 3600

func timestampAttrs(start float64) []html.Attribute {
	s := formatSeconds(start)
	return []html.Attribute{
		{Key: "href", Val: "#t=" + s},
		{Key: "data-t", Val: s},
		{Key: "class", Val: "ts"},
	}
}

// formatSeconds writes seconds with at most millisecond precision and no
// exponent: "195", "90.5".
func formatSeconds(sec float64) string {
	ms := int64(sec*1000 + 0.5)
	s := strconv.FormatInt(ms/1000, 10)
	if f := ms % 1000; f != 0 {
		s += strings.TrimRight("."+strconv.FormatInt(1000+f, 10)[1:], "0")
	}
	return s
}

// cleanImage keeps an <img> with an http(s) source and its descriptive
// attributes, and makes it load lazily. It reports false when the image has
// no usable source.
func cleanImage(img *html.Node, base *url.URL) bool {
	src, ok := resolve(base, attr(img, "src"), false)
	if !ok {
		return false
	}
	attrs := []html.Attribute{{Key: "src", Val: src}}
	for _, k := range []string{"alt", "title", "width", "height"} {
		if v, found := lookup(img, k); found {
			attrs = append(attrs, html.Attribute{Key: k, Val: v})
		}
	}
	img.Attr = append(attrs, html.Attribute{Key: "loading", Val: "lazy"})
	return true
}

// httpBase returns base when it can resolve references (absolute http or
// https with a host), else nil.
func httpBase(base *url.URL) *url.URL {
	if base == nil || base.Host == "" {
		return nil
	}
	if s := strings.ToLower(base.Scheme); s != "http" && s != "https" {
		return nil
	}
	return base
}

// resolve makes ref absolute against base and reports whether the result is
// an http(s) URL with a host, or (when mailto is true) a mailto: URL. As
// browsers do, it ignores surrounding spaces and control characters and
// tabs or newlines inside. Without a base, scheme-relative URLs
// ("//cdn.example.com/x.jpg") are taken as https and other relative URLs
// are refused.
func resolve(base *url.URL, ref string, mailto bool) (string, bool) {
	ref = strings.TrimFunc(ref, func(r rune) bool { return r <= ' ' })
	ref = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, ref)
	if ref == "" {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	if !u.IsAbs() {
		switch {
		case base != nil:
			u = base.ResolveReference(u)
		case strings.HasPrefix(ref, "//"):
			u.Scheme = "https"
		default:
			return "", false
		}
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		s := podcast.SafeLink(u.String()) // Earshot's one URL policy
		return s, s != ""
	case "mailto":
		if !mailto || u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return u.String(), true
}

func attr(n *html.Node, key string) string {
	v, _ := lookup(n, key)
	return v
}

func lookup(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func newElement(a atom.Atom) *html.Node {
	return &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}
}

func newText(s string) *html.Node {
	return &html.Node{Type: html.TextNode, Data: s}
}
