package e2e

// What a listener feels (issue 11, "Audio first"): for Earshot's episode page
// and each embed layout, next to a bare <audio> page (the floor) and
// Podlove Web Player 5 (the player most podcast sites embed), in one
// interleaved run so every page sees the same machine load:
//
//   - navigation → audio plays: from the navigation start until the audio
//     element fires "playing", when a real mouse click (CDP Input, not a
//     script's .click()) lands on play the moment the control is there;
//   - click → "playing";
//   - when the control was there (and clicked);
//   - the non-audio bytes received before "playing";
//   - how long after the listener's intent (the click) the full interface
//     is live (Earshot: the wasm has taken over; Podlove: faded in);
//   - what an embed nobody touches costs in its first 30 s: bytes and
//     main-thread long tasks; then, as the pointer moves over it (intent
//     without playing), how long until its full interface is live.
//
// Bytes are as transferred (headers and compressed bodies), the page's
// service worker's included (openFeelTab).
//
// Each visit is a fresh browser profile. Benchmarks measure, they never
// assert timings; a page whose audio never plays, or whose app never takes
// over, or an untouched embed that downloads the wasm, fails the run.
//
// Environment: EARSHOT_BENCH_VISITS (default 5) visits per page and
// profile; EARSHOT_BENCH_IDLE (default 30s) the untouched window.

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// feelProbe runs before any script of every document. The top document
// keeps the record (window.__feel); same-origin frames (Podlove's player
// is an iframe it writes itself) write into it. Times are milliseconds on
// the top document's clock (its origin is the navigation start):
//
//   - playing: the first "playing" of any media element. "playing" does not
//     bubble, but a capture listener on the document sees it for elements in
//     the document; an Audio object never attached to a document (Earshot's
//     bridge) is seen through HTMLMediaElement.prototype.play, which adds a
//     listener to the element it starts;
//   - down: the first pointerdown (its timeStamp: when the input was sent,
//     even if the main thread was busy);
//   - over: the first pointerover;
//   - plays: how many times play() was called (a click that reached the
//     player);
//   - lt: the main thread's long tasks, [start, duration].
//
// arm instruments a window; the control finder (feelFind) arms every
// same-origin frame again before each click, since a frame written with
// document.open() loses its listeners (and may never have run this script).
const feelProbe = `(function () {
  var F;
  try { F = window.top.__feel; } catch (e) { return; }
  if (!F) {
    if (window.top !== window) return;
    F = window.__feel = { playing: 0, down: 0, plays: 0, lt: [] };
    try {
      new PerformanceObserver(function (l) {
        l.getEntries().forEach(function (e) { F.lt.push([e.startTime, e.duration]); });
      }).observe({ type: "longtask", buffered: true });
    } catch (e) { F.noLongTasks = true; }
    F.arm = function (w) {
      var h;
      try { h = w.__feelH; } catch (e) { return; }
      if (!h) {
        var d = w.performance.timeOrigin - performance.timeOrigin;
        h = w.__feelH = {
          playing: function (e) { if (!F.playing) F.playing = e.timeStamp + d; },
          down: function (e) { if (!F.down) F.down = e.timeStamp + d; },
          over: function (e) { if (!F.over) F.over = e.timeStamp + d; }
        };
        var P = w.HTMLMediaElement.prototype, play = P.play;
        P.play = function () {
          F.plays++;
          this.addEventListener("playing", h.playing);
          return play.apply(this, arguments);
        };
      }
      // The same function objects: adding them again is a no-op, unless
      // document.open() erased them.
      w.document.addEventListener("playing", h.playing, true);
      w.addEventListener("pointerdown", h.down, true);
      w.addEventListener("pointerover", h.over, true);
    };
  }
  F.arm(window);
})();`

