package notes

import (
	"net/url"
	"testing"

	"github.com/earshot/earshot/podcast"
)

// largestNotes returns the longest show notes of a corpus feed, with its
// base URL and duration.
func largestNotes(b *testing.B, feed string) (string, *url.URL, float64) {
	doc := readFeed(b, feed)
	var best feedItem
	for _, it := range doc.Channel.Items {
		if len(it.notes()) > len(best.notes()) {
			best = it
		}
	}
	base, _ := url.Parse(plain(best.Links))
	d, _ := podcast.ParseDuration(best.Duration)
	return best.notes(), base, d
}

// BenchmarkSanitize: the largest real show note in the corpus (coding-blocks,
// about 22 KB of HTML with lists, headings, images and code).
func BenchmarkSanitize(b *testing.B) {
	notes, base, _ := largestNotes(b, "coding-blocks.xml")
	b.SetBytes(int64(len(notes)))
	b.ReportAllocs()
	for b.Loop() {
		Sanitize(notes, base)
	}
}

func BenchmarkLinkTimestamps(b *testing.B) {
	notes, base, d := largestNotes(b, "design-details.xml")
	safe := Sanitize(notes, base)
	b.SetBytes(int64(len(safe)))
	b.ReportAllocs()
	for b.Loop() {
		LinkTimestamps(safe, d)
	}
}

func BenchmarkChapters(b *testing.B) {
	notes, _, d := largestNotes(b, "design-details.xml")
	b.SetBytes(int64(len(notes)))
	b.ReportAllocs()
	for b.Loop() {
		Chapters(notes, d)
	}
}

// BenchmarkFeed: everything the server does with the notes of one real feed
// (102 items).
func BenchmarkFeed(b *testing.B) {
	doc := readFeed(b, "design-details.xml")
	b.ReportAllocs()
	for b.Loop() {
		for _, it := range doc.Channel.Items {
			base, _ := url.Parse(plain(it.Links))
			d, _ := podcast.ParseDuration(it.Duration)
			LinkTimestamps(Sanitize(it.notes(), base), d)
			Chapters(it.notes(), d)
			Excerpt(it.notes(), 200)
		}
	}
}
