package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"code.dny.dev/ssrf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var kinds = []error{ErrBadURL, ErrBlocked, ErrTooLarge, ErrUpstream, ErrTimeout}

// requireKind checks err is an *Error of exactly the wanted kind and returns it.
func requireKind(t *testing.T, err error, want error) *Error {
	t.Helper()
	require.Error(t, err)
	var fe *Error
	require.ErrorAs(t, err, &fe)
	for _, k := range kinds {
		assert.Equal(t, k == want, errors.Is(err, k), "errors.Is(%v, %v) for %v", err, k, want)
	}
	assert.NotEmpty(t, fe.Msg)
	return fe
}

// quiet keeps expected "fetch failed" logs out of test output.
var quiet = slog.New(slog.DiscardHandler)

// testClient allows loopback so httptest servers can be reached.
func testClient(opts Options) *Client {
	opts.AllowLoopback = true
	if opts.Logger == nil {
		opts.Logger = quiet
	}
	return New(opts)
}

// hosts is a LookupIP that answers from a fixed table, like a DNS server an
// attacker controls.
func hosts(table map[string][]string) func(context.Context, string) ([]netip.Addr, error) {
	return func(_ context.Context, host string) ([]netip.Addr, error) {
		addrs, ok := table[host]
		if !ok {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
		var out []netip.Addr
		for _, a := range addrs {
			out = append(out, netip.MustParseAddr(a))
		}
		return out, nil
	}
}

// serve starts a server and counts the requests that reached it.
func serve(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func ok(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		_, _ = io.WriteString(w, body)
	}
}

// at rewrites a server URL to use another host name with the same port.
func at(t *testing.T, srv *httptest.Server, host, path string) string {
	t.Helper()
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	return "http://" + net.JoinHostPort(host, u.Port()) + path
}

func TestLoopback(t *testing.T) {
	srv, hits := serve(t, ok("<rss/>"))

	_, err := New(Options{Logger: quiet}).Get(t.Context(), srv.URL+"/feed", Validators{})
	fe := requireKind(t, err, ErrBlocked)
	assert.Contains(t, fe.Msg, "loopback")
	assert.Zero(t, hits.Load(), "a refused request must not reach the server")

	resp, err := testClient(Options{}).Get(t.Context(), srv.URL+"/feed", Validators{})
	require.NoError(t, err)
	assert.Equal(t, "<rss/>", string(resp.Body))
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/rss+xml", resp.ContentType)
	assert.Equal(t, srv.URL+"/feed", resp.FinalURL)
}

func TestDialerControlRefusesOnTheSocket(t *testing.T) {
	// The second line of defence: even a dial that skipped dialContext's
	// checks is stopped by the guardian on the socket.
	srv, _ := serve(t, ok(""))
	c := New(Options{Logger: quiet})
	_, err := c.dialer.DialContext(t.Context(), "tcp", srv.Listener.Addr().String())
	require.ErrorIs(t, err, ssrf.ErrProhibitedIP)
}

func TestRefusedAddresses(t *testing.T) {
	tests := []struct {
		url  string
		want error
	}{
		{"http://127.0.0.1/", ErrBlocked},
		{"http://127.0.0.1./", ErrBlocked},
		{"http://10.0.0.1/", ErrBlocked},
		{"http://172.16.5.4/", ErrBlocked},
		{"http://192.168.1.1:8080/feed", ErrBlocked},
		{"http://100.64.0.1/", ErrBlocked},
		{"http://169.254.169.254/latest/meta-data/", ErrBlocked},
		{"http://100.100.100.200/", ErrBlocked},
		{"http://0.0.0.0/", ErrBlocked},
		{"http://224.0.0.1/", ErrBlocked},
		{"http://255.255.255.255/", ErrBlocked},
		{"http://[::1]/", ErrBlocked},
		{"http://[::]/", ErrBlocked},
		{"http://[::ffff:127.0.0.1]/", ErrBlocked},
		{"http://[::ffff:7f00:1]/", ErrBlocked},
		{"http://[::ffff:169.254.169.254]/", ErrBlocked},
		{"http://[fd00:ec2::254]/", ErrBlocked},
		{"http://[fe80::1%25eth0]/", ErrBlocked},
		{"http://[ff02::1]/", ErrBlocked},
		{"http://[fc00::1]/", ErrBlocked},
		// Odd IPv4 spellings a browser or glibc would turn into 127.0.0.1.
		{"http://2130706433/", ErrBlocked},
		{"http://0x7f.1/", ErrBlocked},
		{"http://127.1/", ErrBlocked},
		{"http://0177.0.0.1/", ErrBlocked},
		{"http://0x7f000001/", ErrBlocked},
		{"http://0x7F.0.0.1/", ErrBlocked},
		{"http://017700000001/", ErrBlocked},
		{"http://127.0.1/", ErrBlocked},
		{"http://2852039166/", ErrBlocked}, // 169.254.169.254
		{"http://0xa.1/", ErrBlocked},      // 10.0.0.1
		// Odd spellings of public addresses are refused, not rewritten.
		{"http://134744072/", ErrBadURL}, // 8.8.8.8
		{"http://8.8.8.010/", ErrBadURL}, // octal part
		// Numeric-looking hosts that are no address at all.
		{"http://1.2.3.4.5/", ErrBadURL},
		{"http://256.1.1.1/", ErrBadURL},
		{"http://4294967296/", ErrBadURL},
		{"http://99999999999999999999999/", ErrBadURL},
		{"http://1..2/", ErrBadURL},
		{"http://example.123/", ErrBadURL},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			c := New(Options{Logger: quiet})
			_, err := c.ParseURL(tt.url)
			requireKind(t, err, tt.want)
			_, err = c.Get(t.Context(), tt.url, Validators{})
			requireKind(t, err, tt.want)
		})
	}
}

