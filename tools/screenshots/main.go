// Command screenshots photographs every page and embed layout of Earshot in
// headless Chromium: light and dark, 1024 and 320 px wide, English and
// German, with the demo show and long real feeds from the test corpus.
// `make screenshots` runs it; the pictures and an index.html to look at them
// land in ./screenshots (-out).
//
// It runs the real server in-process (site, feed service, demo show) and a
// second local server for the corpus feeds, so nothing leaves the machine.
// Images that corpus feeds name on hosts that do not answer fail to load,
// which is worth seeing: the generated covers must stand in for them.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/earshot/earshot/library"
	"github.com/earshot/earshot/server/demo"
	"github.com/earshot/earshot/server/feed"
	"github.com/earshot/earshot/server/site"
	"github.com/earshot/earshot/web"
)

func main() {
	out := flag.String("out", "screenshots", "folder for the PNG files and index.html")
	corpus := flag.String("corpus", "../shared/corpus", "the test corpus (its feeds/ folder is served locally)")
	chromium := flag.String("chromium", os.Getenv("CHROMIUM"), "Chromium binary (default: chromium, chromium-browser or google-chrome on PATH)")
	only := flag.String("only", "", "photograph only the shots whose name contains this")
	flag.Parse()
	if err := run(*out, *corpus, *chromium, *only); err != nil {
		log.Fatal(err)
	}
}

// A shot is one page in one look.
type shot struct {
	name, path string
	width      int64
	height     int64 // the viewport; pages are photographed whole
	dark       bool
	// live waits for the Go program to have taken the page over (pages of
	// the app; an embed's wasm waits for the visitor, so embeds are
	// photographed as they first appear).
	live bool
}

// looks are the variants of every page.
var looks = []struct {
	suffix string
	width  int64
	dark   bool
	lang   string
}{
	{"light", 1024, false, ""},
	{"dark", 1024, true, ""},
	{"320", 320, false, ""},
	{"de", 1024, false, "de"},
	{"de-320-dark", 320, true, "de"},
}

func run(out, corpus, chromium, only string) error {
	feedsDir := filepath.Join(corpus, "feeds")
	if _, err := os.Stat(feedsDir); err != nil {
		return fmt.Errorf("corpus feeds not found at %s (set -corpus): %w", feedsDir, err)
	}
	if chromium == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
			if p, err := exec.LookPath(name); err == nil {
				chromium = p
				break
			}
		}
	}
	if chromium == "" {
		return errors.New("Chromium not found: install chromium or set -chromium / CHROMIUM")
	}
	base, corpusURL, err := serve(feedsDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}

	demoFeed := base + "/demo/feed.xml"
	long := corpusURL + "/node-podcast-parser/se-radio.xml"
	p20 := corpusURL + "/podcast-namespace/example.xml"
	q := func(s string) string { return url.QueryEscape(s) }
	pages := []struct {
		name, path string
		live       bool
	}{
		{"front", "/", true},
		{"show-long", "/show?feed=" + q(long), true},
		{"show-podcasting20", "/show?feed=" + q(p20), true},
		{"episode-demo", "/episode?guid=earshot-demo-1", true},
		{"episode-demo-psc", "/episode?guid=earshot-demo-2", true},
		{"episode-long", "/episode?feed=" + q(long) + "&guid=" + q("http://www.se-radio.net/?p=1939"), true},
		{"episode-podcasting20", "/episode?feed=" + q(p20) + "&guid=" + q("https://example.com/ep0003"), true},
		{"episode-live", "/episode?feed=" + q(p20) + "&guid=" + q("https://example.com/live"), true},
		{"library", "/library", true},
		{"error-private-address", "/show?feed=" + q("http://10.0.0.1/feed.xml"), true},
		{"error-no-such-episode", "/episode?guid=gone", true},
		{"not-found", "/no/such/page", true},
	}
	var shots []shot
	for _, p := range pages {
		for _, l := range looks {
			path := p.path
			if l.lang != "" {
				path = withQuery(path, "lang="+l.lang)
			}
			shots = append(shots, shot{name: p.name + "-" + l.suffix, path: path, width: l.width, height: 900, dark: l.dark, live: p.live})
		}
	}
	embeds := []struct{ name, target string }{
		{"demo", "guid=earshot-demo-1"},
		{"long", "feed=" + q(long) + "&guid=" + q("http://www.se-radio.net/?p=1939")},
	}
	for _, e := range embeds {
		for _, layout := range []struct {
			name   string
			height int64
		}{{"full", 560}, {"show", 480}, {"compact", 200}, {"mini", 96}} {
			for _, l := range []struct {
				suffix string
				width  int64
				dark   bool
				extra  string
			}{{"light", 640, false, ""}, {"dark", 640, true, ""}, {"320", 320, false, ""}, {"de", 640, false, "&lang=de"}} {
				shots = append(shots, shot{
					name:  "embed-" + layout.name + "-" + e.name + "-" + l.suffix,
					path:  "/embed?" + e.target + "&layout=" + layout.name + l.extra,
					width: l.width, height: layout.height, dark: l.dark,
				})
			}
		}
	}

	seed, err := seedLibrary(demoFeed, long)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "earshot-shots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	actx, acancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.DisableGPU, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("lang", "en-US"), chromedp.Flag("hide-scrollbars", true),
	)
	defer acancel()
	browser, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(browser); err != nil {
		return fmt.Errorf("starting Chromium: %w", err)
	}
	var done []shot
	for _, s := range shots {
		if only != "" && !strings.Contains(s.name, only) {
			continue
		}
		if err := take(browser, base, out, s, seed); err != nil {
			log.Printf("%s: %v", s.name, err)
			continue
		}
		done = append(done, s)
		log.Printf("%s", s.name)
	}
	if err := writeIndex(out, done); err != nil {
		return err
	}
	log.Printf("%d screenshots in %s (open %s)", len(done), out, filepath.Join(out, "index.html"))
	return nil
}

