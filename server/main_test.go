package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/server/feed"
)

// deadlockGuard bounds how long a test waits for the server or its clients.
// It is no performance threshold: everything here takes a second or two;
// the guard only turns a hang into a failure that names what hung.
const deadlockGuard = 2 * time.Minute

func TestMain(m *testing.M) {
	// What -log-level warn does in run: the server's info lines would only
	// bury a failure's output.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	os.Exit(m.Run())
}

// testServer is serve running on a loopback port with the real wiring:
// demo show, feed service and site, as main builds them.
type testServer struct {
	URL    string // "http://127.0.0.1:PORT", also its base URL
	addr   string
	cancel context.CancelFunc // what SIGTERM does to run's context
	done   chan error         // serve's result
}

// startServer starts serve with the config parseConfig makes of args, on a
// listener of the test's own so the port is known before the demo feed's
// absolute URLs are built. The server is stopped when the test ends.
func startServer(tb testing.TB, args ...string) *testServer {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	base := "http://" + ln.Addr().String()
	cfg, err := parseConfig(append([]string{"-addr", ln.Addr().String(), "-base-url", base}, args...))
	if err != nil {
		ln.Close()
		require.NoError(tb, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &testServer{URL: base, addr: ln.Addr().String(), cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- serve(ctx, cfg, ln) }()
	tb.Cleanup(func() {
		cancel()
		select {
		case <-s.done: // already read by the test, or nil
		case <-time.After(deadlockGuard):
			tb.Error("serve did not return after its context ended")
		}
	})
	return s
}

// wait returns serve's result once it has stopped.
func (s *testServer) wait(tb testing.TB) error {
	tb.Helper()
	select {
	case err := <-s.done:
		s.done <- err // for Cleanup
		return err
	case <-time.After(deadlockGuard):
		tb.Fatal("serve did not return after its context ended")
		return nil
	}
}

// get fetches url and returns the status and the whole body.
func get(tb testing.TB, c *http.Client, url string) (int, []byte) {
	tb.Helper()
	res, err := c.Get(url)
	require.NoError(tb, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(tb, err)
	return res.StatusCode, body
}

func refused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }

// The load of TestShutdownUnderLoad: 64 clients in all, each request
// bounded in number.
const (
	slowReaders     = 4
	fastClients     = 60
	maxFastRequests = 500 // per client; shutdown normally ends them far sooner
	slowChunk       = 16 << 10
	slowRecvBuffer  = 16 << 10 // so a reader that pauses holds the server's handler
)

// slowPaths are 4 and 5 minutes of demo audio, 3.8 and 4.8 MB: a
// listener's download is the longest request the server has.
var slowPaths = []string{"/demo/audio/1.wav", "/demo/audio/2.wav"}

// fastPaths are what a page visit and the embed ask for.
var fastPaths = []string{"/api/feed", "/episode?guid=earshot-demo-1", "/embed?guid=earshot-demo-1", "/healthz"}

// TestShutdownUnderLoad stops the server, by the path SIGTERM takes (its
// context ends), while 64 clients are using it: a few download the demo
// audio slowly and are halfway through it, the others fetch pages and API
// answers in a loop. Every request the server accepted must complete with
// the whole, correct body; the only failure allowed is a connection the
// server never accepted (refused because the listener is closed). serve
// must return nil, and no connection is accepted afterwards.
func TestShutdownUnderLoad(t *testing.T) {
	guard, cancelGuard := context.WithTimeout(t.Context(), deadlockGuard)
	defer cancelGuard()
	srv := startServer(t, "-api-rate", "-1") // 64 clients on one address

	// What every answer must be: fetched before the load (the first one
	// fetches, parses and caches the demo feed).
	plain := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer plain.CloseIdleConnections()
	want := map[string]answer{}
	for _, p := range append(slices.Clone(slowPaths), fastPaths...) {
		res, err := plain.Get(srv.URL + p)
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s: %s", p, body)
		want[p] = answer{body: body, etag: res.Header.Get("ETag"), page: strings.HasPrefix(res.Header.Get("Content-Type"), "text/html")}
	}
	require.Equal(t, 44+2*240*8000, len(want[slowPaths[0]].body), "a 4-minute 8 kHz 16-bit mono WAV")
	require.Equal(t, "RIFF", string(want[slowPaths[0]].body[:4]))

	var (
		stopping  atomic.Bool // the server's context has ended
		completed atomic.Int64
		inFlight  atomic.Int64 // completed: sent before stopping, answered after
		late      atomic.Int64 // completed: sent after stopping
		rejected  atomic.Int64
		started   sync.WaitGroup // each client has a response under way
		finished  sync.WaitGroup
		gate      = make(chan struct{}) // slow readers pause until shutdown is under way
	)
	// request fetches path and checks the answer against want. A request
	// that fails before any byte of an answer is acceptable only when the
	// server never accepted it; after that nothing may fail.
	request := func(c *http.Client, path string, midway func(io.Reader) error) (ok bool) {
		var reused, answered atomic.Bool
		ctx := httptrace.WithClientTrace(guard, &httptrace.ClientTrace{
			GotConn:              func(i httptrace.GotConnInfo) { reused.Store(i.Reused) },
			GotFirstResponseByte: func() { answered.Store(true) },
		})
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		if err != nil {
			t.Error(err)
			return false
		}
		sentLate := stopping.Load()
		res, err := c.Do(req)
		if err != nil {
			// The transport retries a GET whose reused connection the
			// server closed as idle, so what reaches here is the redial:
			// refused once the listener is closed, or reset when the
			// kernel had queued the connection just before (never
			// accepted by the server either).
			neverAccepted := refused(err) ||
				(stopping.Load() && !reused.Load() && !answered.Load() && (errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF)))
			if !neverAccepted {
				t.Errorf("GET %s: %v (reused connection %v, answer started %v)", path, err, reused.Load(), answered.Load())
			}
			rejected.Add(1)
			return false
		}
		defer res.Body.Close()
		var body bytes.Buffer
		if midway != nil {
			err = midway(io.TeeReader(res.Body, &body))
		}
		if err == nil {
			_, err = io.Copy(&body, res.Body)
		}
		switch {
		case err != nil:
			t.Errorf("GET %s: body cut short after %d of %d bytes: %v", path, body.Len(), res.ContentLength, err)
		case res.StatusCode != http.StatusOK:
			t.Errorf("GET %s: %s", path, res.Status)
		case int64(body.Len()) != res.ContentLength:
			t.Errorf("GET %s: %d bytes, Content-Length %d", path, body.Len(), res.ContentLength)
		case !want[path].matches(res, body.Bytes()):
			t.Errorf("GET %s: %d bytes (ETag %s) differ from the %d before the load (ETag %s)", path, body.Len(), res.Header.Get("ETag"), len(want[path].body), want[path].etag)
		default:
			completed.Add(1)
			switch {
			case sentLate:
				late.Add(1)
			case stopping.Load():
				inFlight.Add(1)
			}
			return true
		}
		return false
	}

	// Slow readers get a receive buffer too small for the file, read the
	// first chunk, pause until the listener is closed, then read the rest
	// a chunk at a time: their handlers are writing while shutdown starts.
	slow := &http.Client{Transport: &http.Transport{
		DisableCompression: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			if err == nil {
				err = c.(*net.TCPConn).SetReadBuffer(slowRecvBuffer)
			}
			return c, err
		},
	}}
	defer slow.CloseIdleConnections()
	for i := range slowReaders {
		started.Add(1)
		finished.Add(1)
		go func() {
			defer finished.Done()
			once := sync.OnceFunc(started.Done)
			defer once()
			request(slow, slowPaths[i%len(slowPaths)], func(body io.Reader) error {
				chunk := make([]byte, slowChunk)
				if _, err := io.ReadFull(body, chunk); err != nil {
					return fmt.Errorf("first chunk: %w", err)
				}
				once()
				<-gate
				for {
					if _, err := io.ReadFull(body, chunk); err != nil {
						if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
							return nil // the rest is checked by the caller
						}
						return err
					}
					time.Sleep(time.Millisecond)
				}
			})
		}()
	}

	fast := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: fastClients}}
	defer fast.CloseIdleConnections()
	for i := range fastClients {
		started.Add(1)
		finished.Add(1)
		go func() {
			defer finished.Done()
			once := sync.OnceFunc(started.Done)
			defer once()
			for n := range maxFastRequests {
				if !request(fast, fastPaths[(i+n)%len(fastPaths)], nil) {
					return
				}
				once()
			}
		}()
	}

	waitFor(t, guard, "every client to get an answer under way", started.Wait)
	stopping.Store(true)
	srv.cancel()
	// The listener closes when Shutdown starts; until then a dial connects
	// (or is reset, when the kernel queued it as the listener closed).
	for {
		c, err := net.Dial("tcp", srv.addr)
		if refused(err) {
			break
		}
		if err == nil {
			c.Close()
		} else if !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("dial during shutdown: %v", err)
		}
		require.NoError(t, guard.Err(), "the listener is still open")
		time.Sleep(time.Millisecond)
	}
	// Whether the handlers were still writing depends on how much the kernel
	// buffers (2.wav is more than Linux's default 4 MB send buffer); either
	// way every byte must arrive, but say which case this run tested.
	held := true
	select {
	case err := <-srv.done:
		srv.done <- err
		held = false
	default:
	}
	close(gate)
	waitFor(t, guard, "the clients to finish", finished.Wait)

	require.NoError(t, srv.wait(t), "serve after a graceful shutdown")
	_, err := net.Dial("tcp", srv.addr)
	assert.True(t, refused(err), "a connection after shutdown is refused: %v", err)
	_, err = plain.Get(srv.URL + "/healthz")
	assert.True(t, refused(err), "a request after shutdown is refused: %v", err)
	assert.GreaterOrEqual(t, completed.Load(), int64(slowReaders+fastClients), "every client completed a request")
	t.Logf("%d requests completed: %d under way when shutdown began (the slow downloads' handlers still writing: %v), %d sent after; %d never accepted",
		completed.Load(), inFlight.Load(), held, late.Load(), rejected.Load())
}

