//go:build !js

package opml

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/library"
)

func TestOPMLFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []Feed
	}{
		{"apple-podcasts.opml", []Feed{
			{"https://atp.fm/episodes?format=rss", "Accidental Tech Podcast"},
			{"https://feeds.feedburner.com/dancarlin/history?format=xml", "Hardcore History"},
			{"http://www.thisamericanlife.org/podcast/rss.xml", "This American Life"}, // itpc://
			{"https://feeds.example.net/songexploder.xml", "Song Exploder"},           // feed:https://
			// "Reply All" is the first feed again, by another spelling of its host.
		}},
		{"pocket-casts.opml", []Feed{
			{"https://feeds.simplecast.com/l2i9YnTd", "Hard Fork"},
			{"https://feeds.simplecast.com/Y8lFbOT4", "Freakonomics Radio & Friends"}, // escaped twice
			{"https://feeds.simplecast.com/dHoohVNH", "Conan O'Brien Needs A Friend"},
			{"https://feeds.megaphone.fm/GLT4787413333", "The Rest Is History"},
			{"https://feeds.pocketcasts.com/private/3f9a2c", ""},
		}},
		{"antennapod.opml", []Feed{
			{"https://feeds.simplecast.com/BqbsxVfO", "99% Invisible"},
			{"http://feeds.wnyc.org/radiolab", "Radiolab"},
			{"https://chaosradio.de/feed/m4a", "Chaosradio – Podcast des CCC Berlin"}, // title wins over text
			// The local folder (antennapod_local:) is no feed.
			{"https://logbuch-netzpolitik.de/feed/m4a/", "Logbuch:Netzpolitik"},
		}},
		{"overcast.opml", []Feed{
			// Playlists and the episodes nested in a feed are not feeds.
			{"https://atp.fm/episodes?format=rss", "Accidental Tech Podcast"},
			{"https://www.relay.fm/cortex/feed", "Cortex"},
			{"https://www.relay.fm/b2w/feed/", "Back to Work"},
		}},
		{"legacy-reader.opml", []Feed{
			{"https://radiofrance-podcast.net/podcast09/rss_10078.xml", "Les Pieds sur terre"},
			{"https://example.fr/cafe.xml?a=1&b=2", "Café & Croissant"},
			{"https://radiofrance-podcast.net/podcast09/rss_14007.xml", "Le Masque et la Plume"}, // type=rss with url
			{"HTTPS://Example.org/feed/", "No title at all"},
			{"https://example.org/untitled.xml", ""},
			{"https://example.org/self-named.xml", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata/import", tt.file))
			require.NoError(t, err)
			feeds, err := Parse(b)
			require.NoError(t, err)
			assert.Equal(t, tt.want, feeds)
		})
	}
}
func TestOPMLShapes(t *testing.T) {
	const feed = `<outline text="Show" type="rss" xmlUrl="https://example.com/feed"/>`
	show := []Feed{{"https://example.com/feed", "Show"}}
	utf16le := func(s string) []byte {
		b := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	tests := []struct {
		name string
		body []byte
		want []Feed
	}{
		{"OPML 2.0", []byte(`<?xml version="1.0"?><opml version="2.0"><head/><body>` + feed + `</body></opml>`), show},
		{"no XML declaration", []byte(`<opml><body>` + feed + `</body></opml>`), show},
		{"a UTF-8 byte order mark", []byte("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><opml><body>" + feed + "</body></opml>"), show},
		{"UTF-16 with a byte order mark", utf16le(`<?xml version="1.0" encoding="UTF-16"?><opml><body><outline text="Çà va" xmlUrl="https://example.com/feed"/></body></opml>`),
			[]Feed{{"https://example.com/feed", "Çà va"}}},
		{"windows-1252", append([]byte(`<?xml version="1.0" encoding="windows-1252"?><opml><body><outline text="`), append([]byte{0x93, 'Q', 0x94, ' ', 0x96, ' ', 0xe9}, []byte(`" xmlUrl="https://example.com/feed"/></body></opml>`)...)...),
			[]Feed{{"https://example.com/feed", "“Q” – é"}}},
		{"deeply nested folders", []byte(`<opml><body>` + strings.Repeat(`<outline text="folder">`, 50) + feed + strings.Repeat(`</outline>`, 50) + `</body></opml>`), show},
		{"no feeds", []byte(`<opml version="2.0"><head><title>Empty</title></head><body/></opml>`), []Feed{}},
		{"the title of a duplicate fills a missing one", []byte(`<opml><body><outline xmlUrl="https://example.com/feed"/>` + feed + `</body></opml>`), show},
		{"whitespace around values", []byte("<opml><body><outline text=\"  Show\n\" xmlUrl=\"\n https://example.com/feed \"/></body></opml>"), show},
		{"references that are not escaped twice stay", []byte(`<opml><body><outline text="R&amp;D &amp;amp Fish &amp;ampx; &amp;nosuch;" xmlUrl="https://example.com/feed"/></body></opml>`),
			[]Feed{{"https://example.com/feed", "R&D &amp Fish &ampx; &nosuch;"}}},
		{"a comment and a doctype first", []byte(`<!DOCTYPE opml><!-- hi --><opml><body>` + feed + `</body></opml>`), show},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feeds, err := Parse(tt.body)
			require.NoError(t, err)
			assert.Equal(t, tt.want, feeds)
		})
	}
}

