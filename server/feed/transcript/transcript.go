// Package transcript parses the transcript documents a podcast episode links
// with podcast:transcript into the domain model's [podcast.Transcript]:
// WebVTT ([ParseVTT]), SubRip ([ParseSRT]), Podcasting 2.0 and Podlove Web
// Player JSON ([ParseJSON]), the Podcasting 2.0 HTML layout ([ParseHTML]) and
// plain text with "Speaker: " prefixes ([ParseText]). [Parse] picks the parser
// from the declared MIME type, the content and the URL, because hosts often
// serve transcripts as text/plain or application/octet-stream.
//
// Everything here runs on the server, on bytes fetched from hosts we do not
// control, so the parsers are lenient where real files are sloppy (missing
// headers, odd timings, stray tags, Windows-1252 bytes, CRLF line endings)
// and bounded by named limits. They never panic.
//
// Every parser returns a transcript whose segments:
//   - have non-empty, single-line, valid UTF-8 Text, plain text for the UI
//     to escape: from WebVTT, SRT and HTML with tags removed and entities
//     decoded (multi-line cues are joined with a space: their line breaks
//     are display wrapping, and the player flows text itself); JSON bodies
//     are plain text already and kept as they are;
//   - have a single-line Speaker of at most 128 bytes, or none;
//   - have Start ≥ 0 and End either ≥ Start or 0, meaning "unknown: until
//     the next segment", both rounded to milliseconds;
//   - are sorted by Start (stably, so equal starts keep document order).
//
// A transcript without any times (plain text, HTML without <time>) has
// Start = End = 0 on every segment; the player shows it unsynced. Where only
// some segments carry a time, an untimed one takes the Start of the segment
// before it, so that document order survives the sort.
//
// Speakers come from WebVTT voice tags (<v Name>), which apply to their cue
// only, and from "Name: " prefixes (SRT, plain text, HTML paragraphs, WebVTT
// cues without a voice), which name a turn: the name carries over to the
// following cues or paragraphs until another one is named. A prefix counts
// only when it looks like a name (see splitSpeaker), so "Note: the time is
// 10:30" stays text.
package transcript

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/earshot/earshot/podcast"
)

// Limits. The exported ones are the ones a fetcher needs to size its reads.
const (
	// MaxBytes is the largest document any parser here accepts, in bytes.
	// A three-hour word-level JSON transcript is about 3 MB; SRT and WebVTT
	// for the same episode are a few hundred KB.
	MaxBytes = 10 << 20

	// MaxSegments is the most segments a transcript may have. A three-hour
	// episode has a few thousand lines; word-level documents are merged into
	// lines before this is checked.
	MaxSegments = 100_000

	// maxSpeakerNameBytes truncates absurdly long speaker names (WebVTT
	// voice annotations and JSON fields are not bounded otherwise).
	maxSpeakerNameBytes = 128

	// maxSeconds is the latest time accepted, in seconds: nine digits of
	// seconds, the same bound podcast.ParseNPT has (over 30 years). Later
	// starts drop the segment; later ends become 0 (unknown).
	maxSeconds = 999_999_999
)

// Errors callers may want to tell apart. Parse errors wrap one of them.
var (
	// ErrTooLarge is returned for input beyond MaxBytes.
	ErrTooLarge = errors.New("transcript: input too large")
	// ErrTooManySegments is returned for transcripts beyond MaxSegments.
	ErrTooManySegments = errors.New("transcript: too many segments")
	// ErrEmpty is returned for a well-formed document without any text.
	ErrEmpty = errors.New("transcript: no segments")
	// ErrInvalid is returned for input that is not a document of the format
	// being parsed ("transcript: not WebVTT: missing WEBVTT header").
	ErrInvalid = errors.New("transcript: invalid document")
	// ErrUnknownFormat is returned by Parse when neither the MIME type, the
	// URL nor the content tell which format the data is in.
	ErrUnknownFormat = errors.New("transcript: unknown format")
)

// invalidError is an ErrInvalid with the reason in its message.
type invalidError struct {
	msg string
	err error // cause, may be nil
}

func (e *invalidError) Error() string {
	if e.err != nil {
		return "transcript: " + e.msg + ": " + e.err.Error()
	}
	return "transcript: " + e.msg
}

