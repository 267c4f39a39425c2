package podcast_test

import (
	"math"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want podcast.Range
	}{
		{"90", podcast.Range{Start: 90}},
		{"1:30", podcast.Range{Start: 90}},
		{"0:01:30.5", podcast.Range{Start: 90.5}},
		{"npt:90", podcast.Range{Start: 90}},
		{"90,120", podcast.Range{Start: 90, End: 120}},
		{",120", podcast.Range{End: 120}},
		{"npt:10,20", podcast.Range{Start: 10, End: 20}},
		{"npt:,20", podcast.Range{End: 20}},
		{",1:20", podcast.Range{End: 80}},                        // end-only clock: no format prefix
		{"120,0:02:01.5", podcast.Range{Start: 120, End: 121.5}}, // seconds start, clock end
		{"0:02:00,121.5", podcast.Range{Start: 120, End: 121.5}},
		{"3.", podcast.Range{Start: 3}},
		{"00:00:01.00", podcast.Range{Start: 1}},
		{"1:30.2345", podcast.Range{Start: 90.234}}, // truncated to milliseconds
		// the "1h2m3s" form
		{"1h2m3s", podcast.Range{Start: 3723}},
		{"90s", podcast.Range{Start: 90}},
		{"2m", podcast.Range{Start: 120}},
		{"1h", podcast.Range{Start: 3600}},
		{"1h30s", podcast.Range{Start: 3630}},
		{"1m90s", podcast.Range{Start: 150}},
		{"0s", podcast.Range{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := podcast.ParseTime(tt.in)
			require.NoError(t, err)
			assert.Equal(t, ms(tt.want.Start), ms(got.Start), "start")
			assert.Equal(t, ms(tt.want.End), ms(got.End), "end")
		})
	}
}

// TestParseTimeInvalid: an invalid t value is an error, which callers treat
// as "no time given" (Media Fragments: invalid fragments are ignored).
func TestParseTimeInvalid(t *testing.T) {
	for _, in := range []string{
		"", " ", ",", "10,", "10,5", "10,10", ",0", "npt:", "npt:,", "-5",
		"1:60", "abc", "10,20,30", "NPT:10", " 90 ", "+90",
		// W3C clock times: two-digit seconds, minutes below 60
		"3:7", "0:0:0", "1:2:3", "0:00:60", "62:03", "100:00", "0:60:00", ".5",
		"smpte:10:10:10", "smpte:10:10:10,11:11:11", "smpte-25:0:00:01:00",
		"smpte-30-drop:0:00:01:00", "clock:2011-10-01T23:00:00Z",
		"clock:2011-10-01T23:00:00Z,2011-10-01T23:00:10Z", "abc:1,2,3",
		// "1h2m3s" misuse
		"1s2m", "1m1h", "1h1h", "h", "1x", "m5", "1.5m", "1h 2m", "-1h",
		"1234567890s", "1h2m3", "1m,2m",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := podcast.ParseTime(in)
			assert.ErrorIs(t, err, podcast.ErrBadTime)
			assert.Equal(t, podcast.Range{}, got)
		})
	}
}

func TestTimeFromURL(t *testing.T) {
	tests := []struct {
		name   string
		url    string
		want   podcast.Range
		wantOK bool
	}{
		{"query only", "https://e.test/ep?t=1:02:03", podcast.Range{Start: 3723}, true},
		{"fragment only", "https://e.test/ep#t=90,120", podcast.Range{Start: 90, End: 120}, true},
		{"query beats fragment", "https://e.test/ep?t=10#t=20", podcast.Range{Start: 10}, true},
		{"invalid query falls back to fragment", "https://e.test/ep?t=abc#t=20", podcast.Range{Start: 20}, true},
		{"empty query falls back to fragment", "https://e.test/ep?t=#t=20", podcast.Range{Start: 20}, true},
		{"encoded query", "https://e.test/ep?t=npt%3A10%2C20", podcast.Range{Start: 10, End: 20}, true},
		{"hms query", "https://e.test/ep?t=1h2m3s", podcast.Range{Start: 3723}, true},
		{"both invalid", "https://e.test/ep?t=abc#t=smpte:1:00:00", podcast.Range{}, false},
		{"no time", "https://e.test/ep?guid=1#chapter=3", podcast.Range{}, false},
		{"other fragment params", "https://e.test/ep#style=external&t=10,200", podcast.Range{Start: 10, End: 200}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.url)
			require.NoError(t, err)
			got, ok := podcast.TimeFromURL(u.Query(), u.EscapedFragment())
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, ms(tt.want.Start), ms(got.Start), "start")
			assert.Equal(t, ms(tt.want.End), ms(got.End), "end")
		})
	}
}

