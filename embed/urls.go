// Package embed is Earshot's public URL scheme: it builds and parses the
// player, embed and share URLs, so that the server, the wasm app and the
// snippet generator agree on them. It depends only on the standard library
// and the podcast model, and compiles for wasm.
package embed

import (
	"math"
	"net/url"
	"strings"

	"github.com/earshot/earshot/podcast"
)

// Paths of the public pages.
const (
	PathEpisode = "/episode"
	PathShow    = "/show"
	PathEmbed   = "/embed"
)

// Target names one episode of one feed, optionally at a time or clip.
type Target struct {
	Feed string
	GUID string
	Time podcast.Range // zero: from the start
}

// Query returns the URL query for the target. Times are written with ?t= in
// NPT clock form ("t=1:30", "t=1:30,2:00") so that servers and link
// previews see them.
func (t Target) Query() url.Values {
	q := url.Values{}
	if t.Feed != "" {
		q.Set("feed", t.Feed)
	}
	if t.GUID != "" {
		q.Set("guid", t.GUID)
	}
	if v := TimeParam(t.Time); v != "" {
		q.Set("t", v)
	}
	return q
}

// TimeParam formats a time range as a t= value, or "" for no time. A
// negative or non-finite time counts as 0, and an end that is not after the
// start is dropped, so the result is always a valid t= value. A clip from
// the start says so ("0:00,0:30", not the equivalent but cryptic ",0:30").
func TimeParam(r podcast.Range) string {
	start, end := linkTime(r.Start), linkTime(r.End)
	switch {
	case end > start:
		return podcast.FormatNPT(start) + "," + podcast.FormatNPT(end)
	case start > 0:
		return podcast.FormatNPT(start)
	}
	return ""
}

// linkTime is sec, or 0 for a time no link can carry.
func linkTime(sec float64) float64 {
	if sec > 0 && !math.IsInf(sec, 1) {
		return sec
	}
	return 0
}

// EpisodePath is the path and query of the episode page for t.
func EpisodePath(t Target) string { return pathWith(PathEpisode, t.Query()) }

// EmbedPath is the path and query of the embed page for t.
func EmbedPath(t Target) string { return pathWith(PathEmbed, t.Query()) }

// ShowPath is the path and query of a show page.
func ShowPath(feed string) string {
	q := url.Values{}
	if feed != "" {
		q.Set("feed", feed)
	}
	return pathWith(PathShow, q)
}

func pathWith(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	// Keep ':' and ',' readable in times: "t=1:30" rather than "t=1%3A30".
	enc := strings.NewReplacer("%3A", ":", "%2C", ",").Replace(q.Encode())
	return path + "?" + enc
}

// ParseTarget reads a target from a page URL: feed and guid from the query,
// the time from ?t= or, failing that, #t= (W3C Media Fragments; see
// podcast.TimeFromURL). Invalid times are ignored, as the Media Fragments
// spec asks. The fragment is read as written: "#t%3D3" names no t.
func ParseTarget(u *url.URL) Target {
	q := u.Query()
	t := Target{Feed: q.Get("feed"), GUID: q.Get("guid")}
	if r, ok := podcast.TimeFromURL(q, u.EscapedFragment()); ok {
		t.Time = r
	}
	return t
}
