package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// hostLimiter caps the requests in flight per host name, so one slow or
// hostile host cannot take every connection, and so Earshot stays polite to
// small podcast hosts when many listeners open the same show at once.
// Entries are removed when no request holds or waits for them, so the map
// does not grow with every host ever seen.
type hostLimiter struct {
	max   int
	mu    sync.Mutex
	hosts map[string]*hostSlots
}

type hostSlots struct {
	sem   chan struct{}
	users int // holders plus waiters; guarded by hostLimiter.mu
}

func newHostLimiter(max int) *hostLimiter {
	return &hostLimiter{max: max, hosts: make(map[string]*hostSlots)}
}

// acquire waits for a slot for host. The returned release must be called
// exactly once; calling it again does nothing.
func (l *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	l.mu.Lock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSlots{sem: make(chan struct{}, l.max)}
		l.hosts[host] = s
	}
	s.users++
	l.mu.Unlock()

	done := func() {
		l.mu.Lock()
		s.users--
		if s.users == 0 {
			delete(l.hosts, host)
		}
		l.mu.Unlock()
	}
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		done()
		return nil, fmt.Errorf("%w for %s: %w", errSlotWait, host, ctx.Err())
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-s.sem
			done()
		})
	}, nil
}

// limitedTransport holds a host slot and one of the client's MaxInFlight
// slots from the start of each round trip until its response body is
// closed. It sits under http.Client, so every redirect hop is counted
// against its own host. The host slot is taken first: requests queued
// behind one slow host do not hold slots that other hosts could use.
type limitedTransport struct {
	base    http.RoundTripper
	limiter *hostLimiter
	all     chan struct{} // one token per request in flight
}

func (t *limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host, err := t.limiter.acquire(req.Context(), strings.ToLower(req.URL.Hostname()))
	if err != nil {
		return nil, err
	}
	select {
	case t.all <- struct{}{}:
	case <-req.Context().Done():
		host()
		return nil, fmt.Errorf("%w: %w", errBusy, req.Context().Err())
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			<-t.all
			host()
		})
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releaseOnClose{ReadCloser: resp.Body, release: release}
	return resp, nil
}

type releaseOnClose struct {
	io.ReadCloser
	release func()
}

func (b *releaseOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// errWireTooLarge is returned by capReader when more bytes arrive than allowed.
var errWireTooLarge = errors.New("more bytes on the wire than allowed")

// capReader bounds the bytes read from the wire, before any decompression.
// Unlike io.LimitReader it reports going over the limit as an error, so a
// gzip reader on top of it fails instead of seeing a clean end of stream.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errWireTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