func (e *invalidError) Is(target error) bool { return target == ErrInvalid }
func (e *invalidError) Unwrap() error        { return e.err }

func invalid(msg string, cause error) error { return &invalidError{msg: msg, err: cause} }

// format is a transcript document format.
type format int

const (
	formatUnknown format = iota
	formatVTT
	formatSRT
	formatJSON
	formatHTML
	formatText
)

func (f format) String() string {
	switch f {
	case formatVTT:
		return "WebVTT"
	case formatSRT:
		return "SRT"
	case formatJSON:
		return "JSON"
	case formatHTML:
		return "HTML"
	case formatText:
		return "plain text"
	}
	return "unknown"
}

// Parse parses a transcript document fetched from urlHint and served (or
// declared by the feed) as mimeType. Either may be empty.
//
// The format is chosen in this order, first match wins:
//  1. content that can only be one format: a WEBVTT header, SRT/WebVTT cue
//     timings on the first lines, or valid JSON;
//  2. a specific MIME type (text/vtt; application/x-subrip, application/srt,
//     text/srt; application/json; text/html);
//  3. the URL's extension (.vtt, .srt, .json, .html, .htm);
//  4. markup at the start of the content (HTML), else plain text, unless the
//     content looks binary (ErrUnknownFormat).
//
// text/plain and application/octet-stream say nothing, since hosts send them
// for every format. A specific MIME type is trusted over content that merely
// starts with "<" so that an HTML error page served for a .vtt link fails
// ("not WebVTT") rather than becoming a transcript.
func Parse(data []byte, mimeType string, urlHint string) (podcast.Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return podcast.Transcript{}, err
	}
	f := detect(text, mimeType, urlHint)
	switch f {
	case formatVTT:
		return parseVTT(text)
	case formatSRT:
		return parseSRT(text)
	case formatJSON:
		return parseJSON(text)
	case formatHTML:
		return parseHTML(text)
	case formatText:
		return parseText(text)
	}
	return podcast.Transcript{}, fmt.Errorf("%w (type %q, url %q)", ErrUnknownFormat, mimeType, urlHint)
}

// detect chooses the parser for Parse; see there.
func detect(text, mimeType, urlHint string) format {
	t := strings.TrimLeft(text, " \t\r\n\f")
	switch {
	case hasVTTHeader(t):
		return formatVTT
	case looksLikeCues(t):
		return formatSRT
	case (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) && json.Valid([]byte(t)):
		return formatJSON
	}
	if f := formatOfMIME(mimeType); f != formatUnknown && f != formatText {
		return f
	}
	if f := formatOfURL(urlHint); f != formatUnknown && f != formatText {
		return f
	}
	if len(t) > 1 && t[0] == '<' && (isASCIILetter(t[1]) || t[1] == '!' || t[1] == '?') {
		return formatHTML
	}
	if t == "" || looksBinary(t) {
		return formatUnknown
	}
	return formatText
}

// formatOfMIME maps a Content-Type (parameters allowed) to a format.
func formatOfMIME(mimeType string) format {
	mt, _, err := mime.ParseMediaType(mimeType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(mimeType))
	}
	switch mt {
	case "text/vtt", "text/webvtt":
		return formatVTT
	case "application/x-subrip", "application/srt", "text/srt", "application/x-srt", "text/x-srt":
		return formatSRT
	case "application/json", "text/json":
		return formatJSON
	case "text/html", "application/xhtml+xml":
		return formatHTML
	case "text/plain":
		return formatText
	}
	if strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json") {
		return formatJSON
	}
	return formatUnknown
}

// formatOfURL maps the extension of a URL's path to a format.
func formatOfURL(rawURL string) format {
	p := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		p = u.Path
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".vtt", ".webvtt":
		return formatVTT
	case ".srt":
		return formatSRT
	case ".json":
		return formatJSON
	case ".html", ".htm":
		return formatHTML
	case ".txt":
		return formatText
	}
	return formatUnknown
}

// hasVTTHeader reports whether t starts with the WEBVTT signature: the word
// followed by the end, a space, a tab or a line break.
func hasVTTHeader(t string) bool {
	rest, ok := strings.CutPrefix(t, "WEBVTT")
	return ok && (rest == "" || strings.ContainsRune(" \t\n\r", rune(rest[0])))
}

