package demo

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed/normalize"
)

// newDemo serves the demo show from an httptest server, with the feed's
// URLs pointing at that server.
func newDemo(t *testing.T) (*Show, *httptest.Server) {
	t.Helper()
	var show *Show
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { show.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	show, err := New(srv.URL)
	require.NoError(t, err)
	return show, srv
}

// get fetches url with the given request headers.
func get(t *testing.T, method, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

func TestFeed(t *testing.T) {
	show, srv := newDemo(t)
	assert.Equal(t, srv.URL+"/demo/feed.xml", show.FeedURL())

	resp, body := get(t, http.MethodGet, show.FeedURL(), nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/rss+xml; charset=utf-8", resp.Header.Get("Content-Type"))

	// Well-formed XML, checked strictly, before any lenient feed parser.
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
	}
	assert.NotContains(t, string(body), "{{", "every template action was executed")
	assert.NotContains(t, string(body), "<no value>")

	parsed, _, err := normalize.Parse(body, show.FeedURL())
	require.NoError(t, err)
	assert.Equal(t, "Earshot Demo Radio", parsed.Title)
	assert.Equal(t, srv.URL+"/demo/cover.svg", parsed.Image)
	require.Len(t, parsed.Episodes, 3)

	want := []struct {
		guid     string
		title    string
		duration float64
		audio    string
	}{
		{"earshot-demo-1", "Welcome to Earshot", 240, "/demo/audio/1.wav"},
		{"earshot-demo-2", "Simple Chapters, inline", 300, "/demo/audio/2.wav"},
		{"earshot-demo-0", "Trailer", 45, "/demo/audio/0.wav"},
	}
	for i, w := range want {
		ep := parsed.Episodes[i]
		assert.Equal(t, w.guid, ep.GUID)
		assert.Equal(t, w.title, ep.Title)
		assert.InDelta(t, w.duration, ep.Duration, 1e-9, ep.GUID)
		assert.Equal(t, srv.URL+w.audio, ep.Enclosure.URL)
		assert.Equal(t, "audio/wav", ep.Enclosure.Type)

		// The declared length is what the server sends, and the declared
		// duration is how long the audio really is.
		resp, audio := get(t, http.MethodGet, ep.Enclosure.URL, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, int64(len(audio)), ep.Enclosure.Length, ep.GUID)
		h := parseWAV(t, audio)
		assert.InDelta(t, ep.Duration, h.seconds(), 1e-9, ep.GUID)
	}

	ep1 := parsed.Episodes[0]
	assert.Equal(t, srv.URL+"/demo/chapters/1.json", ep1.ChaptersURL)
	assert.Empty(t, ep1.Chapters, "episode 1's chapters are in its chapters document")
	require.Len(t, ep1.Transcripts, 1)
	assert.Equal(t, podcast.TranscriptRef{URL: srv.URL + "/demo/transcripts/1.vtt", Type: "text/vtt", Language: "en"}, ep1.Transcripts[0])

	ep2 := parsed.Episodes[1]
	assert.Empty(t, ep2.ChaptersURL)
	require.Len(t, ep2.Chapters, 5)
	var starts []float64
	for _, c := range ep2.Chapters {
		starts = append(starts, c.Start)
		assert.Equal(t, podcast.SourcePSC, c.Source)
	}
	assert.Equal(t, []float64{0, 60, 135.5, 195, 250}, starts)
	assert.Equal(t, "Podlove Simple Chapters", ep2.Chapters[2].Title)
	assert.Equal(t, "https://podlove.org/simple-chapters/", ep2.Chapters[2].URL)

	// Every document the feed links to is served.
	for _, u := range []string{parsed.Image, ep1.ChaptersURL, ep1.Transcripts[0].URL} {
		resp, b := get(t, http.MethodGet, u, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, u)
		assert.NotEmpty(t, b, u)
	}
}

func TestFeedUsesBase(t *testing.T) {
	show, err := New("https://earshot.example/")
	require.NoError(t, err)
	assert.Equal(t, "https://earshot.example/demo/feed.xml", show.FeedURL(), "a trailing slash is dropped")
	rec := httptest.NewRecorder()
	show.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, FeedPath, nil))
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `<enclosure url="https://earshot.example/demo/audio/1.wav"`)
	assert.NotContains(t, rec.Body.String(), "earshot.example//")
}

