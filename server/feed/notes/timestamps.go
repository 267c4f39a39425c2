package notes

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/earshot/earshot/podcast"
)

// Timestamp is a position in the episode mentioned in show notes.
type Timestamp struct {
	Start float64 // seconds
	Label string  // the time as written: "03:15", "1:02:03"
	// Title is the rest of the line when the time starts a line (or list
	// item), as in a chapter list ("00:00 Intro"); empty for a time
	// mentioned in running text.
	Title string
}

// timeRe matches m:ss, mm:ss, h:mm:ss and hh:mm:ss. What may surround a
// match is checked by scan.
var timeRe = regexp.MustCompile(`[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?`)

// maxTitleRunes bounds a chapter title taken from a line of notes.
const maxTitleRunes = 200

// FindTimestamps returns the times mentioned in plain text, in order of
// appearance. It accepts "3:15", "03:15", "1:02:03", optionally in
// parentheses or brackets, and refuses:
//   - times past duration, when duration is known (> 0);
//   - clock times: followed by am/pm, Uhr, h, o'clock or a time zone
//     ("4:20 PM", "16:30 Uhr", "10:00–12:00 CET"), preceded by "um"/"gegen"
//     or by a date ("12.03.2024 20:15");
//   - stated lengths: after Dauer, Länge, Laufzeit, duration, length,
//     runtime and the like ("Dauer: 3:32:21"), or followed by a unit
//     ("45:00 min");
//   - anything glued to letters, digits or URL punctuation ("2024:12",
//     "T20:15", "?t=12:30", "12:30:45:10", "12:30.5").
func FindTimestamps(text string, duration float64) []Timestamp {
	ms := scan(text, duration)
	if len(ms) == 0 {
		return nil
	}
	out := make([]Timestamp, len(ms))
	for i, m := range ms {
		out[i] = m.Timestamp
	}
	return out
}

// match is a timestamp found by scan, with where it sits in the text.
type match struct {
	Timestamp
	start, end int  // the label
	open       int  // the label or its opening bracket
	lineStart  bool // starts a line, so may be a chapter
}

func scan(text string, duration float64) []match {
	var out []match
	for _, loc := range timeRe.FindAllStringIndex(text, -1) {
		m, ok := candidate(text, loc[0], loc[1], duration)
		if ok {
			out = append(out, m)
		}
	}
	// Titles run to the end of the line or to the next time that starts a
	// (lost) line.
	for i := range out {
		if !out[i].lineStart {
			continue
		}
		from := out[i].end
		if from < len(text) && (text[from] == ')' || text[from] == ']') {
			from++
		}
		to := lineEnd(text, from, maxTitleBytes)
		for j := i + 1; j < len(out) && out[j].open < to; j++ {
			if out[j].lineStart {
				to = out[j].open
				break
			}
		}
		out[i].Title = title(text[from:to])
	}
	return out
}

func candidate(text string, s, e int, duration float64) (match, bool) {
	m := match{start: s, end: e, open: s}
	bracketed := s > 0 && (text[s-1] == '(' || text[s-1] == '[')
	if bracketed {
		m.open = s - 1
	} else if r, _ := utf8.DecodeLastRuneInString(text[:s]); s > 0 && gluedBefore(r) {
		return m, false
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return m, false
		}
		if (r == ':' || r == '.' || r == ',' || r == '/') && e+1 < len(text) && isDigit(text[e+1]) {
			return m, false
		}
	}
	m.Label = text[s:e]
	sec, err := podcast.ParseNPT(m.Label)
	if err != nil || !withinDuration(sec, duration) {
		return m, false
	}
	m.Start = sec
	before := text[lineStart(text, m.open, maxContextBytes):m.open]
	if clockOrLengthBefore(before) || clockOrLengthAfter(text[e:lineEnd(text, e, maxContextBytes)], m.Label) {
		return m, false
	}
	m.lineStart = onlyBullets(before) || (bracketed && lostLineBreak(before))
	return m, true
}

