package transcript

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestCorpus parses every third-party transcript in testdata/ (copied from
// the shared corpus; see testdata/SOURCES.md) with the MIME type its host
// would declare, checks counts, first and last segments and speakers, and
// compares the whole result with testdata/golden.
func TestCorpus(t *testing.T) {
	tests := []struct {
		file     string
		mimeType string
		count    int
		first    podcast.Segment // Text: a prefix of the first segment's text
		last     podcast.Segment // Text: a suffix of the last segment's text
		speakers []string        // distinct, in order of appearance
	}{
		{
			file: "pocket-casts-ios/sample.vtt", mimeType: "text/vtt", count: 13,
			first:    podcast.Segment{Start: 15.41, End: 25.85, Speaker: "Speaker 1", Text: "But I must explain to you how all this mistaken idea"},
			last:     podcast.Segment{Start: 71.89, End: 75.49, Speaker: "Speaker 1", Text: "that produces no resultant pleasure?"},
			speakers: []string{"Speaker 1"},
		},
		{
			file: "pocket-casts-ios/sample.txt", mimeType: "text/plain", count: 3,
			first:    podcast.Segment{Speaker: "Luisa Rodriguez", Text: "Today I'm speaking with Daniel Kokotajlo."},
			last:     podcast.Segment{Speaker: "Daniel Kokotajlo", Text: "Thanks for having me. I'm very excited to chat."},
			speakers: []string{"Luisa Rodriguez", "Daniel Kokotajlo"},
		},
		{
			file: "podcast-namespace/example.vtt", mimeType: "text/vtt", count: 7,
			first:    podcast.Segment{Start: 0, End: 2.76, Speaker: "Sarah", Text: "In today's episode, you'll learn whether or not you"},
			last:     podcast.Segment{Start: 21.45, End: 25.35, Speaker: "Gillian", Text: "careers podcast. My question is, do we need a podcast trailer?"},
			speakers: []string{"Sarah", "Gillian"},
		},
		{
			file: "podcast-namespace/example.srt", mimeType: "application/x-subrip", count: 222,
			first:    podcast.Segment{Start: 0.179, End: 2.399, Speaker: "Travis", Text: "When you first get started in podcasting, it's"},
			last:     podcast.Segment{Start: 752.671, End: 754.769, Speaker: "Travis", Text: "best thing to do is to batch your episodes."},
			speakers: []string{"Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah", "Gilon", "Travis"},
		},
		{
			file: "podcast-namespace/example.json", mimeType: "application/json", count: 2,
			first:    podcast.Segment{Start: 0.5, End: 2.5, Speaker: "Darth Vader", Text: "I am your father."},
			last:     podcast.Segment{Start: 2.75, End: 3, Speaker: "Luke", Text: "Nooooo"},
			speakers: []string{"Darth Vader", "Luke"},
		},
		{
			file: "podcast-namespace/example.html", mimeType: "text/html", count: 10,
			first:    podcast.Segment{Start: 0, Speaker: "Travis", Text: "When you first get started in podcasting, it's almost guaranteed"},
			last:     podcast.Segment{Start: 691, Speaker: "Travis", Text: "the next best thing to do is to batch your episodes."},
			speakers: []string{"Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah", "Gilon", "Travis"},
		},
		{
			// The fixture is inconsistent on purpose or by accident: the
			// first entry says "end": "00:00:2.000" but "end_ms": 45100.
			// The *_ms fields win; the second entry has no *_ms fields and
			// the third no speaker.
			file: "podlove-ui/cypress-transcripts.json", mimeType: "application/json", count: 3,
			first:    podcast.Segment{Start: 0, End: 45.1, Speaker: "1", Text: "Lorem ipsum dolor sit amet, consetetur sadipscing elitr,"},
			last:     podcast.Segment{Start: 4.001, End: 8, Speaker: "", Text: "no sea takimata sanctus est Lorem ipsum dolor sit amet."},
			speakers: []string{"1", ""},
		},
		{
			file: "podlove-ui/podlovers-ep3-transcripts.json", mimeType: "application/json", count: 675,
			first:    podcast.Segment{Start: 0.005, End: 9.458, Speaker: "Eric", Text: "Dann sage ich einfach mal: Hallo und willkommen zu Episode drei"},
			last:     podcast.Segment{Start: 5477.3, End: 5478.054, Speaker: "Michi", Text: "Tschüss."},
			speakers: nil, // many turns; checked below
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			require.NoError(t, err)
			got, err := Parse(data, tt.mimeType, "https://example.com/"+tt.file)
			require.NoError(t, err)
			requireWellFormed(t, got)
			require.Len(t, got.Segments, tt.count)

			first, last := got.Segments[0], got.Segments[len(got.Segments)-1]
			assert.Equal(t, tt.first.Start, first.Start, "first start")
			assert.Equal(t, tt.first.End, first.End, "first end")
			assert.Equal(t, tt.first.Speaker, first.Speaker, "first speaker")
			assert.True(t, strings.HasPrefix(first.Text, tt.first.Text), "first text %q", first.Text)
			assert.Equal(t, tt.last.Start, last.Start, "last start")
			assert.Equal(t, tt.last.End, last.End, "last end")
			assert.Equal(t, tt.last.Speaker, last.Speaker, "last speaker")
			assert.True(t, strings.HasSuffix(last.Text, tt.last.Text), "last text %q", last.Text)
			if tt.speakers != nil {
				assert.Equal(t, tt.speakers, turns(got))
			}

			// Hosts often send the wrong type: sniffing must agree.
			for _, mt := range []string{"", "application/octet-stream", "text/plain; charset=utf-8"} {
				sniffed, err := Parse(data, mt, "")
				require.NoError(t, err, "type %q", mt)
				assert.Equal(t, got, sniffed, "type %q", mt)
			}

			compareGolden(t, strings.ReplaceAll(tt.file, "/", "__")+".golden.json", got)
		})
	}
}

