package embed

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/earshot/earshot/podcast"
)

// Layout is the shape of an embedded player. Each layout has a fixed iframe
// height (Height) so that a snippet reserves the right space before the
// player has loaded and nothing on the host page jumps.
type Layout string

// Layouts, from the largest to the smallest.
const (
	// LayoutFull shows artwork, title, controls, chapters and show notes.
	LayoutFull Layout = "full"
	// LayoutCompact shows artwork, title and the controls on one card.
	LayoutCompact Layout = "compact"
	// LayoutMini is a single bar: play button, title and progress.
	LayoutMini Layout = "mini"
	// LayoutShow is the whole show: a compact player over the episode
	// list, each episode playing in place. It is asked for by name: an
	// embed URL without a guid keeps meaning "the newest episode", as
	// embeds already on blogs expect.
	LayoutShow Layout = "show"
)

// Iframe heights of the layouts, in CSS pixels. The embed page must fit in
// them; with the resizer script (embed.js) the page may ask for another
// height within MinFrameHeight..MaxFrameHeight.
const (
	HeightFull    = 560
	HeightShow    = 480
	HeightCompact = 200
	HeightMini    = 96
)

// Bounds of the height an embed may ask for through a resize message; the
// loader script (web/embed.js) enforces the same bounds.
const (
	MinFrameHeight = 60
	MaxFrameHeight = 2000
)

// Layouts returns the layouts from the largest to the smallest.
func Layouts() []Layout { return []Layout{LayoutFull, LayoutShow, LayoutCompact, LayoutMini} }

// Height is the iframe height of the layout in CSS pixels; unknown layouts
// have the height of the default, LayoutFull.
func (l Layout) Height() int {
	switch l {
	case LayoutCompact:
		return HeightCompact
	case LayoutMini:
		return HeightMini
	case LayoutShow:
		return HeightShow
	}
	return HeightFull
}

// Valid reports whether l is one of the layouts.
func (l Layout) Valid() bool {
	return l == LayoutFull || l == LayoutCompact || l == LayoutMini || l == LayoutShow
}

// Theme is the colour scheme of an embed.
type Theme string

// Themes. ThemeAuto follows the listener's prefers-color-scheme.
const (
	ThemeAuto  Theme = "auto"
	ThemeLight Theme = "light"
	ThemeDark  Theme = "dark"
)

// Valid reports whether t is one of the themes.
func (t Theme) Valid() bool { return t == ThemeAuto || t == ThemeLight || t == ThemeDark }

// Query parameter names of the embed page, besides Target's feed, guid and t.
const (
	ParamLayout   = "layout"
	ParamTheme    = "theme"
	ParamColor    = "color"
	ParamLang     = "lang"
	ParamTime     = "t"
	ParamAutoplay = "autoplay"
	ParamSeason   = "season"
	ParamLimit    = "limit"
	ParamOrder    = "order"
)

// Episode list settings of the show layout.
const (
	// MaxLimit bounds limit=: a show embed lists at most this many
	// episodes (the list scrolls inside the frame).
	MaxLimit = 500
	// OrderOldest lists the first episode first (a serial); the default
	// lists the newest first.
	OrderOldest = "oldest"
)

// Options are the presentation settings of an embed, read from and written
// to the embed URL's query. The zero value is the default embed: full
// layout, automatic theme, the player's own accent colour and language, no
// start time, no autoplay.
type Options struct {
	Layout Layout // "" means LayoutFull
	Theme  Theme  // "" means ThemeAuto
	// Color is the accent colour as six lower-case hex digits without '#'
	// ("c2410c"), or "" for the default.
	Color string
	// Lang is a BCP 47 language tag for the player's interface ("de",
	// "pt-BR"), or "" to follow the listener's browser.
	Lang string
	// Time is where playback starts (and, with an End, stops). When it is
	// zero, the Target's time applies.
	Time podcast.Range
	// Autoplay asks the player to start at once. Browsers allow it only in
	// some conditions (the snippet grants the iframe allow="autoplay"); the
	// player falls back to waiting for a tap.
	Autoplay bool

	// The show layout's list: only Season (0: every season), at most
	// Limit episodes (0: up to MaxLimit), newest first unless Order is
	// OrderOldest.
	Season int
	Limit  int
	Order  string
}

