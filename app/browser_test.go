package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// rawConversion is a call of syscall/js's panicking conversions on a
// JavaScript value. (embed.Message's Float/Bool return an error and are
// safe: they are called as "v, err := m.Float()".)
var rawConversion = regexp.MustCompile(`\.(Float|Int|Bool)\(\)`)

// TestNoRawJSConversions keeps every number and flag read from the browser
// in browser.go's non-panicking helpers: one raw Float() on a string value
// (the seek bar's) ended the Go program in the listener's hands.
func TestNoRawJSConversions(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "browser.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(b), "\n") {
			if rawConversion.MatchString(line) && !strings.Contains(line, ", err := ") {
				t.Errorf("%s:%d: %s\n\tread JavaScript values with num, integer or flag (browser.go): Float/Int/Bool panic on another type", f, i+1, strings.TrimSpace(line))
			}
		}
	}
	if checked < 10 {
		t.Fatalf("checked only %d files: is the test running in app/?", checked)
	}
}

func TestNumOr0(t *testing.T) {
	for in, want := range map[float64]float64{1.5: 1.5, -2: -2} {
		if got := numOr0(in); got != want {
			t.Errorf("numOr0(%v) = %v", in, got)
		}
	}
	var zero float64
	if got := numOr0(zero / zero); got != 0 {
		t.Errorf("numOr0(NaN) = %v", got)
	}
}