// feelFind evaluates to {x, y, at} (top-level CSS pixels, and the top
// clock's ms) once control (a JavaScript expression giving the element to
// click, or null while it is not clickable) is there: the page has painted
// content, the element has a box inside the viewport, and nothing covers
// its centre. It arms every same-origin frame first.
func feelFind(control string) string {
	return `(function () {
  var F = window.__feel;
  if (!F) return null;
  (function all(w) {
    F.arm(w);
    for (var i = 0; i < w.frames.length; i++) all(w.frames[i]);
  })(window);
  if (!performance.getEntriesByName("first-contentful-paint").length) return null;
  var el = (` + control + `);
  if (!el) return null;
  var r = el.getBoundingClientRect();
  if (!(r.width > 0 && r.height > 0)) return null;
  var x = r.left + r.width / 2, y = r.top + r.height / 2, hit = el.ownerDocument.elementFromPoint(x, y);
  if (!hit || !(hit === el || el.contains(hit))) return null;
  for (var w = el.ownerDocument.defaultView; w !== window; w = w.parent) {
    var f = w.frameElement, fr = f.getBoundingClientRect();
    x += fr.left + f.clientLeft;
    y += fr.top + f.clientTop;
  }
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return null;
  return { x: x, y: y, at: performance.now() };
})()`
}

// feelPage is one page of the comparison.
type feelPage struct {
	name string
	url  string
	// control is a JavaScript expression: the play control once a click on
	// it plays, else null.
	control string
	// live is a JavaScript expression: the top clock's ms when the full
	// interface was live, 0 before; "" when the page has no more than it
	// shows at first.
	live string
	// untouched: also measure a visit that never touches the page.
	untouched bool
	earshot   bool
}

// feelPlayed is what one visit that clicked play measured (ms, bytes).
type feelPlayed struct {
	button, click, playing float64 // top clock
	bytesBefore            float64 // non-audio, finished before playing
	swBytesBefore          float64 // of which the service worker's
	inFlight               float64 // non-audio, started before playing and finished after (their whole size)
	liveAfter              float64 // full interface live, after the click; NaN: no such thing
	wasmTransfer           float64 // the wasm's request to its last byte; NaN: none
	wasmAfterPlaying       float64 // when the wasm was requested, after playing; NaN: none
	clicks                 int
}

// feelIdle is what one untouched visit measured.
type feelIdle struct {
	bytes, longTasks, longTaskMS, busyMS float64
	wasm                                 bool // requested within the window
	// After the window, the pointer moves over the play control: the full
	// interface is live this long after (NaN: no such thing), of which the
	// wasm's transfer took wasmTransfer.
	liveAfterHover, wasmTransfer float64
}

// feelNet records a tab's network activity, its service worker's
// included: every request's URL, type, start and end (monotonic seconds,
// one clock for the whole browser) and bytes on the wire (headers and
// encoded body).
type feelNet struct {
	mu    sync.Mutex
	docTS float64
	reqs  map[network.RequestID]*feelReq
	order []network.RequestID
	swErr error // attaching to a service worker failed
}

type feelReq struct {
	url          string
	media        bool
	sw           bool // made by the page's service worker
	start, end   float64
	bytes        float64
	done, failed bool
}

func (n *feelNet) listen(ev any) { n.record(ev, "") }

// listenSW records a service worker's requests (its request IDs get a
// prefix: they come from another target).
func (n *feelNet) listenSW(ev any) { n.record(ev, "sw:") }

func (n *feelNet) record(ev any, prefix network.RequestID) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if n.docTS == 0 && prefix == "" && e.Type == network.ResourceTypeDocument {
			n.docTS = e.Timestamp.Float64()
		}
		id := prefix + e.RequestID
		r := n.reqs[id]
		if r == nil { // a redirect keeps its ID and its start
			r = &feelReq{start: e.Timestamp.Float64(), sw: prefix != ""}
			n.reqs[id] = r
			n.order = append(n.order, id)
		}
		r.url = e.Request.URL
		r.media = r.media || e.Type == network.ResourceTypeMedia
	case *network.EventResponseReceived:
		if r := n.reqs[prefix+e.RequestID]; r != nil {
			r.media = r.media || e.Type == network.ResourceTypeMedia || strings.HasPrefix(e.Response.MimeType, "audio/")
		}
	case *network.EventLoadingFinished:
		if r := n.reqs[prefix+e.RequestID]; r != nil {
			r.end, r.bytes, r.done = e.Timestamp.Float64(), e.EncodedDataLength, true
		}
	case *network.EventLoadingFailed:
		if r := n.reqs[prefix+e.RequestID]; r != nil {
			r.end, r.failed = e.Timestamp.Float64(), true
		}
	}
}

