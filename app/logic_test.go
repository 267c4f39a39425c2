package app

import (
	"html"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/earshot/earshot/podcast"
)

func TestChapterAt(t *testing.T) {
	chs := richView().Episode.Chapters // 0 Intro, 30 Sponsor (hidden), 60 Interview, 180 Outro
	for _, tc := range []struct {
		name string
		chs  []podcast.Chapter
		at   float64
		want int
	}{
		{"no chapters", nil, 10, -1},
		{"before the start", chs, -1, -1},
		{"at 0", chs, 0, 0},
		{"hidden chapters count: they switch art", chs, 30, 1},
		{"within a millisecond of a start", chs, 59.9995, 2},
		{"just before a start", chs, 59.99, 1},
		{"exactly at a start", chs, 60, 2},
		{"past the end", chs, 1e6, 3},
		{"before a late first chapter", []podcast.Chapter{{Start: 20}, {Start: 40}}, 10, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, chapterAt(tc.chs, tc.at))
		})
	}
}

func TestVisibleChapters(t *testing.T) {
	titles := func(chs []podcast.Chapter) []string {
		out := []string{}
		for _, c := range chs {
			out = append(out, c.Title)
		}
		return out
	}
	assert.Equal(t, []string{"Intro", "Interview", "Outro"}, titles(visibleChapters(richView().Episode.Chapters)))
	assert.Empty(t, visibleChapters(nil))
	assert.Empty(t, visibleChapters([]podcast.Chapter{{Title: "a", Hidden: true}, {Title: "b", Hidden: true}}))

	in := []podcast.Chapter{{Title: "a"}, {Title: "b", Hidden: true}}
	out := visibleChapters(in)
	out[0].Title = "changed"
	assert.Equal(t, "a", in[0].Title, "the result is a copy")
}

func TestHiddenBetween(t *testing.T) {
	chs := []podcast.Chapter{
		{Title: "0"}, {Title: "1", Hidden: true}, {Title: "2", Hidden: true}, {Title: "3"}, {Title: "4", Hidden: true},
	}
	for _, tc := range []struct {
		i, j int
		want bool
	}{
		{0, 0, true},  // nothing between
		{0, 1, true},  // only hidden
		{0, 2, true},  // only hidden
		{0, 3, false}, // a listed chapter in between
		{3, 4, true},
		{2, 1, true},   // empty range
		{3, 99, true},  // clamped to the chapters there are
		{0, 99, false}, // …and those include a listed one
	} {
		assert.Equal(t, tc.want, hiddenBetween(chs, tc.i, tc.j), "hiddenBetween(%d, %d)", tc.i, tc.j)
	}
}

func TestSegmentAt(t *testing.T) {
	timed := []podcast.Segment{{Start: 0, Text: "a"}, {Start: 5, Text: "b"}, {Start: 10, Text: "c"}}
	late := []podcast.Segment{{Start: 2, Text: "a"}, {Start: 4, Text: "b"}}
	untimed := []podcast.Segment{{Text: "a"}, {Text: "b"}, {Text: "c"}}
	for _, tc := range []struct {
		name string
		segs []podcast.Segment
		at   float64
		want int
	}{
		{"empty", nil, 3, -1},
		{"start", timed, 0, 0},
		{"inside the first", timed, 4.9, 0},
		{"at a start", timed, 5, 1},
		{"within a millisecond of a start", timed, 9.9995, 2},
		{"past the end", timed, 1e6, 2},
		{"before the start", timed, -1, -1},
		{"before a late first segment", late, 1, -1},
		{"in a late first segment", late, 3, 0},
		{"untimed at 0", untimed, 0, -1},
		{"untimed later", untimed, 100, -1},
		{"two segments at 0, then timed", []podcast.Segment{{Start: 0}, {Start: 0}, {Start: 5}}, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, segmentAt(tc.segs, tc.at))
		})
	}
}

func TestSetRate(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		ok   bool
	}{
		{0.5, true},
		{1.75, true},
		{3, true},
		{0.25, false},
		{3.5, false},
		{0, false},
		{-1, false},
		{math.NaN(), false},
		{math.Inf(1), false},
	} {
		p := &Player{View: richView(), rate: 1}
		p.setRate(tc.rate)
		if tc.ok {
			assert.Equal(t, tc.rate, p.rate, "%v is offered", tc.rate)
		} else {
			assert.Equal(t, 1.0, p.rate, "%v is rejected", tc.rate)
		}
	}
}

func TestStepRate(t *testing.T) {
	for _, tc := range []struct {
		from float64
		dir  int
		want float64
	}{
		{1, +1, 1.1},
		{1, -1, 0.75},
		{1.25, +1, 1.5},
		{2.5, +1, 3},
		{3, +1, 3},     // the fastest stays
		{0.5, -1, 0.5}, // the slowest stays
		{0.75, -1, 0.5},
	} {
		p := &Player{rate: tc.from}
		p.stepRate(tc.dir)
		assert.Equal(t, tc.want, p.rate, "from %v by %+d", tc.from, tc.dir)
	}

	// Stepping runs through every offered speed and stops at the ends.
	p := &Player{rate: 1}
	for range speeds {
		p.stepRate(+1)
	}
	assert.Equal(t, speeds[len(speeds)-1], p.rate)
	for range speeds {
		p.stepRate(-1)
	}
	assert.Equal(t, speeds[0], p.rate)
}

func TestTimeLabel(t *testing.T) {
	ep := func(d float64) *podcast.EpisodeView {
		return &podcast.EpisodeView{Episode: podcast.Episode{Duration: d}}
	}
	for _, tc := range []struct {
		name      string
		p         *Player
		cur, dur  float64
		remaining bool
		want      string
	}{
		{"elapsed", &Player{View: ep(240)}, 40, 0, false, "0:40"},
		{"remaining from the feed's duration", &Player{View: ep(240)}, 40, 0, true, "-3:20"},
		{"remaining from the media's duration", &Player{View: ep(240)}, 40, 300, true, "-4:20"},
		{"the loaded duration wins over the feed's", &Player{View: ep(240), duration: 250}, 40, 0, true, "-3:30"},
		{"never below zero", &Player{View: ep(240)}, 250, 0, true, "-0:00"},
		{"unknown duration shows elapsed", &Player{View: ep(0)}, 40, 0, true, "0:40"},
		{"hours", &Player{View: ep(7200)}, 3723, 0, false, "1:02:03"},
		{"hours remaining", &Player{View: ep(7200)}, 3723, 0, true, "-57:57"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.p.remaining = tc.remaining
			assert.Equal(t, tc.want, tc.p.timeLabel(tc.cur, tc.dur))
		})
	}
}

func TestPrerenderedTimeLabel(t *testing.T) {
	doc := prerender(t, &Player{View: richView(), Start: podcast.Range{Start: 40}})
	assert.Equal(t, "0:40 / 4:00 (Show remaining time)", textOf(findOne(t, doc, "button", hasClass("es-time"))))
}

func TestAttrAndPlainOnTheServer(t *testing.T) {
	for _, s := range []string{`"><script>`, "a & b", `AC\DC`, "no\u00a0break", "tab\there", "plain"} {
		got := attr(s)
		assert.Equal(t, s, html.UnescapeString(got), "the browser decodes %q back", s)
		assert.NotContains(t, got, `"`)
		assert.Equal(t, strconv.Quote(got), `"`+got+`"`, "nothing left for strconv.Quote to escape in %q", got)
	}
	assert.Equal(t, "plain", attr("plain"))
	assert.Equal(t, "Say ”hi” <3", plain(`Say "hi" <3`), "titles get typographic quotes; go-app escapes the rest")
}
