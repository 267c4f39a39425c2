package feed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/demo"
	"github.com/earshot/earshot/server/feed/fetch"
)

// testTTL is the feed lifetime used by these tests. It is longer than
// errorTTL so that tests can tell the two apart.
const testTTL = 10 * time.Minute

// waitLimit bounds how long a test waits for something that must happen
// (a handler to be entered, goroutines to park). It guards against a hang
// and is never an assertion about speed.
const waitLimit = 30 * time.Second

// fakeClock is the Service's clock in these tests: time moves only when a
// test says so.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// quiet is a logger for fetch clients that keeps test output readable.
var quiet = slog.New(slog.DiscardHandler)

// testOptions are the options of a Service that may fetch from httptest
// servers on loopback.
func testOptions() Options {
	return Options{Fetch: fetch.Options{AllowLoopback: true, Logger: quiet}, TTL: testTTL}
}

// newTestService returns a Service built from opts whose clock is a fake one.
func newTestService(t *testing.T, opts Options) (*Service, *fakeClock) {
	t.Helper()
	s := New(opts)
	clock := &fakeClock{t: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)}
	s.now = clock.Now
	t.Cleanup(func() {
		s.client.CloseIdleConnections()
		s.trusted.CloseIdleConnections()
	})
	return s, clock
}

// testdata returns the contents of testdata/name.
func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// seen is one request an origin received, and how it answered.
type seen struct {
	Method string
	Path   string
	Header http.Header
	Status int
	Bytes  int64 // body bytes written
}

// origin is a podcast host: an httptest server whose routes tests add, and
// which remembers every request it answered.
type origin struct {
	*httptest.Server
	mux *http.ServeMux
	mu  sync.Mutex
	log []seen
}

func newOrigin(t *testing.T) *origin {
	t.Helper()
	o := &origin{mux: http.NewServeMux()}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w, status: http.StatusOK}
		o.mux.ServeHTTP(cw, r)
		o.mu.Lock()
		o.log = append(o.log, seen{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Status: cw.status, Bytes: cw.n})
		o.mu.Unlock()
	}))
	t.Cleanup(o.Close)
	return o
}

