// Package fetch is the one HTTP client the server uses to get bytes from
// hosts on the internet: feeds, chapter files, transcripts and the first bytes
// of media files (for their ID3 tags).
//
// Every URL it is given comes from a stranger, so it is safe by construction:
// only http and https; no connections to loopback, private, link-local, CGNAT,
// multicast, reserved or cloud-metadata addresses, checked when the socket is
// dialed (so DNS rebinding and redirects cannot get around it); at most
// [MaxRedirects] redirects; bodies bounded on the wire and after
// decompression; named timeouts; and caps on requests in flight, per host
// ([MaxPerHost]) and in all ([MaxInFlight]).
//
// Failures are *Error values whose Kind (ErrBadURL, ErrBlocked, ErrTooLarge,
// ErrUpstream, ErrTimeout) the HTTP layer maps to a status in one place.
package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"code.dny.dev/ssrf"
)

// Limits. Each can be lowered through Options (tests use small ones); the
// defaults suit a feed fetched while a listener waits for the page.
const (
	// MaxBodyBytes is the largest body accepted, compressed or not. The
	// biggest real feeds (thousands of episodes with full show notes) are
	// around 10 MB.
	MaxBodyBytes = 20 << 20
	// Timeout bounds a whole fetch: queueing, DNS, connect, redirects and
	// reading the body.
	Timeout = 15 * time.Second
	// ConnectTimeout bounds one TCP connect.
	ConnectTimeout = 5 * time.Second
	// TLSHandshakeTimeout bounds one TLS handshake.
	TLSHandshakeTimeout = 5 * time.Second
	// ResponseHeaderTimeout bounds the wait for response headers once the
	// request is sent.
	ResponseHeaderTimeout = 10 * time.Second
	// MaxPerHost is how many requests may be in flight to one host name.
	MaxPerHost = 4
	// MaxInFlight is how many requests one Client may have in flight in
	// all, whatever their hosts: a flood of distinct feed URLs (each host
	// within its own limit) must not open connections without bound. A
	// request waits for a free slot within its Timeout.
	MaxInFlight = 64
	// MaxRedirects is how many redirects one fetch follows.
	MaxRedirects = 5

	// maxHeaderBytes bounds the response headers.
	maxHeaderBytes = 64 << 10
	// rangeSlackBytes is how many wire bytes beyond a requested range a
	// ranged read tolerates (gzip framing) before giving up.
	rangeSlackBytes = 64 << 10
	// idleConnTimeout is how long an unused keep-alive connection is kept.
	idleConnTimeout = 90 * time.Second
)

// UserAgent identifies Earshot to podcast hosts, with a link to the project
// so a host operator can find out who is calling.
const UserAgent = "Earshot/1.0 (+https://github.com/earshot/earshot)"

