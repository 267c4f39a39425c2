package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// Share-link times mean the same before the wasm takes over (the audio
// bridge, web/bridge.js) and after (Go, podcast.TimeFromURL): both are
// tested against podcast/testdata/time_vectors.json, Go's unit tests there
// and the bridge here, in the browser.

// timeVector is a row of the vectors file: the query and fragment as
// written in the URL, and the clip they mean (nil: no valid time).
type timeVector struct {
	ID       string      `json:"id"`
	Src      string      `json:"src"`
	Query    *string     `json:"query"`
	Fragment *string     `json:"fragment"`
	Want     *[2]float64 `json:"want"`
	Note     string      `json:"note"`
}

func (v timeVector) query() string {
	if v.Query == nil {
		return ""
	}
	return *v.Query
}

func (v timeVector) hash() string {
	if v.Fragment == nil {
		return ""
	}
	return "#" + *v.Fragment
}

func (v timeVector) String() string {
	s := v.Src + "/" + v.ID
	if v.Query != nil {
		s += "?" + *v.Query
	}
	return s + v.hash()
}

// start and end are where the link plays from and to (0: no end).
func (v timeVector) start() float64 {
	if v.Want == nil {
		return 0
	}
	return v.Want[0]
}

func (v timeVector) end() float64 {
	if v.Want == nil {
		return 0
	}
	return v.Want[1]
}

func timeVectors(t *testing.T) []timeVector {
	t.Helper()
	data, err := os.ReadFile("../podcast/testdata/time_vectors.json")
	require.NoError(t, err)
	var file struct {
		Vectors []timeVector `json:"vectors"`
	}
	require.NoError(t, json.Unmarshal(data, &file))
	require.Greater(t, len(file.Vectors), 150)
	return file.Vectors
}

// pickVectors is the sample played in the browser: the cases and
// the W3C and Earshot rows named, each starting inside the demo episode.
func pickVectors(t *testing.T, keys ...string) []timeVector {
	t.Helper()
	var out []timeVector
	for _, k := range keys {
		found := false
		for _, v := range timeVectors(t) {
			if v.String() == k {
				out = append(out, v)
				found = true
				break
			}
		}
		require.True(t, found, "no vector %s", k)
	}
	return out
}

// samplePlayed covers a start from the query (both grammars, percent-
// encoded), from the fragment (split before decoding, last valid t),
// the query over the fragment, and invalid times that must not seek.
var samplePlayed = []string{
	"issue11/?t=1m30s",
	"issue11/?t=1%3A30",
	"issue11/?t=90#t=30",
	"issue11/#t=3:7",
	"issue11/#t%3D3",
	"issue11/#t=3.",
	"issue11/#t=7&t=banana",
	"issue11/?t=3,3",
	"issue11/#t=0:00:60",
	"w3c/TC0005#t=3,7",
	"w3c/TC0035#%74=3",
	"w3c/TC0054#&&=&=tom&jerry=&t=3&t=meow:0#",
	"earshot/?t=0#t=20",
	"earshot/#t=1h2m3s",
	"issue11/?t=1:30,2:00",
}