func TestOddLoopbackSpellingsRefusedEvenWhenLoopbackAllowed(t *testing.T) {
	c := testClient(Options{})
	for _, u := range []string{"http://2130706433/", "http://0x7f.1/", "http://127.1/", "http://[::ffff:10.0.0.1]/"} {
		_, err := c.ParseURL(u)
		assert.Error(t, err, u)
	}
	_, err := c.ParseURL("http://127.0.0.1:8080/")
	assert.NoError(t, err)
}

func TestBadURLs(t *testing.T) {
	tests := []struct{ name, url, msg string }{
		{"file", "file:///etc/passwd", "not file:"},
		{"gopher", "gopher://example.com:70/_GET", "not gopher:"},
		{"ftp", "ftp://example.com/feed.xml", "not ftp:"},
		{"javascript", "javascript:alert(1)", "not javascript:"},
		{"data", "data:text/xml,<rss/>", "not data:"},
		{"empty", "", "http://"},
		{"no scheme", "example.com/feed.xml", "http://"},
		{"scheme relative", "//example.com/feed.xml", "http://"},
		{"opaque", "http:example.com", "http://"},
		{"no host", "http:///feed.xml", "no host"},
		{"empty host with port", "http://:80/", "no host"},
		{"port zero", "http://example.com:0/", "port"},
		{"port too big", "http://example.com:99999/", "port"},
		{"space in host", "http://exa mple.com/", "not a valid URL"},
		{"control char", "http://example.com/\x7f\n", "not a valid URL"},
		{"too long", "http://example.com/" + strings.Repeat("a", maxURLBytes), "longer than"},
	}
	c := New(Options{Logger: quiet})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Get(t.Context(), tt.url, Validators{})
			fe := requireKind(t, err, ErrBadURL)
			assert.Contains(t, fe.Msg, tt.msg)
		})
	}
}

func TestParseURLKeepsPublicURLs(t *testing.T) {
	c := New(Options{Logger: quiet})
	for _, raw := range []string{
		"https://feeds.example.com/show.xml",
		"HTTP://Example.COM:8080/feed?x=1#frag",
		"http://8.8.8.8/",
		"https://[2606:4700::1111]/feed",
		"https://user:secret@private.example.com/feed",
	} {
		u, err := c.ParseURL(raw)
		require.NoError(t, err, raw)
		assert.Contains(t, []string{"http", "https"}, u.Scheme)
		assert.Empty(t, u.Fragment)
	}
}

