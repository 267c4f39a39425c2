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

// ParseTime parses the value of a "t" parameter as found in share links:
// W3C Media Fragments temporal syntax ("90", "1:30", "0:01:30.5", "npt:90",
// "90,120", ",120", "npt:10,20") plus the common "1h2m3s" form. SMPTE and
// other time formats are refused, as are clips whose end is not after the
// start: per the Media Fragments spec an invalid fragment is ignored, so
// callers treat an error as "no time given".
func ParseTime(v string) (Range, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return Range{}, fmt.Errorf("t=: empty: %w", ErrBadTime)
	}
	if r, ok := parseHMS(v); ok {
		return Range{Start: r}, nil
	}
	// A format name ("npt:", "smpte-25:", "clock:") comes before the first
	// ':'; clock times have digits there, and an end-only clip (",1:20") or
	// a seconds start with a clock end ("120,0:02:01.5") have a comma.
	if prefix, rest, ok := strings.Cut(v, ":"); ok && isTimeFormatName(prefix) {
		if prefix != "npt" {
			return Range{}, fmt.Errorf("t=%s: unsupported time format %q: %w", v, prefix, ErrBadTime)
		}
		v = rest
	}
	startS, endS, hasEnd := strings.Cut(v, ",")
	var r Range
	var err error
	if startS != "" {
		if r.Start, err = ParseNPT(startS); err != nil {
			return Range{}, fmt.Errorf("t=: start: %w", err)
		}
	} else if !hasEnd {
		return Range{}, fmt.Errorf("t=: empty: %w", ErrBadTime)
	}
	if hasEnd {
		if r.End, err = ParseNPT(endS); err != nil {
			return Range{}, fmt.Errorf("t=: end: %w", err)
		}
		if r.End <= r.Start {
			return Range{}, fmt.Errorf("t=: end before start: %w", ErrBadTime)
		}
	}
	return r, nil
}

// isTimeFormatName reports whether s looks like a Media Fragments time format
// name: a letter followed by letters, digits or '-' ("npt", "smpte-30-drop").
func isTimeFormatName(s string) bool {
	if s == "" || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
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

// TimeFromURL finds the time of a share link: the "t" query parameter wins
// over a "t" in the fragment ("#t=90,120", "#u=1&t=3"), because generated
// links use the query so servers and link previews see it. ok is false when
// the URL carries no valid time.
func TimeFromURL(query url.Values, fragment string) (r Range, ok bool) {
	if v := query.Get("t"); v != "" {
		if r, err := ParseTime(v); err == nil {
			return r, true
		}
	}
	return TimeFromFragment(fragment)
}

// TimeFromFragment reads "t" from a media fragment ("t=90", "u=1&t=3",
// "t=npt%3A3"). The fragment may start with '#'.
func TimeFromFragment(fragment string) (Range, bool) {
	var out Range
	ok := false
	fragment = strings.TrimPrefix(fragment, "#")
	for _, field := range strings.Split(fragment, "&") {
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
		// The last valid occurrence wins, as in Media Fragments.
		if r, err := ParseTime(v); err == nil {
			out, ok = r, true
		}
	}
	return out, ok
}
