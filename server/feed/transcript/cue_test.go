package transcript

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

type seg = podcast.Segment

func TestParseVTT(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []seg
	}{
		{
			name: "minimal",
			in:   "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello\n",
			want: []seg{{Start: 1, End: 2.5, Text: "Hello"}},
		},
		{
			name: "header text, metadata headers and cue identifiers",
			in:   "WEBVTT - Title\nKind: captions\nLanguage: en\n\nintro\n00:00:01.000 --> 00:00:02.000\nOne\n\n2\n00:00:02.000 --> 00:00:03.000\nTwo\n",
			want: []seg{{Start: 1, End: 2, Text: "One"}, {Start: 2, End: 3, Text: "Two"}},
		},
		{
			name: "mm:ss.ttt and single-digit hours",
			in:   "WEBVTT\n\n01:02.500 --> 01:04.000\nA\n\n1:00:15.410 --> 1:00:25.850\nB\n",
			want: []seg{{Start: 62.5, End: 64, Text: "A"}, {Start: 3615.41, End: 3625.85, Text: "B"}},
		},
		{
			name: "bare-second timings",
			in:   "WEBVTT\n\n12.5 --> 15\nBare\n",
			want: []seg{{Start: 12.5, End: 15, Text: "Bare"}},
		},
		{
			name: "comma decimal separator",
			in:   "WEBVTT\n\n00:00:01,250 --> 00:00:02,000\nComma\n",
			want: []seg{{Start: 1.25, End: 2, Text: "Comma"}},
		},
		{
			name: "cue settings after the timing",
			in:   "WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:start position:10% line:0\nSettings\n",
			want: []seg{{Start: 1, End: 2, Text: "Settings"}},
		},
		{
			name: "NOTE, STYLE and REGION blocks skipped",
			in: "WEBVTT\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:fred width:40%\n\n" +
				"NOTE a comment\n00:00:09.000 --> 00:00:10.000 is not a cue\n\n" +
				"NOTE\nmulti\nline\n\n00:00:01.000 --> 00:00:02.000\nNOTE inside a cue is text\n",
			want: []seg{{Start: 1, End: 2, Text: "NOTE inside a cue is text"}},
		},
		{
			name: "voice tags",
			in: "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Roger Bingham>We are in New York City\n\n" +
				"00:02.000 --> 00:03.000\n<v.loud Esme>It's a blue apple tree!</v>\n\n" +
				"00:03.000 --> 00:04.000\n<v.first.loud Mary Ann>Hi\n",
			want: []seg{
				{Start: 1, End: 2, Speaker: "Roger Bingham", Text: "We are in New York City"},
				{Start: 2, End: 3, Speaker: "Esme", Text: "It's a blue apple tree!"},
				{Start: 3, End: 4, Speaker: "Mary Ann", Text: "Hi"},
			},
		},
		{
			name: "voice tags apply to their cue only",
			in:   "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sarah>Hi\n\n00:02.000 --> 00:03.000\n[music]\n",
			want: []seg{{Start: 1, End: 2, Speaker: "Sarah", Text: "Hi"}, {Start: 2, End: 3, Text: "[music]"}},
		},
		{
			name: "two voices in one cue",
			in:   "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Mary>Hello?</v>\n<v John>Hi Mary.</v>\n",
			want: []seg{
				{Start: 1, End: 3, Speaker: "Mary", Text: "Hello?"},
				{Start: 1, End: 3, Speaker: "John", Text: "Hi Mary."},
			},
		},
		{
			name: "runs of one voice joined, long voice names truncated",
			in:   "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>one <v B> <v A>two\n\n00:02.000 --> 00:03.000\n<v " + strings.Repeat("é", 100) + ">long\n",
			want: []seg{
				{Start: 1, End: 2, Speaker: "A", Text: "one two"},
				{Start: 2, End: 3, Speaker: strings.Repeat("é", 64), Text: "long"},
			},
		},
		{
			name: "other tags stripped",
			in:   "WEBVTT\n\n00:01.000 --> 00:05.000\n<c.yellow>Never</c> <i>drink</i> <b>liquid</b> <u>nitrogen</u><00:00:03.000> <lang en>now</lang> <ruby>x</ruby>\n",
			want: []seg{{Start: 1, End: 5, Text: "Never drink liquid nitrogen now x"}},
		},
		{
			name: "entities decoded after tags are removed",
			in:   "WEBVTT\n\n00:01.000 --> 00:02.000\nQ&amp;A &lt;b&gt; &quot;x&quot; caf&#233;&nbsp;au&nbsp;lait &#x2014; 3 < 5\n",
			want: []seg{{Start: 1, End: 2, Text: `Q&A <b> "x" café au lait — 3 < 5`}},
		},
		{
			name: "multi-line cue text joined with a space",
			in:   "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst line\n  second line  \n",
			want: []seg{{Start: 1, End: 2, Text: "first line second line"}},
		},
		{
			name: "CRLF and BOM",
			in:   "\uFEFFWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Sarah>Q&amp;A\r\n\r\n00:00:02.000 --> 00:00:03.000\r\nnext\r\n",
			want: []seg{{Start: 1, End: 2, Speaker: "Sarah", Text: "Q&A"}, {Start: 2, End: 3, Text: "next"}},
		},
		{
			name: "CR line endings",
			in:   "WEBVTT\r\r00:00:01.000 --> 00:00:02.000\rold mac\r",
			want: []seg{{Start: 1, End: 2, Text: "old mac"}},
		},
		{
			name: "cue right after the header and cues without blank lines",
			in:   "WEBVTT\n00:00:01.000 --> 00:00:02.000\nOne\n00:00:02.000 --> 00:00:03.000\nTwo\n",
			want: []seg{{Start: 1, End: 2, Text: "One"}, {Start: 2, End: 3, Text: "Two"}},
		},
		{
			name: "speaker prefix without voice tag carries over",
			in:   "WEBVTT\n\n00:01.000 --> 00:02.000\nTravis: Hi there\n\n00:02.000 --> 00:03.000\nand more\n",
			want: []seg{{Start: 1, End: 2, Speaker: "Travis", Text: "Hi there"}, {Start: 2, End: 3, Speaker: "Travis", Text: "and more"}},
		},
		{
			name: "bad timings and empty cues skipped, end before start dropped",
			in:   "WEBVTT\n\nxx:yy --> 00:01.000\nbad\n\n00:01.000 --> 00:02.000\n\n00:05.000 --> 00:04.000\nbackwards\n",
			want: []seg{{Start: 5, End: 0, Text: "backwards"}},
		},
		{
			name: "out-of-order cues sorted",
			in:   "WEBVTT\n\n00:05.000 --> 00:06.000\nlater\n\n00:01.000 --> 00:02.000\nearlier\n",
			want: []seg{{Start: 1, End: 2, Text: "earlier"}, {Start: 5, End: 6, Text: "later"}},
		},
		{
			name: "seconds past 59 are not a time",
			in:   "WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nbad\n\n00:01:02.000 --> 00:01:03.000\ngood\n",
			want: []seg{{Start: 62, End: 63, Text: "good"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseVTT([]byte(tt.in))
			require.NoError(t, err)
			requireWellFormed(t, got)
			assert.Equal(t, tt.want, got.Segments)
		})
	}
}

func TestParseVTTErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
		msg     string
	}{
		{"no header", "00:00:01.000 --> 00:00:02.000\nHi\n", ErrInvalid, "transcript: not WebVTT: missing WEBVTT header"},
		{"header lookalike", "WEBVTTX\n\n00:01.000 --> 00:02.000\nHi\n", ErrInvalid, "transcript: not WebVTT: missing WEBVTT header"},
		{"html error page", "<html><body>Not found</body></html>", ErrInvalid, "transcript: not WebVTT: missing WEBVTT header"},
		{"empty", "", ErrInvalid, "transcript: not WebVTT: missing WEBVTT header"},
		{"header only", "WEBVTT\n\n", ErrEmpty, "transcript: no segments in WebVTT"},
		{"only notes", "WEBVTT\n\nNOTE nothing to see\n", ErrEmpty, "transcript: no segments in WebVTT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseVTT([]byte(tt.in))
			require.ErrorIs(t, err, tt.wantErr)
			assert.EqualError(t, err, tt.msg)
		})
	}
}

func TestParseSRT(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []seg
	}{
		{
			name: "numbered cues",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:02,500 --> 00:00:04,000\nWorld\n",
			want: []seg{{Start: 1, End: 2, Text: "Hello"}, {Start: 2.5, End: 4, Text: "World"}},
		},
		{
			name: "speaker prefix names the turn",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nTravis: When you first get\nstarted in podcasting\n\n2\n00:00:02,000 --> 00:00:03,000\nalmost guaranteed\n\n3\n00:00:03,000 --> 00:00:04,000\nSarah: Creating good audio\n",
			want: []seg{
				{Start: 1, End: 2, Speaker: "Travis", Text: "When you first get started in podcasting"},
				{Start: 2, End: 3, Speaker: "Travis", Text: "almost guaranteed"},
				{Start: 3, End: 4, Speaker: "Sarah", Text: "Creating good audio"},
			},
		},
		{
			name: "labels and clock times are not speakers",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nNote: the time is 10:30\n\n2\n00:00:02,000 --> 00:00:03,000\n10:30: meeting\n\n3\n00:00:03,000 --> 00:00:04,000\nthe ratio is 3:2 now\n",
			want: []seg{
				{Start: 1, End: 2, Text: "Note: the time is 10:30"},
				{Start: 2, End: 3, Text: "10:30: meeting"},
				{Start: 3, End: 4, Text: "the ratio is 3:2 now"},
			},
		},
		{
			name: "tags stripped",
			in:   "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Italic</i> <font color=\"#ffffff\">white</font> <b>bold</b>\n",
			want: []seg{{Start: 1, End: 2, Text: "Italic white bold"}},
		},
		{
			name: "dot decimal separator and coordinates after the timing",
			in:   "1\n00:00:01.000 --> 00:00:02.000 X1:100 X2:200 Y1:10 Y2:20\nDots\n",
			want: []seg{{Start: 1, End: 2, Text: "Dots"}},
		},
		{
			name: "blank line inside a cue's text",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nfirst part\n\nsecond part\n\n2\n00:00:03,000 --> 00:00:04,000\nnext\n",
			want: []seg{{Start: 1, End: 2, Text: "first part"}, {Start: 1, End: 2, Text: "second part"}, {Start: 3, End: 4, Text: "next"}},
		},
		{
			name: "identifier separated from its cue by a blank line",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n\n00:00:02,000 --> 00:00:03,000\nTwo\n\n3\n",
			want: []seg{{Start: 1, End: 2, Text: "One"}, {Start: 2, End: 3, Text: "Two"}},
		},
		{
			name: "missing blank lines between cues",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n",
			want: []seg{{Start: 1, End: 2, Text: "One"}, {Start: 2, End: 3, Text: "Two"}},
		},
		{
			name: "CRLF, BOM, trailing spaces, no final newline",
			in:   "\uFEFF1\r\n00:00:01,000 --> 00:00:02,000  \r\nHi  \r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nBye",
			want: []seg{{Start: 1, End: 2, Text: "Hi"}, {Start: 2, End: 3, Text: "Bye"}},
		},
		{
			name: "Windows-1252 bytes",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9 \x93quoted\x94\n",
			want: []seg{{Start: 1, End: 2, Text: "Café “quoted”"}},
		},
		{
			name: "UTF-16LE with BOM",
			in:   utf16LE("1\r\n00:00:01,000 --> 00:00:02,000\r\nWide é\r\n"),
			want: []seg{{Start: 1, End: 2, Text: "Wide é"}},
		},
		{
			name: "hours past 99",
			in:   "1\n100:00:00,000 --> 100:00:01,000\nLong\n",
			want: []seg{{Start: 360000, End: 360001, Text: "Long"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSRT([]byte(tt.in))
			require.NoError(t, err)
			requireWellFormed(t, got)
			assert.Equal(t, tt.want, got.Segments)
		})
	}
}

func TestParseSRTErrors(t *testing.T) {
	for _, in := range []string{"", "just some text\n", "1\nno timing here\n"} {
		_, err := ParseSRT([]byte(in))
		require.ErrorIs(t, err, ErrInvalid, "%q", in)
		assert.EqualError(t, err, "transcript: not SRT: no cue timings")
	}
	_, err := ParseSRT([]byte("1\n00:00:01,000 --> 00:00:02,000\n\n"))
	require.ErrorIs(t, err, ErrEmpty)
}

func TestParseCueTime(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"00:00:01.000", 1, true},
		{"00:00:01,000", 1, true},
		{"0:00:15.410", 15.41, true},
		{"01:02.5", 62.5, true},
		{"12.5", 12.5, true},
		{"15", 15, true},
		{"1:00:00:00.000", 0, false},
		{"00:60.000", 0, false},
		{"-1.000", 0, false},
		{"1e3", 0, false},
		{"", 0, false},
		{"NaN", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseCueTime(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		if ok {
			assert.InDelta(t, tt.want, got, 1e-9, tt.in)
		}
	}
}

// utf16LE encodes s as UTF-16LE with a byte order mark.
func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			panic("utf16LE: BMP only")
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}