// audioURL matches every player's audio (the demo episode's WAV).
var audioURL = regexp.MustCompile(`/audio/`)

var wasmURL = regexp.MustCompile(`\.wasm(\?|$)`)

func (r *feelReq) audio() bool { return r.media || audioURL.MatchString(r.url) }

// feelTab is a fresh browser profile under profile p, with the probe
// installed and its network and performance recorded. done closes it.
//
// A service worker (go-app's, on Earshot's standalone pages) makes its
// requests from its own target: every service worker starts paused
// (browser-level auto-attach, waiting for the debugger), gets the same
// network profile and recorder, then runs. DevTools throttles each target
// on its own, so the worker's downloads get a link of their own rather
// than sharing the page's: on the slow profile, their competition with the
// audio is understated (their bytes are all counted).
type feelTab struct {
	ctx  context.Context
	net  *feelNet
	done func()
}

func openFeelTab(b *testing.B, p netProfile) feelTab {
	b.Helper()
	v := &visitTB{TB: b}
	ok := false
	defer func() {
		if !ok {
			v.done()
		}
	}()
	ctx := browser(v)
	n := &feelNet{reqs: map[network.RequestID]*feelReq{}}
	require.NoError(b, chromedp.Listen(ctx, n.listen))
	require.NoError(b, chromedp.ListenBrowser(ctx, func(ev any) {
		e, ok := ev.(*target.EventAttachedToTarget)
		// Our own attachment (below) is reported too, not waiting.
		if !ok || !e.WaitingForDebugger || e.TargetInfo.Type != "service_worker" {
			return
		}
		go func() { // not on chromedp's reading goroutine
			sw, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(e.TargetInfo.TargetID), chromedp.WithListener(n.listenSW))
			v.Cleanup(cancel)
			err := chromedp.Do(sw)
			if err == nil {
				_, err = chromedp.Call(sw, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
					MatchedNetworkConditions: []*network.Conditions{{Latency: p.latencyMS, DownloadThroughput: p.downBps, UploadThroughput: p.upBps}},
				})
			}
			if err == nil {
				_, err = chromedp.Call(sw, runtime.RunIfWaitingForDebugger, cdp.Empty{})
			}
			if err != nil && ctx.Err() == nil {
				n.mu.Lock()
				n.swErr = fmt.Errorf("service worker %s: %w", e.TargetInfo.URL, err)
				n.mu.Unlock()
			}
		}()
	}))
	flat := true
	_, err := chromedp.CallBrowser(ctx, target.SetAutoAttach, target.SetAutoAttachParams{AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: &flat,
		Filter: target.Filter{{Type: "service_worker"}, {Exclude: true}}})
	require.NoError(b, err)
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: feelProbe})
	require.NoError(b, err)
	_, err = chromedp.Call(ctx, performance.Enable, performance.EnableParams{})
	require.NoError(b, err)
	emulate(b, ctx, p)
	ok = true
	return feelTab{ctx, n, v.done}
}

// navigate starts loading url and returns at once (chromedp.Navigate would
// wait for the load event: a listener does not).
func (t feelTab) navigate(b *testing.B, url string) {
	b.Helper()
	_, err := chromedp.Call(t.ctx, page.Navigate, page.NavigateParams{URL: url})
	require.NoError(b, err)
}

