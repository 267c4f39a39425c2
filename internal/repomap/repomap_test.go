package repomap

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the repository, from this package's folder.
const root = "../.."

// rowRe finds a row of the Folders table: "| `server/feed/…` | …".
var rowRe = regexp.MustCompile("(?m)^\\| `([a-z0-9/_.…-]+)` \\|")

// TestFolderMapMatchesTree: every folder with Go files has a row (its own,
// or a "dir/…" row above it), and every row names a folder that exists.
func TestFolderMapMatchesTree(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(root, "ARCHITECTURE.md"))
	require.NoError(t, err)
	var rows []string
	for _, m := range rowRe.FindAllStringSubmatch(string(doc), -1) {
		rows = append(rows, m[1])
	}
	require.NotEmpty(t, rows, "ARCHITECTURE.md has a Folders table")
	for _, r := range rows {
		dir := strings.TrimSuffix(strings.TrimSuffix(r, "…"), "/")
		info, err := os.Stat(filepath.Join(root, dir))
		if assert.NoError(t, err, "row %s", r) {
			assert.True(t, info.IsDir(), "row %s", r)
		}
	}
	covered := func(dir string) bool {
		for _, r := range rows {
			if strings.HasSuffix(r, "…") && strings.HasPrefix(dir+"/", strings.TrimSuffix(r, "…")) || r == dir+"/" {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		if !seen[dir] {
			seen[dir] = true
			assert.True(t, covered(dir), "the Go package %s/ has no row in ARCHITECTURE.md's Folders table", dir)
		}
		return nil
	}))
	assert.NotEmpty(t, seen)
}
