package transcript

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []seg
	}{
		{
			name: "paragraphs with speaker prefixes; the speaker carries over",
			in:   "Luisa Rodriguez: Today I'm speaking with Daniel.\n\nLast year, Daniel wrote.\n\nDaniel Kokotajlo: Thanks.\n",
			want: []seg{
				{Speaker: "Luisa Rodriguez", Text: "Today I'm speaking with Daniel."},
				{Speaker: "Luisa Rodriguez", Text: "Last year, Daniel wrote."},
				{Speaker: "Daniel Kokotajlo", Text: "Thanks."},
			},
		},
		{
			name: "one turn per line without blank lines",
			in:   "A: one\nB: two\nA: three",
			want: []seg{{Speaker: "A", Text: "one"}, {Speaker: "B", Text: "two"}, {Speaker: "A", Text: "three"}},
		},
		{
			name: "hard-wrapped paragraph joined",
			in:   "Host: a long paragraph\nwrapped at some width\nand again\n\nnext paragraph\n",
			want: []seg{{Speaker: "Host", Text: "a long paragraph wrapped at some width and again"}, {Speaker: "Host", Text: "next paragraph"}},
		},
		{
			name: "speaker on its own line",
			in:   "Travis:\nWhen you first get started\n\nSarah:\nCreating good audio\n",
			want: []seg{{Speaker: "Travis", Text: "When you first get started"}, {Speaker: "Sarah", Text: "Creating good audio"}},
		},
		{
			name: "no speakers",
			in:   "Just some text.\r\nMore of it.\r\n\r\nA second paragraph: with a colon.",
			want: []seg{{Text: "Just some text. More of it."}, {Text: "A second paragraph: with a colon."}},
		},
		{
			name: "bracketed times",
			in:   "[00:00:05] Travis: Hello\n[00:01:02.500] - Sarah: Hi\nand more\n(1:05:00) Travis: Bye\n[1] a footnote\n",
			want: []seg{
				{Start: 5, Speaker: "Travis", Text: "Hello"},
				{Start: 62.5, Speaker: "Sarah", Text: "Hi and more"},
				{Start: 3900, Speaker: "Travis", Text: "Bye [1] a footnote"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseText([]byte(tt.in))
			require.NoError(t, err)
			requireWellFormed(t, got)
			assert.Equal(t, tt.want, got.Segments)
		})
	}
}

func TestParseTextEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n  \n", "Travis:\n"} {
		_, err := ParseText([]byte(in))
		require.ErrorIs(t, err, ErrEmpty, "%q", in)
		assert.EqualError(t, err, "transcript: no segments in plain text")
	}
}

func TestSplitSpeaker(t *testing.T) {
	tests := []struct {
		in, name, rest string
		ok             bool
	}{
		{"Travis: Hello", "Travis", "Hello", true},
		{"Luisa Rodriguez: Today", "Luisa Rodriguez", "Today", true},
		{"Speaker 1: hi", "Speaker 1", "hi", true},
		{"SPEAKER_00: hi", "SPEAKER_00", "hi", true},
		{"Dr. Jane O'Neil: hi", "Dr. Jane O'Neil", "hi", true},
		{"Ursula von der Leyen: hi", "Ursula von der Leyen", "hi", true},
		{"Travis (host): hi", "Travis (host)", "hi", true},
		{"Q: why?", "Q", "why?", true},
		{"Zoë: hi", "Zoë", "hi", true},
		{"田中: こんにちは", "田中", "こんにちは", true},
		{"Travis:", "Travis", "", true},
		{"  Travis:\tHi", "Travis", "Hi", true},
		{"Note: the time is 10:30", "", "", false},
		{"NOTE: x", "", "", false},
		{"So: what now?", "", "", false},
		{"10:30 is late", "", "", false},
		{"the ratio is 3:2", "", "", false},
		{"https://example.com", "", "", false},
		{"Travis:Hello", "", "", false},
		{"lowercase name: hi", "", "", false},
		{"Travis said this: hi", "", "", false},
		{"A Very Long Sentence That Looks Like Words: hi", "", "", false},
		{"Tom, Dick: hi", "", "", false},
		{": nothing", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		name, rest, ok := splitSpeaker(tt.in)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		if tt.ok {
			assert.Equal(t, tt.name, name, "%q", tt.in)
			assert.Equal(t, tt.rest, rest, "%q", tt.in)
		}
	}
}