// blockWasm keeps the page on the prerendered HTML and the bridge.
func blockWasm(t *testing.T, ctx contextT) {
	t.Helper()
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
		URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/*.wasm", Block: true}},
	})
	require.NoError(t, err)
}

// vectorURL is the demo episode's page at the vector's query and fragment;
// n makes every URL a new document (a new fragment alone would not load one).
func vectorURL(base string, v timeVector, n int) string {
	u := fmt.Sprintf("%s/episode?guid=earshot-demo-1&n=%d", base, n)
	if q := v.query(); q != "" {
		u += "&" + q
	}
	return u + v.hash()
}

// The bridge's parser (earshot.parseT, what it applies to location.search
// and location.hash) gives every vector's clip, bit for bit what Go's
// podcast.TimeFromURL gives.
func TestTimeGrammarBridgeParser(t *testing.T) {
	base := server(t)
	vectors := timeVectors(t)
	ctx := browser(t)
	blockWasm(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/episode?guid=earshot-demo-1")))
	waitFor(t, ctx, "the bridge", `!!(window.earshot && earshot.parseT)`)

	in := make([][2]string, len(vectors))
	for i, v := range vectors {
		in[i] = [2]string{v.query(), v.hash()}
	}
	arg, err := json.Marshal(in)
	require.NoError(t, err)
	got := eval[[]*[2]float64](t, ctx, `(`+string(arg)+`).map(function (v) { return earshot.parseT(v[0], v[1]); })`)
	require.Len(t, got, len(vectors))

	ms := func(s float64) int64 { return int64(math.Round(s * 1000)) }
	for i, v := range vectors {
		q, _ := url.ParseQuery(v.query())
		g, ok := podcast.TimeFromURL(q, strings.TrimPrefix(v.hash(), "#"))
		js := got[i]
		if v.Want == nil {
			assert.Nil(t, js, "%s: no valid time (%s)", v, v.Note)
		} else if assert.NotNil(t, js, "%s: a valid time (%s)", v, v.Note) {
			assert.Equal(t, [2]int64{ms(v.Want[0]), ms(v.Want[1])}, [2]int64{ms(js[0]), ms(js[1])}, "%s (%s)", v, v.Note)
		}
		assert.Equal(t, ok, js != nil, "%s: Go and the bridge agree it is a time", v)
		if ok && js != nil {
			assert.Equal(t, [2]float64{g.Start, g.End}, *js, "%s: Go and the bridge give the same numbers", v)
		}
	}
}

// Before the takeover (here the wasm never arrives), a share link starts
// playback where the vectors say, and a clip pauses at its end: the server
// wrote the ?t= it parsed into the page, the bridge read the #t=.
func TestTimeGrammarBeforeTakeover(t *testing.T) {
	base := server(t)
	ctx := browser(t)
	blockWasm(t, ctx)
	for n, v := range pickVectors(t, samplePlayed...) {
		t.Run(v.String(), func(t *testing.T) {
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(vectorURL(base, v, n))))
			require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(`.es-play`), chromedp.Click(`.es-play`)))
			checkStart(t, ctx, v)
			assert.False(t, eval[bool](t, ctx, jsGoLive), "the bridge played it")
			assert.InDelta(t, v.end(), eval[float64](t, ctx, `earshot.end || 0`), 0.001, "the clip's end the bridge pauses at")
			if v.end() > 0 && v.end()-v.start() < 5 {
				checkClipEnd(t, ctx, v)
			}
		})
	}
}

// checkStart waits for playback to run and checks where it started.
func checkStart(t *testing.T, ctx contextT, v timeVector) {
	t.Helper()
	waitFor(t, ctx, "playback", `!earshot.audio.paused && `+jsCurrentTime+` > 0.2`)
	cur := eval[float64](t, ctx, jsCurrentTime)
	assert.GreaterOrEqual(t, cur, v.start(), "%s starts at %v (%s)", v, v.start(), v.Note)
	assert.Less(t, cur, v.start()+3, "%s starts at %v (%s)", v, v.start(), v.Note)
}

func checkClipEnd(t *testing.T, ctx contextT, v timeVector) {
	t.Helper()
	end := formatFloat(v.end())
	waitFor(t, ctx, "the pause at the clip's end", `earshot.audio.paused && `+jsCurrentTime+` >= `+end+` && `+jsCurrentTime+` < `+end+` + 1`)
}

// After the takeover Go reads the same links the same way: it shows the
// start before playback, plays from there, and ends the clip.
func TestTimeGrammarAfterTakeover(t *testing.T) {
	base := server(t)
	for n, v := range pickVectors(t,
		"issue11/?t=1m30s", "issue11/?t=90#t=30", "issue11/#t=3:7", "issue11/#t%3D3",
		"issue11/#t=7&t=banana", "earshot/?t=0#t=20", "w3c/TC0005#t=3,7",
		"earshot/#t=20&t=%zz", // net/url refuses the URL: the app repairs it rather than die
	) {
		t.Run(v.String(), func(t *testing.T) {
			ctx := browser(t) // a fresh profile: no saved position to resume
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(vectorURL(base, v, n))))
			awaitTakeover(t, ctx)
			assert.Equal(t, podcast.FormatClock(v.start()), eval[string](t, ctx, `document.querySelector(".es-elapsed").textContent`),
				"Go shows the start before playback")
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
			checkStart(t, ctx, v)
			if v.end() > 0 {
				checkClipEnd(t, ctx, v)
			}
		})
	}
}

// A clip the bridge started before the wasm arrived is still ended once Go
// has taken over (the bridge hands Go the end it armed), and a clip the
// bridge already ended is not ended again.
func TestClipEndSurvivesTakeover(t *testing.T) {
	base := server(t)
	for _, tc := range []struct {
		name, vector string
		endedBefore  bool
	}{
		{"ends after the takeover", "issue11/?t=1:30,2:00", false},
		{"ended before the takeover", "w3c/TC0005#t=3,7", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := pickVectors(t, tc.vector)[0]
			ctx := browser(t)
			release := holdWasm(t, ctx)
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(vectorURL(base, v, 0))))
			require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(`.es-play`), chromedp.Click(`.es-play`)))
			checkStart(t, ctx, v)
			if tc.endedBefore {
				checkClipEnd(t, ctx, v)
				require.NoError(t, chromedp.Do(ctx, chromedp.Click(`.es-play`)))
				waitFor(t, ctx, "playback on past the clip", `!earshot.audio.paused && `+jsCurrentTime+` > `+formatFloat(v.end()+0.2))
			}
			require.False(t, eval[bool](t, ctx, jsGoLive), "the wasm is held back")
			release()
			awaitTakeover(t, ctx)
			require.False(t, eval[bool](t, ctx, `earshot.audio.paused`), "the takeover kept playing")
			if tc.endedBefore {
				at := eval[float64](t, ctx, jsCurrentTime)
				waitFor(t, ctx, "playback to go on under Go", jsCurrentTime+` > `+formatFloat(at+1.5))
				assert.False(t, eval[bool](t, ctx, `earshot.audio.paused`))
				return
			}
			// Near the end, Go pauses there.
			eval[bool](t, ctx, `(earshot.audio.currentTime = `+formatFloat(v.end()-1.5)+`, true)`)
			checkClipEnd(t, ctx, v)
		})
	}
}

// holdWasm holds the wasm's download until release is called.
func holdWasm(t *testing.T, ctx contextT) (release func()) {
	t.Helper()
	var mu sync.Mutex
	var held []fetch.RequestID
	released := false
	cont := func(id fetch.RequestID) error {
		_, err := chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
		return err
	}
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if released {
			go cont(e.RequestID) // no commands inside a listener
			return
		}
		held = append(held, e.RequestID)
	}))
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*.wasm"}},
	})
	require.NoError(t, err)
	return func() {
		mu.Lock()
		released = true
		ids := held
		mu.Unlock()
		for _, id := range ids {
			require.NoError(t, cont(id))
		}
	}
}

// The share panel writes a clip from 0:00 with its start, and reports an
// invalid clip instead of sharing a link without it.
func TestShareClipFromStartAndInvalid(t *testing.T) {
	base := server(t)
	ctx := live(t, episodeURL(base, "earshot-demo-1", ""))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`input[name="es-share-kind"][value="clip"]`)))
	waitFor(t, ctx, "a clip link from 0:00", `document.querySelector(".es-sharelink").value.endsWith("t=0:00,0:30")`)

	setField := func(label, v string) {
		eval[bool](t, ctx, `(function (f) { f.value = `+jsString(v)+`; f.dispatchEvent(new Event("change", {bubbles: true})); return true; })(document.querySelector('.es-timefield[aria-label="`+label+`"]'))`)
	}
	setField("Clip end", "0:00")
	waitFor(t, ctx, "the problem said", `(document.querySelector(".es-clipproblem[role=alert]") || {}).textContent === "The clip must end after it starts."`)
	assert.False(t, eval[bool](t, ctx, `!!document.querySelector(".es-sharelink")`), "no link without the clip")
	assert.True(t, eval[bool](t, ctx, `document.querySelector(".es-copy").disabled`), "nothing to copy")

	setField("Clip end", "soon")
	waitFor(t, ctx, "a time that is no time", `(document.querySelector(".es-clipproblem") || {}).textContent === "Type the clip’s times as 1:30 or 90."`)
	assert.Equal(t, "true", eval[string](t, ctx, `document.querySelector('.es-timefield[aria-label="Clip end"]').getAttribute("aria-invalid")`))

	setField("Clip end", "0:45")
	waitFor(t, ctx, "the clip link back", `(document.querySelector(".es-sharelink") || {value: ""}).value.endsWith("t=0:00,0:45")`)
	assert.False(t, eval[bool](t, ctx, `!!document.querySelector(".es-clipproblem")`))
	assert.False(t, eval[bool](t, ctx, `document.querySelector(".es-copy").disabled`))
}