// clock ties the network's monotonic clock to the top document's: the
// document request was sent at the navigation timing's fetchStart.
func (t feelTab) clock(b *testing.B) func(ts float64) float64 {
	b.Helper()
	fetchStart := eval[float64](b, t.ctx, `performance.getEntriesByType("navigation")[0].fetchStart`)
	t.net.mu.Lock()
	doc := t.net.docTS
	t.net.mu.Unlock()
	require.NotZero(b, doc, "no document request seen")
	return func(ts float64) float64 { return (ts-doc)*1000 + fetchStart }
}

type feelSpot struct{ X, Y, At float64 }

// find waits (polling every 10 ms) until the page's play control is there
// and returns where and when.
func (t feelTab) find(b *testing.B, control string) feelSpot {
	b.Helper()
	expr := feelFind(control)
	deadline := time.Now().Add(60 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		s, err := chromedp.Run(t.ctx, chromedp.Evaluate[*feelSpot](expr))
		if err == nil && s != nil {
			return *s
		}
		lastErr = err
		time.Sleep(10 * time.Millisecond)
	}
	b.Fatalf("the play control (%s) never became clickable (last error: %v)", control, lastErr)
	return feelSpot{}
}

// feelState is the probe's record and the players' own notes.
type feelState struct {
	Playing, Down, Over float64
	Plays               int
	LT                  [][2]float64
	NoLongTasks         bool
	// Earshot's bridge (web/bridge.js): its first "playing", when it
	// started the wasm, when Go took over.
	EsPlaying, EsWasm, EsReady float64
	Live                       float64
}

func (t feelTab) state(b *testing.B, live string) feelState {
	b.Helper()
	if live == "" {
		live = "0"
	}
	return eval[feelState](b, t.ctx, `(function () {
  var F = window.__feel || {}, E = window.earshot || {};
  return { Playing: F.playing || 0, Down: F.down || 0, Over: F.over || 0, Plays: F.plays || 0, LT: F.lt || [], NoLongTasks: !!F.noLongTasks,
    EsPlaying: E.playingAt || 0, EsWasm: E.wasmAt || 0, EsReady: E.readyAt || 0, Live: (`+live+`) || 0 };
})()`)
}

// played visits pg under p, clicks play the moment the control is there
// (again after 5 s if no player was asked to play: a lost click, as a
// listener would), and measures until the audio plays and the full
// interface is live.
func feelVisitPlayed(b *testing.B, p netProfile, pg feelPage) feelPlayed {
	b.Helper()
	t := openFeelTab(b, p)
	defer t.done()
	t.navigate(b, pg.url)
	spot := t.find(b, pg.control)
	require.NoError(b, chromedp.Do(t.ctx, chromedp.MouseClickXY(spot.X, spot.Y)))
	clicks := 1
	clicked := time.Now()
	deadline := time.Now().Add(60 * time.Second)
	var s feelState
	for {
		s = t.state(b, pg.live)
		if s.Playing > 0 || s.EsPlaying > 0 {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("%s: the audio never played (%d clicks, play() called %d times)", pg.name, clicks, s.Plays)
		}
		if s.Plays == 0 && time.Since(clicked) > 5*time.Second && clicks < 4 {
			spot = t.find(b, pg.control)
			require.NoError(b, chromedp.Do(t.ctx, chromedp.MouseClickXY(spot.X, spot.Y)))
			clicks++
			clicked = time.Now()
		}
		time.Sleep(20 * time.Millisecond)
	}
	if pg.live != "" {
		deadline = time.Now().Add(60 * time.Second)
		for s.Live == 0 {
			if time.Now().After(deadline) {
				b.Fatalf("%s: the full interface never became live", pg.name)
			}
			time.Sleep(50 * time.Millisecond)
			s = t.state(b, pg.live)
		}
	}
	at := t.clock(b)
	time.Sleep(100 * time.Millisecond) // let the last network events arrive
	s = t.state(b, pg.live)

	playing := s.Playing
	if s.EsPlaying > 0 && (playing == 0 || s.EsPlaying < playing) {
		playing = s.EsPlaying
	}
	down := s.Down
	require.NotZero(b, down, "%s: the click was not seen", pg.name)
	r := feelPlayed{button: spot.At, click: down, playing: playing, clicks: clicks,
		liveAfter: math.NaN(), wasmTransfer: math.NaN(), wasmAfterPlaying: math.NaN()}
	if pg.live != "" {
		r.liveAfter = math.Max(0, s.Live-down)
	}
	t.net.mu.Lock()
	defer t.net.mu.Unlock()
	require.NoError(b, t.net.swErr)
	for _, id := range t.net.order {
		q := t.net.reqs[id]
		if q.done && !q.audio() && at(q.end) <= playing {
			r.bytesBefore += q.bytes
			if q.sw {
				r.swBytesBefore += q.bytes
			}
		} else if !q.audio() && at(q.start) <= playing {
			r.inFlight += q.bytes
		}
		if wasmURL.MatchString(q.url) && math.IsNaN(r.wasmTransfer) {
			r.wasmAfterPlaying = at(q.start) - playing
			if q.done {
				r.wasmTransfer = (q.end - q.start) * 1000
			}
		}
	}
	return r
}

