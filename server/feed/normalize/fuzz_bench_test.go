package normalize

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// fuzzSeedLimit keeps seeds small so that the fuzzer mutates quickly.
const fuzzSeedLimit = 8 << 10

func FuzzParse(f *testing.F) {
	for _, rel := range corpusFeeds(f) {
		if data := readCorpus(f, rel); len(data) <= fuzzSeedLimit {
			f.Add(data)
		}
	}
	f.Add([]byte(`<rss><channel><item><guid>a</guid></item><item><guid>a</guid></item><podcast:liveItem status="live"><enclosure url="x.mp3"/></podcast:liveItem></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		show, raw, err := Parse(data, "https://example.com/feed")
		if err != nil {
			if show != nil || raw != nil {
				t.Fatal("error with a result")
			}
			return
		}
		seen := make(map[string]bool, len(show.Episodes))
		for _, ep := range show.Episodes {
			if ep.GUID == "" || seen[ep.GUID] {
				t.Fatalf("GUID %q empty or repeated", ep.GUID)
			}
			seen[ep.GUID] = true
			if ep.Duration < 0 || math.IsNaN(ep.Duration) || math.IsInf(ep.Duration, 0) {
				t.Fatalf("bad duration %v", ep.Duration)
			}
			if ep.Notes != "" || ep.Summary != "" {
				t.Fatal("unsanitized notes in the Show")
			}
			for _, c := range ep.Chapters {
				if c.Start < 0 || math.IsNaN(c.Start) {
					t.Fatalf("bad chapter start %v", c.Start)
				}
			}
			for _, s := range ep.Soundbites {
				if s.Start < 0 || s.Duration <= 0 {
					t.Fatalf("bad soundbite %+v", s)
				}
			}
			if _, ok := raw.Episodes[ep.GUID]; !ok {
				t.Fatalf("no raw notes for %q", ep.GUID)
			}
		}
	})
}

// BenchmarkParseLargestCorpusFeed parses the largest feed of the corpus
// (Software Engineering Radio, 249 items, ~1 MB).
func BenchmarkParseLargestCorpusFeed(b *testing.B) {
	data := readCorpus(b, "node-podcast-parser/se-radio.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Parse(data, "https://example.com/feed"); err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticFeed builds a Podcasting 2.0 feed of n items (~2.5 KB each).
func syntheticFeed(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="http://podlove.org/simple-chapters" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Synthetic</title><link>https://example.com/</link><description>A long-running show.</description>
<itunes:author>Someone</itunes:author><itunes:image href="https://example.com/art.jpg"/>
<itunes:category text="Technology"><itunes:category text="Tech News"/></itunes:category>
<podcast:person role="host">Host</podcast:person><podcast:funding url="https://example.com/give">Give</podcast:funding>
<atom:link rel="next" href="https://example.com/feed?page=2"/>
`)
	notes := strings.Repeat(`<p>In this episode we talk about <a href="https://example.com/x">things</a> and more things. 12:34 Topic.</p>`, 10)
	for i := range n {
		fmt.Fprintf(&sb, `<item><title>Episode %[1]d: a title of typical length</title><guid isPermaLink="false">guid-%[1]d</guid>
<link>https://example.com/episodes/%[1]d</link><pubDate>Mon, 02 Jan 2006 15:04:05 +0000</pubDate>
<enclosure url="https://cdn.example.com/audio/episode-%[1]d.mp3" type="audio/mpeg" length="%[2]d"/>
<itunes:duration>1:02:%02[3]d</itunes:duration><itunes:episode>%[1]d</itunes:episode><itunes:season>3</itunes:season>
<itunes:episodeType>full</itunes:episodeType><itunes:explicit>no</itunes:explicit><itunes:image href="https://example.com/ep%[1]d.jpg"/>
<podcast:transcript url="https://example.com/ep%[1]d.vtt" type="text/vtt"/><podcast:chapters url="https://example.com/ep%[1]d.json" type="application/json+chapters"/>
<psc:chapters version="1.2"><psc:chapter start="0" title="Intro"/><psc:chapter start="5:00" title="Main"/><psc:chapter start="55:00.5" title="End"/></psc:chapters>
<description><![CDATA[%[4]s]]></description><content:encoded><![CDATA[%[4]s]]></content:encoded></item>
`, i, 50000000+i, i%60, notes)
	}
	sb.WriteString("</channel></rss>")
	return []byte(sb.String())
}

// BenchmarkParseSynthetic2000 parses a generated 2,000-item feed (~5 MB).
// Compare with BenchmarkGofeedOnlySynthetic2000 for the adapter's own cost.
func BenchmarkParseSynthetic2000(b *testing.B) {
	data := syntheticFeed(2000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		show, _, err := Parse(data, "https://example.com/feed")
		if err != nil || len(show.Episodes) != 2000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkGofeedOnlySynthetic2000 is the baseline: gofeed alone, with the
// same parser settings.
func BenchmarkGofeedOnlySynthetic2000(b *testing.B) {
	data := syntheticFeed(2000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseFeed(data); err != nil {
			b.Fatal(err)
		}
	}
}