func TestCorpusPodloveSpeakers(t *testing.T) {
	data, err := os.ReadFile("testdata/podlove-ui/podlovers-ep3-transcripts.json")
	require.NoError(t, err)
	got, err := ParseJSON(data)
	require.NoError(t, err)
	count := map[string]int{}
	for _, s := range got.Segments {
		count[s.Speaker]++
	}
	// "voice" wins over the numeric "speaker" id: 1 Alex, 2 Michi, 3 Eric, 4 Simon.
	assert.Equal(t, map[string]int{"Alex": 311, "Michi": 35, "Eric": 227, "Simon": 102}, count)
}

// turns lists the speakers of consecutive segments, one entry per change.
func turns(tr podcast.Transcript) []string {
	var out []string
	for i, s := range tr.Segments {
		if i == 0 || s.Speaker != tr.Segments[i-1].Speaker {
			out = append(out, s.Speaker)
		}
	}
	return out
}

// compareGolden compares got with testdata/golden/name, or rewrites the
// file with -update.
func compareGolden(t *testing.T, name string, got podcast.Transcript) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(got))
	b := buf.Bytes()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, b, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.JSONEq(t, string(want), string(b))
}

// requireWellFormed checks the promises every parser makes about its
// output (see the package documentation).
func requireWellFormed(t testing.TB, tr podcast.Transcript) {
	t.Helper()
	require.NotEmpty(t, tr.Segments)
	require.LessOrEqual(t, len(tr.Segments), MaxSegments)
	for i, s := range tr.Segments {
		require.GreaterOrEqual(t, s.Start, 0.0, "segment %d start", i)
		require.True(t, s.End == 0 || s.End >= s.Start, "segment %d: end %v before start %v", i, s.End, s.Start)
		require.NotEmpty(t, s.Text, "segment %d text", i)
		require.Equal(t, strings.Join(strings.Fields(s.Text), " "), s.Text, "segment %d text not tidy", i)
		require.Equal(t, strings.Join(strings.Fields(s.Speaker), " "), s.Speaker, "segment %d speaker not tidy", i)
		require.True(t, utf8.ValidString(s.Text) && utf8.ValidString(s.Speaker), "segment %d: invalid UTF-8", i)
		if i > 0 {
			require.GreaterOrEqual(t, s.Start, tr.Segments[i-1].Start, "segment %d not sorted", i)
		}
	}
}