// looksLikeCues reports whether t starts with a cue: a timing line, or an
// identifier line and then a timing line.
func looksLikeCues(t string) bool {
	first, rest, _ := strings.Cut(t, "\n")
	if _, _, ok := parseTiming(first); ok {
		return true
	}
	second, _, _ := strings.Cut(rest, "\n")
	_, _, ok := parseTiming(second)
	return ok && len(strings.TrimSpace(first)) <= 64
}

// looksBinary reports whether the start of t has control characters that
// no text document has.
func looksBinary(t string) bool {
	const sniffLen = 1024
	if len(t) > sniffLen {
		t = t[:sniffLen]
	}
	for _, r := range t {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return true
		}
	}
	return false
}

func isASCIILetter(b byte) bool { return (b|0x20) >= 'a' && (b|0x20) <= 'z' }

// decode checks the size of data and turns it into a string of valid UTF-8
// with LF line endings: a UTF-8 byte order mark is dropped, UTF-16 with a
// byte order mark is converted, and bytes that are not UTF-8 are read as
// Windows-1252, the usual encoding of SRT files made on Windows.
func decode(data []byte) (string, error) {
	if len(data) > MaxBytes {
		return "", fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, len(data), MaxBytes)
	}
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s = decodeUTF16(data[2:], true)
	}
	if s == "" {
		if utf8.Valid(data) {
			s = string(data)
		} else {
			s = decodeWindows1252(data)
		}
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, nil
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// decodeWindows1252 reads text that is not UTF-8 as Windows-1252, the
// encoding of most legacy subtitle files (and what browsers assume for
// Latin-1).
func decodeWindows1252(b []byte) string {
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil { // a single-byte decoder has no invalid input
		return string(b)
	}
	return string(s)
}

// finish turns the segments a parser collected into the transcript every
// parser returns (see the package documentation).
func finish(segs []podcast.Segment, f format) (podcast.Transcript, error) {
	return check(tidy(segs), f)
}

// tidy cleans the segments a parser collected: texts and speakers made
// single-line, empty texts dropped, times checked and rounded to
// milliseconds, segments sorted by start. It reuses segs' storage.
func tidy(segs []podcast.Segment) []podcast.Segment {
	out := segs[:0]
	for _, s := range segs {
		s.Text = cleanText(s.Text)
		if s.Text == "" {
			continue
		}
		s.Speaker = truncate(cleanText(s.Speaker), maxSpeakerNameBytes)
		if !validTime(s.Start) {
			continue
		}
		s.Start = roundMillis(s.Start)
		if validTime(s.End) {
			s.End = roundMillis(s.End)
		} else {
			s.End = 0
		}
		if s.End < s.Start {
			s.End = 0
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b podcast.Segment) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// check applies the limits to tidy segments and wraps them.
func check(out []podcast.Segment, f format) (podcast.Transcript, error) {
	if len(out) == 0 {
		return podcast.Transcript{}, fmt.Errorf("%w in %s", ErrEmpty, f)
	}
	if len(out) > MaxSegments {
		return podcast.Transcript{}, fmt.Errorf("%w (%d, limit %d)", ErrTooManySegments, len(out), MaxSegments)
	}
	return podcast.Transcript{Segments: slices.Clip(out)}, nil
}

// truncate shortens s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}

func validTime(t float64) bool { return !math.IsNaN(t) && t >= 0 && t <= maxSeconds }

// roundMillis rounds t to whole milliseconds so that times print as written
// ("15.41", not "15.410000000000002").
func roundMillis(t float64) float64 { return math.Round(t*1000) / 1000 }

// cleanText makes s valid single-line UTF-8 with runs of white space
// (including line breaks and no-break spaces) collapsed to one space.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !needsCollapse(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsCollapse is a fast path for cleanText: most texts are already clean.
func needsCollapse(s string) bool {
	if s == "" {
		return false
	}
	prevSpace := true // a leading space needs collapsing
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return true
			}
			prevSpace = true
		case r < 0x20 || (r >= 0x80 && unicode.IsSpace(r)):
			return true
		default:
			prevSpace = false
		}
	}
	return prevSpace // a trailing space
}
