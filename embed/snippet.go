package embed

import (
	"html"
	"maps"
	"strconv"
	"strings"
)

// Paths of the embed API and assets, relative to the server's base URL.
const (
	PathOEmbed    = "/oembed"
	PathEmbedAPI  = "/api/embed"
	PathResizerJS = "/web/embed.js"
)

// ProviderName names Earshot in oEmbed documents and iframe titles.
const ProviderName = "Earshot"

// EmbedURL is the absolute URL of the embed page for t with options o:
// base is the server's public URL ("https://earshot.example"). A time in
// o wins over the target's; without either the embed starts at the
// beginning.
func EmbedURL(base string, t Target, o Options) string {
	return trimBase(base) + EmbedPathWith(t, o)
}

// EmbedPathWith is EmbedPath with the presentation options o.
func EmbedPathWith(t Target, o Options) string {
	q := t.Query()
	maps.Copy(q, o.Query())
	return pathWith(PathEmbed, q)
}

// FrameTitle is the title attribute of an embed iframe for an episode
// titled title: screen readers announce it when they reach the frame.
func FrameTitle(title string) string {
	title = strings.TrimSpace(title)
	if title == "" {
		return ProviderName + " player"
	}
	return title + " – " + ProviderName + " player"
}

// Snippet returns the HTML a podcaster pastes into a page to embed the
// player for t: an iframe sized for o's layout, titled after the episode
// (title), lazily loaded, allowed to autoplay and to copy share links.
// With withResizer the snippet ends with the loader script (web/embed.js),
// which lets the player fit the iframe's height to its content. Every
// attribute value is HTML-escaped.
func Snippet(base string, t Target, o Options, title string, withResizer bool) string {
	return SnippetFor(trimBase(base)+EmbedPathWith(t, o), base, o, title, withResizer)
}

// SnippetFor is Snippet for an embed at src (a static export's embed page,
// say), with the resizer loaded from base.
func SnippetFor(src, base string, o Options, title string, withResizer bool) string {
	base = trimBase(base)
	f := frame{
		src:    src,
		title:  FrameTitle(title),
		width:  "100%",
		height: o.LayoutOrDefault().Height(),
	}
	s := f.html()
	if withResizer {
		s += "\n" + ResizerScript(base)
	}
	return s
}

// ResizerScript is the script element that loads the resizer from the
// server at base. It is loaded once per page however many players embed it.
func ResizerScript(base string) string {
	return `<script src="` + html.EscapeString(trimBase(base)+PathResizerJS) + `" async></script>`
}

// frame is an embed iframe.
type frame struct {
	src, title string
	width      string // an HTML width: "100%" or pixels
	maxWidth   int    // CSS max-width in pixels, 0 for none
	height     int    // pixels
}

func (f frame) html() string {
	style := "border:0;display:block;width:100%;overflow:hidden;border-radius:12px"
	if f.maxWidth > 0 {
		style += ";max-width:" + strconv.Itoa(f.maxWidth) + "px"
	}
	var b strings.Builder
	b.WriteString(`<iframe src="`)
	b.WriteString(html.EscapeString(f.src))
	b.WriteString(`" title="`)
	b.WriteString(html.EscapeString(f.title))
	b.WriteString(`" width="`)
	b.WriteString(html.EscapeString(f.width))
	b.WriteString(`" height="`)
	b.WriteString(strconv.Itoa(f.height))
	b.WriteString(`" loading="lazy" allow="autoplay; clipboard-write" style="`)
	b.WriteString(html.EscapeString(style))
	b.WriteString(`"></iframe>`)
	return b.String()
}

// trimBase drops the trailing slashes of a base URL, so that paths join
// with exactly one.
func trimBase(base string) string { return strings.TrimRight(base, "/") }
