package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"code.dny.dev/ssrf"
)

// The kinds of failure a fetch reports. Every error returned by [Client.Get]
// and [Client.GetRange] matches exactly one of them with [errors.Is] (or, when
// the caller's own context was canceled, [context.Canceled]), so the HTTP layer
// can turn them into statuses in one place. The status in each comment is the
// one the HTTP layer is expected to answer with.
var (
	// ErrBadURL: the URL cannot be fetched as written (400).
	ErrBadURL = errors.New("bad url")
	// ErrBlocked: the URL, a redirect or a DNS answer leads to an address
	// Earshot refuses to connect to, such as a private network (403).
	ErrBlocked = errors.New("blocked address")
	// ErrTooLarge: the response is larger than the body limit (413).
	ErrTooLarge = errors.New("response too large")
	// ErrUpstream: the origin failed: a non-2xx status, DNS failure, refused
	// connection, bad TLS, a broken body or too many redirects (502).
	ErrUpstream = errors.New("upstream error")
	// ErrTimeout: the origin did not answer in time (504).
	ErrTimeout = errors.New("upstream timeout")
)

// Error is the error every failed fetch returns. Msg is written for the person
// who pasted the URL ("the host answered 404 Not Found"), carries no internals
// and is safe to show; Err keeps the low-level cause for logs.
type Error struct {
	Kind       error  // one of ErrBadURL, ErrBlocked, ErrTooLarge, ErrUpstream, ErrTimeout
	URL        string // the requested URL, with any password redacted
	Msg        string // what went wrong, for a user
	StatusCode int    // the origin's HTTP status when it answered with a non-2xx one; else 0
	Err        error  // the underlying cause, if any
}

// Error formats as `fetch "URL": Msg: cause`.
func (e *Error) Error() string {
	s := fmt.Sprintf("fetch %q: %s", e.URL, e.Msg)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap exposes both the kind and the cause, so errors.Is(err, ErrTimeout)
// and errors.Is(err, context.DeadlineExceeded) both work.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// blockedAddrError is returned by the dialer when a host name resolves only
// to addresses the client refuses. It names the address so the user learns
// why a harmless-looking host name was refused.
type blockedAddrError struct {
	host string
	addr string
	why  string
}

func (e *blockedAddrError) Error() string {
	if e.host == e.addr {
		return fmt.Sprintf("%s is %s; Earshot only fetches from the public internet", e.addr, e.why)
	}
	return fmt.Sprintf("%s resolves to %s, %s; Earshot only fetches from the public internet", e.host, e.addr, e.why)
}

// errSlotWait marks a request that timed out while queued behind other
// requests to the same host, so the message can say so.
var errSlotWait = errors.New("waiting for a free connection slot")

// errBusy marks a request that timed out while the client had MaxInFlight
// requests running.
var errBusy = errors.New("waiting for a free fetch slot")

// classify turns an error from http.Client.Do or a body read into an *Error.
// parent is the caller's context: when it was canceled, the caller gave up,
// and that is reported as such rather than blamed on the origin.
func (c *Client) classify(parent context.Context, redacted, host string, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		if fe.URL == "" {
			fe.URL = redacted
		}
		return fe
	}
	mk := func(kind error, msg string) *Error {
		return &Error{Kind: kind, URL: redacted, Msg: msg, Err: err}
	}

	var be *blockedAddrError
	if errors.As(err, &be) {
		return mk(ErrBlocked, be.Error())
	}
	if errors.Is(err, ssrf.ErrProhibitedIP) || errors.Is(err, ssrf.ErrProhibitedPort) ||
		errors.Is(err, ssrf.ErrProhibitedNetwork) || errors.Is(err, ssrf.ErrInvalidHostPort) {
		return mk(ErrBlocked, fmt.Sprintf("%s leads to an address Earshot does not connect to; Earshot only fetches from the public internet", host))
	}
	if errors.Is(parent.Err(), context.Canceled) {
		return fmt.Errorf("fetch %q: %w", redacted, context.Canceled)
	}
	if errors.Is(err, errBusy) {
		return mk(ErrTimeout, fmt.Sprintf("Earshot was fetching too many other feeds; gave up waiting after %s", c.opts.Timeout))
	}
	if errors.Is(err, errSlotWait) {
		return mk(ErrTimeout, fmt.Sprintf("too many requests to %s were already running; gave up waiting after %s", host, c.opts.Timeout))
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return mk(ErrTimeout, fmt.Sprintf("%s took too long to answer", host))
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return mk(ErrUpstream, fmt.Sprintf("the host name %s does not exist", host))
		}
		return mk(ErrUpstream, fmt.Sprintf("the host name %s could not be looked up", host))
	}
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var unknownAuth x509.UnknownAuthorityError
	var invalidCert x509.CertificateInvalidError
	if errors.As(err, &certErr) || errors.As(err, &hostErr) || errors.As(err, &unknownAuth) || errors.As(err, &invalidCert) {
		return mk(ErrUpstream, fmt.Sprintf("the TLS certificate of %s is not valid", host))
	}
	var recErr tls.RecordHeaderError
	// net/http turns the TLS record error into a plain string error; its
	// text has been stable since Go 1.11.
	if errors.As(err, &recErr) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
		return mk(ErrUpstream, fmt.Sprintf("%s does not speak HTTPS on this port", host))
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return mk(ErrUpstream, fmt.Sprintf("%s refused the connection", host))
	}
	if errors.Is(err, syscall.ECONNRESET) {
		return mk(ErrUpstream, fmt.Sprintf("%s closed the connection", host))
	}
	return mk(ErrUpstream, fmt.Sprintf("could not get a response from %s", host))
}
