package chapters

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// seedFiles adds every file matching the pattern under testdata/ to the
// fuzz corpus, cut to at most limit bytes by cut.
func seedFiles(f *testing.F, pattern string, cut func([]byte) []byte) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	require.NoError(f, err)
	require.NotEmpty(f, files)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(cut(b))
	}
}

func FuzzParseJSON(f *testing.F) {
	seedFiles(f, "*/*.json", func(b []byte) []byte { return b })
	for _, s := range []string{
		``, `[]`, `{}`, `null`, `{"chapters":null}`, `{"chapters":[null,1,"x",{}]}`,
		`[{"start":"00:00:0.000","title":"x","href":"/a","image":"b"}]`,
		`{"chapters":[{"startTime":"1:02:03.5","endTime":1e400,"toc":"false"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		chs, err := ParseJSON(data)
		if err != nil {
			if chs != nil {
				t.Fatalf("chapters with an error: %v", chs)
			}
			return
		}
		checkInvariants(t, chs, podcast.SourceJSON)
		for i := 1; i < len(chs); i++ {
			if chs[i-1].Start > chs[i].Start {
				t.Fatalf("not sorted at %d", i)
			}
		}
		checkNormalize(t, chs)
	})
}

func FuzzParseID3(f *testing.F) {
	// The tags only: the audio after them is never read.
	seedFiles(f, "embedded-media/*.mp3", func(b []byte) []byte {
		n, err := TagSize(b)
		require.NoError(f, err)
		return b[:n]
	})
	v3, v4 := tagOpts{version: 3}, tagOpts{version: 4, flags: tagUnsync | tagExtHeader, ext: []byte{0, 0, 0, 6, 1, 0}}
	f.Add(v3.build(v3.ctoc("t", 3, "b", "a", "t"), v3.chap("a", 0, 0, v3.title("A")), v3.chap("b", 9, 0, apic(v3, "-->", []byte("https://x.example/")))))
	f.Add(v4.build(v4.frame("CHAP", v24DataLen|v24Compress, append([]byte{0, 0, 0, 1}, deflate(v4.chap("a", 1, 2, v4.title("Z"))[10:])...))))
	f.Add(tagOpts{version: 3, flags: tagUnsync}.build(v3.chap("a", 0xFFFFFFFF, 0, v3.frame("WXXX", 0, []byte{1, 0xFF, 0xFE, 0, 0}))))
	f.Fuzz(func(t *testing.T, data []byte) {
		chs, err := ParseID3(data)
		if err != nil {
			if chs != nil {
				t.Fatalf("chapters with an error: %v", chs)
			}
			return
		}
		checkInvariants(t, chs, podcast.SourceID3)
		if n, err := TagSize(data); err != nil || n < 10 {
			t.Fatalf("ParseID3 accepted a tag TagSize refuses: %d, %v", n, err)
		}
		checkNormalize(t, chs)
	})
}

// checkNormalize asserts Normalize's promises on arbitrary parser output.
func checkNormalize(t *testing.T, chs []podcast.Chapter) {
	t.Helper()
	const duration = 3600
	out := Normalize(chs, duration)
	if len(out) > len(chs) {
		t.Fatalf("Normalize grew the list: %d > %d", len(out), len(chs))
	}
	// A chapter at or past the duration means the feed's duration is wrong:
	// then the last chapters' end is unknown (0), and no end is capped.
	past := len(out) > 0 && out[len(out)-1].Start >= duration
	for i, c := range out {
		lastUnknown := past && c.End == 0 && c.Start == out[len(out)-1].Start
		if !lastUnknown && (!(c.End > c.Start) || (!past && c.End > duration)) {
			t.Fatalf("chapter %d: bad span %v-%v", i, c.Start, c.End)
		}
		if i > 0 && out[i-1].Start > c.Start {
			t.Fatalf("not sorted at %d", i)
		}
	}
	if sel := Select(nil, chs); len(sel) != len(chs) {
		t.Fatalf("Select lost the only list")
	}
}
