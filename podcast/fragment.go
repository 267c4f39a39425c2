package podcast

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Range is a temporal clip from a share link. End is 0 when the clip runs to
// the end of the media.
type Range struct {
	Start float64
	End   float64
}

// Share links carry their time in one grammar, the temporal dimension of
// W3C Media Fragments URI 1.0 (https://www.w3.org/TR/media-frags/#naming-time),
// Normal Play Time only:
//
//	t=[npt:]a        start at a
//	t=[npt:]a,b      play a to b (b > a)
//	t=[npt:],b       play 0 to b (b > 0)
//
// where a time is seconds ("90", "90.5", "3."), mm:ss ("1:30", "01:30.5")
// or h:mm:ss ("1:02:03", "0:00:01.00"). Seconds and minutes in a clock
// time have two digits and are below 60; hours and plain seconds have 1 to
// maxTimeDigits digits; a fraction may have any number of digits ("3." is
// 3) and is truncated to milliseconds. Earshot's one leniency: the minutes
// of mm:ss may be a single digit ("1:30", as FormatNPT writes it; "3:7" is
// still invalid). No spaces, no other time formats (smpte:, clock:). An
// invalid value is ignored, as the spec asks: the link plays from the start.
//
// The ?t= query (ParseTime) also takes the "1h2m3s" form; a #t= fragment
// (TimeFromFragment) is the W3C grammar alone. web/bridge.js implements the
// same rules for what only the browser sees, and testdata/time_vectors.json
// holds the vectors both are tested against.

// ParseTemporal parses the value of a media fragment's "t" (after
// percent-decoding): the W3C grammar above.
func ParseTemporal(v string) (Range, error) {
	rest, _ := strings.CutPrefix(v, "npt:")
	startS, endS, hasEnd := strings.Cut(rest, ",")
	var r Range
	var ok bool
	switch {
	case startS != "":
		if r.Start, ok = parseClipTime(startS); !ok {
			return Range{}, fmt.Errorf("t=%s: start: %w", v, ErrBadTime)
		}
	case !hasEnd:
		return Range{}, fmt.Errorf("t=%s: empty: %w", v, ErrBadTime)
	}
	if hasEnd {
		if r.End, ok = parseClipTime(endS); !ok {
			return Range{}, fmt.Errorf("t=%s: end: %w", v, ErrBadTime)
		}
		if r.End <= r.Start {
			return Range{}, fmt.Errorf("t=%s: end not after start: %w", v, ErrBadTime)
		}
	}
	return r, nil
}

// ParseTime parses the value of a "t" query parameter (?t=, the embed's
// t=): the Media Fragments grammar (ParseTemporal) or the common "1h2m3s"
// form ("90s", "2m", "1h30s"), a start only. An error means "no time".
func ParseTime(v string) (Range, error) {
	if s, ok := parseHMS(v); ok {
		return Range{Start: s}, nil
	}
	return ParseTemporal(v)
}

// parseClipTime parses one npttime: npt-sec, npt-mmss or npt-hhmmss.
func parseClipTime(s string) (float64, bool) {
	fields := strings.Split(s, ":")
	if len(fields) > 3 {
		return 0, false
	}
	whole, frac, _ := strings.Cut(fields[len(fields)-1], ".")
	if !allDigits(frac) {
		return 0, false
	}
	var h, m, sec int64
	var ok bool
	switch len(fields) {
	case 1:
		sec, ok = digits(whole, 1, maxTimeDigits)
	case 2: // mm:ss, minutes with one or two digits
		m, ok = digits(fields[0], 1, 2)
	case 3: // h:mm:ss
		h, ok = digits(fields[0], 1, maxTimeDigits)
		if ok {
			m, ok = digits(fields[1], 2, 2)
		}
	}
	if ok && len(fields) > 1 {
		sec, ok = digits(whole, 2, 2)
		ok = ok && m < 60 && sec < 60
	}
	if !ok {
		return 0, false
	}
	// "5" -> 500 ms, "25" -> 250, "2345" -> 234: truncated, not rounded.
	ms, _ := strconv.ParseInt((frac + "000")[:3], 10, 64)
	return float64(h*3600+m*60+sec) + float64(ms)/1000, true
}

// digits parses s when it is min to max ASCII digits.
func digits(s string, min, max int) (int64, bool) {
	if len(s) < min || len(s) > max || !allDigits(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// parseHMS reads the YouTube-style "1h2m3s", "90s", "2m" form: each unit at
// most once, in the order h, m, s, each with 1 to maxTimeDigits digits.
func parseHMS(v string) (float64, bool) {
	if v == "" || !strings.ContainsAny(v[len(v)-1:], "hms") {
		return 0, false
	}
	const units = "hms"
	scale := [len(units)]int64{3600, 60, 1}
	total, next := int64(0), 0 // next: index in units the next unit may take
	for v != "" {
		n := 0
		for n < len(v) && v[n] >= '0' && v[n] <= '9' {
			n++
		}
		if n == 0 || n > maxTimeDigits || n == len(v) {
			return 0, false
		}
		u := strings.IndexByte(units[next:], v[n])
		if u < 0 {
			return 0, false // unknown unit, repeated or out of order
		}
		next += u
		d, _ := strconv.ParseInt(v[:n], 10, 64)
		total += d * scale[next]
		next++
		v = v[n+1:]
	}
	return float64(total), true
}

// TimeFromURL finds the time of a share link from its decoded query and its
// fragment as written (percent-encoded: url.URL.EscapedFragment, or
// location.hash in a browser). A ?t= wins over a #t=, because generated links
// use the query so servers and link previews see it; but a ?t= of 0 says
// nothing a page without a time does not, so a #t= still applies then (the
// server can tell the browser "no time" and "0" in one way only). ok is false
// when the URL carries no valid time.
func TimeFromURL(query url.Values, fragment string) (r Range, ok bool) {
	if r, ok := TimeFromQuery(query); ok && r != (Range{}) {
		return r, true
	}
	if r, ok := TimeFromFragment(fragment); ok {
		return r, true
	}
	return TimeFromQuery(query)
}

// TimeFromQuery reads "t" from a decoded query with ParseTime. With several,
// the last valid one wins, as in a fragment.
func TimeFromQuery(query url.Values) (r Range, ok bool) {
	for _, v := range query["t"] {
		if t, err := ParseTime(v); err == nil {
			r, ok = t, true
		}
	}
	return r, ok
}

// TimeFromFragment reads "t" from a media fragment as written in the URL
// ("t=90", "u=1&t=3", "t=npt%3A3"); it may start with '#'. As the spec
// says, the fragment is split into name=value pairs at '&' and the first
// '=' before anything is percent-decoded ("t%3D3" names no t), pairs that
// do not decode are dropped, and of several "t" the last valid one wins.
func TimeFromFragment(fragment string) (Range, bool) {
	var out Range
	ok := false
	fragment = strings.TrimPrefix(fragment, "#")
	for field := range strings.SplitSeq(fragment, "&") {
		name, value, found := strings.Cut(field, "=")
		if !found {
			continue
		}
		if n, err := url.PathUnescape(name); err != nil || n != "t" {
			continue
		}
		v, err := url.PathUnescape(value)
		if err != nil {
			continue
		}
		if r, err := ParseTemporal(v); err == nil {
			out, ok = r, true
		}
	}
	return out, ok
}
