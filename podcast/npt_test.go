package podcast_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func TestParseNPT(t *testing.T) {
	tests := []struct {
		in     string
		wantMS int64
	}{
		{"0", 0},
		{"90", 90_000},
		{"90.5", 90_500},
		{"1:30", 90_000},
		{"1:30.5", 90_500},
		{"0:01:30.500", 90_500},
		{"00:00:00.000", 0},
		{"59:59", 3_599_000},
		{"1:59:59.999", 7_199_999},
		{"62:03", 3_723_000},       // minutes past 59 without hours: accepted
		{" 1.234", 1_234},          // the Podlove "unit=s" rows keep their fraction here
		{" 1.834", 1_834},          // truncation to whole seconds is FormatClock's job
		{"1.9999", 1_999},          // truncated, not rounded
		{"\t1:02:03\n", 3_723_000}, // surrounding space ignored
		{"999999999", 999_999_999_000},
		{"100:00:00", 360_000_000},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := podcast.ParseNPT(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.wantMS, ms(got))
		})
	}
}

func TestParseNPTInvalid(t *testing.T) {
	for _, in := range []string{
		"", " ", "abc", "-5", "+5", "1:60", "1:60:00", "1:00:60", "1:2:3:4",
		"1.", ".5", "1.5.5", "1:", ":30", "1::3", "1:3a", "1e3", "0x10",
		"1 :30", "1: 30", "1,5", "Inf", "NaN", "٣", // Arabic-Indic digit
		"1234567890", // more than 9 digits in a field
		"1.2:30",     // fraction only on the seconds field
		"1h2m3s",     // ParseTime's form, not NPT
	} {
		t.Run(in, func(t *testing.T) {
			_, err := podcast.ParseNPT(in)
			assert.ErrorIs(t, err, podcast.ErrBadTime)
		})
	}
}

func TestFormatClock(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0:00"},
		{5, "0:05"},
		{59.999, "0:59"}, // fractions dropped, not rounded
		{60, "1:00"},
		{123, "2:03"},
		{3599, "59:59"},
		{3600, "1:00:00"},
		{3723, "1:02:03"},
		{36000, "10:00:00"},
		{360000, "100:00:00"},
		{-1, "0:00"},
		{math.NaN(), "0:00"},
		{math.Inf(1), "0:00"}, // a live stream's duration
		{math.Inf(-1), "0:00"},
		{1e300, "2777777777:46:40"}, // clamped, not an overflowed int64
		{math.MaxFloat64, "2777777777:46:40"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, podcast.FormatClock(tt.in), "FormatClock(%v)", tt.in)
	}
}

func TestFormatNPT(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0:00"},
		{90, "1:30"},
		{90.5, "1:30.5"},
		{90.25, "1:30.25"},
		{90.125, "1:30.125"},
		{3723.4, "1:02:03.4"},
		{0.001, "0:00.001"},
		{0.0004, "0:00"},       // below half a millisecond
		{59.9996, "1:00"},      // rounds up into the next minute
		{3599.9999, "1:00:00"}, // and into the next hour
		{-3, "0:00"},
		{math.NaN(), "0:00"},
		{math.Inf(1), "0:00"},
		{1e300, "2777777777:46:40"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, podcast.FormatNPT(tt.in), "FormatNPT(%v)", tt.in)
	}
}

// TestFormatNPTRoundTrip: what FormatNPT writes into a share link, ParseNPT
// reads back as the same millisecond, and FormatClock agrees on the whole
// seconds.
func TestFormatNPTRoundTrip(t *testing.T) {
	for _, sec := range []float64{
		0, 0.001, 0.5, 1, 1.234, 59, 59.999, 60, 61.01, 754.56, 3599.999,
		3600, 3723.4, 18723.5, 86399.999, 443045, 999999999.999,
		3_599_999_999_999.999, // the largest value ParseNPT accepts
	} {
		s := podcast.FormatNPT(sec)
		got, err := podcast.ParseNPT(s)
		require.NoError(t, err, "ParseNPT(FormatNPT(%v) = %q)", sec, s)
		assert.Equal(t, ms(sec), ms(got), "%v -> %q", sec, s)
		assert.Equal(t, podcast.FormatClock(sec), podcast.FormatClock(got), "%v -> %q", sec, s)
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in     string
		wantMS int64
	}{
		{"7200", 7_200_000},
		{"7200.5", 7_200_500},
		{"45:00", 2_700_000},
		{"1:02:03", 3_723_000},
		{" 45 ", 45_000},
		// sloppy feeds: fields past 59 are added up, single digits accepted
		{"01:75:00", 8_100_000},
		{"1:5:3", 3_903_000},
		{"0:90", 90_000},
		{"0:0:75.25", 75_250},
		{"01:75:00.1239", 8_100_123}, // fraction truncated as in ParseNPT
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := podcast.ParseDuration(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.wantMS, ms(got))
		})
	}
}

func TestParseDurationInvalid(t *testing.T) {
	for _, in := range []string{
		"", "   ", "abc", "1:2:3:4", "-5", "1:-0", "1:+5", "1:1e2", "1:1e308",
		"1:Inf", "1:NaN", "1:", ":30", "1::3", "1:60.", "-1:00", "1h", "PT1H",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := podcast.ParseDuration(in)
			assert.ErrorIs(t, err, podcast.ErrBadTime)
			assert.Zero(t, got)
		})
	}
}

func FuzzParseNPT(f *testing.F) {
	for _, s := range []string{
		"0", "90", "90.5", "1:30", "1:30.5", "0:01:30.500", "62:03", " 1.234",
		"1.2345", "1:60", "abc", "", "999999999:59:59.999", "1:2:3:4", "1.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sec, err := podcast.ParseNPT(s)
		if err != nil {
			return
		}
		if sec < 0 || math.IsNaN(sec) || math.IsInf(sec, 0) {
			t.Fatalf("ParseNPT(%q) = %v", s, sec)
		}
		out := podcast.FormatNPT(sec)
		back, err := podcast.ParseNPT(out)
		if err != nil {
			t.Fatalf("ParseNPT(%q) = %v; FormatNPT = %q does not parse: %v", s, sec, out, err)
		}
		if d := math.Abs(back - sec); d > 0.001 {
			t.Fatalf("ParseNPT(%q) = %v; FormatNPT = %q parses back as %v", s, sec, out, back)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"7200", "45:00", "01:75:00", "1:5:3", " 45 ", "1:1e308", "1:-0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := podcast.ParseDuration(s)
		if err != nil {
			if d != 0 {
				t.Fatalf("ParseDuration(%q) = %v with error %v", s, d, err)
			}
			return
		}
		if d < 0 || math.IsNaN(d) || math.IsInf(d, 0) {
			t.Fatalf("ParseDuration(%q) = %v", s, d)
		}
	})
}

func BenchmarkParseNPT(b *testing.B) {
	for _, in := range []string{"90", "1:02:03.456", "abc"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = podcast.ParseNPT(in)
			}
		})
	}
}
