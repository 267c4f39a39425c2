package e2e

// The other side of the comparison in feel_bench_test.go: the demo
// episode 1 in Podlove Web Player 5 (the player most podcast sites embed)
// and in a bare <audio> page (the floor), served by a second local site;
// and the memory Earshot needs for a show of 700 episodes.
//
// Podlove comes from e2e/node_modules (npm ci, pinned by package-lock.json)
// and is served by a local static server, brotli-compressed as a well-run
// CDN would serve it, so neither player pays for a remote host.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// podloveDir is where npm ci installs Podlove Web Player 5 (the package's
// dist: embed.js, the lazily loaded variant-*.js templates and, under
// 5.13.0/player/, the iframe's vendor.js, styles.js, bootstrap.js and
// styles.css).
const podloveDir = "node_modules/@podlove/web-player"

// podlovePlayButton is Podlove's play button inside its iframe.
const podlovePlayButton = `button[data-test="play-button"]`

// netProfile is one entry of profiles (bench_test.go).
type netProfile = struct {
	name      string
	latencyMS float64
	downBps   float64
	upBps     float64
}

var (
	benchHostOnce sync.Once
	podloveURL    string
	floorURL      string
	benchHostErr  error
)

// benchHost starts (once) the comparison's other site and returns the URLs
// of its two pages: one that embeds Podlove Web Player 5 for Earshot's demo
// episode 1, as a blog would with Podlove's documented snippet, and the
// floor, a bare <audio> of the same episode with a button that calls its
// play(). It skips without node_modules.
func benchHost(b *testing.B, earshot string) (podlove, floor string) {
	b.Helper()
	if _, err := os.Stat(path.Join(podloveDir, "embed.js")); err != nil {
		b.Skip("Podlove Web Player not installed: run `cd e2e && npm ci`")
	}
	benchHostOnce.Do(func() {
		files, err := compressDir(podloveDir)
		if err != nil {
			benchHostErr = err
			return
		}
		mux := http.NewServeMux()
		mux.Handle("/podlove/", http.StripPrefix("/podlove/", files))
		var body []byte
		mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body)
		})
		floor := []byte(fmt.Sprintf(floorPage, earshot+"/demo/audio/1.wav"))
		mux.HandleFunc("/floor", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(floor)
		})
		srv := httptest.NewServer(mux)
		podloveURL, floorURL = srv.URL+"/", srv.URL+"/floor"
		body, benchHostErr = podlovePage(earshot, srv.URL+"/podlove/")
	})
	require.NoError(b, benchHostErr)
	return podloveURL, floorURL
}

// floorPage is the least a page can do to play the episode: an <audio>
// element as the browser handles it by default and a button. Its audio URL
// is the format argument.
const floorPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The floor</title></head><body>
<audio id="a" src="%s"></audio>
<button id="play" type="button" onclick="document.getElementById('a').play()">Play</button>
</body></html>`

// podlovePage is the host page: Podlove's embed script, the episode and
// player configuration (version 5) and a probe that notes when the player
// became playable and visible.
func podlovePage(earshot, base string) ([]byte, error) {
	res, err := http.Get(earshot + "/demo/chapters/1.json")
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var doc struct {
		Chapters []struct {
			StartTime float64 `json:"startTime"`
			Title     string  `json:"title"`
			URL       string  `json:"url"`
		} `json:"chapters"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		return nil, fmt.Errorf("demo chapters: %w", err)
	}
	type chapter struct {
		Start string `json:"start"`
		Title string `json:"title"`
		Href  string `json:"href,omitempty"`
	}
	chapters := make([]chapter, 0, len(doc.Chapters))
	for _, c := range doc.Chapters {
		chapters = append(chapters, chapter{Start: podloveTime(c.StartTime), Title: c.Title, Href: c.URL})
	}
	cover := earshot + "/demo/cover.svg"
	episode := map[string]any{
		"version": 5,
		"show": map[string]any{
			"title":  "Earshot Demo Radio",
			"poster": cover,
			"link":   earshot + "/",
		},
		"title":           "Welcome to Earshot",
		"summary":         "A tour of the player: chapters, share links to a timestamp, and an embed for any blog.",
		"publicationDate": "2026-11-25T09:00:00Z",
		"poster":          cover,
		"duration":        podloveTime(240),
		"link":            earshot + "/episode?guid=earshot-demo-1",
		"audio": []map[string]any{{
			"url":      earshot + "/demo/audio/1.wav",
			"size":     44 + 2*8000*240,
			"title":    "WAV Audio",
			"mimeType": "audio/wav",
		}},
		"chapters": chapters,
	}
	config := map[string]any{"version": 5, "base": base}
	var buf bytes.Buffer
	err = podloveTemplate.Execute(&buf, map[string]any{"Episode": episode, "Config": config, "Button": podlovePlayButton})
	return buf.Bytes(), err
}