func TestChaptersDocumentMatchesAudio(t *testing.T) {
	_, srv := newDemo(t)
	resp, body := get(t, http.MethodGet, srv.URL+"/demo/chapters/1.json", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json+chapters", resp.Header.Get("Content-Type"))
	var doc struct {
		Version  string `json:"version"`
		Chapters []struct {
			StartTime float64 `json:"startTime"`
			Title     string  `json:"title"`
		} `json:"chapters"`
	}
	require.NoError(t, json.Unmarshal(body, &doc))
	assert.Equal(t, "1.2.0", doc.Version)
	require.Len(t, doc.Chapters, 5)

	_, audio := get(t, http.MethodGet, srv.URL+"/demo/audio/1.wav", nil)
	h := parseWAV(t, audio)
	var starts []float64
	for _, c := range doc.Chapters {
		starts = append(starts, c.StartTime)
		assert.Less(t, c.StartTime, h.seconds(), c.Title)
	}
	assertTonesChangeAt(t, h, starts)
}

func TestPSCChaptersMatchAudio(t *testing.T) {
	_, srv := newDemo(t)
	_, audio := get(t, http.MethodGet, srv.URL+"/demo/audio/2.wav", nil)
	h := parseWAV(t, audio)
	assertTonesChangeAt(t, h, []float64{0, 60, 135.5, 195, 250})

	// The fractional start is exact: the tone changes at 2:15.5, not at a
	// whole second.
	before := h.zeroCrossingRate(135.0, 135.5)
	after := h.zeroCrossingRate(135.5, 136.0)
	assert.InDelta(t, 220.0/196, after/before, 0.03, "rate %v then %v", before, after)
}

// assertTonesChangeAt checks that the pitch of the audio changes at each
// chapter start, so a listener hears chapters change, and that the audio is
// not silence.
func assertTonesChangeAt(t *testing.T, h wav, starts []float64) {
	t.Helper()
	const window = 1.0 // seconds
	for i, s := range starts {
		end := h.seconds()
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		require.Greater(t, end-s, 2*window)
		mid := (s + end) / 2
		assert.Greater(t, h.rms(mid, mid+window), 0.05, "chapter %d at %vs is audible", i+1, s)
		if i == 0 {
			continue
		}
		before := h.zeroCrossingRate(s-window, s)
		after := h.zeroCrossingRate(s, s+window)
		ratio := after / before
		assert.True(t, ratio < 0.95 || ratio > 1.05, "the tone changes at %vs: %v crossings/s before, %v after", s, before, after)
	}
}

func TestAudio(t *testing.T) {
	_, srv := newDemo(t)
	resp, audio := get(t, http.MethodGet, srv.URL+"/demo/audio/1.wav", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "audio/wav", resp.Header.Get("Content-Type"))
	assert.Equal(t, "bytes", resp.Header.Get("Accept-Ranges"))
	assert.Equal(t, strconv.Itoa(len(audio)), resp.Header.Get("Content-Length"))

	h := parseWAV(t, audio)
	assert.Equal(t, uint16(1), h.format, "PCM")
	assert.Equal(t, uint16(1), h.channels)
	assert.Equal(t, uint32(8000), h.sampleRate)
	assert.Equal(t, uint16(16), h.bitsPerSample)
	assert.Equal(t, uint32(16000), h.byteRate)
	assert.Equal(t, uint16(2), h.blockAlign)
	assert.Equal(t, 240*16000, len(h.data))
	assert.InDelta(t, 240, h.seconds(), 1e-9)

	// Real sound: loud enough, never clipping, and faded in and out so it
	// does not click.
	assert.Greater(t, h.rms(0, h.seconds()), 0.05)
	peak := 0.0
	for i := range h.samples() {
		peak = max(peak, math.Abs(h.sample(i)))
	}
	assert.Less(t, peak, 0.5)
	assert.Less(t, math.Abs(h.sample(0)), 0.01)
	assert.Less(t, math.Abs(h.sample(h.samples()-1)), 0.01)

	// Chapter 1 (0:00) and chapter 3 (1:30) are different notes: 196 Hz
	// (G3) and 247 Hz (B3) chords, whose zero-crossing rates are in the
	// same ratio; chapter 5 returns to the first note.
	ch1 := h.zeroCrossingRate(10, 11)
	ch3 := h.zeroCrossingRate(100, 101)
	ch5 := h.zeroCrossingRate(210, 211)
	assert.InDelta(t, 247.0/196, ch3/ch1, 0.02, "%v and %v crossings/s", ch1, ch3)
	assert.InDelta(t, 1, ch5/ch1, 0.02, "%v and %v crossings/s", ch1, ch5)
}

func TestAudioIsStable(t *testing.T) {
	// The same bytes on every request and from every Show, so that Range
	// requests and validators stay consistent across restarts.
	a, srv := newDemo(t)
	_, first := get(t, http.MethodGet, srv.URL+"/demo/audio/2.wav", nil)
	_, again := get(t, http.MethodGet, srv.URL+"/demo/audio/2.wav", nil)
	assert.True(t, bytes.Equal(first, again))
	other, err := New("http://elsewhere.example")
	require.NoError(t, err)
	b1, ok := a.wav("2")
	require.True(t, ok)
	b2, ok := other.wav("2")
	require.True(t, ok)
	assert.True(t, bytes.Equal(b1.b, b2.b))
	assert.Equal(t, b1.etag, b2.etag)
}

func TestRange(t *testing.T) {
	_, srv := newDemo(t)
	url := srv.URL + "/demo/audio/1.wav"
	_, full := get(t, http.MethodGet, url, nil)
	size := len(full)
	require.Equal(t, 44+240*16000, size)

	tests := []struct {
		name      string
		rng       string
		from, to  int // inclusive
		unsatisfy bool
	}{
		{"header", "bytes=0-43", 0, 43, false},
		{"first samples", "bytes=44-1043", 44, 1043, false},
		{"middle", "bytes=1920000-1929999", 1920000, 1929999, false},
		{"open end", fmt.Sprintf("bytes=%d-", size-500), size - 500, size - 1, false},
		{"suffix", "bytes=-100", size - 100, size - 1, false},
		{"end past the file", fmt.Sprintf("bytes=%d-%d", size-10, size+1000), size - 10, size - 1, false},
		{"start past the file", fmt.Sprintf("bytes=%d-", size), 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, http.MethodGet, url, map[string]string{"Range": tt.rng})
			if tt.unsatisfy {
				assert.Equal(t, http.StatusRequestedRangeNotSatisfiable, resp.StatusCode)
				assert.Equal(t, fmt.Sprintf("bytes */%d", size), resp.Header.Get("Content-Range"))
				return
			}
			require.Equal(t, http.StatusPartialContent, resp.StatusCode)
			assert.Equal(t, fmt.Sprintf("bytes %d-%d/%d", tt.from, tt.to, size), resp.Header.Get("Content-Range"))
			assert.Equal(t, strconv.Itoa(tt.to-tt.from+1), resp.Header.Get("Content-Length"))
			assert.True(t, bytes.Equal(full[tt.from:tt.to+1], body), "the requested bytes")
		})
	}

	// A Range on the feed works too (ServeContent for everything).
	resp, body := get(t, http.MethodGet, srv.URL+FeedPath, map[string]string{"Range": "bytes=0-4"})
	assert.Equal(t, http.StatusPartialContent, resp.StatusCode)
	assert.Equal(t, "<?xml", string(body))
}

