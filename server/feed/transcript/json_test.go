package transcript

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []seg
	}{
		{
			name: "Podcasting 2.0 lines are kept",
			in: `{"version":"1.0.0","segments":[
				{"speaker":"A","startTime":0,"endTime":2.5,"body":"Hello there, how are you?"},
				{"speaker":"B","startTime":2.5,"endTime":4,"body":"Fine, thanks."},
				{"speaker":"B","startTime":4,"endTime":5,"body":"And you"}]}`,
			want: []seg{
				{Start: 0, End: 2.5, Speaker: "A", Text: "Hello there, how are you?"},
				{Start: 2.5, End: 4, Speaker: "B", Text: "Fine, thanks."},
				{Start: 4, End: 5, Speaker: "B", Text: "And you"},
			},
		},
		{
			name: "word-level merged at sentence ends and speaker changes",
			in: `{"segments":[
				{"speaker":"A","startTime":0.5,"endTime":0.75,"body":"I"},
				{"speaker":"A","startTime":1,"endTime":1.25,"body":"am"},
				{"speaker":"A","startTime":1.5,"endTime":2,"body":"here."},
				{"speaker":"A","startTime":2.1,"endTime":2.3,"body":"Really"},
				{"speaker":"A","startTime":2.4,"endTime":2.5,"body":"?"},
				{"speaker":"B","startTime":2.6,"endTime":2.9,"body":"Yes"}]}`,
			want: []seg{
				{Start: 0.5, End: 2, Speaker: "A", Text: "I am here."},
				{Start: 2.1, End: 2.5, Speaker: "A", Text: "Really?"},
				{Start: 2.6, End: 2.9, Speaker: "B", Text: "Yes"},
			},
		},
		{
			name: "word-level split at a long pause",
			in: `{"segments":[
				{"startTime":0,"endTime":0.5,"body":"before"},
				{"startTime":0.6,"endTime":1,"body":"pause"},
				{"startTime":2.6,"endTime":3,"body":"after"}]}`,
			want: []seg{
				{Start: 0, End: 1, Text: "before pause"},
				{Start: 2.6, End: 3, Text: "after"},
			},
		},
		{
			name: "word-level split after 30 words",
			in:   wordsJSON(35),
			want: []seg{
				{Start: 0, End: 14.9, Text: "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 w29"},
				{Start: 15, End: 17.4, Text: "w30 w31 w32 w33 w34"},
			},
		},
		{
			name: "Podlove array: ms fields win, voice wins over speaker id",
			in: `[{"start":"00:00:01.000","start_ms":1500,"end":"00:00:02.000","end_ms":2500,"speaker":"3","voice":"Eric","text":"Hallo."},
				{"start":"00:00:03.000","end":"00:00:04.000","speaker":"4","text":"No voice."}]`,
			want: []seg{
				{Start: 1.5, End: 2.5, Speaker: "Eric", Text: "Hallo."},
				{Start: 3, End: 4, Speaker: "4", Text: "No voice."},
			},
		},
		{
			name: "Podlove under a transcripts key",
			in:   `{"transcripts":[{"start":"00:00:00.000","end":"00:00:2.000","text":"Hi","speaker":"1"}]}`,
			want: []seg{{Start: 0, End: 2, Speaker: "1", Text: "Hi"}},
		},
		{
			name: "end_ms before start falls back to the clock string",
			in:   `[{"start_ms":5000,"end_ms":10,"end":"00:00:06.000","text":"Fallback"}]`,
			want: []seg{{Start: 5, End: 6, Text: "Fallback"}},
		},
		{
			name: "Whisper-style start/end/text in seconds, numeric speaker",
			in:   `{"text":"whole","segments":[{"id":0,"start":0.0,"end":3.2,"text":" Hello everyone and welcome.","speaker":0}]}`,
			want: []seg{{Start: 0, End: 3.2, Speaker: "0", Text: "Hello everyone and welcome."}},
		},
		{
			name: "times as strings",
			in:   `{"segments":[{"startTime":"1.5","endTime":"00:00:03.250","body":"Stringly typed"}]}`,
			want: []seg{{Start: 1.5, End: 3.25, Text: "Stringly typed"}},
		},
		{
			name: "fields of the wrong type ignored, missing start inherited",
			in: `{"segments":[{"startTime":4,"endTime":5,"body":"ok then"},
				{"startTime":true,"endTime":{},"body":"no times"},
				{"startTime":6,"body":["not","text"]},
				7,
				{"startTime":-1,"endTime":2,"body":"negative"}]}`,
			want: []seg{{Start: 4, End: 5, Text: "ok then"}, {Start: 4, Text: "no times"}},
		},
		{
			name: "unsorted entries sorted, entities left alone, whitespace tidied",
			in:   `{"segments":[{"startTime":9,"body":"later  line\nbreak"},{"startTime":1,"body":"Q&amp;A"}]}`,
			want: []seg{{Start: 1, Text: "Q&amp;A"}, {Start: 9, Text: "later line break"}},
		},
		{
			name: "key case and a BOM",
			in:   "\uFEFF" + `{"Segments":[{"StartTime":1,"EndTime":2,"Body":"Case"}]}`,
			want: []seg{{Start: 1, End: 2, Text: "Case"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseJSON([]byte(tt.in))
			require.NoError(t, err)
			requireWellFormed(t, got)
			assert.Equal(t, tt.want, got.Segments)
		})
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
		msg     string
	}{
		{"not json", "WEBVTT", ErrInvalid, "transcript: not JSON: expected an object or an array"},
		{"syntax error", `{"segments": [`, ErrInvalid, "transcript: not JSON: unexpected end of JSON input"},
		{"array syntax error", `[{"text": "a",}]`, ErrInvalid, "transcript: not JSON: invalid character '}' looking for beginning of object key string"},
		{"chapters document", `{"version":"1.2.0","chapters":[{"startTime":0,"title":"Intro"}]}`, ErrInvalid, `transcript: not a JSON transcript: no "segments" array`},
		{"segments not an array", `{"segments": {"a": 1}}`, ErrInvalid, "transcript: not a JSON transcript: segments are not an array"},
		{"empty segments", `{"version":"1.0.0","segments":[]}`, ErrEmpty, "transcript: no segments in JSON"},
		{"only empty bodies", `[{"text":"  "},{"start":1}]`, ErrEmpty, "transcript: no segments in JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJSON([]byte(tt.in))
			require.ErrorIs(t, err, tt.wantErr)
			assert.EqualError(t, err, tt.msg)
		})
	}
}

func TestMergeWordsHelpers(t *testing.T) {
	for _, s := range []string{"end.", "end!", "end?", "end…", "“quoted.”", "(aside.)", "句子。"} {
		assert.True(t, endsSentence(s), s)
	}
	for _, s := range []string{"comma,", "word", "", "e.g"} {
		assert.False(t, endsSentence(s), s)
	}
	for _, s := range []string{",", ".", "?!", "…"} {
		assert.True(t, isPunctuation(s), s)
	}
	for _, s := range []string{"(", "“", "word", "", "'"} {
		assert.False(t, isPunctuation(s), s)
	}
}

// wordsJSON is a word-level Podcasting 2.0 document of n words, one every
// half second, each 0.4 s long.
func wordsJSON(n int) string {
	out := `{"segments":[`
	for i := range n {
		if i > 0 {
			out += ","
		}
		out += `{"startTime":` + ftoa(float64(i)*0.5) + `,"endTime":` + ftoa(float64(i)*0.5+0.4) + `,"body":"w` + itoa(i) + `"}`
	}
	return out + "]}"
}
