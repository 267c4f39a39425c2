package fetch

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One client never has more than MaxInFlight requests running, whatever
// their hosts; a request beyond it waits, then gives up with a timeout.
func TestGlobalInFlightLimit(t *testing.T) {
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
	names := []string{"a.example", "b.example", "c.example", "d.example"}
	table := map[string][]string{}
	for _, n := range names {
		table[n] = []string{"127.0.0.1"}
	}
	c := testClient(Options{MaxInFlight: limit, MaxPerHost: 4, LookupIP: hosts(table)})

	// Two hosts take both slots.
	var wg sync.WaitGroup
	for _, h := range names[:limit] {
		wg.Go(func() {
			_, err := c.Get(t.Context(), at(t, srv, h, "/hold"), Validators{})
			assert.NoError(t, err)
		})
	}
	require.Eventually(t, func() bool { return inFlight.Load() == limit }, 5*time.Second, time.Millisecond)

	// A third host waits and gives up; it never reaches the server.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	_, err := c.Get(ctx, at(t, srv, "c.example", "/"), Validators{})
	cancel()
	fe := requireKind(t, err, ErrTimeout)
	assert.Contains(t, fe.Msg, "too many other feeds")
	assert.EqualValues(t, limit, hits.Load())

	close(release)
	wg.Wait()

	// Under load over many hosts, never more than the limit at once, and
	// every slot comes back.
	maxInFlight.Store(0)
	for i := range 16 {
		wg.Go(func() {
			_, err := c.Get(t.Context(), at(t, srv, names[i%len(names)], "/"), Validators{})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, maxInFlight.Load(), int64(limit))
	assert.Positive(t, maxInFlight.Load())
	assert.Empty(t, c.http.Transport.(*limitedTransport).all, "every slot returned")
}
