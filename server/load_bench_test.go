package main

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/internal/wrk"
)

// The load wrk makes: two threads (this is a small server's benchmark, and
// wrk must leave CPU to the server it measures) holding 256 keep-alive
// connections, as many listeners' browsers would.
const (
	wrkThreads     = "2"
	wrkConnections = "256"
	wrkDuration    = 10 * time.Second
)

// browserAcceptEncoding is what Chromium sends: the load gets the
// compressed answers a browser gets.
const browserAcceptEncoding = "gzip, deflate, br, zstd"

// BenchmarkLoad serves the real server (serve, as main wires it) on
// loopback and loads it with wrk, reporting requests per second, the 99th
// percentile latency and the requests that failed (non-2xx/3xx answers and
// socket errors). It skips when wrk is not installed (Debian: apt install
// wrk).
//
// Every connection comes from 127.0.0.1, so the server runs with the API
// rate limit off (-api-rate -1), as behind a proxy or CDN that limits by
// itself; with the default limit nearly every /api/feed answer would be a
// 429.
//
// wrk decides the duration, so each benchmark runs it once whatever b.N
// is, and ns/op is not reported (nor are -benchmem's B/op and allocs/op
// per request: they are the whole run's; server-B/req is per request). wrk and the server share this machine's
// CPUs: the figures are for comparing runs on one machine, not capacity.
func BenchmarkLoad(b *testing.B) {
	if _, err := wrk.LookPath(); err != nil {
		b.Skip(err)
	}
	srv := startServer(b, "-api-rate", "-1")
	for _, bc := range []struct{ name, path string }{
		{"embed", "/embed?guid=earshot-demo-1"},
		{"api-feed-cached", "/api/feed"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			url := srv.URL + bc.path
			prime(b, url) // the first request fetches and parses the demo feed
			ctx, cancel := context.WithTimeout(b.Context(), wrkDuration+time.Minute)
			defer cancel()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r, err := wrk.Run(ctx, "-t"+wrkThreads, "-c"+wrkConnections, "-d"+wrkDuration.String(),
				"-H", "Accept-Encoding: "+browserAcceptEncoding, url)
			runtime.ReadMemStats(&after)
			if err != nil {
				b.Fatal(err)
			}
			b.Log(r.Summary)
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(r.ReqPerSec, "req/s")
			b.ReportMetric(float64(r.P99)/float64(time.Millisecond), "p99-ms")
			b.ReportMetric(float64(r.Errors), "errors")
			if r.Requests > 0 {
				// The server runs in this process and wrk in its own, so
				// this is what the server allocates per request.
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(r.Requests), "server-B/req")
			}
		})
	}
}

// prime requests url as a browser would and fails unless the answer is a
// compressed 200.
func prime(b *testing.B, url string) {
	b.Helper()
	req, err := http.NewRequestWithContext(b.Context(), http.MethodGet, url, nil)
	require.NoError(b, err)
	req.Header.Set("Accept-Encoding", browserAcceptEncoding)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	res, err := tr.RoundTrip(req)
	require.NoError(b, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(b, err)
	require.Equal(b, http.StatusOK, res.StatusCode, "%s", body)
	require.Equal(b, "br", res.Header.Get("Content-Encoding"))
}
