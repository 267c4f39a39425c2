package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/earshot/earshot/podcast"
)

// Merging word-level JSON into lines; see mergeWords.
const (
	// maxWordGap is the longest pause, in seconds, inside one merged line.
	maxWordGap = 1.5
	// maxLineWords is the most words in one merged line.
	maxLineWords = 30
	// wordLevelShare is the share of one-word segments (in percent) above
	// which a JSON transcript counts as word-level.
	wordLevelShare = 60
)

// ParseJSON parses a JSON transcript in either of the shapes in use:
//
//   - Podcasting 2.0: {"version": "1.0.0", "segments": [{"speaker",
//     "startTime", "endTime", "body"}]}, times in seconds;
//   - Podlove Web Player: [{"start": "00:00:09.600", "start_ms": 9600,
//     "end", "end_ms", "speaker", "voice", "text"}], bare or under a
//     "transcripts" key. The *_ms fields win over the clock strings when
//     both are there (unless they end before the start), and "voice" (a
//     name) over "speaker" (an id into the episode's contributors, kept as
//     is when there is no voice).
//
// Times may be numbers or strings ("1.5", "00:01:02.500"); fields of an
// unexpected type are ignored rather than failing the document, and an
// entry without a start takes the start of the entry before it.
//
// Many Podcasting 2.0 transcripts have one segment per word. When at least
// wordLevelShare percent of the segments are a single word, consecutive
// words are merged into lines: a line ends at sentence punctuation (. ! ? …),
// a pause longer than maxWordGap seconds, a change of speaker, or after
// maxLineWords words (punctuation tokens count as words here). Punctuation tokens are attached without a space.
func ParseJSON(data []byte) (podcast.Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return podcast.Transcript{}, err
	}
	return parseJSON(text)
}

// jsonEntry is the union of the Podcasting 2.0 and Podlove entry shapes
// (and Whisper's, which has start/end/text in seconds).
type jsonEntry struct {
	StartMs   jsonTime `json:"start_ms"`
	StartTime jsonTime `json:"startTime"`
	Start     jsonTime `json:"start"`
	EndMs     jsonTime `json:"end_ms"`
	EndTime   jsonTime `json:"endTime"`
	End       jsonTime `json:"end"`
	Body      jsonText `json:"body"`
	Text      jsonText `json:"text"`
	Voice     jsonText `json:"voice"`
	Speaker   jsonText `json:"speaker"`
}

// jsonTime is a time in seconds (or milliseconds, scaled by the caller)
// given as a number, a numeric string or a clock string. Other values leave
// it unset.
type jsonTime struct {
	v   float64
	set bool
}

func (t *jsonTime) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	s := string(b)
	if b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return nil
		}
		s = strings.TrimSpace(s)
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		*t = jsonTime{v: v, set: true}
		return nil
	}
	if b[0] == '"' {
		if v, ok := parseCueTime(s); ok {
			*t = jsonTime{v: v, set: true}
		}
	}
	return nil
}

// jsonText is a string, or a number kept as written (speaker ids).
type jsonText string

func (t *jsonText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
	case b[0] == '"':
		var s string
		if json.Unmarshal(b, &s) == nil {
			*t = jsonText(s)
		}
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*t = jsonText(b)
	}
	return nil
}

func parseJSON(text string) (podcast.Transcript, error) {
	raw := bytes.TrimSpace([]byte(text))
	if len(raw) == 0 || (raw[0] != '{' && raw[0] != '[') {
		return podcast.Transcript{}, invalid("not JSON: expected an object or an array", nil)
	}
	list := raw
	if raw[0] == '{' {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return podcast.Transcript{}, invalid("not JSON", err)
		}
		list = nil
		for _, key := range []string{"segments", "transcripts", "transcript"} {
			for k, v := range obj {
				if strings.EqualFold(k, key) {
					list = bytes.TrimSpace(v)
					break
				}
			}
			if list != nil {
				break
			}
		}
		if list == nil {
			return podcast.Transcript{}, invalid("not a JSON transcript: no \"segments\" array", nil)
		}
	}
	if len(list) == 0 || list[0] != '[' {
		return podcast.Transcript{}, invalid("not a JSON transcript: segments are not an array", nil)
	}
	var entries []jsonEntry
	if err := json.Unmarshal(list, &entries); err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			return podcast.Transcript{}, invalid("not JSON", err)
		}
		// An entry or field of an unexpected type: keep the rest.
	}

	segs := make([]podcast.Segment, 0, len(entries))
	prevStart := 0.0
	for _, e := range entries {
		s := podcast.Segment{Text: string(e.Body), Speaker: string(e.Voice)}
		if strings.TrimSpace(s.Text) == "" {
			s.Text = string(e.Text)
		}
		if strings.TrimSpace(s.Speaker) == "" {
			s.Speaker = string(e.Speaker)
		}
		s.Start = prevStart
		if start, ok := firstSet(millis(e.StartMs), e.StartTime, e.Start); ok {
			s.Start = start
		}
		for _, t := range []jsonTime{millis(e.EndMs), e.EndTime, e.End} {
			if t.set && t.v >= s.Start {
				s.End = t.v
				break
			}
		}
		if validTime(s.Start) {
			prevStart = s.Start
		}
		segs = append(segs, s)
	}
	segs = tidy(segs)
	if isWordLevel(segs) {
		segs = mergeWords(segs)
	}
	return check(segs, formatJSON)
}

// millis converts a time read from a *_ms field to seconds.
func millis(t jsonTime) jsonTime {
	t.v /= 1000
	return t
}

// firstSet returns the first time that is set.
func firstSet(times ...jsonTime) (float64, bool) {
	for _, t := range times {
		if t.set {
			return t.v, true
		}
	}
	return 0, false
}

// isWordLevel reports whether most segments are single words.
func isWordLevel(segs []podcast.Segment) bool {
	single := 0
	for _, s := range segs {
		if !strings.ContainsRune(s.Text, ' ') { // tidy left single spaces only
			single++
		}
	}
	return len(segs) >= 2 && single*100 >= len(segs)*wordLevelShare
}

// mergeWords joins consecutive word segments into lines; see ParseJSON.
// segs are tidy and sorted.
func mergeWords(segs []podcast.Segment) []podcast.Segment {
	out := make([]podcast.Segment, 0, len(segs)/8+1)
	var (
		words     int     // in the current line
		lastStart float64 // of the last word in the current line
		lastEnd   float64 // of the last word with an end
	)
	for _, s := range segs {
		if n := len(out); n > 0 {
			cur := &out[n-1]
			prevEnd := lastEnd
			if prevEnd < lastStart {
				prevEnd = lastStart
			}
			if s.Speaker == cur.Speaker && words < maxLineWords && !endsSentence(cur.Text) &&
				s.Start-prevEnd <= maxWordGap {
				if isPunctuation(s.Text) {
					cur.Text += s.Text
				} else {
					cur.Text += " " + s.Text
				}
				words += strings.Count(s.Text, " ") + 1
				lastStart = s.Start
				if s.End > 0 {
					lastEnd = s.End
					cur.End = max(cur.End, s.End)
				}
				continue
			}
		}
		out = append(out, s)
		words = strings.Count(s.Text, " ") + 1
		lastStart, lastEnd = s.Start, s.End
	}
	return out
}

// endsSentence reports whether text ends with sentence punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, "\"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune(".!?…。！？", r)
}

// isPunctuation reports whether a token is only punctuation that attaches
// to the word before it ("," "." "?!").
func isPunctuation(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		if !unicode.IsPunct(r) || strings.ContainsRune("([{“‘«¿¡\"'", r) {
			return false
		}
	}
	return true
}
