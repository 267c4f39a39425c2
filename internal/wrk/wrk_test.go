package wrk

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
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
	r, err := Parse([]byte(clean))
	require.NoError(t, err)
	assert.Equal(t, Result{ReqPerSec: 8045.11, P50: 30120 * time.Microsecond, P99: 850500 * time.Nanosecond, Requests: 80612,
		Summary: "50% 30.12ms; 75% 38.40ms; 90% 46.02ms; 99% 850.50us; 80612 requests in 10.02s, 95.13MB read"}, r)

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
	r, err = Parse([]byte(failing))
	require.NoError(t, err)
	assert.Equal(t, 100.0, r.ReqPerSec)
	assert.Equal(t, 100*time.Millisecond, r.P50)
	assert.Equal(t, 1200*time.Millisecond, r.P99)
	assert.Equal(t, 910, r.Errors)
	assert.Equal(t, 1000, r.Requests)

	_, err = Parse([]byte("Requests/sec: 5\n"))
	assert.Error(t, err, "no latency distribution")
	_, err = Parse([]byte("  Latency Distribution\n     99%    1.20s\nRequests/sec: 5\n"))
	assert.Error(t, err, "no median")
}

func TestRunWithoutWrk(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Run(t.Context(), "http://127.0.0.1:1/")
	assert.True(t, errors.Is(err, ErrNotInstalled), "%v", err)
}
