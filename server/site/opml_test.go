package site

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/library"
)

// postOPML calls the handler with body and returns the status and the
// decoded answer.
func postOPML(t testing.TB, body []byte, contentType string) (int, opmlAnswer) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/opml", bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	(&Site{}).apiOPML(rec, req)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Equal(t, cacheNoStore, rec.Header().Get("Cache-Control"))
	var a opmlAnswer
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &a), "%s", rec.Body)
	return rec.Code, a
}

type opmlAnswer struct {
	Feeds []opmlFeed `json:"feeds"`
	Error *apiError  `json:"error"`
}

func TestOPMLFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []opmlFeed
	}{
		{"apple-podcasts.opml", []opmlFeed{
			{"https://atp.fm/episodes?format=rss", "Accidental Tech Podcast"},
			{"https://feeds.feedburner.com/dancarlin/history?format=xml", "Hardcore History"},
			{"http://www.thisamericanlife.org/podcast/rss.xml", "This American Life"}, // itpc://
			{"https://feeds.example.net/songexploder.xml", "Song Exploder"},           // feed:https://
			// "Reply All" is the first feed again, by another spelling of its host.
		}},
		{"pocket-casts.opml", []opmlFeed{
			{"https://feeds.simplecast.com/l2i9YnTd", "Hard Fork"},
			{"https://feeds.simplecast.com/Y8lFbOT4", "Freakonomics Radio & Friends"}, // escaped twice
			{"https://feeds.simplecast.com/dHoohVNH", "Conan O'Brien Needs A Friend"},
			{"https://feeds.megaphone.fm/GLT4787413333", "The Rest Is History"},
			{"https://feeds.pocketcasts.com/private/3f9a2c", ""},
		}},
		{"antennapod.opml", []opmlFeed{
			{"https://feeds.simplecast.com/BqbsxVfO", "99% Invisible"},
			{"http://feeds.wnyc.org/radiolab", "Radiolab"},
			{"https://chaosradio.de/feed/m4a", "Chaosradio – Podcast des CCC Berlin"}, // title wins over text
			// The local folder (antennapod_local:) is no feed.
			{"https://logbuch-netzpolitik.de/feed/m4a/", "Logbuch:Netzpolitik"},
		}},
		{"overcast.opml", []opmlFeed{
			// Playlists and the episodes nested in a feed are not feeds.
			{"https://atp.fm/episodes?format=rss", "Accidental Tech Podcast"},
			{"https://www.relay.fm/cortex/feed", "Cortex"},
			{"https://www.relay.fm/b2w/feed/", "Back to Work"},
		}},
		{"legacy-reader.opml", []opmlFeed{
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
			b, err := os.ReadFile(filepath.Join("testdata/opml", tt.file))
			require.NoError(t, err)
			status, a := postOPML(t, b, "text/x-opml")
			require.Equal(t, http.StatusOK, status)
			assert.Equal(t, tt.want, a.Feeds)
		})
	}
}

func TestOPMLShapes(t *testing.T) {
	const feed = `<outline text="Show" type="rss" xmlUrl="https://example.com/feed"/>`
	show := []opmlFeed{{"https://example.com/feed", "Show"}}
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
		want []opmlFeed
	}{
		{"OPML 2.0", []byte(`<?xml version="1.0"?><opml version="2.0"><head/><body>` + feed + `</body></opml>`), show},
		{"no XML declaration", []byte(`<opml><body>` + feed + `</body></opml>`), show},
		{"a UTF-8 byte order mark", []byte("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><opml><body>" + feed + "</body></opml>"), show},
		{"UTF-16 with a byte order mark", utf16le(`<?xml version="1.0" encoding="UTF-16"?><opml><body><outline text="Çà va" xmlUrl="https://example.com/feed"/></body></opml>`),
			[]opmlFeed{{"https://example.com/feed", "Çà va"}}},
		{"windows-1252", append([]byte(`<?xml version="1.0" encoding="windows-1252"?><opml><body><outline text="`), append([]byte{0x93, 'Q', 0x94, ' ', 0x96, ' ', 0xe9}, []byte(`" xmlUrl="https://example.com/feed"/></body></opml>`)...)...),
			[]opmlFeed{{"https://example.com/feed", "“Q” – é"}}},
		{"deeply nested folders", []byte(`<opml><body>` + strings.Repeat(`<outline text="folder">`, 50) + feed + strings.Repeat(`</outline>`, 50) + `</body></opml>`), show},
		{"no feeds", []byte(`<opml version="2.0"><head><title>Empty</title></head><body/></opml>`), []opmlFeed{}},
		{"the title of a duplicate fills a missing one", []byte(`<opml><body><outline xmlUrl="https://example.com/feed"/>` + feed + `</body></opml>`), show},
		{"whitespace around values", []byte("<opml><body><outline text=\"  Show\n\" xmlUrl=\"\n https://example.com/feed \"/></body></opml>"), show},
		{"references that are not escaped twice stay", []byte(`<opml><body><outline text="R&amp;D &amp;amp Fish &amp;ampx; &amp;nosuch;" xmlUrl="https://example.com/feed"/></body></opml>`),
			[]opmlFeed{{"https://example.com/feed", "R&D &amp Fish &ampx; &nosuch;"}}},
		{"a comment and a doctype first", []byte(`<!DOCTYPE opml><!-- hi --><opml><body>` + feed + `</body></opml>`), show},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, a := postOPML(t, tt.body, "")
			require.Equal(t, http.StatusOK, status, "%+v", a.Error)
			assert.Equal(t, tt.want, a.Feeds)
		})
	}
}

