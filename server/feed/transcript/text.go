package transcript

import (
	"strings"

	"github.com/earshot/earshot/podcast"
)

// ParseText parses a plain-text transcript: paragraphs separated by blank
// lines, turns introduced by "Name: " prefixes.
//
// A segment starts at every paragraph and at every line that starts with a
// speaker prefix or a bracketed time ("[00:01:02]", "(1:02)"); other lines
// continue the segment before them, so both one-turn-per-line files and
// hard-wrapped paragraphs read well. A speaker carries over to the
// following paragraphs until another one is named.
//
// Plain text usually has no times: then every segment has Start = End = 0
// and the player shows the transcript unsynced. When some lines have a
// bracketed time, the others take the start of the segment before them.
func ParseText(data []byte) (podcast.Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return podcast.Transcript{}, err
	}
	return parseText(text)
}

func parseText(text string) (podcast.Transcript, error) {
	var (
		segs      []podcast.Segment
		turn      string
		lastStart float64
		open      bool     // the last segment takes continuation lines
		more      []string // continuation lines of the last segment
	)
	closeSeg := func() {
		if len(more) > 0 {
			last := &segs[len(segs)-1]
			last.Text += " " + strings.Join(more, " ")
			more = more[:0]
		}
		open = false
	}
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			closeSeg()
			continue
		}
		start, rest, timed := leadingTime(line)
		name, said, named := splitSpeaker(rest)
		if open && !timed && !named {
			more = append(more, line)
			continue
		}
		closeSeg()
		if named {
			turn, rest = name, said
		}
		if timed {
			lastStart = start
		}
		segs = append(segs, podcast.Segment{Start: lastStart, Speaker: turn, Text: rest})
		open = true
		if len(segs) > MaxSegments {
			break
		}
	}
	closeSeg()
	return finish(segs, formatText)
}

// leadingTime splits a bracketed clock time off the start of a line:
// "[00:01:02] text", "(1:02) text", "[00:01:02.500] - text".
func leadingTime(line string) (start float64, rest string, ok bool) {
	const maxBracketed = 16
	if line == "" || (line[0] != '[' && line[0] != '(') {
		return 0, line, false
	}
	closing := "]"
	if line[0] == '(' {
		closing = ")"
	}
	end := strings.Index(line, closing)
	if end < 0 || end > maxBracketed {
		return 0, line, false
	}
	inner := line[1:end]
	if !strings.Contains(inner, ":") {
		return 0, line, false // "[1]", "(2)": footnotes, not times
	}
	t, ok := parseCueTime(inner)
	if !ok {
		return 0, line, false
	}
	rest = strings.TrimLeft(line[end+1:], " \t-–—")
	return t, rest, true
}
