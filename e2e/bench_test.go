package e2e

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// Network profiles for page-load measurements. "slow" is the issue's
// emulated mobile link: 150 ms round trip, 1.6 Mbit/s down.
var profiles = []struct {
	name      string
	latencyMS float64
	downBps   float64 // bytes per second; -1: unthrottled
	upBps     float64
}{
	{"loopback", 0, -1, -1},
	{"slow-150ms-1.6Mbit", 150, 1.6e6 / 8, 750e3 / 8},
}

// BenchmarkWasmSize reports the size of the built app.wasm, raw and as
// served (gzip, brotli).
func BenchmarkWasmSize(b *testing.B) {
	sizes := map[string]string{"raw-bytes": "app.wasm", "gzip-bytes": "app.wasm.gz", "brotli-bytes": "app.wasm.br"}
	for b.Loop() {
	}
	for unit, name := range sizes {
		fi, err := os.Stat(filepath.Join("..", "web", "gen", name))
		require.NoError(b, err, "run make wasm first")
		b.ReportMetric(float64(fi.Size()), unit)
	}
}

// BenchmarkFirstVisit loads an episode page in a fresh browser profile (a
// cold first visit, as every embed on a new blog is) and reports bytes
// transferred until the wasm has taken over, the time until the page is
// playable (DOMContentLoaded: controls rendered, audio bridge running) and
// until the wasm has taken over.
func BenchmarkFirstVisit(b *testing.B) {
	base := server(b)
	url := episodeURL(base, "earshot-demo-1", "")
	for _, p := range profiles {
		b.Run(p.name, func(b *testing.B) {
			var bytes, playable, ready float64
			n := 0
			for b.Loop() {
				ctx := browser(b)
				var mu sync.Mutex
				total := 0.0
				require.NoError(b, chromedp.Listen(ctx, func(ev any) {
					if e, ok := ev.(*network.EventLoadingFinished); ok {
						mu.Lock()
						total += e.EncodedDataLength
						mu.Unlock()
					}
				}))
				_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
				require.NoError(b, err)
				_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
					MatchedNetworkConditions: []*network.Conditions{{Latency: p.latencyMS, DownloadThroughput: p.downBps, UploadThroughput: p.upBps}},
				})
				require.NoError(b, err)
				require.NoError(b, chromedp.Do(ctx, chromedp.Navigate(url)))
				waitFor(b, ctx, "the wasm to take over", jsGoLive)
				playable += eval[float64](b, ctx, `performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd`)
				ready += eval[float64](b, ctx, `earshot.readyAt`)
				mu.Lock()
				bytes += total
				mu.Unlock()
				n++
			}
			b.ReportMetric(bytes/float64(n), "bytes/visit")
			b.ReportMetric(playable/float64(n), "ms-to-playable")
			b.ReportMetric(ready/float64(n), "ms-to-wasm-ready")
		})
	}
}