// Options configures a Client. The zero value gives the production defaults.
type Options struct {
	// AllowLoopback lets the client connect to 127.0.0.0/8 and ::1: for the
	// demo show the server serves itself, and for tests against httptest
	// servers. Every other refused range stays refused.
	AllowLoopback bool

	// Limits; zero or negative means the package default.
	MaxBodyBytes          int64
	Timeout               time.Duration
	ConnectTimeout        time.Duration
	TLSHandshakeTimeout   time.Duration
	ResponseHeaderTimeout time.Duration
	MaxPerHost            int
	MaxInFlight           int

	// LookupIP resolves a host name; nil uses the system resolver. Tests set
	// it to make a name resolve to a refused address. Every address it
	// returns is checked before it is dialed.
	LookupIP func(ctx context.Context, host string) ([]netip.Addr, error)

	// Logger receives blocked attempts and failures; nil uses slog.Default().
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = MaxBodyBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = Timeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = ConnectTimeout
	}
	if o.TLSHandshakeTimeout <= 0 {
		o.TLSHandshakeTimeout = TLSHandshakeTimeout
	}
	if o.ResponseHeaderTimeout <= 0 {
		o.ResponseHeaderTimeout = ResponseHeaderTimeout
	}
	if o.MaxPerHost <= 0 {
		o.MaxPerHost = MaxPerHost
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = MaxInFlight
	}
	if o.LookupIP == nil {
		o.LookupIP = defaultLookupIP
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Client fetches from untrusted URLs. It is safe for concurrent use; make one
// per server and share it, so the per-host limit and keep-alive connections
// are shared too.
type Client struct {
	opts      Options
	guard     *ssrf.Guardian
	dialer    *net.Dialer
	transport *http.Transport
	http      *http.Client
	log       *slog.Logger
}

// New returns a Client configured by opts.
func New(opts Options) *Client {
	opts = opts.withDefaults()
	c := &Client{opts: opts, guard: newGuardian(opts.AllowLoopback), log: opts.Logger}
	c.dialer = &net.Dialer{
		Timeout:   opts.ConnectTimeout,
		KeepAlive: 30 * time.Second,
		Control:   c.guard.Safe,
	}
	c.transport = &http.Transport{
		// No proxy: through a proxy the dial check would see the proxy's
		// address, not the origin's.
		Proxy:                  nil,
		DialContext:            c.dialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    opts.TLSHandshakeTimeout,
		ResponseHeaderTimeout:  opts.ResponseHeaderTimeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		IdleConnTimeout:        idleConnTimeout,
		MaxIdleConns:           100,
		// We ask for gzip ourselves and decompress under our own limit;
		// the transport's transparent gzip would hide the wire size.
		DisableCompression: true,
	}
	c.http = &http.Client{
		Transport: &limitedTransport{base: c.transport, limiter: newHostLimiter(opts.MaxPerHost),
			all: make(chan struct{}, opts.MaxInFlight)},
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// CloseIdleConnections closes keep-alive connections not in use, for a
// graceful shutdown.
func (c *Client) CloseIdleConnections() { c.transport.CloseIdleConnections() }

// Validators are the cache validators of a previous response, sent as
// If-None-Match and If-Modified-Since. Empty fields are not sent.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched body and the metadata the caller needs to cache it.
type Response struct {
	Body         []byte // nil when NotModified
	FinalURL     string // after redirects; relative links in the body resolve against it
	ContentType  string
	ETag         string
	LastModified string
	NotModified  bool // the origin answered 304 to the Validators
	StatusCode   int
}

// Get fetches url, sending v as conditional headers. A 304 answer gives a
// Response with NotModified set and the validators to keep. Any other non-2xx
// answer is an ErrUpstream *Error carrying the status.
func (c *Client) Get(ctx context.Context, url string, v Validators) (*Response, error) {
	return c.do(ctx, url, request{validators: v})
}

// GetRange fetches bytes from through to (inclusive, like the HTTP Range
// header) of url, for reading the ID3 tag at the head of a media file without
// downloading it. An origin that ignores ranges and answers 200 is accepted:
// the bytes before from are skipped and reading stops after to. The body may
// be shorter than asked when the file is.
func (c *Client) GetRange(ctx context.Context, url string, from, to int64) (*Response, error) {
	if from < 0 || to < from || to-from >= c.opts.MaxBodyBytes {
		return nil, &Error{Kind: ErrBadURL, URL: redact(url), Msg: fmt.Sprintf("bytes %d-%d is not a valid range of at most %s", from, to, formatBytes(c.opts.MaxBodyBytes))}
	}
	return c.do(ctx, url, request{ranged: true, from: from, to: to})
}

type request struct {
	validators Validators
	ranged     bool
	from, to   int64
}

func (c *Client) do(ctx context.Context, rawURL string, r request) (*Response, error) {
	u, err := c.ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	redacted, host := u.Redacted(), u.Hostname()
	start := time.Now()

	tctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(tctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Kind: ErrBadURL, URL: redacted, Msg: "this is not a valid URL", Err: err}
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "*/*")
	if r.ranged {
		// Ranges of a compressed representation cannot be decoded.
		req.Header.Set("Accept-Encoding", "identity")
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", r.from, r.to))
	} else {
		req.Header.Set("Accept-Encoding", "gzip")
		if validHeaderValue(r.validators.ETag) {
			req.Header.Set("If-None-Match", r.validators.ETag)
		}
		if validHeaderValue(r.validators.LastModified) {
			req.Header.Set("If-Modified-Since", r.validators.LastModified)
		}
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.fail(ctx, redacted, host, err)
	}
	defer resp.Body.Close()

	out := &Response{
		FinalURL:     resp.Request.URL.String(),
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		StatusCode:   resp.StatusCode,
	}
	code := resp.StatusCode
	switch {
	case code == http.StatusNotModified && !r.ranged && (r.validators.ETag != "" || r.validators.LastModified != ""):
		out.NotModified = true
		// A 304 may omit validators that did not change; keep the old ones.
		if out.ETag == "" {
			out.ETag = r.validators.ETag
		}
		if out.LastModified == "" {
			out.LastModified = r.validators.LastModified
		}
		c.log.Debug("fetch not modified", "url", redacted, "duration", time.Since(start))
		return out, nil
	case r.ranged && code == http.StatusRequestedRangeNotSatisfiable:
		return nil, c.fail(ctx, redacted, host, &Error{Kind: ErrUpstream, Msg: fmt.Sprintf("%s has no bytes %d-%d in this file", host, r.from, r.to), StatusCode: code})
	case code < 200 || code > 299:
		return nil, c.fail(ctx, redacted, host, &Error{Kind: ErrUpstream, Msg: fmt.Sprintf("%s answered %s", host, statusText(code)), StatusCode: code})
	}

	var body []byte
	if r.ranged {
		skip := int64(0)
		if code != http.StatusPartialContent {
			skip = r.from
		}
		body, err = c.readBody(resp, skip, r.to-r.from+1, true)
	} else {
		body, err = c.readBody(resp, 0, c.opts.MaxBodyBytes, false)
	}
	if err != nil {
		return nil, c.fail(ctx, redacted, host, err)
	}
	out.Body = body
	c.log.Debug("fetch done", "url", redacted, "status", code, "bytes", len(body), "duration", time.Since(start))
	return out, nil
}

// fail classifies err and logs it once.
func (c *Client) fail(ctx context.Context, redacted, host string, err error) error {
	err = c.classify(ctx, redacted, host, err)
	c.log.Info("fetch failed", "url", redacted, "err", err)
	return err
}

// readBody reads at most limit bytes of body after skipping skip bytes,
// decompressing gzip under the same limit. When truncate is set, reading
// stops at the limit; otherwise more is an ErrTooLarge error. The wire is
// bounded as well, so a body that decompresses to nothing cannot stream
// forever.
func (c *Client) readBody(resp *http.Response, skip, limit int64, truncate bool) ([]byte, error) {
	tooLarge := &Error{Kind: ErrTooLarge, Msg: fmt.Sprintf("the response is larger than %s", formatBytes(limit))}
	wireLimit := limit
	if truncate {
		wireLimit = skip + limit + rangeSlackBytes
	} else if resp.ContentLength > limit {
		return nil, tooLarge
	}
	var r io.Reader = &capReader{r: resp.Body, left: wireLimit}

	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	switch enc {
	case "", "identity":
	case "gzip", "x-gzip":
		if resp.StatusCode == http.StatusPartialContent {
			return nil, &Error{Kind: ErrUpstream, Msg: "the host sent a compressed byte range, which cannot be read"}
		}
		gz, err := gzip.NewReader(r)
		if errors.Is(err, io.EOF) {
			return []byte{}, nil // an empty body, gzip or not
		}
		if err != nil {
			return nil, readError(err, tooLarge)
		}
		defer gz.Close()
		r = gz
	default:
		return nil, &Error{Kind: ErrUpstream, Msg: fmt.Sprintf("the host sent the body in an encoding Earshot cannot read (%s)", shorten(enc))}
	}

	if skip > 0 {
		if _, err := io.CopyN(io.Discard, r, skip); err != nil {
			if errors.Is(err, io.EOF) {
				return []byte{}, nil
			}
			return nil, readError(err, tooLarge)
		}
	}
	readLimit := limit + 1
	if truncate {
		readLimit = limit
	}
	b, err := io.ReadAll(io.LimitReader(r, readLimit))
	if err != nil {
		return nil, readError(err, tooLarge)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge
	}
	return b, nil
}

// readError classifies a failure while reading the body.
func readError(err error, tooLarge *Error) error {
	switch {
	case errors.Is(err, errWireTooLarge):
		return tooLarge
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Kind: ErrUpstream, Msg: "the host sent an incomplete or corrupt body", Err: err}
	default:
		return err // timeouts and connection errors: classify sorts them out
	}
}

// checkRedirect applies the URL rules to every redirect target and caps the
// number of hops. Addresses are checked again when the target is dialed.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return &Error{Kind: ErrUpstream, Msg: fmt.Sprintf("%s redirected more than %d times", via[0].URL.Hostname(), MaxRedirects)}
	}
	if kind, msg := c.checkURL(req.URL); kind != nil {
		from := via[len(via)-1].URL.Hostname()
		return &Error{Kind: ErrBlocked, Msg: fmt.Sprintf("%s redirected to a URL Earshot does not follow: %s", from, msg)}
	}
	return nil
}

// statusText formats a status with the standard reason phrase, never the
// origin's own, which could say anything.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return "status " + strconv.Itoa(code)
}

// formatBytes writes a limit the way a person would: "20 MB", "512 KB".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// validHeaderValue reports whether s is non-empty and safe to send as a
// header value. Validators come from earlier responses and are not trusted.
func validHeaderValue(s string) bool {
	if s == "" || len(s) > 1024 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}
