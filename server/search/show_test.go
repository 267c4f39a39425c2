package search

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed"
)

// testShow is a generated show on a real HTTP server: episodes with show
// notes (one line with a timestamp), a chapters document and a WebVTT
// transcript each. Transcript lines are "episode N line K" except where a
// test puts its own words at a second.
type testShow struct {
	srv      *httptest.Server
	mu       sync.Mutex
	episodes int
	skip     map[int]bool           // episodes left out of the feed
	words    map[int]map[int]string // episode → second → cue text
	cueEvery int                    // seconds between cues
	length   int                    // seconds of transcript per episode
	slow     time.Duration          // delay of every transcript answer
	// cue, when set, writes the cues no test put words at (the benchmarks'
	// realistic speech); it must depend on n and sec alone, since
	// transcripts are fetched in any order.
	cue func(n, sec int) string

	transcripts atomic.Int64 // transcript requests served
	inFlight    atomic.Int64
	maxInFlight atomic.Int64
}

func newTestShow(t testing.TB, episodes int) *testShow {
	s := &testShow{episodes: episodes, skip: map[int]bool{}, words: map[int]map[int]string{}, cueEvery: 5, length: 600}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *testShow) feedURL() string { return s.srv.URL + "/feed.xml" }

// say puts text at second sec of episode n's transcript.
func (s *testShow) say(n, sec int, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.words[n] == nil {
		s.words[n] = map[int]string{}
	}
	s.words[n][sec] = text
}

func (s *testShow) serve(w http.ResponseWriter, r *http.Request) {
	var n int
	switch {
	case r.URL.Path == "/feed.xml":
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(s.feed()))
	case sscan(r.URL.Path, "/chapters/%d.json", &n):
		w.Header().Set("Content-Type", "application/json+chapters")
		fmt.Fprintf(w, `{"version":"1.2.0","chapters":[{"startTime":0,"title":"Opening of episode %d"},{"startTime":120,"title":"Chapter about gardening %d"}]}`, n, n)
	case sscan(r.URL.Path, "/transcripts/%d.vtt", &n):
		s.transcripts.Add(1)
		cur := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			old := s.maxInFlight.Load()
			if cur <= old || s.maxInFlight.CompareAndSwap(old, cur) {
				break
			}
		}
		time.Sleep(s.slow)
		w.Header().Set("Content-Type", "text/vtt")
		w.Write([]byte(s.vtt(n)))
	default:
		http.NotFound(w, r)
	}
}

func sscan(path, format string, n *int) bool {
	_, err := fmt.Sscanf(path, format, n)
	return err == nil
}

func (s *testShow) feed() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Search Test Radio</title><link>https://example.org/</link><description>A generated show.</description>
`)
	for n := s.episodes; n >= 1; n-- {
		if s.skip[n] {
			continue
		}
		fmt.Fprintf(&b, `<item><title>Episode %d: %s</title><guid isPermaLink="false">ep-%d</guid>
<pubDate>%s</pubDate><itunes:duration>%d</itunes:duration>
<enclosure url="%s/audio/%d.mp3" length="1000" type="audio/mpeg"/>
<podcast:chapters url="%s/chapters/%d.json" type="application/json+chapters"/>
<podcast:transcript url="%s/transcripts/%d.vtt" type="text/vtt"/>
<content:encoded><![CDATA[<p>Notes of episode %d.</p><ul><li>05:00 The listener mailbag %d</li></ul>]]></content:encoded>
</item>
`, n, titleWord(n), n, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(time.RFC1123Z), s.length,
			s.srv.URL, n, s.srv.URL, n, s.srv.URL, n, n, n)
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// titleWord gives a few episodes a word of their own in the title.
func titleWord(n int) string {
	if w, ok := map[int]string{2: "Volcanoes", 3: "Interview with Ada"}[n]; ok {
		return w
	}
	return "Talk"
}

func (s *testShow) vtt(n int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	for sec := 0; sec < s.length; sec += s.cueEvery {
		text, ok := s.words[n][sec]
		switch {
		case ok:
		case s.cue != nil:
			text = s.cue(n, sec)
		default:
			text = fmt.Sprintf("episode %d line %d of the conversation", n, sec)
		}
		fmt.Fprintf(&b, "%s --> %s\n%s\n\n", vttTime(sec), vttTime(sec+s.cueEvery), text)
	}
	return b.String()
}

func vttTime(sec int) string {
	return fmt.Sprintf("%02d:%02d:%02d.000", sec/3600, sec/60%60, sec%60)
}

// newTestIndex is an Index over a real feed service reading s.
func newTestIndex(t testing.TB, s *testShow, opt Options) *Index {
	return newTestIndexTTL(t, s, opt, time.Hour)
}

// newTestIndexTTL is newTestIndex with a feed TTL (a short one sees a
// changed feed at once).
func newTestIndexTTL(t testing.TB, s *testShow, opt Options, ttl time.Duration) *Index {
	t.Helper()
	svc := feed.New(feed.Options{TTL: ttl, Trusted: []string{s.srv.URL}})
	x, err := New(svc, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// text is the moment's text with marked parts in [brackets].
func text(m podcast.Moment) string {
	var b strings.Builder
	for _, p := range m.Parts {
		if p.Mark {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func dirSize(t testing.TB, dir string) int64 {
	var n int64
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			n += dirSize(t, dir+"/"+e.Name())
			continue
		}
		info, err := e.Info()
		if err == nil {
			n += info.Size()
		}
	}
	return n
}