func TestHEAD(t *testing.T) {
	_, srv := newDemo(t)
	for _, p := range []string{"/demo/audio/0.wav", FeedPath, "/demo/chapters/1.json", "/demo/transcripts/1.vtt", "/demo/cover.svg"} {
		t.Run(p, func(t *testing.T) {
			_, full := get(t, http.MethodGet, srv.URL+p, nil)
			resp, body := get(t, http.MethodHead, srv.URL+p, nil)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Empty(t, body)
			assert.Equal(t, int64(len(full)), resp.ContentLength)
			assert.NotEmpty(t, resp.Header.Get("Content-Type"))
			assert.NotEmpty(t, resp.Header.Get("Last-Modified"))
		})
	}
}

func TestContentTypes(t *testing.T) {
	_, srv := newDemo(t)
	for path, ctype := range map[string]string{
		FeedPath:                  "application/rss+xml; charset=utf-8",
		"/demo/cover.svg":         "image/svg+xml",
		"/demo/chapters/1.json":   "application/json+chapters",
		"/demo/transcripts/1.vtt": "text/vtt; charset=utf-8",
		"/demo/audio/2.wav":       "audio/wav",
	} {
		resp, _ := get(t, http.MethodGet, srv.URL+path, nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
		assert.Equal(t, ctype, resp.Header.Get("Content-Type"), path)
		assert.Equal(t, "public, max-age=3600", resp.Header.Get("Cache-Control"), path)
		assert.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"), "like most podcast hosts, no CORS")
	}
}

func TestConditionalRequests(t *testing.T) {
	_, srv := newDemo(t)
	for _, p := range []string{FeedPath, "/demo/audio/1.wav"} {
		t.Run(p, func(t *testing.T) {
			resp, _ := get(t, http.MethodGet, srv.URL+p, nil)
			lm := resp.Header.Get("Last-Modified")
			assert.Equal(t, modTime.Format(http.TimeFormat), lm)
			etag := resp.Header.Get("ETag")
			require.NotEmpty(t, etag, "a validator that a cache can send back")

			resp, body := get(t, http.MethodGet, srv.URL+p, map[string]string{"If-Modified-Since": lm})
			assert.Equal(t, http.StatusNotModified, resp.StatusCode)
			assert.Empty(t, body)
			resp, body = get(t, http.MethodGet, srv.URL+p, map[string]string{"If-None-Match": etag})
			assert.Equal(t, http.StatusNotModified, resp.StatusCode)
			assert.Empty(t, body)
			resp, _ = get(t, http.MethodGet, srv.URL+p, map[string]string{"If-None-Match": `"something else"`})
			assert.Equal(t, http.StatusOK, resp.StatusCode)
		})
	}

	// The same content has the same ETag on another server; different
	// content has another.
	a, err := New("http://a.example")
	require.NoError(t, err)
	b, err := New("http://b.example")
	require.NoError(t, err)
	etag := func(s *Show, p string) string {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, p, nil))
		return rec.Header().Get("ETag")
	}
	assert.Equal(t, etag(a, "/demo/audio/1.wav"), etag(b, "/demo/audio/1.wav"))
	assert.NotEqual(t, etag(a, "/demo/audio/1.wav"), etag(a, "/demo/audio/2.wav"))
	assert.NotEqual(t, etag(a, FeedPath), etag(b, FeedPath), "the feeds differ in their URLs")
}

