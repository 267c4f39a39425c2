package e2e

import (
	"os"
	"path/filepath"
	"testing"

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