// answer is what a path answered before the load.
type answer struct {
	body []byte
	etag string
	page bool
}

// matches reports whether body, answered with res, is the same answer.
// go-app writes a page's attributes in map order, so two renders of a page
// differ in their bytes but not in length or in the site's page ETag (a
// hash of the page with attributes sorted); everything else must be
// byte-identical.
func (a answer) matches(res *http.Response, body []byte) bool {
	if res.Header.Get("ETag") != a.etag || len(body) != len(a.body) {
		return false
	}
	return a.page || bytes.Equal(body, a.body)
}

// waitFor runs wait, failing the test if guard ends first.
func waitFor(t *testing.T, guard context.Context, what string, wait func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { wait(); close(done) }()
	select {
	case <-done:
	case <-guard.Done():
		t.Fatalf("waiting for %s: %v", what, guard.Err())
	}
}

// The -api-rate and -api-burst flags reach the site: a configured limit
// holds, and a negative one turns limiting off.
func TestAPIRateFlags(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		requests int
		served   int
	}{
		{"burst of 3, refilled once in 1000 s", []string{"-api-rate", "0.001", "-api-burst", "3"}, 5, 3},
		{"limit off", []string{"-api-rate", "-1"}, 200, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startServer(t, tc.args...)
			c := &http.Client{}
			defer c.CloseIdleConnections()
			served := 0
			for range tc.requests {
				switch status, body := get(t, c, srv.URL+"/api/feed"); status {
				case http.StatusOK:
					served++
				case http.StatusTooManyRequests:
				default:
					t.Fatalf("%d: %s", status, body)
				}
			}
			assert.Equal(t, tc.served, served)
			srv.cancel()
			require.NoError(t, srv.wait(t))
		})
	}
}

