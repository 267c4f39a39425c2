// Package moments is what the server's search and the browser share about
// moments (search hits): the query's limits and errors, how a hit's text is
// cut and highlighted, how a transcript passage maps a byte to a time, and
// the prebuilt index of a static export, which the app queries without a
// server.
//
// The server searches with bleve (server/search). A static export has no
// server, and bleve in the wasm would add megabytes for every visitor, so
// its index is a small inverted index built at export time from the same
// documents, queried here with the same rules: every word, one typo for
// words of four or more letters, the last word as a prefix, and the same
// weights per kind of moment. It compiles for wasm and imports only the
// standard library and the podcast model.
package moments

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/earshot/earshot/podcast"
)

// Errors of a query, for errors.Is: the HTTP layer and the app answer each
// with a sentence that says what to type instead.
var (
	ErrEmptyQuery = errors.New("nothing to search for")
	ErrLongQuery  = errors.New("search too long")
)

// CheckQuery trims q and refuses what cannot be searched: nothing, or more
// than podcast.MaxSearchRunes (refused, not cut, so nobody wonders why the
// end of it was ignored).
func CheckQuery(q string) (string, error) {
	q = strings.ToValidUTF8(strings.TrimSpace(q), " ")
	switch {
	case q == "":
		return "", ErrEmptyQuery
	case utf8.RuneCountInString(q) > podcast.MaxSearchRunes:
		return "", fmt.Errorf("%w: at most %d characters", ErrLongQuery, podcast.MaxSearchRunes)
	}
	return q, nil
}

// Boost is the weight of each kind of moment: a title hit ranks above a
// chapter, a chapter above a show-notes line, that above a transcript
// passage.
var Boost = map[string]float64{
	podcast.MomentTitle:      4,
	podcast.MomentChapter:    3,
	podcast.MomentNotes:      1.5,
	podcast.MomentTranscript: 1,
}

// Weights of a word matched exactly, with a typo, or as a prefix, and the
// shortest words (in runes) that match with a typo or as a prefix.
const (
	ExactWeight  = 1
	FuzzyWeight  = 0.6
	PrefixWeight = 0.5
	FuzzyRunes   = 4
	PrefixRunes  = 3
	// CommonDocs: a word that at least this many moments say is taken as
	// typed, without typo or prefix variants. The listener's word is
	// there; its variants would only add noise, and on a large archive
	// the variants of a common word are what makes a query slow (139 ms
	// against 3 ms for a rare word, 700 one-hour transcripts).
	CommonDocs = 10
)

// Limits of an answer.
const (
	// MaxTerms bounds the words of a query that are matched.
	MaxTerms = 12
	// DefaultLimit and MaxLimit bound the moments in one answer;
	// PerEpisode keeps one episode from filling it.
	DefaultLimit = 20
	MaxLimit     = 50
	PerEpisode   = 5
	// snippetBytes is about the length of a moment's text.
	snippetBytes = 200
	snippetLead  = 60
)

// Limit is how many moments an answer asked for limit holds: DefaultLimit
// for 0 or less, at most MaxLimit.
func Limit(limit int) int {
	if limit <= 0 {
		return DefaultLimit
	}
	return min(limit, MaxLimit)
}

// Span is a byte range of a text.
type Span struct{ From, To int }

// Merge sorts spans and joins the ones that overlap.
func Merge(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int { return cmp.Compare(a.From, b.From) })
	merged := spans[:0]
	for _, s := range spans {
		if n := len(merged); n > 0 && s.From <= merged[n-1].To {
			merged[n-1].To = max(merged[n-1].To, s.To)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// Snippet cuts text to about snippetBytes around its first mark, at word
// boundaries, into plain and marked parts. marks are sorted and merged.
func Snippet(text string, marks []Span) []podcast.TextPart {
	from, to := window(text, marks)
	var parts []podcast.TextPart
	add := func(s string, mark bool) {
		if s != "" {
			parts = append(parts, podcast.TextPart{Text: s, Mark: mark})
		}
	}
	if from > 0 {
		add("…", false)
	}
	at := from
	for _, m := range marks {
		if m.To <= at || m.From >= to {
			continue
		}
		add(text[at:max(at, m.From)], false)
		add(text[max(at, m.From):min(to, m.To)], true)
		at = min(to, m.To)
	}
	add(text[at:to], false)
	if to < len(text) {
		add("…", false)
	}
	return parts
}

// window is the part of text a snippet shows: all of a short text, else
// about snippetBytes from a little before the first mark, cut at spaces
// and rune boundaries.
func window(text string, marks []Span) (from, to int) {
	if len(text) <= snippetBytes {
		return 0, len(text)
	}
	if len(marks) > 0 {
		from = max(0, marks[0].From-snippetLead)
	}
	to = min(len(text), from+snippetBytes)
	if from > 0 {
		if i := strings.IndexByte(text[from:], ' '); i >= 0 && (len(marks) == 0 || from+i < marks[0].From) {
			from += i + 1
		}
	}
	if to < len(text) {
		if i := strings.LastIndexByte(text[from:to], ' '); i > 0 {
			to = from + i
		}
	}
	for from < len(text) && !utf8.RuneStart(text[from]) {
		from++
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	return from, to
}

// Offsets maps byte offsets of a transcript passage to the times of its
// cues, written "0:12.5 83:20.1 …", so that a hit plays at the sentence
// that matched rather than at the start of its passage.
type Offsets string

// Add appends the cue starting at byte at, time sec.
func (o *Offsets) Add(at int, sec float64) {
	if *o != "" {
		*o += " "
	}
	*o += Offsets(strconv.Itoa(at) + ":" + strconv.FormatFloat(sec, 'f', 1, 64))
}

// StartAt is the time of the cue that holds byte at; def when it cannot
// tell.
func (o Offsets) StartAt(at int, def float64) float64 {
	best := def
	for _, e := range strings.Fields(string(o)) {
		b, t, ok := strings.Cut(e, ":")
		if !ok {
			continue
		}
		n, err1 := strconv.Atoi(b)
		sec, err2 := strconv.ParseFloat(t, 64)
		if err1 != nil || err2 != nil || n > at {
			break
		}
		best = sec
	}
	return best
}