// podloveTime formats seconds as Podlove's "hh:mm:ss.mmm".
func podloveTime(s float64) string {
	ms := int(s*1000 + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// podloveTemplate is the host page. The probe polls every 5 ms (cheap: a
// few lookups in the iframe's document) and records performance.now() of
// the host page, whose time origin is the navigation start, like Earshot's
// domContentLoadedEventEnd. Podlove renders into an iframe it writes itself
// (no src), so the iframe's document is same-origin with the host page.
//
// The play button is rendered before the player's store is initialized,
// and a click in that window is lost (seen in Chromium: nothing plays, and
// the button must be clicked again). So Podlove counts as playable once the
// button is there, enabled and laid out and its store (which Podlove's
// embed script exposes on the iframe's window as PODLOVE_STORE) has reached
// the lifecycle "ready"; buttonAt notes when the button first appeared.
var podloveTemplate = template.Must(template.New("podlove").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog</title>
<script src="podlove/embed.js"></script>
</head><body><h1>A blog post</h1>
<div id="player"></div>
<script>
podlovePlayer("#player", {{.Episode}}, {{.Config}});
(function () {
  var probe = (window.podloveBench = {});
  var id = setInterval(function () {
    var now = performance.now();
    var f = document.querySelector("#player iframe");
    var d = f && f.contentDocument, w = f && f.contentWindow;
    var b = d && d.querySelector({{.Button}});
    var usable = b && !b.disabled && b.getAttribute("aria-disabled") !== "true" && b.getClientRects().length > 0;
    if (usable && !probe.buttonAt) probe.buttonAt = now;
    var store = w && w.PODLOVE_STORE;
    var ready = store && store.getState && store.getState().lifecycle === "ready";
    if (usable && ready && !probe.playableAt) probe.playableAt = now;
    var app = d && d.getElementById("app");
    if (probe.playableAt && app && app.classList.contains("loaded")) {
      probe.visibleAt = now;
      clearInterval(id);
    }
  }, 5);
})();
</script>
</body></html>`))

// compressDir serves the files under dir from memory, brotli-compressed
// (quality 11, done once here, outside any measurement) to browsers that
// accept it. Source maps and the bundle report are left out.
func compressDir(dir string) (http.Handler, error) {
	type file struct {
		ctype   string
		raw, br []byte
	}
	files := map[string]file{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".map") || strings.HasSuffix(p, ".LICENSE.txt") || path.Base(p) == "report.html" {
			return err
		}
		raw, err := os.ReadFile(path.Join(dir, p))
		if err != nil {
			return err
		}
		var br bytes.Buffer
		w := brotli.NewWriterLevel(&br, brotli.BestCompression)
		w.Write(raw)
		if err := w.Close(); err != nil {
			return err
		}
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		files[p] = file{ctype, raw, br.Bytes()}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("podlove dist: %w", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ctype)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("Vary", "Accept-Encoding")
		body := f.raw
		if strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
			h.Set("Content-Encoding", "br")
			body = f.br
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}), nil
}

// emulate turns the network domain on and applies profile p to every request.
func emulate(b *testing.B, ctx context.Context, p netProfile) {
	b.Helper()
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(b, err)
	_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: p.latencyMS, DownloadThroughput: p.downBps, UploadThroughput: p.upBps}},
	})
	require.NoError(b, err)
}

// syntheticFeeds serves generated shows for the memory measurements:
// /feeds/{n}.xml is an RSS feed of n episodes with show notes like real ones
// (~1.3 KB each, timestamped outline, links), /cover.svg its cover and
// /audio/… stand-ins for its enclosures. The
// harness starts it next to Earshot and adds its origin to the feed
// service's trusted list.
type syntheticFeeds struct{}

// maxSyntheticEpisodes bounds /feeds/{n}.xml.
const maxSyntheticEpisodes = 5000

func (syntheticFeeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/xss/") {
		serveXSSFeeds(w, r) // hostile feeds: xss_test.go
		return
	}
	if r.URL.Path == "/long.xml" {
		serveLongFeed(w, r) // long titles and notes: geometry_test.go
		return
	}
	if r.URL.Path == "/cover.svg" {
		w.Header().Set("Content-Type", "image/svg+xml")
		fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" fill="#235973"/></svg>`)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/audio/") {
		// Never played; the feed service reads the start of an MP3 enclosure
		// for ID3 chapters and finds none here.
		w.Header().Set("Content-Type", "audio/mpeg")
		w.Write(make([]byte, 1024))
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, "/feeds/")
	n, err := strconv.Atoi(strings.TrimSuffix(name, ".xml"))
	if !ok || !strings.HasSuffix(name, ".xml") || err != nil || n < 1 || n > maxSyntheticEpisodes {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(syntheticFeed("http://"+r.Host, n))
}

// syntheticFeed is a show of n episodes, newest first, served from origin.
func syntheticFeed(origin string, n int) []byte {
	topics := []string{"caching", "observability", "type systems", "incident response",
		"database migrations", "WebAssembly", "accessibility", "release engineering"}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Synthetic Daily</title><link>%[1]s/</link><language>en</language>
<description>A long-running daily show about building software, generated for Earshot's benchmarks.</description>
<itunes:author>Synthetic Media</itunes:author><itunes:image href="%[1]s/cover.svg"/>
`, origin)
	pub := time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC)
	for i := n; i >= 1; i-- {
		topic, other := topics[i%len(topics)], topics[(i*5+3)%len(topics)]
		dur := 1800 + (i*37)%3600
		fmt.Fprintf(&sb, `<item><title>%[2]d: %[3]s, the hard parts</title><guid isPermaLink="false">synthetic-%[2]d</guid>
<link>%[1]s/episodes/%[2]d</link><pubDate>%[4]s</pubDate>
<enclosure url="%[1]s/audio/%[2]d.mp3" type="audio/mpeg" length="%[5]d"/>
<itunes:duration>%[6]d</itunes:duration><itunes:episode>%[2]d</itunes:episode>
<description><![CDATA[<p>Episode %[2]d: our guest talks about %[3]s, what went wrong the first time, what they measure now, and why %[7]s turned out to matter more than anyone expected.</p>
<p>We also answer a listener question about %[7]s in small teams and share the <a href="%[1]s/reading/%[2]d">reading list</a> from the talk.</p>
<ul><li>(00:00) Intro</li><li>(01:35) Background</li><li>(%[8]s) %[3]s in practice</li><li>(%[9]s) War stories</li><li>(%[10]s) Wrap-up</li></ul>
<p>Links: <a href="https://github.com/example/project-%[2]d">project-%[2]d on GitHub</a> · <a href="mailto:show@example.com">write to us</a>.</p>]]></description>
</item>
`, origin, i, topic, pub.AddDate(0, 0, i-n).Format(time.RFC1123Z), 20_000_000+i*1000, dur, other,
			podloveTime(float64(dur / 4))[:8], podloveTime(float64(dur / 2))[:8], podloveTime(float64(dur - 300))[:8])
	}
	sb.WriteString("</channel></rss>\n")
	return []byte(sb.String())
}

// wasmProbe runs before any script of the page: it keeps the memory of the
// Go wasm instance that go-app's app.js starts (app.js holds the instance
// in a local), so its size can be read.
const wasmProbe = `(function () {
  function keep(r) {
    var inst = r && (r.instance || r);
    if (inst && inst.exports && inst.exports.mem) window.__earshotWasmMem = inst.exports.mem;
    return r;
  }
  var streaming = WebAssembly.instantiateStreaming, instantiate = WebAssembly.instantiate;
  if (streaming) WebAssembly.instantiateStreaming = function () { return streaming.apply(this, arguments).then(keep); };
  WebAssembly.instantiate = function () { return instantiate.apply(this, arguments).then(keep); };
})();`

// BenchmarkEarshotMemory opens the show page and an episode page of a
// generated 700-episode show (and, for scale, of the 3-episode demo show)
// in a fresh browser, waits until the wasm has taken over and the page has
// settled, collects garbage and reports the JavaScript heap in use
// (Runtime.getHeapUsage: the exact figure behind Chromium's rounded
// performance.memory.usedJSHeapSize) and the size of the Go wasm
// instance's linear memory (it only grows).
func BenchmarkEarshotMemory(b *testing.B) {
	base := server(b)
	feed700 := feedsURL + "/feeds/700.xml"
	// go-app removes its loader once it has started the Go program; an
	// episode page's player then takes the audio over.
	const (
		wasmStarted = `!!window.__earshotWasmMem && !document.getElementById("app-wasm-loader")`
		showReady   = wasmStarted + ` && document.querySelectorAll(".es-episodes li").length > 0`
		playerReady = wasmStarted + ` && ` + jsGoLive + ` && !!document.querySelector(".es-play")`
	)
	for _, tc := range []struct{ name, url, ready string }{
		{"show-700", base + "/show?feed=" + url.QueryEscape(feed700), showReady + ` && !!document.querySelector(".es-more")`},
		{"episode-700", base + "/episode?feed=" + url.QueryEscape(feed700) + "&guid=synthetic-350", playerReady},
		{"show-demo", base + "/show?feed=" + url.QueryEscape(base+"/demo/feed.xml"), showReady},
		{"episode-demo", episodeURL(base, "earshot-demo-1", ""), playerReady},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var heap, wasm float64
			n := 0
			for b.Loop() {
				ctx := browser(b)
				_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: wasmProbe})
				require.NoError(b, err)
				require.NoError(b, chromedp.Do(ctx, chromedp.Navigate(tc.url)))
				waitFor(b, ctx, "the wasm to start and the page to render", tc.ready)
				time.Sleep(time.Second) // let follow-up requests and renders settle
				_, err = chromedp.Call(ctx, heapprofiler.CollectGarbage, cdp.Empty{})
				require.NoError(b, err)
				use, err := chromedp.Call(ctx, runtime.GetHeapUsage, cdp.Empty{})
				require.NoError(b, err)
				heap += use.UsedSize
				wasm += eval[float64](b, ctx, `window.__earshotWasmMem ? __earshotWasmMem.buffer.byteLength : -1`)
				n++
			}
			b.ReportMetric(heap/float64(n), "js-heap-bytes")
			b.ReportMetric(wasm/float64(n), "wasm-mem-bytes")
		})
	}
}