// TestRoundTrip: what the app exports, the server reads back the same:
// every feed, in order, with its title.
func TestRoundTrip(t *testing.T) {
	subs := []struct{ url, title string }{
		{"https://feeds.example.com/a.xml", "Plain"},
		{"https://feeds.example.com/b.xml?token=AbC&format=rss", `Tom & Jerry's "<Show>"`},
		{"http://example.org/c/", "Ünïcödé – 日本語 🎧"},
		{"https://example.org/untitled", ""},
		{"https://example.org/d", "R&D; 100% <b>bold</b> > less"},
		{"https://example.org/e", "Multi\nline\ttitle"},
		{"https://example.org/f", "&#38; literally"},
	}
	var out []Feed
	for _, s := range subs {
		out = append(out, Feed{URL: s.url, Title: s.title})
	}
	feeds, err := Parse(Write(out))
	require.NoError(t, err)
	require.Len(t, feeds, len(subs))
	for i, s := range subs {
		assert.Equal(t, s.url, feeds[i].URL)
		want := s.title
		if s.title == "&#38; literally" {
			want = "& literally" // taken for a title escaped twice: the one loss
		}
		assert.Equal(t, want, feeds[i].Title)
	}
}

// FuzzParse: any input either fails or gives http(s) feeds, each once,
// with trimmed UTF-8 titles; and what it gives survives the app's export.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/import/*.opml")
	require.NoError(f, err)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`<opml><body><outline text="a&amp;amp;b" xmlUrl="feed://x.example/f"/></body></opml>`))
	f.Add([]byte(`<OPML><outline XMLURL=https://x.example/f TEXT=unquoted></OPML>`))
	f.Add([]byte("\xff\xfe<\x00o\x00p\x00m\x00l\x00>\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		feeds, err := Parse(b)
		if err != nil {
			return
		}
		keys := map[string]bool{}
		for _, fd := range feeds {
			u, ok := feedURL(fd.URL)
			require.True(t, ok, "%q is a feed URL", fd.URL)
			require.Equal(t, fd.URL, u)
			k := library.FeedKey(fd.URL)
			require.False(t, keys[k], "%q twice", fd.URL)
			keys[k] = true
			require.True(t, utf8.ValidString(fd.Title), "%q", fd.Title)
			require.Equal(t, strings.TrimSpace(fd.Title), fd.Title)
		}
		again, err := Parse(Write(feeds))
		require.NoError(t, err)
		require.Len(t, again, len(feeds))
		for i := range feeds {
			assert.Equal(t, feeds[i].URL, again[i].URL)
			if !strings.Contains(feeds[i].Title, "&") && !strings.ContainsFunc(feeds[i].Title, notXMLChar) {
				assert.Equal(t, feeds[i].Title, again[i].Title)
			}
		}
	})
}
func notXMLChar(r rune) bool {
	return !(r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000)
}