// feelVisitIdle loads pg under p and leaves it alone for window: no pointer
// ever moves. It reports the bytes of every response finished in the
// window, the long tasks that started in it and the renderer's main-thread
// busy time (Performance.getMetrics TaskDuration) at its end. Then, for an
// Earshot page, the pointer moves over the play control (intent, without
// playing) and the visit measures how long the full interface takes.
func feelVisitIdle(b *testing.B, p netProfile, pg feelPage, window time.Duration) feelIdle {
	b.Helper()
	t := openFeelTab(b, p)
	defer t.done()
	t.navigate(b, pg.url)
	time.Sleep(window)
	metrics, err := chromedp.Call(t.ctx, performance.GetMetrics, cdp.Empty{})
	require.NoError(b, err)
	s := t.state(b, "")
	at := t.clock(b)
	ms := float64(window.Milliseconds())
	r := feelIdle{liveAfterHover: math.NaN(), wasmTransfer: math.NaN()}
	if pg.earshot {
		spot := t.find(b, pg.control)
		require.NoError(b, chromedp.Do(t.ctx, chromedp.MouseEvent(chromedp.MouseMoved, spot.X, spot.Y)))
		deadline := time.Now().Add(60 * time.Second)
		h := t.state(b, pg.live)
		for h.Live == 0 {
			if time.Now().After(deadline) {
				b.Fatalf("%s: the full interface never became live after a hover", pg.name)
			}
			time.Sleep(50 * time.Millisecond)
			h = t.state(b, pg.live)
		}
		require.NotZero(b, h.Over, "%s: the hover was not seen", pg.name)
		r.liveAfterHover = h.Live - h.Over
		time.Sleep(100 * time.Millisecond) // let the last network events arrive
	}
	for _, m := range metrics.Metrics {
		if m.Name == "TaskDuration" {
			r.busyMS = m.Value * 1000
		}
	}
	require.False(b, s.NoLongTasks, "this Chromium has no longtask entries")
	for _, lt := range s.LT {
		if lt[0] <= ms {
			r.longTasks++
			r.longTaskMS += lt[1]
		}
	}
	t.net.mu.Lock()
	defer t.net.mu.Unlock()
	require.NoError(b, t.net.swErr)
	for _, id := range t.net.order {
		q := t.net.reqs[id]
		if q.done && at(q.end) <= ms {
			r.bytes += q.bytes
		}
		if wasmURL.MatchString(q.url) {
			r.wasm = r.wasm || at(q.start) <= ms
			if q.done && math.IsNaN(r.wasmTransfer) {
				r.wasmTransfer = (q.end - q.start) * 1000
			}
		}
	}
	return r
}

