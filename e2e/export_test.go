package e2e

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/embed"
)

// staticConfig serves an export directory as any static host would: files
// by path, index.html for directories, nothing else.
const staticConfig = `
daemon off;
master_process off;
worker_processes 1;
pid {{dir}}/nginx.pid;
error_log {{dir}}/error.log warn;
events { worker_connections 256; }
http {
  access_log {{dir}}/access.log;
  client_body_temp_path {{dir}}/body;
  proxy_temp_path {{dir}}/proxy;
  fastcgi_temp_path {{dir}}/fastcgi;
  uwsgi_temp_path {{dir}}/uwsgi;
  scgi_temp_path {{dir}}/scgi;
  types {
    text/html html;
    text/css css;
    application/javascript js;
    application/json json;
    application/manifest+json webmanifest;
    application/wasm wasm;
    image/svg+xml svg;
    image/png png;
  }
  default_type application/octet-stream;
  server {
    listen {{listen}};
    root {{root}};
    index index.html;
    location / { try_files $uri $uri/ =404; }
  }
}
`

// `earshot export` writes a static site that any static host serves: the
// show page and every episode page are prerendered and play, in nginx
// serving the directory, with no Earshot server behind it (the audio stays
// at the feed's enclosure URLs, here the test server's demo).
func TestStaticExportPlays(t *testing.T) {
	base := server(t)
	bin := filepath.Join(t.TempDir(), "earshot")
	build := exec.Command("go", "build", "-o", bin, "../server")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "building earshot: %s", out)

	dir := t.TempDir()
	export := exec.Command(bin, "export", "-feed", base+"/demo/feed.xml", "-out", dir)
	out, err = export.CombinedOutput()
	require.NoError(t, err, "earshot export: %s", out)
	for _, f := range []string{"index.html", "show.json", "search.json", "search.json.gz", "app.js", "wasm_exec.js",
		"e/" + embed.Slug("earshot-demo-1") + "/index.html", "e/" + embed.Slug("earshot-demo-1") + "/embed/index.html",
		"e/" + embed.Slug("earshot-demo-1") + "/episode.json", "e/" + embed.Slug("earshot-demo-1") + "/transcript.json"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	wasm, err := filepath.Glob(filepath.Join(dir, "web", "app.*.wasm"))
	require.NoError(t, err)
	require.Len(t, wasm, 1, "the hashed wasm is in the export")

	site, _ := runNginx(t, staticConfig, map[string]string{"{{root}}": dir}, "/")
	res, err := http.Get(site + "/" + strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(wasm[0], dir)), "/"))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))

	// An episode page straight from the static host, started at a time.
	ctx := browser(t)
	page := site + embed.StaticEpisodePath(embed.Target{GUID: "earshot-demo-2"}) + "&t=1:00"
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(page)))
	awaitTakeover(t, ctx)
	assert.Equal(t, "Simple Chapters, inline", eval[string](t, ctx, `document.querySelector(".es-title").textContent`))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback from 1:00", jsCurrentTime+` >= 60 && `+jsCurrentTime+` < 80`)

	// Before the wasm (blocked here) the bridge reads the static page's
	// ?t= itself, since no server saw it: the query wins over the
	// fragment, and the clip pauses at its end.
	ctx = browser(t)
	blockWasm(t, ctx)
	page = site + embed.StaticEpisodePath(embed.Target{GUID: "earshot-demo-2"}) + "&t=0:03,0:05#t=60"
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(`.es-play`), chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback from 0:03", `!earshot.audio.paused && `+jsCurrentTime+` >= 3 && `+jsCurrentTime+` < 5`)
	waitFor(t, ctx, "the pause at 0:05", `earshot.audio.paused && `+jsCurrentTime+` >= 5 && `+jsCurrentTime+` < 6`)
	assert.False(t, eval[bool](t, ctx, jsGoLive), "the bridge played it")

	// The show page, then an episode through its link (in-app navigation
	// reads the episode's JSON file: there is no API on a static host).
	ctx = browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(site+"/")))
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5)))
	waitFor(t, ctx, "the wasm on the show page", jsAppRuns+` && document.querySelectorAll(".es-episodes .es-eptitle").length === 3`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-episodes .es-eptitle[href^="/e/`+embed.Slug("earshot-demo-1")+`/"]`)))
	waitFor(t, ctx, "the episode page", `(document.querySelector(".es-title") || {}).textContent === "Welcome to Earshot"`)
	waitFor(t, ctx, "its transcript from the static JSON", `document.querySelectorAll(".es-seg").length === 6`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "playback", jsCurrentTime+` > 0.5`)

	// The show page finds moments in the prebuilt index (no API here), and
	// a hit opens its episode at its second.
	ctx = browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(site+"/")))
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5)))
	waitFor(t, ctx, "the wasm on the show page", jsAppRuns)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(`.es-filter`, "iframe blogg")))
	waitFor(t, ctx, "the moment", `document.querySelector(".es-moment .es-time")?.textContent === "2:30"`)
	assert.Equal(t, []string{"Welcome to Earshot", "Transcript", "2:30", "iframe blog"}, eval[[][]string](t, ctx, jsMoments)[0])
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-moment`)))
	waitFor(t, ctx, "the episode from 2:30", `window.earshot && earshot.audio && !earshot.audio.paused && `+jsCurrentTime+` >= 150 && `+jsCurrentTime+` < 160`)
	assert.Contains(t, eval[string](t, ctx, `location.pathname`), "/e/"+embed.Slug("earshot-demo-1")+"/")

	// The embed page of the export plays too.
	ctx = browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(site+embed.StaticEmbedPath(embed.Target{GUID: "earshot-demo-1"}, embed.Options{Layout: embed.LayoutCompact}))))
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(`.es-play`), chromedp.Click(`.es-play`)))
	waitFor(t, ctx, "the static embed plays", jsCurrentTime+` > 0.5`)
}