func TestRebinding(t *testing.T) {
	// A host name the attacker controls may resolve to anything. The server
	// is real, so if the address were not refused the request would land.
	targets := []string{"127.0.0.1", "127.0.0.2", "10.0.0.1", "192.168.0.10", "169.254.169.254", "::1", "::ffff:127.0.0.1", "fd00:ec2::254", "0.0.0.0"}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			srv, hits := serve(t, ok("secret"))
			c := New(Options{Logger: quiet, LookupIP: hosts(map[string][]string{"rebind.example": {target}})})
			_, err := c.Get(t.Context(), at(t, srv, "rebind.example", "/"), Validators{})
			fe := requireKind(t, err, ErrBlocked)
			assert.Contains(t, fe.Msg, "rebind.example resolves to")
			assert.Zero(t, hits.Load())
		})
	}

	t.Run("every address checked", func(t *testing.T) {
		srv, hits := serve(t, ok("secret"))
		c := New(Options{Logger: quiet, LookupIP: hosts(map[string][]string{"rebind.example": {"10.0.0.1", "127.0.0.1"}})})
		_, err := c.Get(t.Context(), at(t, srv, "rebind.example", "/"), Validators{})
		requireKind(t, err, ErrBlocked)
		assert.Zero(t, hits.Load())
	})

	t.Run("refused addresses skipped, allowed one used", func(t *testing.T) {
		// Proves the resolver hook is what the dialer uses.
		srv, hits := serve(t, ok("hello"))
		c := testClient(Options{LookupIP: hosts(map[string][]string{"rebind.example": {"10.0.0.1", "169.254.169.254", "127.0.0.1"}})})
		resp, err := c.Get(t.Context(), at(t, srv, "rebind.example", "/"), Validators{})
		require.NoError(t, err)
		assert.Equal(t, "hello", string(resp.Body))
		assert.EqualValues(t, 1, hits.Load())
	})
}

func TestRedirects(t *testing.T) {
	var srvURL string
	srv, hits := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if to := r.URL.Query().Get("to"); to != "" {
			http.Redirect(w, r, strings.ReplaceAll(to, "SELF", srvURL), http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, "landed")
	})
	srvURL = srv.URL
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	c := testClient(Options{LookupIP: hosts(map[string][]string{"rebind.example": {"10.0.0.1"}})})

	t.Run("allowed", func(t *testing.T) {
		resp, err := c.Get(t.Context(), srv.URL+"/?to="+url.QueryEscape("SELF/final"), Validators{})
		require.NoError(t, err)
		assert.Equal(t, "landed", string(resp.Body))
		assert.Equal(t, srv.URL+"/final", resp.FinalURL)
	})

	refused := []string{
		"http://10.0.0.1/",
		"http://169.254.169.254/latest/meta-data/iam/security-credentials/",
		"http://[fd00:ec2::254]/latest/meta-data/",
		"http://0xa9.254.169.254/",
		"http://rebind.example:" + port + "/",
		"file:///etc/passwd",
		"gopher://127.0.0.1:6379/_FLUSHALL",
		"ftp://example.com/",
	}
	for _, target := range refused {
		t.Run(target, func(t *testing.T) {
			before := hits.Load()
			_, err := c.Get(t.Context(), srv.URL+"/?to="+url.QueryEscape(target), Validators{})
			fe := requireKind(t, err, ErrBlocked)
			assert.Contains(t, fe.Msg, "Earshot")
			assert.Equal(t, before+1, hits.Load(), "only the first hop reaches a server")
		})
	}
}

