package embed

import (
	"net/url"

	"github.com/earshot/earshot/podcast"
)

// oEmbed sizes and cache lifetime.
const (
	// OEmbedWidth is the width, in pixels, an oEmbed document asks for when
	// the consumer sets no maxwidth. The iframe itself is fluid (width 100%,
	// capped at the width by CSS), so it also fits narrower columns.
	OEmbedWidth = 640
	// OEmbedCacheAge is the cache_age of oEmbed documents, in seconds:
	// titles and artwork rarely change once an episode is out.
	OEmbedCacheAge = 3600
	// ThumbnailSize is the nominal side, in pixels, reported for episode
	// artwork. Podcast artwork is square, and directories ask for at least
	// 1400×1400; the real size is not known without fetching the image, and
	// oEmbed requires thumbnail_width and thumbnail_height whenever
	// thumbnail_url is given.
	ThumbnailSize = 1400
)

// OEmbed is an oEmbed 1.0 response of type "rich" (https://oembed.com/):
// an iframe player for an episode. Its struct tags serve both the JSON and
// the XML format; for XML wrap it in an element named "oembed".
type OEmbed struct {
	Type            string `json:"type" xml:"type"`
	Version         string `json:"version" xml:"version"`
	Title           string `json:"title,omitempty" xml:"title,omitempty"`
	AuthorName      string `json:"author_name,omitempty" xml:"author_name,omitempty"`
	AuthorURL       string `json:"author_url,omitempty" xml:"author_url,omitempty"`
	ProviderName    string `json:"provider_name" xml:"provider_name"`
	ProviderURL     string `json:"provider_url" xml:"provider_url"`
	CacheAge        int    `json:"cache_age,omitempty" xml:"cache_age,omitempty"`
	ThumbnailURL    string `json:"thumbnail_url,omitempty" xml:"thumbnail_url,omitempty"`
	ThumbnailWidth  int    `json:"thumbnail_width,omitempty" xml:"thumbnail_width,omitempty"`
	ThumbnailHeight int    `json:"thumbnail_height,omitempty" xml:"thumbnail_height,omitempty"`
	HTML            string `json:"html" xml:"html"`
	Width           int    `json:"width" xml:"width"`
	Height          int    `json:"height" xml:"height"`
}

// NewOEmbed builds the oEmbed document for the embed of t with options o,
// served from base. title, author and image describe the episode (author
// is usually the show's author or title; image its artwork, or "").
//
// maxWidth and maxHeight are the consumer's maxwidth and maxheight (0 for
// none) and are never exceeded: the width is at most maxWidth, and when the
// requested layout is taller than maxHeight the largest smaller layout that
// fits is used instead; when even the mini layout does not fit, the iframe
// is maxHeight tall. The time of t (or o) is kept in the iframe's src, so a
// pasted share link starts where it pointed.
func NewOEmbed(base string, t Target, o Options, title, author, image string, maxWidth, maxHeight int) OEmbed {
	base = trimBase(base)
	o = o.Normalize()
	layout, height := fitLayout(o.LayoutOrDefault(), maxHeight)
	if layout == LayoutFull {
		o.Layout = ""
	} else {
		o.Layout = layout
	}
	width := OEmbedWidth
	if maxWidth > 0 && width > maxWidth {
		width = maxWidth
	}
	f := frame{
		src:      EmbedURL(base, t, o),
		title:    FrameTitle(title),
		width:    "100%",
		maxWidth: width,
		height:   height,
	}
	doc := OEmbed{
		Type:         "rich",
		Version:      "1.0",
		Title:        title,
		AuthorName:   author,
		ProviderName: ProviderName,
		ProviderURL:  base + "/",
		CacheAge:     OEmbedCacheAge,
		HTML:         f.html(),
		Width:        width,
		Height:       height,
	}
	if author != "" {
		doc.AuthorURL = base + ShowPath(t.Feed)
	}
	if image != "" && isHTTPURL(image) {
		doc.ThumbnailURL = image
		doc.ThumbnailWidth, doc.ThumbnailHeight = ThumbnailSize, ThumbnailSize
	}
	return doc
}

// fitLayout returns the largest layout, starting from want, whose height
// fits maxHeight (0: no limit), and the iframe height to use.
func fitLayout(want Layout, maxHeight int) (Layout, int) {
	if maxHeight <= 0 || want.Height() <= maxHeight {
		return want, want.Height()
	}
	ls := Layouts()
	for _, l := range ls {
		if l.Height() < want.Height() && l.Height() <= maxHeight {
			return l, l.Height()
		}
	}
	return ls[len(ls)-1], maxHeight
}

// OEmbedURL is the oEmbed endpoint URL for one of our page URLs, for the
// <link rel="alternate" type="application/json+oembed"> discovery tag of a
// page; format is "json" or "xml".
func OEmbedURL(base, pageURL, format string) string {
	q := url.Values{}
	q.Set("url", pageURL)
	if format != "" {
		q.Set("format", format)
	}
	return trimBase(base) + PathOEmbed + "?" + q.Encode()
}

// isHTTPURL applies Earshot's URL policy (podcast.SafeLink).
func isHTTPURL(s string) bool { return podcast.SafeLink(s) != "" }
