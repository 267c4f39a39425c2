package chapters

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func list(src podcast.ChapterSource, starts ...float64) []podcast.Chapter {
	out := make([]podcast.Chapter, len(starts))
	for i, s := range starts {
		out[i] = podcast.Chapter{Start: s, Title: fmt.Sprintf("%s %d", src, i), Source: src}
	}
	return out
}

func TestSelect(t *testing.T) {
	var (
		jsonL  = list(podcast.SourceJSON, 0, 60)
		jsonL2 = list(podcast.SourceJSON, 0)
		psc    = list(podcast.SourcePSC, 0, 61, 120)
		id3    = list(podcast.SourceID3, 0, 59.5)
		notes  = list(podcast.SourceNotes, 0, 60, 90, 120)
		none   = list("", 0)
		mixed  = append(list(podcast.SourceJSON, 0), list(podcast.SourceNotes, 5)...)
	)
	tests := []struct {
		name  string
		lists [][]podcast.Chapter
		want  []podcast.Chapter
	}{
		{"nothing", nil, nil},
		{"only empty lists", [][]podcast.Chapter{nil, {}}, nil},
		{"JSON beats everything, in any argument order", [][]podcast.Chapter{notes, id3, psc, jsonL}, jsonL},
		{"PSC beats ID3 and notes", [][]podcast.Chapter{id3, notes, psc}, psc},
		{"ID3 beats notes", [][]podcast.Chapter{notes, id3}, id3},
		{"notes alone", [][]podcast.Chapter{nil, notes}, notes},
		{"an empty better source does not win", [][]podcast.Chapter{{}, id3}, id3},
		{"first of equal rank wins", [][]podcast.Chapter{jsonL2, jsonL}, jsonL2},
		{"unknown source ranks last", [][]podcast.Chapter{none, notes}, notes},
		{"unknown source still beats nothing", [][]podcast.Chapter{nil, none}, none},
		{"a mixed list ranks as its weakest source", [][]podcast.Chapter{mixed, id3}, id3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Select(tt.lists...))
		})
	}
}

func TestNormalize(t *testing.T) {
	ch := func(start, end float64, title string) podcast.Chapter {
		return podcast.Chapter{Start: start, End: end, Title: title, Source: podcast.SourceJSON}
	}
	hidden := func(start, end float64, title string) podcast.Chapter {
		c := ch(start, end, title)
		c.Hidden = true
		return c
	}
	tests := []struct {
		name     string
		in       []podcast.Chapter
		duration float64
		want     []podcast.Chapter
	}{
		{"empty", nil, 100, []podcast.Chapter{}},
		{"ends filled, last ends at the duration",
			[]podcast.Chapter{ch(0, 0, "A"), ch(10, 0, "B"), ch(25, 0, "C")}, 40,
			[]podcast.Chapter{ch(0, 10, "A"), ch(10, 25, "B"), ch(25, 40, "C")}},
		{"unknown duration: last end stays 0",
			[]podcast.Chapter{ch(0, 0, "A"), ch(10, 0, "B")}, 0,
			[]podcast.Chapter{ch(0, 10, "A"), ch(10, 0, "B")}},
		{"NaN, infinite and negative durations are unknown",
			[]podcast.Chapter{ch(0, 0, "A"), ch(1e6, 0, "B")}, math.NaN(),
			[]podcast.Chapter{ch(0, 1e6, "A"), ch(1e6, 0, "B")}},
		{"sorted stably",
			[]podcast.Chapter{ch(30, 0, "C"), ch(0, 0, "A"), ch(30, 0, "D"), ch(10, 0, "B")}, 0,
			[]podcast.Chapter{ch(0, 10, "A"), ch(10, 30, "B"), ch(30, 0, "C"), ch(30, 0, "D")}},
		{"at or after the feed's duration kept: the duration is wrong, the last end unknown",
			[]podcast.Chapter{ch(0, 0, "A"), ch(50, 0, "B"), ch(60, 0, "at end"), ch(70, 0, "after")}, 60,
			[]podcast.Chapter{ch(0, 50, "A"), ch(50, 60, "B"), ch(60, 70, "at end"), ch(70, 0, "after")}},
		{"invalid starts dropped",
			[]podcast.Chapter{ch(math.NaN(), 0, "nan"), ch(-1, 0, "neg"), ch(math.Inf(1), 0, "inf"), ch(5, 0, "ok")}, 0,
			[]podcast.Chapter{ch(5, 0, "ok")}},
		{"exact duplicates dropped, even apart and with different ends",
			[]podcast.Chapter{ch(0, 0, "A"), ch(10, 0, "B"), ch(10, 0, "B2"), ch(10, 20, "B"), ch(0, 0, "A")}, 30,
			[]podcast.Chapter{ch(0, 10, "A"), ch(10, 30, "B"), ch(10, 30, "B2")}},
		{"same start, different fields: both kept",
			[]podcast.Chapter{ch(0, 0, "A"), hidden(0, 0, "A")}, 10,
			[]podcast.Chapter{ch(0, 10, "A"), hidden(0, 10, "A")}},
		{"valid ends kept, invalid ones replaced",
			[]podcast.Chapter{ch(0, 5, "gap after"), ch(10, 8, "end before start"), ch(20, 99, "past duration"), ch(30, 0, "last")}, 40,
			[]podcast.Chapter{ch(0, 5, "gap after"), ch(10, 20, "end before start"), ch(20, 30, "past duration"), ch(30, 40, "last")}},
		{"listed chapters end at the next listed one, hidden ones at the next mark",
			[]podcast.Chapter{ch(0, 0, "A"), hidden(10, 0, "art 1"), hidden(15, 0, "art 2"), ch(20, 0, "B"), hidden(30, 0, "art 3")}, 40,
			[]podcast.Chapter{ch(0, 20, "A"), hidden(10, 15, "art 1"), hidden(15, 20, "art 2"), ch(20, 40, "B"), hidden(30, 40, "art 3")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]podcast.Chapter(nil), tt.in...)
			got := Normalize(tt.in, tt.duration)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, fmt.Sprint(in), fmt.Sprint(tt.in), "input not modified") // NaN != NaN
		})
	}
}

