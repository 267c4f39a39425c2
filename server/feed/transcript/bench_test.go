package transcript

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func BenchmarkParsePodloveJSON(b *testing.B) {
	data, err := os.ReadFile("testdata/podlove-ui/podlovers-ep3-transcripts.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "application/json", ""); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseVTT3Hours(b *testing.B) {
	data := generatedVTT(3 * 3600)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "text/vtt", ""); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseWordLevelJSON3Hours(b *testing.B) {
	data := []byte(wordsJSON(3 * 3600 * 2)) // two words a second
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

// generatedVTT is a WebVTT document of the given length in seconds, one
// two-line cue with a voice tag every three seconds.
func generatedVTT(seconds int) []byte {
	var sb strings.Builder
	sb.WriteString("WEBVTT\n\n")
	clock := func(s int) string { return fmt.Sprintf("%02d:%02d:%02d.%03d", s/3600, s/60%60, s%60, s*7%1000) }
	for s, n := 0, 1; s < seconds; s, n = s+3, n+1 {
		fmt.Fprintf(&sb, "%d\n%s --> %s\n<v Speaker %d>Cue number %d says something about podcasts,\nand a second line with &amp; an entity.\n\n",
			n, clock(s), clock(s+3), n%3+1, n)
	}
	return []byte(sb.String())
}