// Normalize returns o with every invalid value replaced by its default,
// defaults spelled as "" and the time rounded as a URL carries it, so that
// equal settings compare equal.
func (o Options) Normalize() Options {
	if !o.Layout.Valid() || o.Layout == LayoutFull {
		o.Layout = ""
	}
	if !o.Theme.Valid() || o.Theme == ThemeAuto {
		o.Theme = ""
	}
	o.Color = parseColor(o.Color)
	o.Lang = parseLang(o.Lang)
	o.Time = canonicalTime(o.Time)
	if o.Season < 0 || o.Season > maxSeason {
		o.Season = 0
	}
	if o.Limit < 0 || o.Limit > MaxLimit {
		o.Limit = 0
	}
	if o.Order != OrderOldest {
		o.Order = ""
	}
	return o
}

// maxSeason bounds season=: larger numbers are typos, not seasons.
const maxSeason = 100000

// canonicalTime is r as a t= parameter reads back: rounded to milliseconds,
// without an end that is not after the start, zero when it has no time.
func canonicalTime(r podcast.Range) podcast.Range {
	v := TimeParam(r)
	if v == "" {
		return podcast.Range{}
	}
	r, err := podcast.ParseTime(v)
	if err != nil {
		return podcast.Range{}
	}
	return r
}

// LayoutOrDefault is the layout to render: o.Layout, or LayoutFull.
func (o Options) LayoutOrDefault() Layout {
	if o.Layout.Valid() {
		return o.Layout
	}
	return LayoutFull
}

// ThemeOrDefault is the theme to render: o.Theme, or ThemeAuto.
func (o Options) ThemeOrDefault() Theme {
	if o.Theme.Valid() {
		return o.Theme
	}
	return ThemeAuto
}

// Query returns the query parameters for o. Defaults and invalid values are
// left out, so the default embed has an empty query; ParseOptions reads the
// result back as o.Normalize().
func (o Options) Query() url.Values {
	o = o.Normalize()
	q := url.Values{}
	if o.Layout != "" {
		q.Set(ParamLayout, string(o.Layout))
	}
	if o.Theme != "" {
		q.Set(ParamTheme, string(o.Theme))
	}
	if o.Color != "" {
		q.Set(ParamColor, o.Color)
	}
	if o.Lang != "" {
		q.Set(ParamLang, o.Lang)
	}
	if v := TimeParam(o.Time); v != "" {
		q.Set(ParamTime, v)
	}
	if o.Autoplay {
		q.Set(ParamAutoplay, "1")
	}
	if o.Season > 0 {
		q.Set(ParamSeason, strconv.Itoa(o.Season))
	}
	if o.Limit > 0 {
		q.Set(ParamLimit, strconv.Itoa(o.Limit))
	}
	if o.Order != "" {
		q.Set(ParamOrder, o.Order)
	}
	return q
}