func TestRedirectLimit(t *testing.T) {
	srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
			return
		}
		_, _ = io.WriteString(w, "end")
	})
	c := testClient(Options{})
	tests := []struct {
		hops int
		want error
	}{
		{0, nil},
		{MaxRedirects, nil},
		{MaxRedirects + 1, ErrUpstream},
		{50, ErrUpstream},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.hops), func(t *testing.T) {
			resp, err := c.Get(t.Context(), fmt.Sprintf("%s/hop/%d", srv.URL, tt.hops), Validators{})
			if tt.want == nil {
				require.NoError(t, err)
				assert.Equal(t, "end", string(resp.Body))
				return
			}
			fe := requireKind(t, err, tt.want)
			assert.Contains(t, fe.Msg, "redirected more than 5 times")
		})
	}
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestBodyLimit(t *testing.T) {
	const limit = 4 << 10
	random := make([]byte, 2*limit)
	_, _ = rand.Read(random)
	bomb := gzipped(t, make([]byte, 8<<20)) // 8 MB of zeros in ~8 KB
	small := []byte(strings.Repeat("<item/>", 100))

	tests := []struct {
		name    string
		body    []byte
		gzip    bool
		chunked bool // no Content-Length: the limit must hold while reading
		want    error
	}{
		{"at limit", random[:limit], false, false, nil},
		{"over limit", random[:limit+1], false, false, ErrTooLarge},
		{"over limit chunked", random, false, true, ErrTooLarge},
		{"gzip small", gzipped(t, small), true, false, nil},
		{"gzip bomb", bomb[:3<<10], true, true, ErrTooLarge}, // a valid prefix, small on the wire
		{"gzip bomb whole", bomb, true, true, ErrTooLarge},
		{"gzip wire over limit", gzipped(t, random), true, true, ErrTooLarge},
		{"gzip corrupt", []byte("\x1f\x8b\x08\x00garbage that is not deflate"), true, false, ErrUpstream},
		{"gzip truncated", gzipped(t, small)[:40], true, false, ErrUpstream},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, "gzip", r.Header.Get("Accept-Encoding"))
				if tt.gzip {
					w.Header().Set("Content-Encoding", "gzip")
				}
				if !tt.chunked {
					w.Header().Set("Content-Length", strconv.Itoa(len(tt.body)))
				}
				for b := tt.body; len(b) > 0; {
					n := min(len(b), 1024)
					_, _ = w.Write(b[:n])
					w.(http.Flusher).Flush()
					b = b[n:]
				}
			})
			resp, err := testClient(Options{MaxBodyBytes: limit}).Get(t.Context(), srv.URL, Validators{})
			if tt.want == nil {
				require.NoError(t, err)
				if tt.gzip {
					assert.Equal(t, small, resp.Body)
				} else {
					assert.Equal(t, tt.body, resp.Body)
				}
				return
			}
			fe := requireKind(t, err, tt.want)
			if tt.want == ErrTooLarge {
				assert.Contains(t, fe.Msg, "larger than 4 KB")
			}
		})
	}

	t.Run("default limit named in message", func(t *testing.T) {
		srv, _ := serve(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(MaxBodyBytes+1))
			w.WriteHeader(http.StatusOK)
		})
		_, err := testClient(Options{}).Get(t.Context(), srv.URL, Validators{})
		fe := requireKind(t, err, ErrTooLarge)
		assert.Equal(t, "the response is larger than 20 MB", fe.Msg)
	})

	t.Run("unknown encoding", func(t *testing.T) {
		srv, _ := serve(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "br")
			_, _ = io.WriteString(w, "xx")
		})
		_, err := testClient(Options{}).Get(t.Context(), srv.URL, Validators{})
		fe := requireKind(t, err, ErrUpstream)
		assert.Contains(t, fe.Msg, "(br)")
	})
}

