package chapters

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// readTestdata reads a file under testdata/.
func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	require.NoError(tb, err)
	return b
}

// assertGolden compares chs, as indented JSON, with testdata/golden/<name>,
// or rewrites that file under -update.
func assertGolden(t *testing.T, name string, chs []podcast.Chapter) {
	t.Helper()
	got, err := json.MarshalIndent(chs, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test -update")
	assert.Equal(t, string(want), string(got), "golden %s differs; run go test -update and review the diff", path)
}

// checkInvariants asserts what every parser here promises about its output,
// whatever the input.
func checkInvariants(t *testing.T, chs []podcast.Chapter, src podcast.ChapterSource) {
	t.Helper()
	assert.LessOrEqual(t, len(chs), MaxChapters)
	for i, c := range chs {
		if !(c.Start >= 0 && c.Start <= maxStart) || math.IsNaN(c.Start) {
			t.Fatalf("chapter %d: start %v out of range", i, c.Start)
		}
		if c.End != 0 && !(c.End > c.Start) {
			t.Fatalf("chapter %d: end %v not after start %v", i, c.End, c.Start)
		}
		if c.Source != src {
			t.Fatalf("chapter %d: source %q, want %q", i, c.Source, src)
		}
		if !utf8.ValidString(c.Title) || strings.ContainsAny(c.Title, "\n\r\t\x00") || len(c.Title) > maxTitleBytes {
			t.Fatalf("chapter %d: untidy title %q", i, c.Title)
		}
		if c.URL != "" && !strings.HasPrefix(c.URL, "http://") && !strings.HasPrefix(c.URL, "https://") {
			t.Fatalf("chapter %d: unsafe url %q", i, c.URL)
		}
		if c.Image != "" && !strings.HasPrefix(c.Image, "http://") && !strings.HasPrefix(c.Image, "https://") &&
			!strings.HasPrefix(c.Image, "data:image/") {
			t.Fatalf("chapter %d: unsafe image %q", i, c.Image)
		}
	}
}
