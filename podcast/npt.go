package podcast

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrBadTime is returned for time strings that are not Normal Play Time.
var ErrBadTime = errors.New("not a valid time")

// ParseNPT parses a Normal Play Time string as used by Podlove Simple
// Chapters, podcast chapter files, show notes and times typed by a listener:
// "90", "90.5", "1:30", "1:30.5", "0:01:30.500". Share links use the stricter
// W3C Media Fragments grammar instead (ParseTemporal). It follows the Podlove
// reference parser ("1:2" is 62 s): seconds
// must be below 60 when minutes are given, minutes below 60 when hours are
// given, minutes above 59 without hours are accepted ("62:03"), and fractions
// are truncated to milliseconds. Surrounding spaces are ignored.
func ParseNPT(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty time: %w", ErrBadTime)
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("%q: too many fields: %w", s, ErrBadTime)
	}
	sec, ms, err := parseSeconds(parts[len(parts)-1])
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, ErrBadTime)
	}
	total := sec
	switch len(parts) {
	case 2:
		min, err := parseDigits(parts[0])
		if err != nil || sec > 59 {
			return 0, fmt.Errorf("%q: %w", s, ErrBadTime)
		}
		total = min*60 + sec
	case 3:
		h, err1 := parseDigits(parts[0])
		min, err2 := parseDigits(parts[1])
		if err1 != nil || err2 != nil || min > 59 || sec > 59 {
			return 0, fmt.Errorf("%q: %w", s, ErrBadTime)
		}
		total = h*3600 + min*60 + sec
	}
	return float64(total) + float64(ms)/1000, nil
}

// maxTimeDigits keeps integer fields far from overflow; 9 digits of seconds
// is over 30 years.
const maxTimeDigits = 9

func parseDigits(s string) (int64, error) {
	if s == "" || len(s) > maxTimeDigits || !allDigits(s) {
		return 0, ErrBadTime
	}
	return strconv.ParseInt(s, 10, 64)
}

// parseSeconds parses the last field of a time: whole seconds with an
// optional fraction ("3", "3.5", "03.250"). The fraction is truncated, not
// rounded, to milliseconds, as the Podlove reference parser does.
func parseSeconds(field string) (sec, ms int64, err error) {
	whole, frac, hasFrac := strings.Cut(field, ".")
	if sec, err = parseDigits(whole); err != nil {
		return 0, 0, err
	}
	if hasFrac {
		if frac == "" || !allDigits(frac) {
			return 0, 0, ErrBadTime
		}
		// "5" -> 500, "25" -> 250, "2345" -> 234
		ms, _ = strconv.ParseInt((frac + "00")[:3], 10, 64)
	}
	return sec, ms, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseDuration parses an <itunes:duration> value: plain seconds ("7200",
// "7200.5"), "mm:ss" or "h:mm:ss". It is more lenient than ParseNPT where
// feeds in the wild are sloppy ("1:5:3"), and returns 0 with an error for
// anything else.
func ParseDuration(s string) (float64, error) {
	d, err := ParseNPT(s)
	if err == nil {
		return d, nil
	}
	// Some feeds write minutes or seconds past 59 ("01:75:00"): add them up.
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("duration %q: %w", s, ErrBadTime)
	}
	// Every field but the last is whole; the last is seconds with an
	// optional fraction, read as strictly as in ParseNPT (no signs, exponents
	// or "Inf" that a float parser would let through).
	sec, ms, err := parseSeconds(parts[len(parts)-1])
	if err != nil {
		return 0, fmt.Errorf("duration %q: %w", s, ErrBadTime)
	}
	total := int64(0)
	for _, p := range parts[:len(parts)-1] {
		n, err := parseDigits(p)
		if err != nil {
			return 0, fmt.Errorf("duration %q: %w", s, ErrBadTime)
		}
		total = total*60 + n
	}
	return float64(total*60+sec) + float64(ms)/1000, nil
}

// maxClockSeconds bounds what FormatClock and FormatNPT print (about 317,000
// years): past it the millisecond count would no longer fit an int64. It is
// well above anything ParseNPT accepts (fewer than 10^9 hours).
const maxClockSeconds = 1e13

// clockSeconds makes sec safe to format: negative and non-finite values
// become 0 (a live stream's duration is +Inf), finite values past
// maxClockSeconds are clamped.
func clockSeconds(sec float64) float64 {
	switch {
	case sec < 0 || math.IsNaN(sec) || math.IsInf(sec, 0):
		return 0
	case sec > maxClockSeconds:
		return maxClockSeconds
	}
	return sec
}

// FormatClock formats seconds as a compact clock: "0:05", "2:03", "1:02:03".
// Fractions are dropped; negative or non-finite values format as "0:00",
// finite values too large to be a media time are clamped.
func FormatClock(sec float64) string {
	t := int64(clockSeconds(sec))
	h, m, s := t/3600, (t/60)%60, t%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// FormatNPT formats seconds for a share link: whole seconds as a clock
// ("1:02:03"), with up to three fraction digits when the time has them.
// The value is rounded to the nearest millisecond, so ParseNPT reads the
// result back as the same millisecond.
func FormatNPT(sec float64) string {
	ms := int64(math.Round(clockSeconds(sec) * 1000))
	out := FormatClock(float64(ms / 1000))
	if f := ms % 1000; f != 0 {
		out += strings.TrimRight(fmt.Sprintf(".%03d", f), "0")
	}
	return out
}
