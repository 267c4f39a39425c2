package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// goCrash matches what the Go runtime prints (through wasm_exec.js's
// console.log) when the wasm panics or dies, and what the browser says when
// JavaScript calls into a Go program that has exited.
var goCrash = regexp.MustCompile(`(?m)^panic: |^fatal error: |Go program has already exited|^\[recovered\]`)

// crashes collects, per tab, every Go panic and uncaught JavaScript
// exception (including unhandled promise rejections) the page reported.
type crashes struct {
	mu         sync.Mutex
	seen       []string
	allowed    []*regexp.Regexp
	suppressed []string // seen but allowed
}

var (
	crashMu  sync.Mutex
	crashLog = map[context.Context]*crashes{}
)

// watchCrashes returns a listener for a tab (give its listen method to
// chromedp.WithListener, so it sees the tab from its first event) that makes
// the test fail, when it ends, if the tab logged a Go panic or threw an
// uncaught exception at any point: a player whose Go half died keeps
// rendering its last frame, so no assertion on the DOM would notice.
func watchCrashes(tb testing.TB, where string) *crashes {
	tb.Helper()
	c := &crashes{}
	tb.Cleanup(func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, m := range c.seen {
			tb.Errorf("%s: %s", where, m)
		}
	})
	return c
}

// register makes allowCrash and crashCount find c by the tab's context.
func (c *crashes) register(ctx context.Context) {
	crashMu.Lock()
	crashLog[ctx] = c
	crashMu.Unlock()
}

// listen runs on chromedp's reading goroutine: it must return fast.
func (c *crashes) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "uncaught exception: " + d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		if d.URL != "" {
			msg += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber)
		}
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, strings.Trim(string(a.Value), `"`))
			} else if a.Description != "" {
				parts = append(parts, a.Description)
			}
		}
		text := strings.ReplaceAll(strings.Join(parts, " "), `\n`, "\n")
		if !goCrash.MatchString(text) {
			return
		}
		msg = "Go crashed: " + text
	default:
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, re := range c.allowed {
		if re.MatchString(msg) {
			c.suppressed = append(c.suppressed, msg)
			return
		}
	}
	c.seen = append(c.seen, msg)
}

// allowCrash tells the crash watcher of ctx's tab that messages matching
// pattern are expected (a test that forces a panic on purpose).
func allowCrash(ctx context.Context, pattern string) {
	crashMu.Lock()
	c := crashLog[ctx]
	crashMu.Unlock()
	if c == nil {
		return
	}
	c.mu.Lock()
	c.allowed = append(c.allowed, regexp.MustCompile(pattern))
	c.mu.Unlock()
}

// crashCount is how many unexpected crashes ctx's tab has reported so far.
func crashCount(ctx context.Context) int {
	crashMu.Lock()
	c := crashLog[ctx]
	crashMu.Unlock()
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}

// TestCrashWatcherSees proves the watcher every browser test relies on does
// see an uncaught exception, an unhandled rejection and a Go-style panic
// line; without it a dead player passes every other test.
func TestCrashWatcherSees(t *testing.T) {
	page := hostPage(t, `<script>
setTimeout(function () { throw new Error("boom-sync"); }, 10);
Promise.reject(new Error("boom-async"));
console.log("panic: syscall/js: call of Value.Float on string\n\ngoroutine 1 [running]:");
console.log("an ordinary log line");
</script>`)
	ctx := browser(t)
	allowCrash(ctx, "boom-sync|boom-async|Value.Float")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(page)))
	time.Sleep(300 * time.Millisecond)
	c := crashLog[ctx]
	c.mu.Lock()
	defer c.mu.Unlock()
	require.Empty(t, c.seen, "allowed messages are not failures")
	require.Len(t, c.suppressed, 3, "the exception, the rejection and the panic line are all seen, the ordinary log line is not")
}
