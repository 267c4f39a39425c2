package transcript

import (
	"html"
	"strings"

	"github.com/earshot/earshot/podcast"
)

// ParseVTT parses a WebVTT document. It follows the WebVTT cue syntax and
// is lenient where podcast hosts are not: single-digit hours
// ("0:00:15.410"), bare seconds ("12.5 --> 15"), commas as decimal
// separators, cue text that runs into the next cue without a blank line.
// NOTE, STYLE and REGION blocks are skipped, cue settings ignored. A cue with
// several voices becomes one segment per voice, all with the cue's times.
func ParseVTT(data []byte) (podcast.Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return podcast.Transcript{}, err
	}
	return parseVTT(text)
}

// ParseSRT parses a SubRip document: numbered cues with
// "00:00:01,000 --> 00:00:02,000" timings. A "Name: " prefix on a cue names
// its speaker (and the following cues', until the next name); <i>, <b>,
// <font> and {\an8}-style tags are removed. A text block without a timing
// line (after a blank line inside a cue's text) becomes a segment with the
// times of the cue before it.
func ParseSRT(data []byte) (podcast.Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return podcast.Transcript{}, err
	}
	return parseSRT(text)
}

func parseVTT(text string) (podcast.Transcript, error) {
	t := strings.TrimLeft(text, " \t\n\f")
	if !hasVTTHeader(t) {
		return podcast.Transcript{}, invalid("not WebVTT: missing WEBVTT header", nil)
	}
	return parseCues(t, true)
}

func parseSRT(text string) (podcast.Transcript, error) {
	return parseCues(text, false)
}

// parseCues parses the cue blocks shared by WebVTT (vtt true: a header to
// skip, NOTE/STYLE/REGION blocks, text blocks without timing ignored) and
// SRT (text blocks without timing continue the previous cue).
func parseCues(text string, vtt bool) (podcast.Transcript, error) {
	f := formatSRT
	if vtt {
		f = formatVTT
	}
	lines := strings.Split(text, "\n")
	i := 0
	if vtt {
		// The header runs to the first blank line; be lenient about a cue
		// that follows it directly.
		i = 1
		for i < len(lines) && !isBlank(lines[i]) && !strings.Contains(lines[i], "-->") {
			i++
		}
	}

	var (
		segs      []podcast.Segment
		turn      string // speaker named by the last "Name: " prefix
		anyTiming bool
	)
	// emit turns one cue's text lines into segments.
	emit := func(start, end float64, body []string) {
		if len(body) == 0 {
			return
		}
		runs := cueRuns(body)
		for _, r := range runs {
			speaker, txt := r.speaker, r.text
			if speaker == "" {
				if name, rest, ok := splitSpeaker(txt); ok {
					turn, txt = name, rest
				}
				speaker = turn
			}
			segs = append(segs, podcast.Segment{Start: start, End: end, Speaker: speaker, Text: txt})
		}
	}

	for i < len(lines) {
		// Collect one block: the lines up to the next blank line.
		for i < len(lines) && isBlank(lines[i]) {
			i++
		}
		j := i
		for j < len(lines) && !isBlank(lines[j]) {
			j++
		}
		block := lines[i:j]
		i = j
		if len(block) == 0 {
			break
		}
		if vtt && isVTTMetaBlock(block[0]) {
			continue
		}

		// Find the timing line: the first line, or the second after an
		// identifier. A block without one is stray text.
		k := -1
		for n := 0; n < len(block) && n < 2; n++ {
			if strings.Contains(block[n], "-->") {
				k = n
				break
			}
		}
		if k < 0 {
			if !vtt && len(segs) > 0 && !(len(block) == 1 && isDigits(strings.TrimSpace(block[0]))) {
				// SRT: a blank line inside a cue's text.
				last := &segs[len(segs)-1]
				start, end := last.Start, last.End
				emit(start, end, block)
			}
			continue
		}

		// One block may hold several cues when the blank line between them
		// is missing: a later line that parses as a timing starts a new cue,
		// taking the numeric identifier just before it along.
		for k < len(block) {
			start, end, ok := parseTiming(block[k])
			next := len(block)
			for n := k + 1; n < len(block); n++ {
				if _, _, ok := parseTiming(block[n]); ok {
					next = n
					if n-1 > k && isDigits(strings.TrimSpace(block[n-1])) {
						next = n - 1
					}
					break
				}
			}
			if ok {
				anyTiming = true
				emit(start, end, block[k+1:next])
			}
			if next < len(block) && !strings.Contains(block[next], "-->") {
				next++ // skip the identifier
			}
			if next <= k { // cannot happen; guards the loop
				break
			}
			k = next
		}
		if len(segs) > MaxSegments {
			break
		}
	}
	if !anyTiming && !vtt {
		return podcast.Transcript{}, invalid("not SRT: no cue timings", nil)
	}
	return finish(segs, f)
}