func TestNormalizeCaps(t *testing.T) {
	in := list(podcast.SourceNotes, make([]float64, MaxChapters+1)...)
	for i := range in {
		in[i].Start = float64(i)
	}
	out := Normalize(in, 0)
	require.Len(t, out, MaxChapters)
	assert.Equal(t, float64(MaxChapters-1), out[len(out)-1].Start)
}

// TestNormalizePodlovers runs the real Podlove episode: its chapters and the
// duration from its player configuration.
func TestNormalizePodlovers(t *testing.T) {
	var episode struct {
		Duration string `json:"duration"`
	}
	require.NoError(t, json.Unmarshal(readTestdata(t, "podlove-ui/podlovers-ep3-episode.json"), &episode))
	duration, err := podcast.ParseNPT(episode.Duration)
	require.NoError(t, err)
	require.InDelta(t, 5478.61, duration, 1e-9)

	chs, err := ParseJSON(readTestdata(t, "podlove-ui/podlovers-ep3-chapters.json"))
	require.NoError(t, err)
	out := Normalize(chs, duration)
	require.Len(t, out, 16)
	for i := range out[:len(out)-1] {
		assert.Equal(t, out[i+1].Start, out[i].End, "chapter %d ends where the next starts", i)
	}
	last := out[len(out)-1]
	assert.Equal(t, "Und Tschüss", last.Title)
	assert.InDelta(t, duration, last.End, 1e-9)
}

func TestNormalizeCorpusHidden(t *testing.T) {
	// MagicCarpet has 39 of 67 chapters toc:false; a listed chapter must
	// end at the next listed start.
	chs, err := ParseJSON(readTestdata(t, "podcast-feed-updater/MagicCarpet_chapters.json"))
	require.NoError(t, err)
	out := Normalize(chs, 0)
	require.Len(t, out, 67)
	var listed []podcast.Chapter
	for _, c := range out {
		if !c.Hidden {
			listed = append(listed, c)
		}
	}
	require.Len(t, listed, 28)
	for i := range listed[:len(listed)-1] {
		assert.Equal(t, listed[i+1].Start, listed[i].End, "listed chapter %d %q", i, listed[i].Title)
	}
}

func ExampleSelect() {
	fromJSON := []podcast.Chapter{{Start: 0, Title: "Intro", Source: podcast.SourceJSON}, {Start: 95, Title: "News", Source: podcast.SourceJSON}}
	fromID3 := []podcast.Chapter{{Start: 0, Title: "Chapter 1", Source: podcast.SourceID3}, {Start: 94.5, Title: "Chapter 2", Source: podcast.SourceID3}}
	for _, c := range Normalize(Select(fromID3, fromJSON), 600) {
		fmt.Printf("%s-%s %s (%s)\n", podcast.FormatClock(c.Start), podcast.FormatClock(c.End), c.Title, c.Source)
	}
	// Output:
	// 0:00-1:35 Intro (json)
	// 1:35-10:00 News (json)
}