func TestTimeouts(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		handler func(w http.ResponseWriter, r *http.Request, stop <-chan struct{})
	}{
		{
			name: "no headers, total timeout",
			opts: Options{Timeout: 100 * time.Millisecond},
			handler: func(_ http.ResponseWriter, r *http.Request, stop <-chan struct{}) {
				select {
				case <-r.Context().Done():
				case <-stop:
				}
			},
		},
		{
			name: "no headers, header timeout",
			opts: Options{ResponseHeaderTimeout: 50 * time.Millisecond},
			handler: func(_ http.ResponseWriter, r *http.Request, stop <-chan struct{}) {
				select {
				case <-r.Context().Done():
				case <-stop:
				}
			},
		},
		{
			name: "body stalls",
			opts: Options{Timeout: 100 * time.Millisecond},
			handler: func(w http.ResponseWriter, r *http.Request, stop <-chan struct{}) {
				w.Header().Set("Content-Length", "1000")
				_, _ = io.WriteString(w, "<rss>")
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
				case <-stop:
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stop := make(chan struct{})
			srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) { tt.handler(w, r, stop) })
			t.Cleanup(func() { close(stop) }) // runs before srv.Close
			_, err := testClient(tt.opts).Get(t.Context(), srv.URL, Validators{})
			fe := requireKind(t, err, ErrTimeout)
			assert.Contains(t, fe.Msg, "took too long to answer")
		})
	}

	t.Run("caller cancels", func(t *testing.T) {
		stop := make(chan struct{})
		srv, _ := serve(t, func(_ http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		})
		t.Cleanup(func() { close(stop) })
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := testClient(Options{}).Get(ctx, srv.URL, Validators{})
		require.ErrorIs(t, err, context.Canceled)
		for _, k := range kinds {
			assert.NotErrorIs(t, err, k)
		}
	})
}

func TestConditionalGet(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Tue, 03 Mar 2026 10:00:00 GMT"
	srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/bare304" {
			w.Header().Set("ETag", etag)
			w.Header().Set("Last-Modified", lastMod)
		}
		inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if (inm != "" && inm == etag) || (inm == "" && ims == lastMod) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = io.WriteString(w, "<rss/>")
	})
	c := testClient(Options{})

	tests := []struct {
		name         string
		path         string
		v            Validators
		notModified  bool
		wantETag     string
		wantLastMod  string
		wantBodySize int
	}{
		{"no validators", "/", Validators{}, false, etag, lastMod, 6},
		{"etag matches", "/", Validators{ETag: etag}, true, etag, lastMod, 0},
		{"last-modified matches", "/", Validators{LastModified: lastMod}, true, etag, lastMod, 0},
		{"both match", "/", Validators{ETag: etag, LastModified: lastMod}, true, etag, lastMod, 0},
		{"stale etag", "/", Validators{ETag: `"v0"`}, false, etag, lastMod, 6},
		{"304 without validators keeps ours", "/bare304", Validators{ETag: etag, LastModified: lastMod}, true, etag, lastMod, 0},
		{"header injection not sent", "/", Validators{ETag: "\"v1\"\r\nX-Evil: 1"}, false, etag, lastMod, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(t.Context(), srv.URL+tt.path, tt.v)
			require.NoError(t, err)
			assert.Equal(t, tt.notModified, resp.NotModified)
			assert.Equal(t, tt.wantETag, resp.ETag)
			assert.Equal(t, tt.wantLastMod, resp.LastModified)
			assert.Len(t, resp.Body, tt.wantBodySize)
			if tt.notModified {
				assert.Nil(t, resp.Body)
				assert.Equal(t, http.StatusNotModified, resp.StatusCode)
			}
		})
	}

	t.Run("unasked 304 is an upstream error", func(t *testing.T) {
		// Without validators a 304 leaves the caller with nothing to show.
		srv304, _ := serve(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotModified) })
		_, err := c.Get(t.Context(), srv304.URL, Validators{})
		fe := requireKind(t, err, ErrUpstream)
		assert.Equal(t, http.StatusNotModified, fe.StatusCode)
	})
}