// ParseOptions reads embed options from a query. It never fails: an unknown
// layout or theme, a malformed colour or language and an invalid time are
// ignored (the default applies), because a mistyped parameter in a pasted
// snippet should still give a working player. Values are matched without
// regard to case; the colour may carry a leading '#' and may have three
// digits ("f80" is "ff8800").
func ParseOptions(q url.Values) Options {
	o := Options{
		Layout: Layout(strings.ToLower(strings.TrimSpace(q.Get(ParamLayout)))),
		Theme:  Theme(strings.ToLower(strings.TrimSpace(q.Get(ParamTheme)))),
		Color:  q.Get(ParamColor),
		Lang:   q.Get(ParamLang),
	}
	if r, ok := podcast.TimeFromQuery(q); ok { // the last valid t, as in ParseTarget
		o.Time = r
	}
	switch strings.ToLower(strings.TrimSpace(q.Get(ParamAutoplay))) {
	case "1", "true", "yes", "on":
		o.Autoplay = true
	}
	o.Season, _ = strconv.Atoi(strings.TrimSpace(q.Get(ParamSeason)))
	o.Limit, _ = strconv.Atoi(strings.TrimSpace(q.Get(ParamLimit)))
	o.Order = strings.ToLower(strings.TrimSpace(q.Get(ParamOrder)))
	return o.Normalize()
}

// parseColor returns c as six lower-case hex digits, or "" when c is not a
// 3- or 6-digit hex colour (with or without '#').
func parseColor(c string) string {
	c = strings.TrimPrefix(strings.TrimSpace(c), "#")
	if len(c) != 3 && len(c) != 6 {
		return ""
	}
	for i := 0; i < len(c); i++ {
		if !isHex(c[i]) {
			return ""
		}
	}
	c = strings.ToLower(c)
	if len(c) == 3 {
		c = string([]byte{c[0], c[0], c[1], c[1], c[2], c[2]})
	}
	return c
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// maxLangLen bounds a language tag (RFC 5646 advises supporting 35
// characters).
const maxLangLen = 35

// parseLang returns a well-formed-looking BCP 47 tag, or "". It checks the
// shape only (a 2–8 letter primary subtag, then 1–8 character alphanumeric
// subtags separated by '-'; '_' is accepted as a separator), which is what
// keeps the value safe to put into a URL or an attribute; whether the player
// has a translation for it is the player's business.
func parseLang(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if s == "" || len(s) > maxLangLen {
		return ""
	}
	for i, sub := range strings.Split(s, "-") {
		if len(sub) == 0 || len(sub) > 8 {
			return ""
		}
		for j := 0; j < len(sub); j++ {
			c := sub[j]
			letter := isASCIILetter(c)
			if !letter && (i == 0 || c < '0' || c > '9') {
				return ""
			}
		}
		if i == 0 && len(sub) < 2 {
			return ""
		}
	}
	return s
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// OnAccent is the colour for text and icons on the accent colour c (six
// hex digits): near-black or white, whichever contrasts more (WCAG 2
// relative luminance), so a light accent chosen by a podcaster never hides
// the play icon. It is "" when c is not a colour.
func OnAccent(c string) string {
	c = parseColor(c)
	if c == "" {
		return ""
	}
	var lum float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(c[2*i:2*i+2], 16, 8)
		s := float64(v) / 255
		if s <= 0.04045 {
			s /= 12.92
		} else {
			s = math.Pow((s+0.055)/1.055, 2.4)
		}
		lum += w * s
	}
	const darkLum = 0.0097 // #1c1917, the theme's near-black
	if (lum+0.05)/(darkLum+0.05) > 1.05/(lum+0.05) {
		return "#1c1917"
	}
	return "#ffffff"
}

// ShowList is the show layout's episode list: eps (a show's episodes,
// newest first) filtered to o.Season, in o.Order, at most o.Limit (or
// MaxLimit) long. It shares eps' backing array only when nothing changes.
func ShowList(eps []podcast.Episode, o Options) []podcast.Episode {
	o = o.Normalize()
	out := eps
	if o.Season > 0 || o.Order == OrderOldest {
		out = make([]podcast.Episode, 0, len(eps))
		for _, ep := range eps {
			if o.Season == 0 || ep.Season == o.Season {
				out = append(out, ep)
			}
		}
		if o.Order == OrderOldest {
			slices.Reverse(out)
		}
	}
	limit := o.Limit
	if limit == 0 {
		limit = MaxLimit
	}
	return out[:min(limit, len(out))]
}