func isBlank(line string) bool { return strings.TrimSpace(line) == "" }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isVTTMetaBlock reports whether a block starting with line is a NOTE,
// STYLE or REGION block.
func isVTTMetaBlock(line string) bool {
	for _, kw := range []string{"NOTE", "STYLE", "REGION"} {
		if rest, ok := strings.CutPrefix(line, kw); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return true
		}
	}
	return false
}

// parseTiming parses a cue timing line, "start --> end" with optional cue
// settings after the end.
func parseTiming(line string) (start, end float64, ok bool) {
	l, r, found := strings.Cut(line, "-->")
	if !found {
		return 0, 0, false
	}
	start, ok = parseCueTime(l)
	if !ok {
		return 0, 0, false
	}
	fields := strings.Fields(r)
	if len(fields) == 0 {
		return 0, 0, false
	}
	end, ok = parseCueTime(fields[0])
	return start, end, ok
}

// parseCueTime parses a WebVTT or SRT timestamp: "hh:mm:ss.ttt",
// "h:mm:ss.ttt", "mm:ss.ttt" or bare seconds, with "." or "," before the
// fraction.
func parseCueTime(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 32 {
		return 0, false
	}
	s = strings.Replace(s, ",", ".", 1)
	t, err := podcast.ParseNPT(s)
	return t, err == nil
}

// run is a stretch of cue text with one voice.
type run struct {
	speaker string // from a <v> tag; "" when none
	text    string
}

// maxOverrideTag bounds the search for the end of an SSA override tag.
const maxOverrideTag = 64

// cueRuns turns the text lines of a cue into runs of plain text, one per
// voice: tags removed, entities decoded, lines joined with a space. Runs of
// the same voice that only an empty run separates are joined.
func cueRuns(lines []string) []run {
	type rawRun struct {
		speaker string
		b       strings.Builder
		hasText bool
	}
	raws := []*rawRun{{}}
	cur := raws[0]
	write := func(c byte) {
		cur.b.WriteByte(c)
		if c != ' ' && c != '\t' {
			cur.hasText = true
		}
	}
	raw := strings.Join(lines, "\n")
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '<':
			end := tagEnd(raw, i)
			if end < 0 {
				write(c)
				i++
				continue
			}
			if voice, ok := voiceOf(raw[i+1 : end]); ok && voice != cur.speaker {
				if !cur.hasText {
					raws = raws[:len(raws)-1]
				}
				if n := len(raws); n > 0 && raws[n-1].speaker == voice {
					cur = raws[n-1] // <v A>x<v B><v A>y: one run for A
					cur.b.WriteByte(' ')
				} else {
					cur = &rawRun{speaker: voice}
					raws = append(raws, cur)
				}
			}
			i = end + 1
		case c == '{' && i+1 < len(raw) && raw[i+1] == '\\':
			// SSA/ASS override tags in SRT: {\an8}, {\i1}.
			if end := strings.IndexByte(raw[i:min(len(raw), i+maxOverrideTag)], '}'); end > 0 {
				i += end + 1
				continue
			}
			write(c)
			i++
		case c == '\n':
			write(' ')
			i++
		default:
			write(c)
			i++
		}
	}
	runs := make([]run, 0, len(raws))
	for _, r := range raws {
		if r.hasText {
			runs = append(runs, run{speaker: r.speaker, text: html.UnescapeString(r.b.String())})
		}
	}
	return runs
}

// tagEnd returns the index of the '>' closing a tag that opens at raw[i],
// or -1 when raw[i] does not open a tag: "<" must be followed by a letter,
// "/" or a digit (WebVTT timestamp tags), and closed on the same line.
func tagEnd(raw string, i int) int {
	if i+1 >= len(raw) {
		return -1
	}
	if c := raw[i+1]; !isASCIILetter(c) && c != '/' && (c < '0' || c > '9') {
		return -1
	}
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '>':
			return j
		case '<', '\n':
			return -1
		}
	}
	return -1
}

// voiceOf returns the speaker named by a WebVTT voice start tag ("v Name",
// "v.loud Name"); the contents of the tag are given without the brackets.
func voiceOf(tag string) (string, bool) {
	if len(tag) < 2 || tag[0] != 'v' || (tag[1] != '.' && tag[1] != ' ' && tag[1] != '\t') {
		return "", false
	}
	i := strings.IndexAny(tag, " \t")
	if i < 0 {
		return "", true // <v.loud> without a name
	}
	return strings.TrimSpace(html.UnescapeString(tag[i+1:])), true
}