func TestGetRange(t *testing.T) {
	media := make([]byte, 1000)
	for i := range media {
		media[i] = byte(i)
	}
	var gotRange, gotEncoding atomic.Value
	ranged, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotRange.Store(r.Header.Get("Range"))
		gotEncoding.Store(r.Header.Get("Accept-Encoding"))
		http.ServeContent(w, r, "ep.mp3", time.Time{}, bytes.NewReader(media))
	})
	whole, _ := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(media) // ignores Range
	})

	tests := []struct {
		name     string
		srv      *httptest.Server
		from, to int64
		want     []byte
		status   int
	}{
		{"head 206", ranged, 0, 9, media[:10], http.StatusPartialContent},
		{"middle 206", ranged, 100, 199, media[100:200], http.StatusPartialContent},
		{"past end 206", ranged, 990, 2000, media[990:], http.StatusPartialContent},
		{"head 200", whole, 0, 9, media[:10], http.StatusOK},
		{"middle 200", whole, 100, 199, media[100:200], http.StatusOK},
		{"past end 200", whole, 990, 2000, media[990:], http.StatusOK},
		{"beyond file 200", whole, 5000, 5010, []byte{}, http.StatusOK},
	}
	c := testClient(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.GetRange(t.Context(), tt.srv.URL+"/ep.mp3", tt.from, tt.to)
			require.NoError(t, err)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, tt.want, resp.Body)
		})
	}
	_, err := c.GetRange(t.Context(), ranged.URL, 0, 9)
	require.NoError(t, err)
	assert.Equal(t, "bytes=0-9", gotRange.Load())
	assert.Equal(t, "identity", gotEncoding.Load())

	t.Run("not satisfiable", func(t *testing.T) {
		_, err := c.GetRange(t.Context(), ranged.URL, 5000, 5010)
		fe := requireKind(t, err, ErrUpstream)
		assert.Equal(t, http.StatusRequestedRangeNotSatisfiable, fe.StatusCode)
	})
	for _, r := range [][2]int64{{-1, 5}, {5, 4}, {0, MaxBodyBytes}} {
		t.Run(fmt.Sprintf("invalid %d-%d", r[0], r[1]), func(t *testing.T) {
			_, err := c.GetRange(t.Context(), ranged.URL, r[0], r[1])
			requireKind(t, err, ErrBadURL)
		})
	}
}

func TestUpstreamFailures(t *testing.T) {
	tests := []struct {
		status int
		msg    string
	}{
		{http.StatusNotFound, "answered 404 Not Found"},
		{http.StatusGone, "answered 410 Gone"},
		{http.StatusInternalServerError, "answered 500 Internal Server Error"},
		{http.StatusForbidden, "answered 403 Forbidden"},
		{599, "answered status 599"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			srv, _ := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, "<html>oops</html>")
			})
			_, err := testClient(Options{}).Get(t.Context(), srv.URL+"/feed.xml", Validators{})
			fe := requireKind(t, err, ErrUpstream)
			assert.Equal(t, "127.0.0.1 "+tt.msg, fe.Msg)
			assert.Equal(t, tt.status, fe.StatusCode)
			assert.Contains(t, err.Error(), srv.URL+"/feed.xml")
		})
	}

	t.Run("connection refused", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		u := srv.URL
		srv.Close()
		_, err := testClient(Options{}).Get(t.Context(), u, Validators{})
		fe := requireKind(t, err, ErrUpstream)
		assert.Contains(t, fe.Msg, "refused the connection")
	})

	t.Run("unknown host", func(t *testing.T) {
		c := testClient(Options{LookupIP: hosts(nil)})
		_, err := c.Get(t.Context(), "https://nope.example/feed", Validators{})
		fe := requireKind(t, err, ErrUpstream)
		assert.Equal(t, "the host name nope.example does not exist", fe.Msg)
	})

	t.Run("plain http on https URL", func(t *testing.T) {
		srv, _ := serve(t, ok("<rss/>"))
		_, err := testClient(Options{}).Get(t.Context(), strings.Replace(srv.URL, "http:", "https:", 1), Validators{})
		fe := requireKind(t, err, ErrUpstream)
		assert.Contains(t, fe.Msg, "does not speak HTTPS")
	})

	t.Run("untrusted certificate", func(t *testing.T) {
		srv := httptest.NewUnstartedServer(ok("<rss/>"))
		srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
		srv.StartTLS()
		t.Cleanup(srv.Close)
		_, err := testClient(Options{}).Get(t.Context(), srv.URL, Validators{})
		fe := requireKind(t, err, ErrUpstream)
		assert.Contains(t, fe.Msg, "TLS certificate")
	})

	t.Run("password redacted", func(t *testing.T) {
		srv, _ := serve(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusUnauthorized) })
		u := strings.Replace(srv.URL, "http://", "http://me:hunter2@", 1)
		_, err := testClient(Options{}).Get(t.Context(), u, Validators{})
		requireKind(t, err, ErrUpstream)
		assert.NotContains(t, err.Error(), "hunter2")
	})
}