func TestNotFound(t *testing.T) {
	_, srv := newDemo(t)
	for _, p := range []string{
		"/", "/demo", "/demo/", "/demo/feed.rss", "/demo/feed.xml/",
		"/demo/audio/3.wav", "/demo/audio/1.mp3", "/demo/audio/.wav", "/demo/audio/x/1.wav",
		"/demo/chapters/2.json", "/demo/transcripts/2.vtt", "/demo/files/feed.xml", "/demo/feed.xml.gz",
	} {
		resp, _ := get(t, http.MethodGet, srv.URL+p, nil)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, p)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	_, srv := newDemo(t)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
		for _, p := range []string{FeedPath, "/demo/audio/1.wav", "/demo/nothing"} {
			resp, _ := get(t, m, srv.URL+p, nil)
			assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s %s", m, p)
			assert.Equal(t, "GET, HEAD", resp.Header.Get("Allow"), "%s %s", m, p)
		}
	}
}

// wav is a parsed PCM WAV file.
type wav struct {
	format, channels, blockAlign, bitsPerSample uint16
	sampleRate, byteRate                        uint32
	data                                        []byte
}

// parseWAV checks the RIFF/WAVE structure of b and returns its format and
// sample data.
func parseWAV(t *testing.T, b []byte) wav {
	t.Helper()
	require.GreaterOrEqual(t, len(b), 44)
	require.Equal(t, "RIFF", string(b[0:4]))
	require.Equal(t, uint32(len(b)-8), binary.LittleEndian.Uint32(b[4:]), "RIFF size")
	require.Equal(t, "WAVE", string(b[8:12]))
	require.Equal(t, "fmt ", string(b[12:16]))
	require.Equal(t, uint32(16), binary.LittleEndian.Uint32(b[16:]), "fmt chunk size")
	h := wav{
		format:        binary.LittleEndian.Uint16(b[20:]),
		channels:      binary.LittleEndian.Uint16(b[22:]),
		sampleRate:    binary.LittleEndian.Uint32(b[24:]),
		byteRate:      binary.LittleEndian.Uint32(b[28:]),
		blockAlign:    binary.LittleEndian.Uint16(b[32:]),
		bitsPerSample: binary.LittleEndian.Uint16(b[34:]),
	}
	require.Equal(t, "data", string(b[36:40]))
	size := binary.LittleEndian.Uint32(b[40:])
	require.Equal(t, uint32(len(b)-44), size, "data chunk size")
	require.Equal(t, h.sampleRate*uint32(h.blockAlign), h.byteRate)
	require.Equal(t, h.channels*h.bitsPerSample/8, h.blockAlign)
	require.Equal(t, uint16(16), h.bitsPerSample, "these helpers read 16-bit mono")
	require.Equal(t, uint16(1), h.channels)
	require.Zero(t, size%uint32(h.blockAlign), "whole samples")
	h.data = b[44:]
	return h
}

