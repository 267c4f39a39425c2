package chapters

import (
	"cmp"
	"math"
	"slices"

	"github.com/earshot/earshot/podcast"
)

// Select returns the one chapter list an episode should show, given the
// lists found in its sources (each chapter tagged with its Source), by whole
// list precedence:
//
//	podcast:chapters JSON > Podlove Simple Chapters > ID3 in the media > show notes
//
// The first non-empty list of the best source wins; the others are dropped
// entirely. Lists are never interleaved: the same episode's marks from two
// sources almost never agree to the millisecond (an ID3 mark at 3:00.000 and
// a JSON mark at 3:00.120 for the same topic), titles differ in wording, and
// one source is often finer-grained than another, so a merge shows duplicate
// and conflicting chapters. Precedence follows how deliberate each source
// is: a chapters document is authored for players and can carry images,
// links and hidden marks; PSC is authored but inline and plain; ID3 marks
// come from the production tool and may predate the final edit; timestamps
// in show notes are guessed.
//
// A list's source is the weakest Source among its chapters (lists are
// expected to be homogeneous); chapters with no or an unknown Source rank
// below notes. Select returns one of its arguments, not a copy, or nil.
// Normalize lists first when the duration is known, so that a list lying
// wholly past the end of the media cannot win.
func Select(lists ...[]podcast.Chapter) []podcast.Chapter {
	best, bestRank := -1, 0
	for i, l := range lists {
		if len(l) == 0 {
			continue
		}
		r := 0
		for _, c := range l {
			r = max(r, rank(c.Source))
		}
		if best < 0 || r < bestRank {
			best, bestRank = i, r
		}
	}
	if best < 0 {
		return nil
	}
	return lists[best]
}

// rank orders chapter sources for Select: lower wins.
func rank(src podcast.ChapterSource) int {
	switch src {
	case podcast.SourceJSON:
		return 0
	case podcast.SourcePSC:
		return 1
	case podcast.SourceID3:
		return 2
	case podcast.SourceNotes:
		return 3
	}
	return 4
}

// Normalize prepares a chapter list for playback and returns it as a new
// slice (chs is not modified). duration is the media length in seconds; zero,
// negative or non-finite means unknown. Normalize
//
//   - drops chapters whose start is not a valid time. Chapters at or after
//     the duration are kept: feeds' itunes:duration is often wrong (rounded,
//     from another edit, the length of an ad-free version), and dropping
//     them lost every chapter of such episodes. A chapter past the duration
//     makes the duration unknown here; the player learns the real one from
//     the media;
//   - sorts by start, stably, so equal starts keep their order;
//   - drops exact duplicates (equal in every field but End), which appear
//     when a source repeats itself;
//   - keeps at most MaxChapters;
//   - keeps an End that is after the start and, when the duration is
//     known, not after it; otherwise sets End to the start of the next
//     chapter that starts later, or to the duration for the last one (0
//     when unknown). A listed chapter ends at the next listed one: a hidden
//     (toc:false) mark between them only changes the artwork, not the
//     chapter being listened to. A hidden chapter ends at the next mark of
//     any kind.
func Normalize(chs []podcast.Chapter, duration float64) []podcast.Chapter {
	known := duration > 0 && !math.IsInf(duration, 1) // NaN > 0 is false
	out := make([]podcast.Chapter, 0, min(len(chs), MaxChapters))
	for _, c := range chs {
		if !validStart(c.Start) {
			continue
		}
		if c.Start >= duration {
			known = false // the feed's duration understates the media
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b podcast.Chapter) int { return cmp.Compare(a.Start, b.Start) })

	// Duplicates share a start, so they sit within one run of equal starts.
	n, run := 0, 0
	for _, c := range out {
		if n > 0 && out[n-1].Start != c.Start {
			run = n
		}
		if !slices.ContainsFunc(out[run:n], func(k podcast.Chapter) bool { return sameMark(k, c) }) {
			out[n] = c
			n++
		}
	}
	out = out[:min(n, MaxChapters)]

	end := 0.0 // what the last chapters end at
	if known {
		end = duration
	}
	nextAny, nextListed := end, end
	for j := len(out); j > 0; {
		i := j - 1 // out[i:j] is a run of equal starts
		for i > 0 && out[i-1].Start == out[j-1].Start {
			i--
		}
		listed := false
		for k := i; k < j; k++ {
			c := &out[k]
			listed = listed || !c.Hidden
			if c.End > c.Start && c.End <= maxStart && (!known || c.End <= duration) {
				continue
			}
			if c.Hidden {
				c.End = nextAny
			} else {
				c.End = nextListed
			}
		}
		nextAny = out[i].Start
		if listed {
			nextListed = out[i].Start
		}
		j = i
	}
	return out
}

// sameMark reports whether a and b are the same chapter mark, End aside.
func sameMark(a, b podcast.Chapter) bool {
	a.End, b.End = 0, 0
	return a == b
}