// visitTB runs a visit's cleanups (its browser, its profile directory) when
// the visit ends rather than when the benchmark does: a run opens hundreds
// of browsers.
type visitTB struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
}

func (v *visitTB) Cleanup(f func()) {
	v.mu.Lock()
	v.cleanups = append(v.cleanups, f)
	v.mu.Unlock()
}

func (v *visitTB) TempDir() string {
	dir, err := os.MkdirTemp("", "earshot-bench-")
	require.NoError(v.TB, err)
	v.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func (v *visitTB) done() {
	v.mu.Lock()
	fs := v.cleanups
	v.cleanups = nil
	v.mu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
}

// feelEnv reads the run's size from the environment.
func feelEnv(b *testing.B) (visits int, idle time.Duration) {
	visits, idle = 5, 30*time.Second
	if s := os.Getenv("EARSHOT_BENCH_VISITS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(b, err, "EARSHOT_BENCH_VISITS")
		require.Positive(b, n, "EARSHOT_BENCH_VISITS")
		visits = n
	}
	if s := os.Getenv("EARSHOT_BENCH_IDLE"); s != "" {
		d, err := time.ParseDuration(s)
		require.NoError(b, err, "EARSHOT_BENCH_IDLE (a Go duration, e.g. 30s)")
		idle = d
	}
	return visits, idle
}

// feelPages are the pages of the comparison: the floor, Podlove, then
// Earshot's.
func feelPages(base, podlove, floor string) []feelPage {
	const (
		earshotControl = `document.querySelector(".es-play")`
		earshotLive    = `window.earshot && earshot.live && earshot.readyAt`
	)
	pages := []feelPage{
		{name: "floor", url: floor, control: `document.getElementById("play")`},
		// Podlove draws its button before its store is ready, and a click
		// then is lost: it counts as there once its store says ready (and
		// the player may still be invisible: it fades in later). Its full
		// interface is live when it has faded in (podloveTemplate).
		{name: "podlove", url: podlove, untouched: true,
			control: `(function () {
  var f = document.querySelector("#player iframe"), d = f && f.contentDocument;
  return window.podloveBench && podloveBench.playableAt && d ? d.querySelector(` + jsString(podlovePlayButton) + `) : null;
})()`,
			live: `window.podloveBench && podloveBench.visibleAt`},
		{name: "episode", url: episodeURL(base, "earshot-demo-1", ""), control: earshotControl, live: earshotLive, earshot: true},
	}
	for _, layout := range []string{"full", "compact", "mini"} {
		pages = append(pages, feelPage{name: "embed-" + layout, url: base + "/embed?guid=earshot-demo-1&layout=" + layout,
			control: earshotControl, live: earshotLive, untouched: true, earshot: true})
	}
	return pages
}

// BenchmarkFirstPlay is the listener's view (see the top of this file):
// per network profile, EARSHOT_BENCH_VISITS rounds, each visiting every
// page once (clicking play) and every embed (and Podlove) once more without
// touching it, in an order that rotates from round to round. It prints a
// table of medians with ratios to the floor and to Podlove and reports the
// medians as metrics of one sub-benchmark per page.
func BenchmarkFirstPlay(b *testing.B) {
	base := server(b)
	podlove, floor := benchHost(b, base)
	visits, idle := feelEnv(b)
	pages := feelPages(base, podlove, floor)
	for _, p := range profiles {
		b.Run(p.name, func(b *testing.B) {
			type job struct {
				pg   feelPage
				idle bool
			}
			var jobs []job
			for _, pg := range pages {
				jobs = append(jobs, job{pg: pg})
				if pg.untouched {
					jobs = append(jobs, job{pg: pg, idle: true})
				}
			}
			played := map[string][]feelPlayed{}
			idles := map[string][]feelIdle{}
			start := time.Now()
			for round := range visits {
				for i := range jobs {
					j := jobs[(i+3*round)%len(jobs)]
					if j.idle {
						r := feelVisitIdle(b, p, j.pg, idle)
						if j.pg.earshot && r.wasm {
							b.Errorf("%s: an untouched embed requested the wasm within %s", j.pg.name, idle)
						}
						idles[j.pg.name] = append(idles[j.pg.name], r)
						fmt.Printf("  %s round %d %-13s untouched: %7.1f KB, %2.0f long tasks (%4.0f ms), busy %4.0f ms; then a hover: live +%5.0f ms (wasm transfer %5.0f ms)\n",
							p.name, round+1, j.pg.name, r.bytes/1000, r.longTasks, r.longTaskMS, r.busyMS, r.liveAfterHover, r.wasmTransfer)
						continue
					}
					r := feelVisitPlayed(b, p, j.pg)
					played[j.pg.name] = append(played[j.pg.name], r)
					fmt.Printf("  %s round %d %-13s button %5.0f ms, click %5.0f, playing %5.0f (click→playing %5.0f), %7.1f KB before (service worker %7.1f KB; %7.1f KB in flight), live +%5.0f ms after the click, wasm transfer %5.0f ms (asked %5.0f ms after playing), %d click(s)\n",
						p.name, round+1, j.pg.name, r.button, r.click, r.playing, r.playing-r.click, r.bytesBefore/1000, r.swBytesBefore/1000, r.inFlight/1000, r.liveAfter, r.wasmTransfer, r.wasmAfterPlaying, r.clicks)
				}
			}
			sum := feelSummarize(pages, played, idles)
			fmt.Print(feelTable(p.name, visits, idle, time.Since(start), pages, sum))
			for _, pg := range pages {
				m := sum[pg.name]
				b.Run(pg.name, func(b *testing.B) {
					b.ReportMetric(m.nav, "play-ms")
					b.ReportMetric(m.click, "click-play-ms")
					b.ReportMetric(m.button, "button-ms")
					b.ReportMetric(m.bytes, "bytes-before-play")
					b.ReportMetric(m.nav/sum["floor"].nav, "play-x-floor")
					b.ReportMetric(m.nav/sum["podlove"].nav, "play-x-podlove")
					b.ReportMetric(m.click/sum["floor"].click, "click-x-floor")
					if !math.IsNaN(m.live) {
						b.ReportMetric(m.live, "live-after-click-ms")
					}
					if pg.untouched {
						b.ReportMetric(m.idleBytes, "untouched-bytes")
						b.ReportMetric(m.idleLongTaskMS, "untouched-longtask-ms")
					}
					if !math.IsNaN(m.hoverLive) {
						b.ReportMetric(m.hoverLive, "live-after-hover-ms")
					}
				})
			}
		})
	}
}

// feelMedians are one page's medians.
type feelMedians struct {
	nav, click, button, bytes, inFlight, live, wasm, wasmAfter float64
	clicks                                                     float64
	idleBytes, idleLongTasks, idleLongTaskMS, busyMS           float64
	hoverLive, hoverWasm                                       float64
}

func feelSummarize(pages []feelPage, played map[string][]feelPlayed, idles map[string][]feelIdle) map[string]feelMedians {
	sum := map[string]feelMedians{}
	for _, pg := range pages {
		ps, is := played[pg.name], idles[pg.name]
		m := feelMedians{
			nav:       median(ps, func(r feelPlayed) float64 { return r.playing }),
			click:     median(ps, func(r feelPlayed) float64 { return r.playing - r.click }),
			button:    median(ps, func(r feelPlayed) float64 { return r.button }),
			bytes:     median(ps, func(r feelPlayed) float64 { return r.bytesBefore }),
			inFlight:  median(ps, func(r feelPlayed) float64 { return r.inFlight }),
			live:      median(ps, func(r feelPlayed) float64 { return r.liveAfter }),
			wasm:      median(ps, func(r feelPlayed) float64 { return r.wasmTransfer }),
			wasmAfter: median(ps, func(r feelPlayed) float64 { return r.wasmAfterPlaying }),
			clicks:    median(ps, func(r feelPlayed) float64 { return float64(r.clicks) }),
		}
		if len(is) > 0 {
			m.idleBytes = median(is, func(r feelIdle) float64 { return r.bytes })
			m.idleLongTasks = median(is, func(r feelIdle) float64 { return r.longTasks })
			m.idleLongTaskMS = median(is, func(r feelIdle) float64 { return r.longTaskMS })
			m.busyMS = median(is, func(r feelIdle) float64 { return r.busyMS })
			m.hoverLive = median(is, func(r feelIdle) float64 { return r.liveAfterHover })
			m.hoverWasm = median(is, func(r feelIdle) float64 { return r.wasmTransfer })
		} else {
			m.hoverLive, m.hoverWasm = math.NaN(), math.NaN()
		}
		sum[pg.name] = m
	}
	return sum
}

// median of f over rs, NaN values left out (NaN if nothing is left).
func median[T any](rs []T, f func(T) float64) float64 {
	var v []float64
	for _, r := range rs {
		if x := f(r); !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// feelTable renders the medians as a Markdown table (it goes into the
// README as is).
func feelTable(profile string, visits int, idle, took time.Duration, pages []feelPage, sum map[string]feelMedians) string {
	var sb strings.Builder
	floor, pwp := sum["floor"], sum["podlove"]
	secs := func(ms float64) string {
		if math.IsNaN(ms) {
			return "—"
		}
		return fmt.Sprintf("%.2f s", ms/1000)
	}
	ratio := func(v, floor, pwp float64) string {
		return fmt.Sprintf("%s (%.2f× · %.2f×)", secs(v), v/floor, v/pwp)
	}
	kb := func(n float64) string {
		if math.IsNaN(n) {
			return "—"
		}
		if n < 10000 {
			return fmt.Sprintf("%.1f KB", n/1000)
		}
		return fmt.Sprintf("%s KB", thousands(n/1000))
	}
	fmt.Fprintf(&sb, "\n%s: medians of %d visits (%s; ratios: × floor · × Podlove)\n\n", profile, visits, took.Round(time.Second))
	fmt.Fprintf(&sb, "| page | navigation → `playing` | click → `playing` | play button there at | non-audio bytes before `playing` (+ requests still in flight) | full UI live after the click (wasm transfer) | untouched, first %s: bytes · long tasks | then a hover: full UI live after (wasm transfer) |\n", idle)
	sb.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, pg := range pages {
		m := sum[pg.name]
		live := secs(m.live)
		if !math.IsNaN(m.wasm) {
			live += " (" + secs(m.wasm) + ")"
		}
		bytes := kb(m.bytes)
		if m.inFlight > 0 {
			bytes += " + " + kb(m.inFlight) + " in flight"
		}
		hover := secs(m.hoverLive)
		if !math.IsNaN(m.hoverWasm) {
			hover += " (" + secs(m.hoverWasm) + ")"
		}
		untouched := "—"
		if pg.untouched {
			untouched = fmt.Sprintf("%s · %.0f (%.0f ms)", kb(m.idleBytes), m.idleLongTasks, m.idleLongTaskMS)
		}
		name := map[string]string{"floor": "bare `<audio>` + button (floor)", "podlove": "Podlove Web Player 5.13.0",
			"episode": "Earshot `/episode`"}[pg.name]
		if name == "" {
			name = "Earshot `/embed` " + strings.TrimPrefix(pg.name, "embed-")
		}
		fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", name,
			ratio(m.nav, floor.nav, pwp.nav), ratio(m.click, floor.click, pwp.click), secs(m.button), bytes, live, untouched, hover)
	}
	return sb.String()
}

// thousands formats n (rounded) with thousands separators.
func thousands(n float64) string {
	s := strconv.FormatInt(int64(math.Round(n)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