// requests returns the requests for path, in order.
func (o *origin) requests(path string) []seen {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []seen
	for _, r := range o.log {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func (o *origin) hits(path string) int { return len(o.requests(path)) }

// serve answers path with body through http.ServeContent (Range, HEAD and
// conditional requests, like a static host).
func (o *origin) serve(path, ctype string, body []byte) {
	o.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}

// rewrite points the example.com URLs of a corpus document at the origin.
func (o *origin) rewrite(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("https://example.com"), []byte(o.URL))
}

type countingWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *countingWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// hostileNotes is prepended to the first episode's content:encoded of a
// corpus feed: what a compromised host or a careless CMS could send.
const hostileNotes = `<![CDATA[<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">click me</a><iframe src="https://evil.example/"></iframe>]]>`

func TestShowCorpusFeed(t *testing.T) {
	o := newOrigin(t)
	feedXML := bytes.Replace(testdata(t, "launched.xml"), []byte("<content:encoded>"), []byte("<content:encoded>"+hostileNotes), 1)
	o.serve("/launched.xml", "application/rss+xml", feedXML)
	s, _ := newTestService(t, testOptions())

	show, err := s.Show(t.Context(), o.URL+"/launched.xml")
	require.NoError(t, err)

	assert.Equal(t, "Launched", show.Title)
	assert.Equal(t, o.URL+"/launched.xml", show.FeedURL)
	require.Len(t, show.Episodes, 36)

	first := show.Episodes[0]
	assert.Equal(t, "Summer Break", first.Title)
	assert.Equal(t, "18a6d2f1-27fd-487d-ae4b-26203ee89120", first.GUID)
	assert.InDelta(t, 64, first.Duration, 1e-9)
	assert.Contains(t, string(first.Notes), "Launched is taking a break for the summer.")
	assert.Contains(t, string(first.Notes), `href="https://launchedfm.com"`)
	assert.Contains(t, string(first.Notes), "click me", "the link text survives, without its javascript: URL")

	for _, ep := range show.Episodes {
		notes := strings.ToLower(string(ep.Notes))
		for _, bad := range []string{"<script", "alert(", "onerror", "javascript:", "<iframe"} {
			assert.NotContains(t, notes, bad, "episode %q notes", ep.Title)
		}
		assert.NotEmpty(t, ep.GUID)
		assert.NotEmpty(t, ep.Enclosure.URL, "episode %q", ep.Title)
		if ep.Title == "Black Lives Matter" {
			// Its description, content:encoded and itunes:summary are all empty.
			assert.Empty(t, ep.Notes)
			assert.Empty(t, ep.Summary)
			continue
		}
		assert.NotEmpty(t, ep.Notes, "episode %q", ep.Title)
		assert.NotEmpty(t, ep.Summary, "episode %q", ep.Title)
		assert.NotContains(t, ep.Summary, "<", "episode %q summary is plain text", ep.Title)
		assert.NotContains(t, ep.Summary, "\n", "episode %q summary is one line", ep.Title)
		assert.LessOrEqual(t, utf8.RuneCountInString(ep.Summary), excerptRunes, "episode %q", ep.Title)
	}
	assert.Equal(t, "click me Launched is taking a break for the summer. See you next fall! Links & Show Notes Charlie's app Dark Noise More Launched Website - launchedfm.com Twitter - @LaunchedFM", first.Summary)
}

func TestShowPSCChapters(t *testing.T) {
	o := newOrigin(t)
	o.serve("/chapters.rss", "application/rss+xml", testdata(t, "psc-chapters.rss"))
	s, _ := newTestService(t, testOptions())

	show, err := s.Show(t.Context(), o.URL+"/chapters.rss")
	require.NoError(t, err)
	require.Len(t, show.Episodes, 1)
	ep := show.Episodes[0]
	assert.InDelta(t, 3600, ep.Duration, 1e-9)

	// podcastparser's expected output for the same file
	// (corpus feeds/podcastparser/chapters.json) has these starts and
	// titles, including two at 1:02:03 and 1:02:03.400, past the episode's
	// stated duration (1:00:00): feeds' durations are often wrong, so they
	// are kept and the media's real length decides at playback.
	want := []struct {
		start float64
		title string
		url   string
		image string
	}{
		{0, "Introduction", "", ""},
		{1, "Chapter II", "", ""},
		{62, "Chapter with Link", "http://example.com/", ""},
		{3723, "Chapter with Image", "", "http://example.org/image.png"},
		{3723.4, "Chapter with Everything", "http://example.net/psc", "http://example.net/image2.png"},
	}
	require.Len(t, ep.Chapters, len(want))
	for i, w := range want {
		c := ep.Chapters[i]
		assert.InDelta(t, w.start, c.Start, 1e-9, "chapter %d", i)
		assert.Equal(t, w.title, c.Title, "chapter %d", i)
		assert.Equal(t, w.url, c.URL, "chapter %d", i)
		assert.Equal(t, w.image, c.Image, "chapter %d", i)
		assert.Equal(t, podcast.SourcePSC, c.Source, "chapter %d", i)
	}
	assert.InDelta(t, 1, ep.Chapters[0].End, 1e-9)
	assert.InDelta(t, 3723, ep.Chapters[2].End, 1e-9, "a chapter ends where the next starts, past the stated duration")
	assert.Zero(t, ep.Chapters[4].End, "the last chapter's end is unknown: the stated duration is wrong")
}

// precedenceFeed is written for these tests: one item per way chapters and
// transcripts can be offered. Its example.com URLs are pointed at the test
// origin before it is served.
const precedenceFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  xmlns:podcast="https://podcastindex.org/namespace/1.0"
  xmlns:psc="http://podlove.org/simple-chapters">
<channel>
  <title>Precedence</title>
  <link>https://example.com/</link>
  <description>Every source of chapters at once.</description>
  <item>
    <title>JSON, PSC and ID3</title>
    <guid isPermaLink="false">all</guid>
    <itunes:duration>2:00:00</itunes:duration>
    <enclosure url="https://example.com/all.mp3" length="123247" type="audio/mpeg"/>
    <podcast:chapters url="https://example.com/chapters.json" type="application/json+chapters"/>
    <psc:chapters version="1.2">
      <psc:chapter start="0" title="PSC opening"/>
      <psc:chapter start="00:10:00" title="PSC middle"/>
    </psc:chapters>
    <podcast:transcript url="https://example.com/all.vtt" type="text/vtt"/>
    <podcast:transcript url="https://example.com/all-transcript.json" type="application/json"/>
    <podcast:transcript url="https://example.com/all.txt" type="text/plain"/>
    <description>Chapters three ways.</description>
  </item>
  <item>
    <title>PSC with a dead chapters link</title>
    <guid isPermaLink="false">psc</guid>
    <itunes:duration>2:00:00</itunes:duration>
    <enclosure url="https://example.com/psc.mp3" length="123247" type="audio/mpeg"/>
    <podcast:chapters url="https://example.com/missing.json" type="application/json+chapters"/>
    <psc:chapters version="1.2">
      <psc:chapter start="0" title="PSC opening"/>
      <psc:chapter start="00:10:00" title="PSC middle"/>
    </psc:chapters>
    <description>No transcript here.</description>
  </item>
  <item>
    <title>ID3 only</title>
    <guid isPermaLink="false">id3</guid>
    <enclosure url="https://example.com/id3.mp3" length="123247" type="audio/mpeg"/>
    <description>Chapters only inside the MP3.</description>
  </item>
  <item>
    <title>Transcript host is down</title>
    <guid isPermaLink="false">broken-transcript</guid>
    <enclosure url="https://example.com/broken.wav" length="1000" type="audio/wav"/>
    <podcast:transcript url="https://example.com/gone.vtt" type="text/vtt"/>
  </item>
</channel>
</rss>`

// mp3Chapters are the ID3 chapters of testdata/mp3chaps-py.mp3, from the
// corpus's expected_chapters.tsv (AntennaPod's assertions).
var mp3Chapters = []struct {
	start float64
	title string
}{{0, "Start"}, {7, "Chapter 1"}, {9, "Chapter 2"}, {11, "Chapter 3"}}

// precedenceOrigin serves precedenceFeed with its chapters, transcripts and
// media.
func precedenceOrigin(t *testing.T) *origin {
	t.Helper()
	o := newOrigin(t)
	mp3 := testdata(t, "mp3chaps-py.mp3")
	o.serve("/feed.xml", "application/rss+xml", o.rewrite([]byte(precedenceFeed)))
	o.serve("/chapters.json", "application/json+chapters", testdata(t, "chapters-example.json"))
	o.serve("/all.mp3", "audio/mpeg", mp3)
	o.serve("/psc.mp3", "audio/mpeg", mp3)
	o.serve("/id3.mp3", "audio/mpeg", mp3)
	o.serve("/all.vtt", "text/vtt", testdata(t, "transcript-example.vtt"))
	o.serve("/all-transcript.json", "application/json", testdata(t, "transcript-example.json"))
	o.serve("/all.txt", "text/plain", []byte("plain words"))
	o.mux.HandleFunc("/gone.vtt", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusInternalServerError)
	})
	return o
}

func TestEpisodeChapterPrecedence(t *testing.T) {
	jsonStarts := []float64{0, 168, 260, 410, 3990, 4600, 5510, 5854, 6089}
	tests := []struct {
		guid       string
		wantSource podcast.ChapterSource
		wantStarts []float64
		wantTitle  string  // of the first chapter
		mp3        string  // the enclosure path
		mp3Fetched bool    // whether the enclosure is read for ID3 chapters
		lastEnd    float64 // End of the last chapter
	}{
		{"all", podcast.SourceJSON, jsonStarts, "Intro", "/all.mp3", false, 7200},
		{"psc", podcast.SourcePSC, []float64{0, 600}, "PSC opening", "/psc.mp3", false, 7200},
		{"id3", podcast.SourceID3, []float64{0, 7, 9, 11}, "Start", "/id3.mp3", true, 12.173}, // the CHAP frame's end
	}
	for _, tt := range tests {
		t.Run(tt.guid, func(t *testing.T) {
			o := precedenceOrigin(t)
			s, _ := newTestService(t, testOptions())

			view, err := s.Episode(t.Context(), o.URL+"/feed.xml", tt.guid)
			require.NoError(t, err)
			assert.Equal(t, tt.guid, view.Episode.GUID)
			assert.Equal(t, "Precedence", view.Show.Title)
			assert.Nil(t, view.Show.Episodes, "the view carries one episode, not the list")

			chs := view.Episode.Chapters
			require.Len(t, chs, len(tt.wantStarts))
			for i, c := range chs {
				assert.InDelta(t, tt.wantStarts[i], c.Start, 1e-9, "chapter %d", i)
				assert.Equal(t, tt.wantSource, c.Source, "chapter %d", i)
			}
			assert.Equal(t, tt.wantTitle, chs[0].Title)
			assert.InDelta(t, tt.lastEnd, chs[len(chs)-1].End, 1e-9)
			assert.Equal(t, tt.mp3Fetched, o.hits(tt.mp3) > 0, "requests for %s", tt.mp3)
		})
	}
}

func TestEpisodeChaptersJSONFromCorpusFeed(t *testing.T) {
	o := newOrigin(t)
	o.serve("/feed.xml", "application/rss+xml", o.rewrite(testdata(t, "podcast-namespace-example.xml")))
	o.serve("/ep3_chapters.json", "application/json", testdata(t, "chapters-example.json"))
	o.serve("/file-03.mp3", "audio/mpeg", testdata(t, "mp3chaps-py.mp3"))
	s, _ := newTestService(t, testOptions())

	// Show alone does not fetch chapters documents: that waits for Episode.
	show, err := s.Show(t.Context(), o.URL+"/feed.xml")
	require.NoError(t, err)
	ep, ok := show.Episode(o.URL + "/ep0003")
	require.True(t, ok)
	assert.Equal(t, o.URL+"/ep3_chapters.json", ep.ChaptersURL)
	assert.Empty(t, ep.Chapters)
	assert.Zero(t, o.hits("/ep3_chapters.json"))

	view, err := s.Episode(t.Context(), o.URL+"/feed.xml", o.URL+"/ep0003")
	require.NoError(t, err)
	assert.Equal(t, "Episode 3 - The Future", view.Episode.Title)
	chs := view.Episode.Chapters
	require.Len(t, chs, 9)
	assert.Equal(t, "Intro", chs[0].Title)
	assert.Equal(t, podcast.Chapter{
		Start:  410,
		End:    3990,
		Title:  "Namespace",
		Image:  "https://example.com/images/namepsace_example.jpg",
		URL:    "https://github.com/Podcastindex-org/podcast-namespace",
		Source: podcast.SourceJSON,
	}, chs[3])
	assert.Equal(t, "Outro", chs[8].Title)
	assert.Zero(t, o.hits("/file-03.mp3"), "an MP3 is not read when a chapters document answers")

	// The chapters document is cached with the feed.
	_, err = s.Episode(t.Context(), o.URL+"/feed.xml", o.URL+"/ep0003")
	require.NoError(t, err)
	assert.Equal(t, 1, o.hits("/ep3_chapters.json"))
	assert.Equal(t, 1, o.hits("/feed.xml"))
}

func TestEpisodeID3ChaptersByRange(t *testing.T) {
	o := newOrigin(t)
	mp3 := testdata(t, "mp3chaps-py.mp3")
	o.serve("/feed.xml", "application/rss+xml", o.rewrite(testdata(t, "podcast-namespace-example.xml")))
	// ep0002's chapters document is missing (404), so the MP3 is the source.
	o.serve("/file-02.mp3", "audio/mpeg", mp3)
	s, _ := newTestService(t, testOptions())

	view, err := s.Episode(t.Context(), o.URL+"/feed.xml", o.URL+"/ep0002")
	require.NoError(t, err)
	require.Len(t, view.Episode.Chapters, len(mp3Chapters))
	for i, w := range mp3Chapters {
		c := view.Episode.Chapters[i]
		assert.InDelta(t, w.start, c.Start, 1e-9, "chapter %d", i)
		assert.Equal(t, w.title, c.Title, "chapter %d", i)
		assert.Equal(t, podcast.SourceID3, c.Source, "chapter %d", i)
	}
	assert.Equal(t, 1, o.hits("/ep2_chapters.json"), "the chapters document was tried first")

	reqs := o.requests("/file-02.mp3")
	require.NotEmpty(t, reqs)
	var served int64
	for _, r := range reqs {
		assert.True(t, strings.HasPrefix(r.Header.Get("Range"), "bytes=0-"), "Range %q", r.Header.Get("Range"))
		assert.Equal(t, http.StatusPartialContent, r.Status)
		served += r.Bytes
	}
	assert.Less(t, served, int64(len(mp3)), "only the tag is read, never the whole file")
	// The tag of this file is 722 bytes (ID3v2.4, size 712 + header).
	assert.Equal(t, "bytes=0-721", reqs[len(reqs)-1].Header.Get("Range"))

	// Cached: a second view reads nothing.
	_, err = s.Episode(t.Context(), o.URL+"/feed.xml", o.URL+"/ep0002")
	require.NoError(t, err)
	assert.Len(t, o.requests("/file-02.mp3"), len(reqs))
}

func TestEpisodeNotFound(t *testing.T) {
	o := precedenceOrigin(t)
	s, _ := newTestService(t, testOptions())

	_, err := s.Episode(t.Context(), o.URL+"/feed.xml", "no-such-guid")
	require.ErrorIs(t, err, ErrNotFound)
	_, err = s.Transcript(t.Context(), o.URL+"/feed.xml", "no-such-guid")
	require.ErrorIs(t, err, ErrNotFound)

	// An empty guid means the newest episode.
	view, err := s.Episode(t.Context(), o.URL+"/feed.xml", "")
	require.NoError(t, err)
	assert.Equal(t, "all", view.Episode.GUID)
}

func TestTranscript(t *testing.T) {
	t.Run("VTT from a corpus feed", func(t *testing.T) {
		o := newOrigin(t)
		o.serve("/feed.xml", "application/rss+xml", o.rewrite(testdata(t, "podcast-namespace-example.xml")))
		o.serve("/episode1/transcript.vtt", "text/vtt", testdata(t, "transcript-example.vtt"))
		o.serve("/ep3/transcript.txt", "text/plain", []byte("plain words"))
		s, _ := newTestService(t, testOptions())

		tr, err := s.Transcript(t.Context(), o.URL+"/feed.xml", o.URL+"/ep0003")
		require.NoError(t, err)
		require.NotEmpty(t, tr.Segments)
		assert.Equal(t, podcast.Segment{Start: 0, End: 2.76, Speaker: "Sarah", Text: "In today's episode, you'll learn whether or not you"}, tr.Segments[0])
		assert.Contains(t, tr.Segments[2].Text, "Podcasting Q&A", "entities are decoded")
		speakers := map[string]bool{}
		for _, seg := range tr.Segments {
			speakers[seg.Speaker] = true
		}
		assert.Equal(t, map[string]bool{"Sarah": true, "Gillian": true}, speakers)
		assert.Zero(t, o.hits("/ep3/transcript.txt"), "VTT is preferred over plain text")

		_, err = s.Transcript(t.Context(), o.URL+"/feed.xml", o.URL+"/ep0003")
		require.NoError(t, err)
		assert.Equal(t, 1, o.hits("/episode1/transcript.vtt"), "the transcript is cached")
	})

	t.Run("JSON over VTT", func(t *testing.T) {
		o := precedenceOrigin(t)
		s, _ := newTestService(t, testOptions())

		tr, err := s.Transcript(t.Context(), o.URL+"/feed.xml", "all")
		require.NoError(t, err)
		// Word-level segments of one speaker are joined into a line.
		assert.Equal(t, []podcast.Segment{
			{Start: 0.5, End: 2.5, Speaker: "Darth Vader", Text: "I am your father."},
			{Start: 2.75, End: 3, Speaker: "Luke", Text: "Nooooo"},
		}, tr.Segments)
		assert.Equal(t, 1, o.hits("/all-transcript.json"))
		assert.Zero(t, o.hits("/all.vtt"))
		assert.Zero(t, o.hits("/all.txt"))
	})

	t.Run("none offered", func(t *testing.T) {
		o := precedenceOrigin(t)
		s, _ := newTestService(t, testOptions())

		_, err := s.Transcript(t.Context(), o.URL+"/feed.xml", "psc")
		require.ErrorIs(t, err, ErrNotFound)
	})

	t.Run("host fails", func(t *testing.T) {
		o := precedenceOrigin(t)
		s, clock := newTestService(t, testOptions())

		_, err := s.Transcript(t.Context(), o.URL+"/feed.xml", "broken-transcript")
		require.ErrorIs(t, err, ErrUpstream)
		_, err = s.Transcript(t.Context(), o.URL+"/feed.xml", "broken-transcript")
		require.ErrorIs(t, err, ErrUpstream)
		assert.Equal(t, 1, o.hits("/gone.vtt"), "the failure is cached briefly")

		clock.Advance(errorTTL)
		_, err = s.Transcript(t.Context(), o.URL+"/feed.xml", "broken-transcript")
		require.ErrorIs(t, err, ErrUpstream)
		assert.Equal(t, 2, o.hits("/gone.vtt"), "a failure is retried sooner than a good copy expires")
	})
}

// TestDocumentCacheKeys checks that a chapters URL crafted to look like
// another kind of cached document cannot take that document's place: a
// feed's podcast:chapters url="transcript <url>" (normalize keeps such a
// string as written) must not poison the transcript cached for another
// feed, nor "id3 <url>" the ID3 chapters of another feed's MP3.
func TestDocumentCacheKeys(t *testing.T) {
	o := precedenceOrigin(t)
	attacker := strings.Replace(precedenceFeed, "https://example.com/chapters.json",
		"transcript "+o.URL+"/all-transcript.json", 1)
	attacker = strings.Replace(attacker, "https://example.com/missing.json", "id3 "+o.URL+"/id3.mp3", 1)
	o.serve("/attacker.xml", "application/rss+xml", o.rewrite([]byte(attacker)))
	s, _ := newTestService(t, testOptions())

	for _, guid := range []string{"all", "psc"} {
		_, err := s.Episode(t.Context(), o.URL+"/attacker.xml", guid)
		require.NoError(t, err)
	}

	tr, err := s.Transcript(t.Context(), o.URL+"/feed.xml", "all")
	require.NoError(t, err)
	assert.Len(t, tr.Segments, 2)
	view, err := s.Episode(t.Context(), o.URL+"/feed.xml", "id3")
	require.NoError(t, err)
	assert.Len(t, view.Episode.Chapters, len(mp3Chapters))
}

// flakyChapters serves precedenceFeed with a chapters document whose host
// fails while *failing is set.
func flakyChapters(t *testing.T) (o *origin, failing *atomic.Bool, feedURL string) {
	t.Helper()
	o = precedenceOrigin(t)
	failing = new(atomic.Bool)
	chaptersJSON := testdata(t, "chapters-example.json")
	o.mux.HandleFunc("/flaky.json", func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(chaptersJSON)
	})
	o.serve("/flaky.xml", "application/rss+xml", o.rewrite([]byte(strings.Replace(precedenceFeed, "/chapters.json", "/flaky.json", 1))))
	return o, failing, o.URL + "/flaky.xml"
}

func TestEpisodeKeepsGoodChaptersWhenHostFails(t *testing.T) {
	o, failing, feedURL := flakyChapters(t)
	s, clock := newTestService(t, testOptions())

	view, err := s.Episode(t.Context(), feedURL, "all")
	require.NoError(t, err)
	require.Len(t, view.Episode.Chapters, 9)

	failing.Store(true)
	clock.Advance(testTTL)
	view, err = s.Episode(t.Context(), feedURL, "all")
	require.NoError(t, err)
	assert.Equal(t, 2, o.hits("/flaky.json"), "the document was revalidated")
	assert.Len(t, view.Episode.Chapters, 9, "the last good chapters are kept")
	assert.Equal(t, podcast.SourceJSON, view.Episode.Chapters[0].Source)
}

func TestEpisodeRetriesFailedChaptersSoon(t *testing.T) {
	o, failing, feedURL := flakyChapters(t)
	failing.Store(true)
	s, clock := newTestService(t, testOptions())

	// While the chapters document fails, PSC stands in, and the failure is
	// not refetched on every view.
	for range 3 {
		view, err := s.Episode(t.Context(), feedURL, "all")
		require.NoError(t, err)
		require.NotEmpty(t, view.Episode.Chapters)
		assert.Equal(t, podcast.SourcePSC, view.Episode.Chapters[0].Source)
	}
	assert.Equal(t, 1, o.hits("/flaky.json"))

	// Once it is back it wins again, well before the feed's TTL is over.
	failing.Store(false)
	clock.Advance(errorTTL)
	view, err := s.Episode(t.Context(), feedURL, "all")
	require.NoError(t, err)
	assert.Equal(t, 2, o.hits("/flaky.json"))
	assert.Equal(t, 1, o.hits("/flaky.xml"), "the feed itself is still fresh")
	require.NotEmpty(t, view.Episode.Chapters)
	assert.Equal(t, podcast.SourceJSON, view.Episode.Chapters[0].Source)
}

// feedHandler serves a feed with validators, answering conditional requests
// with 304 while its version is unchanged.
type feedHandler struct {
	t       *testing.T
	body    atomic.Pointer[[]byte]
	version atomic.Int64
	hits    atomic.Int64
	mu      sync.Mutex
	headers []http.Header
}

var lastModified = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)

func (h *feedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.hits.Add(1)
	h.mu.Lock()
	h.headers = append(h.headers, r.Header.Clone())
	h.mu.Unlock()
	v := h.version.Load()
	etag := fmt.Sprintf(`"v%d"`, v)
	lm := lastModified.Add(time.Duration(v) * time.Hour)
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lm.Format(http.TimeFormat))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	_, _ = w.Write(*h.body.Load())
}

func (h *feedHandler) header(i int) http.Header {
	h.mu.Lock()
	defer h.mu.Unlock()
	require.Greater(h.t, len(h.headers), i)
	return h.headers[i]
}

func newFeedHandler(t *testing.T, body []byte) *feedHandler {
	h := &feedHandler{t: t}
	h.body.Store(&body)
	return h
}

func TestShowCaching(t *testing.T) {
	h := newFeedHandler(t, testdata(t, "psc-chapters.rss"))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s, clock := newTestService(t, testOptions())
	feedURL := srv.URL + "/feed.xml"

	show, err := s.Show(t.Context(), feedURL)
	require.NoError(t, err)
	assert.Equal(t, int64(1), h.hits.Load())
	assert.Empty(t, h.header(0).Get("If-None-Match"), "the first fetch is unconditional")
	assert.Empty(t, h.header(0).Get("If-Modified-Since"))

	// Within the TTL the origin is not asked again.
	clock.Advance(testTTL - time.Second)
	again, err := s.Show(t.Context(), feedURL)
	require.NoError(t, err)
	assert.Same(t, show, again)
	assert.Equal(t, int64(1), h.hits.Load())

	// After it, the origin is asked conditionally; 304 keeps the show.
	clock.Advance(time.Second)
	again, err = s.Show(t.Context(), feedURL)
	require.NoError(t, err)
	assert.Same(t, show, again)
	require.Equal(t, int64(2), h.hits.Load())
	assert.Equal(t, `"v0"`, h.header(1).Get("If-None-Match"))
	assert.Equal(t, lastModified.Format(http.TimeFormat), h.header(1).Get("If-Modified-Since"))

	// The 304 renewed the copy for another TTL.
	clock.Advance(testTTL - time.Second)
	_, err = s.Show(t.Context(), feedURL)
	require.NoError(t, err)
	assert.Equal(t, int64(2), h.hits.Load())

	// A changed feed replaces the copy, and its validators are used next.
	changed := bytes.Replace(testdata(t, "psc-chapters.rss"), []byte("Chapters Example"), []byte("Chapters Example, revised"), 1)
	h.body.Store(&changed)
	h.version.Store(1)
	clock.Advance(time.Second)
	updated, err := s.Show(t.Context(), feedURL)
	require.NoError(t, err)
	assert.Equal(t, "Chapters Example, revised", updated.Title)
	require.Equal(t, int64(3), h.hits.Load())
	assert.Equal(t, `"v0"`, h.header(2).Get("If-None-Match"))

	clock.Advance(testTTL)
	_, err = s.Show(t.Context(), feedURL)
	require.NoError(t, err)
	require.Equal(t, int64(4), h.hits.Load())
	assert.Equal(t, `"v1"`, h.header(3).Get("If-None-Match"))
	assert.Equal(t, lastModified.Add(time.Hour).Format(http.TimeFormat), h.header(3).Get("If-Modified-Since"))
}

// goroutinesParkedIn counts the goroutines blocked in a select inside fn
// (such as "feed.(*Service).Show(").
func goroutinesParkedIn(fn string) int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if strings.Contains(header, "[select") && strings.Contains(g, fn) {
			count++
		}
	}
	return count
}

func TestShowConcurrentCallsFetchOnce(t *testing.T) {
	const callers = 16
	body := testdata(t, "psc-chapters.rss")
	var hits atomic.Int64
	handlerErr := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			// Hold the first answer until every caller is waiting for it
			// inside Show (or a second fetch has already failed the test).
			deadline := time.Now().Add(waitLimit)
			for goroutinesParkedIn("feed.(*Service).Show(") < callers && hits.Load() == 1 {
				if time.Now().After(deadline) {
					handlerErr <- fmt.Errorf("only %d of %d callers are waiting in Show", goroutinesParkedIn("feed.(*Service).Show("), callers)
					break
				}
				time.Sleep(time.Millisecond)
			}
		}
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	s, _ := newTestService(t, testOptions())

	shows := make([]*podcast.Show, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			shows[i], errs[i] = s.Show(context.Background(), srv.URL+"/feed.xml")
		})
	}
	wg.Wait()

	select {
	case err := <-handlerErr:
		t.Fatal(err)
	default:
	}
	assert.Equal(t, int64(1), hits.Load())
	for i := range callers {
		require.NoError(t, errs[i])
		assert.True(t, shows[i] == shows[0], "caller %d got a show of its own", i)
	}
}

// failure modes of an origin that used to work.
var failures = map[string]http.HandlerFunc{
	"500": func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	},
	"404": http.NotFound,
	"closes the connection": func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	},
	"sends HTML": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<!doctype html><html><head><title>Maintenance</title></head><body>Back soon</body></html>")
	},
}

func TestShowServesStaleCopyWhenOriginFails(t *testing.T) {
	for name, fail := range failures {
		t.Run(name, func(t *testing.T) {
			var failing atomic.Bool
			var hits atomic.Int64
			body := testdata(t, "psc-chapters.rss")
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if failing.Load() {
					fail(w, r)
					return
				}
				_, _ = w.Write(body)
			}))
			t.Cleanup(srv.Close)
			s, clock := newTestService(t, testOptions())
			feedURL := srv.URL + "/feed.xml"

			show, err := s.Show(t.Context(), feedURL)
			require.NoError(t, err)

			failing.Store(true)
			clock.Advance(testTTL)
			stale, err := s.Show(t.Context(), feedURL)
			require.NoError(t, err)
			assert.Same(t, show, stale)
			// (net/http retries a GET once when a kept-alive connection is
			// closed under it, so the origin may count two attempts.)
			asked := hits.Load()
			assert.Greater(t, asked, int64(1), "the origin was asked again after the TTL")

			// The stale copy is kept for a while; the origin is not asked on
			// every call.
			_, err = s.Show(t.Context(), feedURL)
			require.NoError(t, err)
			assert.Equal(t, asked, hits.Load())

			// Episode works from the stale copy too.
			view, err := s.Episode(t.Context(), feedURL, "episode")
			require.NoError(t, err)
			assert.Len(t, view.Episode.Chapters, 5)
		})
	}
}

func TestShowCachesErrorsBriefly(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "down", http.StatusBadGateway)
	}))
	t.Cleanup(srv.Close)
	s, clock := newTestService(t, testOptions())
	feedURL := srv.URL + "/feed.xml"

	_, err := s.Show(t.Context(), feedURL)
	require.ErrorIs(t, err, ErrUpstream)
	for range 5 {
		_, err = s.Show(t.Context(), feedURL)
		require.ErrorIs(t, err, ErrUpstream)
	}
	_, err = s.Episode(t.Context(), feedURL, "")
	require.ErrorIs(t, err, ErrUpstream)
	assert.Equal(t, int64(1), hits.Load(), "a failing host is not asked on every call")

	clock.Advance(errorTTL - time.Second)
	_, err = s.Show(t.Context(), feedURL)
	require.ErrorIs(t, err, ErrUpstream)
	assert.Equal(t, int64(1), hits.Load())

	clock.Advance(time.Second)
	_, err = s.Show(t.Context(), feedURL)
	require.ErrorIs(t, err, ErrUpstream)
	assert.Equal(t, int64(2), hits.Load(), "the error expires long before a good copy would")
}

func TestShowErrorTTLNotLongerThanTTL(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "down", http.StatusBadGateway)
	}))
	t.Cleanup(srv.Close)
	opts := testOptions()
	opts.TTL = 5 * time.Second
	s, clock := newTestService(t, opts)

	_, err := s.Show(t.Context(), srv.URL)
	require.ErrorIs(t, err, ErrUpstream)
	clock.Advance(opts.TTL)
	_, err = s.Show(t.Context(), srv.URL)
	require.ErrorIs(t, err, ErrUpstream)
	assert.Equal(t, int64(2), hits.Load(), "an error is not kept longer than a good copy would be")
}

func TestShowErrors(t *testing.T) {
	o := newOrigin(t)
	big := testdata(t, "launched.xml")
	o.serve("/big.xml", "application/rss+xml", big)
	o.mux.HandleFunc("/big-chunked.xml", func(w http.ResponseWriter, r *http.Request) {
		// No Content-Length: the limit must hold while reading.
		for chunk := range slicesChunk(big, 4096) {
			_, _ = w.Write(chunk)
			http.NewResponseController(w).Flush()
		}
	})
	o.mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, "<!DOCTYPE html>\n<html><head><title>My podcast</title></head><body><a href=\"/feed\">RSS</a></body></html>")
	})
	o.mux.HandleFunc("/empty.xml", func(w http.ResponseWriter, r *http.Request) {})
	o.mux.HandleFunc("/500.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	o.mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // until the client gives up
	})

	small := testOptions()
	small.Fetch.MaxBodyBytes = 16 << 10
	short := testOptions()
	short.Fetch.Timeout = 50 * time.Millisecond

	tests := []struct {
		name string
		opts Options
		url  string
		want error
	}{
		{"ftp scheme", testOptions(), "ftp://example.com/feed.xml", ErrBadURL},
		{"not a URL", testOptions(), "not a url", ErrBadURL},
		{"empty", testOptions(), "", ErrBadURL},
		{"no host", testOptions(), "http:///feed.xml", ErrBadURL},
		{"javascript", testOptions(), "javascript:alert(1)", ErrBadURL},
		{"HTML page", testOptions(), o.URL + "/page.html", ErrNotFeed},
		{"empty body", testOptions(), o.URL + "/empty.xml", ErrNotFeed},
		{"404", testOptions(), o.URL + "/missing.xml", ErrUpstream},
		{"500", testOptions(), o.URL + "/500.xml", ErrUpstream},
		{"too large", small, o.URL + "/big.xml", ErrTooLarge},
		{"too large without Content-Length", small, o.URL + "/big-chunked.xml", ErrTooLarge},
		{"slow origin", short, o.URL + "/slow.xml", ErrTimeout},
		{"private address", testOptions(), "http://10.0.0.1/feed.xml", ErrBlocked},
		{"cloud metadata", testOptions(), "http://169.254.169.254/latest/meta-data/", ErrBlocked},
	}
	kinds := []error{ErrBadURL, ErrBlocked, ErrTooLarge, ErrNotFeed, ErrUpstream, ErrTimeout, ErrNotFound}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestService(t, tt.opts)
			show, err := s.Show(t.Context(), tt.url)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, show)
			for _, k := range kinds {
				if k != tt.want {
					assert.NotErrorIs(t, err, k, "an error has one kind")
				}
			}
			// Episode and Transcript report the same failure.
			_, err = s.Episode(t.Context(), tt.url, "")
			assert.ErrorIs(t, err, tt.want)
			_, err = s.Transcript(t.Context(), tt.url, "")
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// slicesChunk yields b in pieces of at most n bytes.
func slicesChunk(b []byte, n int) func(func([]byte) bool) {
	return func(yield func([]byte) bool) {
		for len(b) > 0 {
			k := min(n, len(b))
			if !yield(b[:k]) {
				return
			}
			b = b[k:]
		}
	}
}

func TestShowCallerCancel(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	s, _ := newTestService(t, testOptions())

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := s.Show(ctx, srv.URL+"/feed.xml")
		done <- err
	}()
	select {
	case <-entered:
	case <-time.After(waitLimit):
		t.Fatal("the origin was never asked")
	}
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(waitLimit):
		t.Fatal("Show did not return after its context was canceled, while the origin still held the answer")
	}
}

func TestLoopbackPolicy(t *testing.T) {
	o := newOrigin(t)
	o.serve("/feed.xml", "application/rss+xml", testdata(t, "psc-chapters.rss"))
	other := newOrigin(t)
	other.serve("/feed.xml", "application/rss+xml", testdata(t, "psc-chapters.rss"))
	// A feed on the trusted origin whose chapters live on another loopback
	// origin.
	o.serve("/pointing-elsewhere.xml", "application/rss+xml", other.rewrite([]byte(precedenceFeed)))
	other.serve("/chapters.json", "application/json", testdata(t, "chapters-example.json"))

	t.Run("refused by default", func(t *testing.T) {
		s, _ := newTestService(t, Options{Fetch: fetch.Options{Logger: quiet}, TTL: testTTL})
		for _, u := range []string{o.URL + "/feed.xml", strings.Replace(o.URL, "127.0.0.1", "localhost", 1) + "/feed.xml"} {
			_, err := s.Show(t.Context(), u)
			require.ErrorIs(t, err, ErrBlocked, u)
		}
		assert.Zero(t, o.hits("/feed.xml"))
	})

	t.Run("trusted origin allowed, others refused", func(t *testing.T) {
		s, _ := newTestService(t, Options{Fetch: fetch.Options{Logger: quiet}, TTL: testTTL, Trusted: []string{o.URL}})

		show, err := s.Show(t.Context(), o.URL+"/feed.xml")
		require.NoError(t, err)
		assert.Len(t, show.Episodes, 1)
		pasted, err := s.Show(t.Context(), " "+o.URL+"/feed.xml\n")
		require.NoError(t, err, "white space around a pasted URL does not lose the trust")
		assert.Same(t, show, pasted)

		_, err = s.Show(t.Context(), other.URL+"/feed.xml")
		require.ErrorIs(t, err, ErrBlocked)
		assert.Zero(t, other.hits("/feed.xml"))

		// Documents a trusted feed points to elsewhere on loopback are not
		// fetched either: the episode falls back to its PSC chapters.
		view, err := s.Episode(t.Context(), o.URL+"/pointing-elsewhere.xml", "all")
		require.NoError(t, err)
		require.NotEmpty(t, view.Episode.Chapters)
		assert.Equal(t, podcast.SourcePSC, view.Episode.Chapters[0].Source)
		assert.Zero(t, other.hits("/chapters.json"))
		assert.Zero(t, other.hits("/all.mp3"))
	})

	t.Run("trusted origin, not string prefix", func(t *testing.T) {
		// "http://127.0.0.1:4123" is a string prefix of "http://127.0.0.1:41234",
		// not the same origin.
		s, _ := newTestService(t, Options{Fetch: fetch.Options{Logger: quiet}, TTL: testTTL, Trusted: []string{other.URL[:len(other.URL)-1], o.URL + "/"}})
		_, err := s.Show(t.Context(), o.URL+"/feed.xml")
		require.NoError(t, err, "a trailing slash on a trusted origin does not matter")
		_, err = s.Show(t.Context(), other.URL+"/feed.xml")
		require.ErrorIs(t, err, ErrBlocked)
		assert.Zero(t, other.hits("/feed.xml"))
	})
}

// TestDemoShow runs Earshot's own demo show through the service, the way the
// server does: its origin trusted, everything else on loopback refused.
func TestDemoShow(t *testing.T) {
	var show *demo.Show
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { show.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	show, err := demo.New(srv.URL)
	require.NoError(t, err)
	s, _ := newTestService(t, Options{Fetch: fetch.Options{Logger: quiet}, Trusted: []string{srv.URL}})

	got, err := s.Show(t.Context(), show.FeedURL())
	require.NoError(t, err)
	assert.Equal(t, "Earshot Demo Radio", got.Title)
	require.Len(t, got.Episodes, 3)

	view, err := s.Episode(t.Context(), show.FeedURL(), "earshot-demo-1")
	require.NoError(t, err)
	var titles []string
	for _, c := range view.Episode.Chapters {
		titles = append(titles, c.Title)
		assert.Equal(t, podcast.SourceJSON, c.Source)
	}
	assert.Equal(t, []string{"Intro", "What Earshot is", "Chapters and share links", "Embedding the player", "Outro"}, titles)
	assert.Contains(t, string(view.Episode.Notes), `data-t="90"`, "timestamps in the notes are linked")

	view, err = s.Episode(t.Context(), show.FeedURL(), "earshot-demo-2")
	require.NoError(t, err)
	require.Len(t, view.Episode.Chapters, 5)
	assert.Equal(t, podcast.SourcePSC, view.Episode.Chapters[2].Source)
	assert.InDelta(t, 135.5, view.Episode.Chapters[2].Start, 1e-9)
	assert.InDelta(t, 300, view.Episode.Chapters[4].End, 1e-9)

	tr, err := s.Transcript(t.Context(), show.FeedURL(), "earshot-demo-1")
	require.NoError(t, err)
	require.Len(t, tr.Segments, 6)
	assert.Equal(t, "Ada Earshot", tr.Segments[0].Speaker)

	_, err = s.Transcript(t.Context(), show.FeedURL(), "earshot-demo-0")
	require.ErrorIs(t, err, ErrNotFound)
}