func (h wav) seconds() float64 { return float64(len(h.data)) / float64(h.byteRate) }
func (h wav) samples() int     { return len(h.data) / 2 }

// sample returns sample i scaled to [-1, 1).
func (h wav) sample(i int) float64 {
	return float64(int16(binary.LittleEndian.Uint16(h.data[2*i:]))) / 32768
}

func (h wav) span(from, to float64) (int, int) {
	a := max(0, int(from*float64(h.sampleRate)))
	b := min(h.samples(), int(to*float64(h.sampleRate)))
	return a, b
}

// rms is the root mean square level of [from, to) seconds, full scale = 1.
func (h wav) rms(from, to float64) float64 {
	a, b := h.span(from, to)
	sum := 0.0
	for i := a; i < b; i++ {
		sum += h.sample(i) * h.sample(i)
	}
	return math.Sqrt(sum / float64(b-a))
}

// zeroCrossingRate counts sign changes per second in [from, to) seconds:
// for the same waveform it is proportional to the pitch.
func (h wav) zeroCrossingRate(from, to float64) float64 {
	a, b := h.span(from, to)
	n := 0
	for i := a + 1; i < b; i++ {
		if (h.sample(i-1) < 0) != (h.sample(i) < 0) {
			n++
		}
	}
	return float64(n) / (float64(b-a) / float64(h.sampleRate))
}

func TestHelpersOnKnownTone(t *testing.T) {
	// The helpers themselves, on a pure 440 Hz tone at half scale: 880
	// crossings a second, RMS 0.5/√2.
	b := make([]byte, 44+2*8000)
	writeWAVHeader(b, 8000)
	for i := range 8000 {
		v := 0.5 * math.Sin(2*math.Pi*440*(float64(i)+0.5)/8000)
		binary.LittleEndian.PutUint16(b[44+2*i:], uint16(int16(v*math.MaxInt16)))
	}
	h := parseWAV(t, b)
	assert.InDelta(t, 880, h.zeroCrossingRate(0, 1), 2)
	assert.InDelta(t, 0.5/math.Sqrt2, h.rms(0, 1), 0.001)
	assert.True(t, strings.HasPrefix(string(b), "RIFF"))
}