// withinDuration reports whether sec is a position in an episode of the
// given duration; any time is when the duration is unknown (<= 0).
func withinDuration(sec, duration float64) bool {
	if sec < 0 || math.IsNaN(sec) {
		return false
	}
	return !(duration > 0) || sec <= duration
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// gluedBefore reports whether a time right after r is part of something
// else: a number, a word, a URL, a date or a time-zone offset.
func gluedBefore(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(":/._-+=&?#@%~\\$€£,", r)
}

// Context is looked at within bounded windows, so that a long line with
// many times costs linear time.
const (
	maxContextBytes = 64                // before and after a time
	maxTitleBytes   = 4 * maxTitleRunes // after a time that starts a line
)

// lineStart returns the start of the line holding text[i], or of the
// window of the given bytes before i (at a rune boundary) if that is shorter.
func lineStart(text string, i, window int) int {
	lo := max(0, i-window)
	for lo > 0 && lo < i && !utf8.RuneStart(text[lo]) {
		lo++
	}
	return lo + strings.LastIndexByte(text[lo:i], '\n') + 1
}

// lineEnd returns the end of the line holding text[i], or of the window of
// max bytes after i (at a rune boundary) if that is shorter.
func lineEnd(text string, i, window int) int {
	hi := min(len(text), i+window)
	for hi < len(text) && hi > i && !utf8.RuneStart(text[hi]) {
		hi--
	}
	if j := strings.IndexByte(text[i:hi], '\n'); j >= 0 {
		return i + j
	}
	return hi
}

// onlyBullets reports whether what precedes a time on its line is at most
// white space and list markers ("- ", "• ", "> ").
func onlyBullets(s string) bool {
	return strings.TrimLeft(s, " \t\u00a0-*•·–—>#+|►▶→") == ""
}

// lostLineBreak reports whether a bracketed time is glued to the text before
// it ("…Auftritt(02:32) Die …"): feeds whose chapter lists lost their line
// breaks on the way look like this, while a time mentioned in prose has a
// space before its bracket.
func lostLineBreak(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return before != "" && !unicode.IsSpace(r) && r != '(' && r != '['
}

var (
	// lengthWords before a time say it is the length of something.
	lengthWords = []string{
		"dauer", "länge", "laenge", "laufzeit", "spielzeit", "duration", "length",
		"runtime", "run time", "running time", "total time", "durée", "duración",
		"durata", "duur", "speelduur",
	}
	// fillerWords may sit between a length word and the time.
	fillerWords = []string{"ca.", "ca", "circa", "etwa", "rund", "ungefähr", "approx.", "approx", "approximately", "about", "~"}
	// clockWordsBefore are words after which a time is a time of day.
	clockWordsBefore = map[string]bool{"um": true, "gegen": true}
	// dateBeforeRe: a date right before a time makes it a time of day.
	dateBeforeRe = regexp.MustCompile(`(?:\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}/\d{2,4})[,\s]*$`)
)

func clockOrLengthBefore(before string) bool {
	// The date pattern ends in a digit or a dot; check that cheaply first.
	if t := strings.TrimRight(before, ", \t"); t != "" && (isDigit(t[len(t)-1]) || t[len(t)-1] == '.') && dateBeforeRe.MatchString(before) {
		return true
	}
	b := strings.ToLower(strings.TrimRight(before, " \t\u00a0:=-–—("))
	for trimmed := true; trimmed; {
		trimmed = false
		for _, f := range fillerWords {
			if rest, ok := strings.CutSuffix(b, f); ok && (rest == "" || !isLetterEnd(rest)) {
				b = strings.TrimRight(rest, " \t\u00a0:=-–—(")
				trimmed = true
			}
		}
	}
	for _, w := range lengthWords {
		// Suffix match on purpose: German compounds ("Gesamtdauer",
		// "Folgenlänge") count.
		if strings.HasSuffix(b, w) {
			return true
		}
	}
	i := strings.LastIndexFunc(b, func(r rune) bool { return !unicode.IsLetter(r) })
	return clockWordsBefore[b[i+1:]]
}

func isLetterEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

var (
	// rangeRe: a range "10:00 - 12:00" is judged by what follows its end.
	rangeRe = regexp.MustCompile(`^\s*(?:[-–—]|bis|to)\s*[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?`)
	// unitWords after a time, in any case: clock and length units.
	unitWords = []string{
		"uhr", "h", "hr", "hrs", "o'clock", "o’clock", "p.m.", "p.m", "pm", "a.m.", "a.m",
		"min", "min.", "mins", "minute", "minutes", "minuten", "std", "std.", "stunden",
		"hours", "sec", "secs", "sek", "sek.", "seconds", "sekunden",
	}
	// zoneWords after a time, upper case only ("et" is French for "and").
	zoneWords = []string{
		"UTC", "GMT", "CET", "CEST", "MEZ", "MESZ", "WET", "EET", "BST", "IST", "JST", "KST",
		"AEST", "AEDT", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "Z",
	}
)

func clockOrLengthAfter(after, label string) bool {
	rest := strings.TrimLeft(after, " \t\u00a0")
	if loc := rangeRe.FindStringIndex(rest); loc != nil {
		rest = strings.TrimLeft(rest[loc[1]:], " \t\u00a0")
	}
	lower := strings.ToLower(rest)
	for _, w := range unitWords {
		if wordPrefix(lower, w) {
			return true
		}
	}
	for _, w := range zoneWords {
		if wordPrefix(rest, w) {
			return true
		}
	}
	// "AM" and "a.m." are clock times; lower-case "am" is too unless a
	// capitalized word follows (German "12:30 am Ende"); "Am" starts a title.
	if wordPrefix(rest, "AM") || wordPrefix(lower, "a.m") {
		return true
	}
	if wordPrefix(rest, "am") {
		next := strings.TrimLeft(rest[2:], " \t\u00a0")
		r, _ := utf8.DecodeRuneInString(next)
		return !unicode.IsUpper(r)
	}
	return false
}

// wordPrefix reports whether s starts with the word w (not followed by a
// letter or digit).
func wordPrefix(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// title tidies the text after a time into a chapter title.
func title(s string) string {
	s = strings.TrimLeft(s, " \t\u00a0-–—:|.·•>»)]")
	return cut(strings.Join(strings.Fields(s), " "), maxTitleRunes)
}

// Chapters finds a chapter list in show notes (HTML or plain text): at least
// two times, each at the start of a line or list item and followed by a
// title ("00:00 Intro", "(20:12) Interview", "1:02:03 - Outro",
// "<li><strong>31:00</strong> - Topic</li>"), in increasing order. Times in
// running text are not chapters, nor are times past duration (when known).
// When the candidates are not all in order, the longest run in increasing
// order wins. It returns nil when there is no such list.
func Chapters(notes string, duration float64) []podcast.Chapter {
	var cands []match
	for _, m := range scan(plainText(notes), duration) {
		if m.lineStart && m.Title != "" {
			cands = append(cands, m)
		}
	}
	best, bestLen := 0, 0
	for i := 0; i < len(cands); {
		j := i + 1
		for j < len(cands) && cands[j].Start > cands[j-1].Start {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	if bestLen < 2 {
		return nil
	}
	out := make([]podcast.Chapter, 0, bestLen)
	for _, m := range cands[best : best+bestLen] {
		out = append(out, podcast.Chapter{Start: m.Start, Title: m.Title, Source: podcast.SourceNotes})
	}
	return out
}

// linkTimestamps wraps the times in the tree's text (outside links) in
// timestamp links. Times are found in the flattened text, so context in
// neighbouring nodes counts ("Dauer: <b>3:32:21</b>"); a time split across
// nodes is not linked.
func linkTimestamps(root *html.Node, duration float64) {
	text, segs := flatten(root)
	ms := scan(text, duration)
	if len(ms) == 0 {
		return
	}
	byNode := map[*html.Node][]match{}
	var order []segment
	for _, m := range ms {
		i := sort.Search(len(segs), func(i int) bool { return segs[i].off > m.start }) - 1
		if i < 0 {
			continue
		}
		seg := segs[i]
		if !seg.linkable || m.end > seg.off+len(seg.node.Data) {
			continue
		}
		m.start -= seg.off
		m.end -= seg.off
		if _, seen := byNode[seg.node]; !seen {
			order = append(order, seg)
		}
		byNode[seg.node] = append(byNode[seg.node], m)
	}
	for _, seg := range order {
		splitText(seg.node, byNode[seg.node])
	}
}

// splitText replaces text node n by text and timestamp links at ms.
func splitText(n *html.Node, ms []match) {
	parent, data, last := n.Parent, n.Data, 0
	for _, m := range ms {
		if m.start > last {
			parent.InsertBefore(newText(data[last:m.start]), n)
		}
		a := newElement(atom.A)
		a.Attr = timestampAttrs(m.Start)
		a.AppendChild(newText(data[m.start:m.end]))
		parent.InsertBefore(a, n)
		last = m.end
	}
	if last < len(data) {
		parent.InsertBefore(newText(data[last:]), n)
	}
	parent.RemoveChild(n)
}