func TestOPMLRefused(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"empty", ""},
		{"an RSS feed", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`},
		{"an HTML page", `<!doctype html><html><body><a href="https://example.com/feed.xml">feed</a></body></html>`},
		{"JSON", `{"feeds":[{"url":"https://example.com/feed"}]}`},
		{"plain text", "https://example.com/feed\n"},
		{"truncated", `<opml><body><outline text="Show" xmlUrl="https://example.com/feed"/><outline text="Oth`},
		{"unclosed", `<opml><body><outline text="Show" xmlUrl="https://example.com/feed"/>`},
		{"an unknown charset", `<?xml version="1.0" encoding="x-no-such"?><opml><body/></opml>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, a := postOPML(t, []byte(tt.body), "")
			assert.Equal(t, http.StatusBadRequest, status)
			require.NotNil(t, a.Error)
			assert.Equal(t, "not_opml", a.Error.Code)
			assert.Contains(t, a.Error.Message, "not an OPML subscription list")
			assert.Nil(t, a.Feeds)
		})
	}
}

func TestOPMLTooLarge(t *testing.T) {
	// Well-formed but too long: a comment pads it past the limit.
	big := []byte(`<opml><body><outline xmlUrl="https://example.com/feed"/></body></opml><!--` + strings.Repeat("x", maxOPMLBytes) + `-->`)
	status, a := postOPML(t, big, "")
	assert.Equal(t, http.StatusRequestEntityTooLarge, status)
	require.NotNil(t, a.Error)
	assert.Equal(t, "too_large", a.Error.Code)

	// Without a Content-Length (chunked), the limit holds while reading.
	req := httptest.NewRequest(http.MethodPost, "/api/opml", struct{ *bytes.Reader }{bytes.NewReader(big)})
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	(&Site{}).apiOPML(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)

	// Exactly the limit is accepted.
	exact := []byte(`<opml><body><outline xmlUrl="https://example.com/feed"/></body></opml>`)
	exact = append(exact, bytes.Repeat([]byte(" "), maxOPMLBytes-len(exact))...)
	status, _ = postOPML(t, exact, "")
	assert.Equal(t, http.StatusOK, status)
}

func TestOPMLMultipart(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	require.NoError(t, mw.WriteField("note", "not the file"))
	fw, err := mw.CreateFormFile("opml", "subscriptions.opml")
	require.NoError(t, err)
	_, err = fw.Write([]byte(`<opml><body><outline text="Show" xmlUrl="https://example.com/feed"/></body></opml>`))
	require.NoError(t, err)
	require.NoError(t, mw.Close())

	status, a := postOPML(t, body.Bytes(), mw.FormDataContentType())
	require.Equal(t, http.StatusOK, status, "%+v", a.Error)
	assert.Equal(t, []opmlFeed{{"https://example.com/feed", "Show"}}, a.Feeds)

	status, a = postOPML(t, []byte("--x\r\nbroken"), "multipart/form-data; boundary=x")
	assert.Equal(t, http.StatusBadRequest, status)
	require.NotNil(t, a.Error)
	assert.Equal(t, "bad_upload", a.Error.Code)
}

// TestOPMLRoundTrip: what the app exports, the server reads back the same:
// every feed, in order, with its title.
func TestOPMLRoundTrip(t *testing.T) {
	var l library.Library
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	subs := []struct{ url, title string }{
		{"https://feeds.example.com/a.xml", "Plain"},
		{"https://feeds.example.com/b.xml?token=AbC&format=rss", `Tom & Jerry's "<Show>"`},
		{"http://example.org/c/", "Ünïcödé – 日本語 🎧"},
		{"https://example.org/untitled", ""},
		{"https://example.org/d", "R&D; 100% <b>bold</b> > less"},
		{"https://example.org/e", "Multi\nline\ttitle"},
		{"https://example.org/f", "&#38; literally"},
	}
	for _, s := range subs {
		added, err := l.Subscribe(s.url, s.title, "", now)
		require.NoError(t, err)
		require.True(t, added)
	}
	status, a := postOPML(t, library.ExportOPML(l), "application/xml")
	require.Equal(t, http.StatusOK, status, "%+v", a.Error)
	require.Len(t, a.Feeds, len(subs))
	for i, s := range subs {
		assert.Equal(t, s.url, a.Feeds[i].URL)
		want := s.title
		if s.title == "&#38; literally" {
			want = "& literally" // taken for a title escaped twice: the one loss
		}
		assert.Equal(t, want, a.Feeds[i].Title)
	}
}

// FuzzParseOPML: any input either fails or gives http(s) feeds, each once,
// with trimmed UTF-8 titles; and what it gives survives the app's export.
func FuzzParseOPML(f *testing.F) {
	files, err := filepath.Glob("testdata/opml/*.opml")
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
		feeds, err := parseOPML(b)
		if err != nil {
			return
		}
		keys := map[string]bool{}
		var l library.Library
		for _, fd := range feeds {
			u, ok := feedURL(fd.URL)
			require.True(t, ok, "%q is a feed URL", fd.URL)
			require.Equal(t, fd.URL, u)
			k := library.FeedKey(fd.URL)
			require.False(t, keys[k], "%q twice", fd.URL)
			keys[k] = true
			require.True(t, utf8.ValidString(fd.Title), "%q", fd.Title)
			require.Equal(t, strings.TrimSpace(fd.Title), fd.Title)
			l.Subscriptions = append(l.Subscriptions, library.Subscription{FeedURL: fd.URL, Title: fd.Title})
		}
		again, err := parseOPML(library.ExportOPML(l))
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
