// Package demo serves Earshot's built-in demo show: a real RSS feed with
// generated audio, a podcast:chapters file, inline Podlove Simple Chapters,
// show notes with timestamps and a WebVTT transcript. The server ingests it
// through the same feed path as any other feed, so the demo exercises the
// real thing, and `make run` has something to play with no network.
package demo

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"
)

//go:embed files
var files embed.FS

// FeedPath is where the demo feed is served.
const FeedPath = "/demo/feed.xml"

// episodeAudio describes the generated audio of each demo episode, by the
// number in its enclosure URL.
var episodeAudio = map[string]struct {
	seconds float64
	tones   []tone
}{
	"0": {45, []tone{{0, 262}}},
	"1": {240, []tone{{0, 196}, {30, 220}, {90, 247}, {150, 262}, {200, 196}}},
	"2": {300, []tone{{0, 175}, {60, 196}, {135.5, 220}, {195, 247}, {250, 175}}},
}

// modTime is fixed so that validators (Last-Modified, ETag) are stable
// across restarts and the demo caches like a real static host.
var modTime = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// Show is the demo show's HTTP handler.
type Show struct {
	base  string
	mu    sync.Mutex
	audio map[string]blob
	feed  blob
}

// blob is a served body and its entity tag.
type blob struct {
	b    []byte
	etag string
}

func newBlob(b []byte) blob {
	sum := sha256.Sum256(b)
	return blob{b: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// New returns the demo show for a server reachable at base
// ("http://localhost:8080"); the feed's URLs are absolute, as feeds must be.
func New(base string) (*Show, error) {
	s := &Show{base: strings.TrimRight(base, "/"), audio: map[string]blob{}}
	tpl, err := template.ParseFS(files, "files/feed.xml")
	if err != nil {
		return nil, fmt.Errorf("demo: feed template: %w", err)
	}
	lengths := map[string]string{}
	for n, a := range episodeAudio {
		lengths["Length"+n] = strconv.Itoa(wavHeaderSize + 2*int(a.seconds*sampleRate))
	}
	var buf bytes.Buffer
	data := map[string]string{"Base": s.base}
	for k, v := range lengths {
		data[k] = v
	}
	if err := tpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("demo: feed template: %w", err)
	}
	s.feed = newBlob(buf.Bytes())
	return s, nil
}

// FeedURL is the absolute URL of the demo feed.
func (s *Show) FeedURL() string { return s.base + FeedPath }

// ServeHTTP serves /demo/….
func (s *Show) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == FeedPath:
		s.serve(w, r, "feed.xml", "application/rss+xml; charset=utf-8", s.feed)
	case p == "/demo/cover.svg":
		s.serveFile(w, r, "cover.svg", "image/svg+xml")
	case p == "/demo/chapters/1.json":
		s.serveFile(w, r, "chapters-1.json", "application/json+chapters")
	case p == "/demo/transcripts/1.vtt":
		s.serveFile(w, r, "transcript-1.vtt", "text/vtt; charset=utf-8")
	case strings.HasPrefix(p, "/demo/audio/") && strings.HasSuffix(p, ".wav"):
		n := strings.TrimSuffix(strings.TrimPrefix(p, "/demo/audio/"), ".wav")
		b, ok := s.wav(n)
		if !ok {
			http.NotFound(w, r)
			return
		}
		s.serve(w, r, n+".wav", "audio/wav", b)
	default:
		http.NotFound(w, r)
	}
}

func (s *Show) serveFile(w http.ResponseWriter, r *http.Request, name, ctype string) {
	b, err := files.ReadFile("files/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	s.serve(w, r, name, ctype, newBlob(b))
}

// serve answers with Range, If-None-Match, If-Modified-Since and HEAD
// support (http.ServeContent), and lets CORS-less hosts be emulated
// faithfully: the demo sends no CORS headers, like most podcast hosts.
func (s *Show) serve(w http.ResponseWriter, r *http.Request, name, ctype string, b blob) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("ETag", b.etag)
	http.ServeContent(w, r, name, modTime, bytes.NewReader(b.b))
}

// wav returns the generated audio of episode n, making it on first use.
func (s *Show) wav(n string) (blob, bool) {
	a, ok := episodeAudio[n]
	if !ok {
		return blob{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.audio[n]; ok {
		return b, true
	}
	b := newBlob(synthesize(a.seconds, a.tones))
	s.audio[n] = b
	return b, true
}
