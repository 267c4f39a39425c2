package feed

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/earshot/earshot/podcast"
)

// BenchmarkIngestLargestCorpusFeed is the whole ingestion of the largest feed
// of the corpus (Software Engineering Radio, 249 items, ~1 MB): parse and
// normalize, then sanitize, link timestamps, summarize and find chapters in
// every episode's notes. Compare with normalize's
// BenchmarkParseLargestCorpusFeed for the cost of the notes.
func BenchmarkIngestLargestCorpusFeed(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "se-radio.xml"))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkIngest(b, data, 249)
}

// BenchmarkIngestSynthetic2000 ingests a generated feed of 2,000 items
// (~4.7 MB), the size of a long-running daily show, with show notes like real
// ones: paragraphs, links, a timestamped outline.
func BenchmarkIngestSynthetic2000(b *testing.B) {
	data := syntheticFeed(2000)
	benchmarkIngest(b, data, 2000)
}

// benchmarkIngest measures ingest(data) and reports how large the result is
// as JSON, the form /api/feed sends: plain, gzip (as the server compresses
// for gzip clients) and brotli (as it compresses for browsers).
func benchmarkIngest(b *testing.B, data []byte, episodes int) {
	const feedURL = "https://example.com/feed.xml"
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var show *podcast.Show
	for b.Loop() {
		var err error
		show, err = ingest(data, feedURL)
		if err != nil {
			b.Fatal(err)
		}
	}
	if len(show.Episodes) != episodes {
		b.Fatalf("%d episodes, want %d", len(show.Episodes), episodes)
	}
	js, err := json.Marshal(show)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(data)), "xml-bytes")
	b.ReportMetric(float64(len(js)), "json-bytes")
	b.ReportMetric(float64(len(js))/float64(len(data)), "json/xml")
	b.ReportMetric(float64(len(gzipBest(b, js))), "json-gzip-bytes")
	b.ReportMetric(float64(len(brotli5(b, js))), "json-br-bytes")
}

// gzipBest compresses as the site's gzipBytes does.
func gzipBest(b *testing.B, p []byte) []byte {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := zw.Write(p); err != nil {
		b.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// brotli5 compresses as the site's brotliFast does.
func brotli5(b *testing.B, p []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, 5)
	if _, err := bw.Write(p); err != nil {
		b.Fatal(err)
	}
	if err := bw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// syntheticFeed builds a Podcasting 2.0 feed of n items, ~2.4 KB each. The
// notes differ from item to item (so neither compression nor any cache sees
// one note repeated) and come in the shapes real feeds use: every third item
// has a podcast:chapters document, the others leave their chapters to the
// timestamped outline in the notes; half of the items carry the notes in
// content:encoded, the others only in description.
func syntheticFeed(n int) []byte {
	topics := []string{"caching", "observability", "type systems", "incident response",
		"database migrations", "WebAssembly", "accessibility", "release engineering",
		"feature flags", "API design", "on-call", "distributed tracing"}
	guests := []string{"Ada Park", "Bram Osei", "Chen Liu", "Dana Ruiz", "Emeka Obi",
		"Freya Lund", "Goran Petrović", "Hana Sato", "Ines Duarte", "Jonas Weiß"}
	var sb strings.Builder
	sb.Grow(n * 2600)
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Synthetic Daily</title><link>https://example.com/</link><language>en</language>
<description>A long-running daily show about building software.</description>
<itunes:author>Synthetic Media</itunes:author><itunes:image href="https://example.com/art.jpg"/>
<itunes:category text="Technology"/><podcast:funding url="https://example.com/support">Support the show</podcast:funding>
<atom:link rel="self" href="https://example.com/feed.xml" type="application/rss+xml"/>
`)
	var notes strings.Builder
	for i := range n {
		topic, other := topics[i%len(topics)], topics[(i*7+3)%len(topics)]
		guest := guests[(i*3)%len(guests)]
		dur := 2400 + (i*37)%2400 // 40–80 minutes
		notes.Reset()
		fmt.Fprintf(&notes, `<p>%s joins us to talk about %s: what went wrong the first time, what they measure now, and why %s turned out to matter more than anyone expected. Episode %d of the series.</p>`, guest, topic, other, i)
		fmt.Fprintf(&notes, `<p>We also answer a listener question about %s in small teams, and %s shares the <a href="https://example.com/reading/%d">reading list</a> from their talk at <a href="https://conf.example.org/%d/talks/%s">the conference</a>.</p>`, other, guest, i, 2000+i%25, strings.ReplaceAll(topic, " ", "-"))
		fmt.Fprintf(&notes, `<p>In the second half we get practical: how to introduce %s to a codebase that is ten years old, which <a href="https://example.com/tools/%d">tools</a> helped and which were abandoned, what the on-call rotation looked like during the switch, and the one metric %s would put on every team's dashboard. We close with the question we ask every guest: what would you tell yourself five years ago?</p>`, topic, i%97, guest)
		notes.WriteString(`<p><strong>Topics:</strong></p><ul>`)
		for j, at := range []int{0, 95, dur / 5, dur / 3, dur / 2, 2 * dur / 3, dur - 300} {
			fmt.Fprintf(&notes, `<li>%s %s, part %d</li>`, clock(at), []string{"Intro", "Background", topic, "War stories", other, "Listener question", "Wrap-up"}[j], j+1)
		}
		fmt.Fprintf(&notes, `</ul><p>Links: <a href="https://example.com/guests/%d">%s</a> · <a href="https://github.com/example/project-%d">project-%d on GitHub</a> · <a href="mailto:show@example.com">write to us</a>.</p>`, i%len(guests), guest, i, i)
		notes.WriteString(`<p>Thanks to our sponsor. <em>Support the show</em> at <a href="https://example.com/support?utm_source=feed">example.com/support</a>.</p>`)
		fmt.Fprintf(&sb, `<item><title>%[1]d: %[2]s with %[3]s</title><guid isPermaLink="false">synthetic-%[1]d</guid>
<link>https://example.com/episodes/%[1]d</link><pubDate>Mon, 02 Jan 2006 15:04:05 +0000</pubDate>
<enclosure url="https://cdn.example.com/audio/episode-%[1]d.mp3" type="audio/mpeg" length="%[4]d"/>
<itunes:duration>%[5]s</itunes:duration><itunes:episode>%[1]d</itunes:episode><itunes:explicit>false</itunes:explicit>
<itunes:summary>%[3]s joins us to talk about %[2]s: what went wrong the first time, what they measure now, and what they would tell themselves five years ago.</itunes:summary>
<itunes:image href="https://example.com/art/%[1]d.jpg"/><podcast:transcript url="https://example.com/transcripts/%[1]d.vtt" type="text/vtt"/>
`, i, topic, guest, 60_000_000+i, clock(dur))
		if i%3 == 0 {
			fmt.Fprintf(&sb, "<podcast:chapters url=\"https://example.com/chapters/%d.json\" type=\"application/json+chapters\"/>\n", i)
		}
		if i%2 == 0 {
			fmt.Fprintf(&sb, "<description>%s joins us to talk about %s.</description><content:encoded><![CDATA[%s]]></content:encoded></item>\n", guest, topic, notes.String())
		} else {
			fmt.Fprintf(&sb, "<description><![CDATA[%s]]></description></item>\n", notes.String())
		}
	}
	sb.WriteString("</channel></rss>\n")
	return []byte(sb.String())
}

// clock formats seconds as a show-notes timestamp: "4:05" or "1:02:03".
func clock(sec int) string {
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}