func TestRequestHeaders(t *testing.T) {
	var ua atomic.Value
	srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.Header.Get("User-Agent"))
	})
	_, err := testClient(Options{}).Get(t.Context(), srv.URL, Validators{})
	require.NoError(t, err)
	assert.Equal(t, "Earshot/1.0 (+https://github.com/earshot/earshot)", ua.Load())
}

func TestPerHostLimit(t *testing.T) {
	const limit = 2
	var inFlight, maxInFlight atomic.Int64
	release := make(chan struct{})
	srv, hits := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		if r.URL.Path == "/hold" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
		_, _ = io.WriteString(w, "ok")
	})
	c := testClient(Options{
		MaxPerHost: limit,
		LookupIP:   hosts(map[string][]string{"a.example": {"127.0.0.1"}, "b.example": {"127.0.0.1"}}),
	})

	// Fill a.example's slots.
	var wg sync.WaitGroup
	errs := make(chan error, limit)
	for range limit {
		wg.Go(func() {
			_, err := c.Get(t.Context(), at(t, srv, "a.example", "/hold"), Validators{})
			errs <- err
		})
	}
	require.Eventually(t, func() bool { return inFlight.Load() == limit }, 5*time.Second, time.Millisecond)

	// A third request to the same host waits for a slot and gives up.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	_, err := c.Get(ctx, at(t, srv, "a.example", "/"), Validators{})
	cancel()
	fe := requireKind(t, err, ErrTimeout)
	assert.Contains(t, fe.Msg, "too many requests to a.example")
	assert.EqualValues(t, limit, hits.Load(), "the queued request must not reach the server")

	// Another host name is not held up.
	resp, err := c.Get(t.Context(), at(t, srv, "b.example", "/"), Validators{})
	require.NoError(t, err)
	assert.Equal(t, "ok", string(resp.Body))

	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}

	// Under load, a.example never sees more than limit at once.
	maxInFlight.Store(0)
	for range 12 {
		wg.Go(func() {
			_, err := c.Get(t.Context(), at(t, srv, "a.example", "/"), Validators{})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, maxInFlight.Load(), int64(limit))
	assert.Positive(t, maxInFlight.Load())

	// Slots are returned: the limiter forgets idle hosts.
	c2 := c.http.Transport.(*limitedTransport).limiter
	c2.mu.Lock()
	assert.Empty(t, c2.hosts)
	c2.mu.Unlock()
}

func TestErrorFormat(t *testing.T) {
	err := &Error{Kind: ErrUpstream, URL: "https://example.com/feed", Msg: "example.com answered 404 Not Found", Err: io.EOF}
	assert.Equal(t, `fetch "https://example.com/feed": example.com answered 404 Not Found: EOF`, err.Error())
	assert.ErrorIs(t, err, ErrUpstream)
	assert.ErrorIs(t, err, io.EOF)
	wrapped := fmt.Errorf("feed: %w", err)
	assert.ErrorIs(t, wrapped, ErrUpstream)
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{20 << 20: "20 MB", 4 << 10: "4 KB", 1000: "1000 bytes", 1536: "1536 bytes"} {
		assert.Equal(t, want, formatBytes(n))
	}
}

func BenchmarkGet(b *testing.B) {
	body := bytes.Repeat([]byte("<item><title>x</title></item>"), 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	c := testClient(Options{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Get(ctx, srv.URL, Validators{})
		if err != nil || len(resp.Body) != len(body) {
			b.Fatal(err)
		}
	}
}
