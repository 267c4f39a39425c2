package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		b.Skip("wrk is not installed (Debian: apt install wrk)")
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
			cmd := exec.CommandContext(ctx, wrk, "-t"+wrkThreads, "-c"+wrkConnections, "-d"+wrkDuration.String(), "--latency",
				"-H", "Accept-Encoding: "+browserAcceptEncoding, url)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			out, err := cmd.CombinedOutput()
			runtime.ReadMemStats(&after)
			if err != nil {
				b.Fatalf("wrk: %v\n%s", err, out)
			}
			r, err := parseWrk(out)
			if err != nil {
				b.Fatalf("%v\n%s", err, out)
			}
			b.Log(r.summary)
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(r.reqPerSec, "req/s")
			b.ReportMetric(float64(r.p99)/float64(time.Millisecond), "p99-ms")
			b.ReportMetric(float64(r.errors), "errors")
			if r.requests > 0 {
				// The server runs in this process and wrk in its own, so
				// this is what the server allocates per request.
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(r.requests), "server-B/req")
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

// wrkResult is what parseWrk reads from wrk's report.
type wrkResult struct {
	reqPerSec float64
	p99       time.Duration
	// errors counts answers other than 2xx and 3xx, and connect, read,
	// write and timeout errors.
	errors   int
	requests int    // completed
	summary  string // the latency distribution, totals and errors, one line
}

var (
	wrkRate   = regexp.MustCompile(`^Requests/sec:\s+([0-9.]+)$`)
	wrkP99    = regexp.MustCompile(`^99(?:\.0+)?%\s+([0-9.]+)(us|ms|s|m|h)$`)
	wrkSocket = regexp.MustCompile(`^Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)$`)
	wrkNon2xx = regexp.MustCompile(`^Non-2xx or 3xx responses: (\d+)$`)
	wrkTotal  = regexp.MustCompile(`^(\d+) requests in `)
	wrkPct    = regexp.MustCompile(`^\d+(?:\.\d+)?%\s+\S+$`)
)

// wrkUnits are the units wrk prints latencies in.
var wrkUnits = map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour}

// parseWrk reads wrk's report (with --latency). wrk prints the error lines
// only when there were errors.
func parseWrk(out []byte) (wrkResult, error) {
	var r wrkResult
	var haveRate, haveP99 bool
	var summary []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if wrkPct.MatchString(line) || wrkTotal.MatchString(line) || wrkSocket.MatchString(line) || wrkNon2xx.MatchString(line) {
			summary = append(summary, strings.Join(strings.Fields(line), " "))
		}
		if m := wrkTotal.FindStringSubmatch(line); m != nil {
			r.requests, _ = strconv.Atoi(m[1])
		}
		if m := wrkRate.FindStringSubmatch(line); m != nil {
			v, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				return r, fmt.Errorf("wrk: requests/sec %q: %w", m[1], err)
			}
			r.reqPerSec, haveRate = v, true
		}
		if m := wrkP99.FindStringSubmatch(line); m != nil {
			v, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				return r, fmt.Errorf("wrk: 99th percentile %q: %w", m[1], err)
			}
			r.p99, haveP99 = time.Duration(v*float64(wrkUnits[m[2]])), true
		}
		if m := wrkSocket.FindStringSubmatch(line); m != nil {
			for _, n := range m[1:] {
				v, _ := strconv.Atoi(n) // \d+: only overflow could fail
				r.errors += v
			}
		}
		if m := wrkNon2xx.FindStringSubmatch(line); m != nil {
			v, _ := strconv.Atoi(m[1])
			r.errors += v
		}
	}
	r.summary = strings.Join(summary, "; ")
	if !haveRate || !haveP99 {
		return r, fmt.Errorf("wrk: no Requests/sec or 99%% latency in its report (run with --latency)")
	}
	return r, nil
}

func TestParseWrk(t *testing.T) {
	clean := `Running 10s test @ http://127.0.0.1:41234/api/feed
  2 threads and 256 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    32.10ms   12.01ms 210.33ms   81.20%
    Req/Sec     4.05k   512.33     5.10k    70.50%
  Latency Distribution
     50%   30.12ms
     75%   38.40ms
     90%   46.02ms
     99%  850.50us
  80612 requests in 10.02s, 95.13MB read
Requests/sec:   8045.11
Transfer/sec:      9.49MB
`
	r, err := parseWrk([]byte(clean))
	require.NoError(t, err)
	assert.Equal(t, wrkResult{reqPerSec: 8045.11, p99: 850500 * time.Nanosecond, requests: 80612,
		summary: "50% 30.12ms; 75% 38.40ms; 90% 46.02ms; 99% 850.50us; 80612 requests in 10.02s, 95.13MB read"}, r)

	failing := `Running 10s test @ http://127.0.0.1:41234/api/feed
  2 threads and 256 connections
  Latency Distribution
     50%  100.00ms
     99%    1.20s
  1000 requests in 10.00s, 1.00MB read
  Socket errors: connect 3, read 2, write 1, timeout 4
  Non-2xx or 3xx responses: 900
Requests/sec:    100.00
Transfer/sec:    102.40KB
`
	r, err = parseWrk([]byte(failing))
	require.NoError(t, err)
	assert.Equal(t, 100.0, r.reqPerSec)
	assert.Equal(t, 1200*time.Millisecond, r.p99)
	assert.Equal(t, 910, r.errors)
	assert.Equal(t, 1000, r.requests)

	_, err = parseWrk([]byte("Requests/sec: 5\n"))
	assert.Error(t, err, "no latency distribution")
}