// serve starts Earshot with its demo show, and a server for the corpus
// feeds, on loopback.
func serve(feedsDir string) (base, corpusURL string, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", "", err
	}
	base = "http://" + ln.Addr().String()
	show, err := demo.New(base)
	if err != nil {
		return "", "", err
	}
	corpusURL = httptest.NewServer(http.FileServer(http.Dir(feedsDir))).URL
	feeds := feed.New(feed.Options{Trusted: []string{base, corpusURL}})
	s, err := site.New(site.Config{Feeds: feeds, DefaultFeed: show.FeedURL(), Web: web.Files, Demo: show, BaseURL: base, APIRatePerSecond: -1, APIBurst: -1})
	if err != nil {
		return "", "", err
	}
	go http.Serve(ln, s)
	return base, corpusURL, nil
}

// seedLibrary is a script that stores a library with two shows, a queue and
// a position, so the library page has something to show.
func seedLibrary(demoFeed, long string) (string, error) {
	var lib library.Library
	now := time.Now()
	lib.Subscribe(demoFeed, "Earshot Demo Radio", "", now)
	lib.Subscribe(long, "Software Engineering Radio", "", now)
	lib.Queue.Add(library.QueueItem{FeedURL: demoFeed, GUID: "earshot-demo-2", Title: "Simple Chapters, inline"})
	lib.Queue.Add(library.QueueItem{FeedURL: long, GUID: "http://www.se-radio.net/?p=1939", Title: "SE-Radio Episode 248: Axel Rauschmayer on JavaScript and ECMAScript 6"})
	b, err := library.Marshal(lib)
	if err != nil {
		return "", err
	}
	pos, _ := json.Marshal(map[string]any{"v": 1, "value": map[string]any{
		"title": "Welcome to Earshot", "show": "Earshot Demo Radio", "position": 42, "duration": 300, "updated": now.UnixMilli(),
	}})
	js, _ := json.Marshal(string(b))
	posJS, _ := json.Marshal(string(pos))
	keyJS, _ := json.Marshal("earshot:v1:position:" + demoFeed + " earshot-demo-1")
	return `localStorage.setItem("earshot:library", ` + string(js) + `); localStorage.setItem(` + string(keyJS) + `, ` + string(posJS) + `); true`, nil
}

// take photographs one shot in a fresh browser context (its own storage,
// as a first visit has).
func take(browser context.Context, base, out string, s shot, seed string) error {
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	bctx, tcancel := context.WithTimeout(tab, 60*time.Second)
	defer tcancel()
	scheme := "light"
	if s.dark {
		scheme = "dark"
	}
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(s.width, s.height)); err != nil {
		return err
	}
	if _, err := chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		return err
	}
	if strings.HasPrefix(s.path, "/library") {
		if err := chromedp.Do(bctx, chromedp.Navigate(base+"/healthz")); err != nil {
			return err
		}
		if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](seed)); err != nil {
			return err
		}
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(base+s.path)); err != nil {
		return err
	}
	ready := `document.readyState === "complete"`
	if s.live {
		ready += ` && !!window.goappNav && !document.getElementById("app-wasm-loader")`
	}
	if !waitUntil(bctx, ready, 20*time.Second) {
		log.Printf("%s: not ready after 20 s; photographed as it is", s.name)
	}
	// Images from hosts that do not answer, fonts, the library's fetches.
	waitUntil(bctx, `[...document.images].every(i => i.complete)`, 5*time.Second)
	chromedp.Do(bctx, chromedp.Sleep(700*time.Millisecond))
	var png []byte
	var err error
	if s.height < 300 { // embeds: exactly the frame
		png, err = chromedp.Run(bctx, chromedp.CaptureScreenshot())
	} else {
		png, err = chromedp.Run(bctx, chromedp.FullScreenshot(100))
	}
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, s.name+".png"), png, 0o644)
}

func waitUntil(ctx context.Context, expr string, d time.Duration) bool {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return true
		}
		time.Sleep(150 * time.Millisecond)
	}
	return false
}

func withQuery(path, kv string) string {
	if strings.Contains(path, "?") {
		return path + "&" + kv
	}
	return path + "?" + kv
}

// writeIndex writes a page that shows every screenshot with its name.
func writeIndex(out string, shots []shot) error {
	var b strings.Builder
	b.WriteString(`<!doctype html><meta charset="utf-8"><title>Earshot screenshots</title>` +
		`<style>body{font:14px system-ui;margin:1rem;background:#eee}figure{display:inline-block;vertical-align:top;margin:0 1rem 1rem 0}` +
		`img{border:1px solid #999;max-width:520px;background:#fff}figcaption{font-weight:600}</style><h1>Earshot screenshots</h1>`)
	for _, s := range shots {
		fmt.Fprintf(&b, `<figure><figcaption>%s</figcaption><a href="%s.png"><img src="%s.png" loading="lazy" alt=""></a><div>%s</div></figure>`,
			html.EscapeString(s.name), url.PathEscape(s.name), url.PathEscape(s.name), html.EscapeString(s.path))
	}
	return os.WriteFile(filepath.Join(out, "index.html"), []byte(b.String()), 0o644)
}