// run is serve behind a listener on cfg.addr and the signal handler.
func TestRun(t *testing.T) {
	cfg, err := parseConfig([]string{"-addr", "127.0.0.1:0", "-log-level", "warn"})
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.NoError(t, run(ctx, cfg), "stops cleanly when its context has ended")

	bad := cfg
	bad.logLevel = "loud"
	assert.ErrorContains(t, run(t.Context(), bad), "-log-level")

	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()
	busy := cfg
	busy.addr = taken.Addr().String()
	assert.ErrorContains(t, run(t.Context(), busy), "listen")
}

func TestParseConfig(t *testing.T) {
	allEnv := map[string]string{
		"EARSHOT_ADDR":            ":9000",
		"EARSHOT_BASE_URL":        "https://env.example/",
		"EARSHOT_DEFAULT_FEED":    "https://env.example/feed.xml",
		"EARSHOT_FEED_TTL":        "1m",
		"EARSHOT_FRAME_ANCESTORS": "https://blog.example",
		"EARSHOT_LOG_LEVEL":       "debug",
		"EARSHOT_API_RATE":        "2.5",
		"EARSHOT_API_BURST":       "7",
	}
	defaults := config{addr: ":8080", baseURL: "http://localhost:8080", feedTTL: feed.DefaultTTL, frameAnc: "*", logLevel: "info"}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want config
		err  string
	}{
		{name: "defaults", want: defaults},
		{name: "environment", env: allEnv, want: config{
			addr: ":9000", baseURL: "https://env.example", defaultFeed: "https://env.example/feed.xml", feedTTL: time.Minute,
			frameAnc: "https://blog.example", logLevel: "debug", apiRate: 2.5, apiBurst: 7,
		}},
		{name: "flags override the environment", env: allEnv, args: []string{
			"-addr", "127.0.0.1:9100", "-base-url", "https://flag.example", "-default-feed", "https://flag.example/feed.xml",
			"-feed-ttl", "2h", "-frame-ancestors", "'self'", "-log-level", "warn", "-api-rate", "-1", "-api-burst", "-1",
		}, want: config{
			addr: "127.0.0.1:9100", baseURL: "https://flag.example", defaultFeed: "https://flag.example/feed.xml", feedTTL: 2 * time.Hour,
			frameAnc: "'self'", logLevel: "warn", apiRate: -1, apiBurst: -1,
		}},
		{name: "base URL from EARSHOT_ADDR", env: map[string]string{"EARSHOT_ADDR": "0.0.0.0:9200"}, want: with(defaults, func(c *config) {
			c.addr, c.baseURL = "0.0.0.0:9200", "http://localhost:9200"
		})},
		{name: "base URL from -addr", args: []string{"-addr", ":9300"}, want: with(defaults, func(c *config) {
			c.addr, c.baseURL = ":9300", "http://localhost:9300"
		})},
		{name: "base URL without its trailing slash", args: []string{"-base-url", "https://earshot.example/"}, want: with(defaults, func(c *config) {
			c.baseURL = "https://earshot.example"
		})},
		{name: "address without a port", args: []string{"-addr", "localhost"}, err: `-addr "localhost"`},
		{name: "bad EARSHOT_FEED_TTL", env: map[string]string{"EARSHOT_FEED_TTL": "soon"}, err: "EARSHOT_FEED_TTL"},
		{name: "bad -feed-ttl", args: []string{"-feed-ttl", "soon"}, err: "feed-ttl"},
		{name: "bad EARSHOT_API_RATE", env: map[string]string{"EARSHOT_API_RATE": "fast"}, err: "EARSHOT_API_RATE"},
		{name: "bad EARSHOT_API_BURST", env: map[string]string{"EARSHOT_API_BURST": "1.5"}, err: "EARSHOT_API_BURST"},
		{name: "unknown flag", args: []string{"-port", "80"}, err: "-port"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for k := range allEnv {
				t.Setenv(k, "") // restored after the test
				os.Unsetenv(k)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got, err := parseConfig(tc.args)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func with(c config, change func(*config)) config {
	change(&c)
	return c
}
