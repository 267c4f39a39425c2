// Package chapters parses the chapter sources a podcast episode can carry
// into the domain model's [podcast.Chapter]: Podcasting 2.0 chapters
// documents and Podlove Web Player JSON ([ParseJSON]), ID3v2 CHAP/CTOC frames
// at the start of an MP3 ([ParseID3], [TagSize]); and it decides between
// sources ([Select]) and tidies the winner for playback ([Normalize]).
//
// Everything here runs on the server only, on bytes fetched from hosts we do
// not control: inputs are bounded by named limits, every length read from the
// input is checked before it is used, and malformed entries are skipped
// rather than failing the whole document.
//
// Every parser returns chapters whose Start is finite and within
// [0, 999999999] seconds, whose titles are valid single-line UTF-8, and whose URL and
// Image are either empty, an absolute http(s) URL, or (ID3 pictures only) a
// data:image URL small enough to inline.
package chapters

import (
	"errors"
	"math"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/earshot/earshot/podcast"
)

// Limits. Exported ones are the ones a fetcher needs to size its reads.
const (
	// MaxJSONBytes is the largest chapters document ParseJSON accepts. The
	// biggest real documents seen are tens of KB; 5 MB leaves room for
	// thousands of chapters with long URLs.
	MaxJSONBytes = 5 << 20

	// MaxTagBytes is the most of an ID3v2 tag ParseID3 looks at. Tags are
	// often inflated by a multi-megabyte cover picture; frames that lie
	// beyond this many bytes are ignored.
	MaxTagBytes = 16 << 20

	// MaxChapters is the most chapters any function here returns. Later
	// entries (in document order) are dropped.
	MaxChapters = 5000

	// MaxImageBytes is the largest ID3 chapter picture inlined as a data: URL.
	// Larger pictures are omitted: they would bloat every episode response.
	MaxImageBytes = 256 << 10

	// maxTotalImageBytes bounds the pictures inlined from one tag, so that
	// thousands of small pictures cannot add up to an enormous response.
	maxTotalImageBytes = 2 << 20

	// maxStart is the latest start time accepted, in seconds: nine digits of
	// seconds, the same bound podcast.ParseNPT has (over 30 years).
	maxStart = 999_999_999

	// maxTitleBytes truncates absurdly long titles (at a rune boundary).
	maxTitleBytes = 1 << 10

	// maxURLBytes drops absurdly long links and image URLs.
	maxURLBytes = 4 << 10
)

// Errors callers may want to tell apart.
var (
	// ErrTooLarge is returned for input beyond MaxJSONBytes.
	ErrTooLarge = errors.New("chapters: input too large")
	// ErrNotChapters is returned for JSON that is valid but is not a
	// chapters document of a known shape.
	ErrNotChapters = errors.New("chapters: not a chapters document")
	// ErrNoID3 is returned when data does not start with an ID3v2 tag.
	ErrNoID3 = errors.New("chapters: no ID3v2 tag")
)

// validStart reports whether s is usable as a chapter start time.
func validStart(s float64) bool {
	return !math.IsNaN(s) && s >= 0 && s <= maxStart
}

// cleanTitle makes a title safe and tidy for display: invalid UTF-8 is
// replaced, control characters are removed, runs of white space (including
// newlines) collapse to one space, and the result is at most maxTitleBytes.
func cleanTitle(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r), r == '\uFEFF':
			continue
		}
		if space {
			if b.Len()+1 > maxTitleBytes {
				break
			}
			b.WriteByte(' ')
			space = false
		}
		if b.Len()+utf8.RuneLen(r) > maxTitleBytes {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanURL returns ref as an absolute http or https URL, resolved against
// base when base is not nil, or "" when it is anything else (relative with no
// base, javascript:, data:, too long, unparsable). Chapter links and images
// end up in href and src attributes; only web URLs may get there.
func cleanURL(ref string, base *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > maxURLBytes {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	s := u.String()
	if len(s) > maxURLBytes {
		return ""
	}
	return podcast.SafeLink(s) // Earshot's one URL policy
}