func TestTimeFromFragment(t *testing.T) {
	tests := []struct {
		fragment string
		want     podcast.Range
		wantOK   bool
	}{
		{"t=90", podcast.Range{Start: 90}, true},
		{"#t=90", podcast.Range{Start: 90}, true},
		{"u=1&t=3", podcast.Range{Start: 3}, true},
		{"t=npt%3A3", podcast.Range{Start: 3}, true},
		{"%74=3", podcast.Range{Start: 3}, true}, // the name may be encoded too
		{"t=10%2C20", podcast.Range{Start: 10, End: 20}, true},
		// several t: the last valid one wins
		{"t=10&t=20", podcast.Range{Start: 20}, true},
		{"t=10&t=abc", podcast.Range{Start: 10}, true},
		{"t=10&t=20,5&t=", podcast.Range{Start: 10}, true},
		{"t=abc&t=30,40&t=%zz", podcast.Range{Start: 30, End: 40}, true},
		// nothing usable
		{"", podcast.Range{}, false},
		{"#", podcast.Range{}, false},
		{"t", podcast.Range{}, false},
		{"t=", podcast.Range{}, false},
		{"T=10", podcast.Range{}, false},
		{"xt=10", podcast.Range{}, false},
		{"t=%zz", podcast.Range{}, false},
		{"t=smpte:10:10:10", podcast.Range{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.fragment, func(t *testing.T) {
			got, ok := podcast.TimeFromFragment(tt.fragment)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, ms(tt.want.Start), ms(got.Start), "start")
			assert.Equal(t, ms(tt.want.End), ms(got.End), "end")
		})
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"90", "1:30", "0:01:30.5", "npt:90", "90,120", ",120", "npt:10,20",
		",1:20", "1h2m3s", "90s", "1s2m", "10,5", "smpte:10:10:10", "", ",",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := podcast.ParseTime(s)
		if err != nil {
			if r != (podcast.Range{}) {
				t.Fatalf("ParseTime(%q) = %+v with error %v", s, r, err)
			}
			return
		}
		if r.Start < 0 || math.IsNaN(r.Start) || math.IsInf(r.Start, 0) {
			t.Fatalf("ParseTime(%q): start %v", s, r.Start)
		}
		if r.End != 0 && !(r.End > r.Start) {
			t.Fatalf("ParseTime(%q): end %v not after start %v", s, r.End, r.Start)
		}
		if math.IsInf(r.End, 0) {
			t.Fatalf("ParseTime(%q): end %v", s, r.End)
		}
		// A Media Fragments value reads the same from a fragment.
		mf, mfErr := podcast.ParseTemporal(s)
		if mfErr == nil && mf != r {
			t.Fatalf("ParseTemporal(%q) = %+v, ParseTime = %+v", s, mf, r)
		}
		got, ok := podcast.TimeFromFragment("t=" + url.PathEscape(s))
		if ok != (mfErr == nil) || got != mf {
			t.Fatalf("TimeFromFragment(t=%q) = %+v, %v; ParseTemporal = %+v, %v", url.PathEscape(s), got, ok, mf, mfErr)
		}
	})
}

func BenchmarkParseTime(b *testing.B) {
	for _, in := range []string{"90", "npt:1:02:03.5,1:05:00", "1h2m3s", "smpte:10:10:10"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = podcast.ParseTime(in)
			}
		})
	}
}
