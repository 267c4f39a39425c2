// Package wrk runs the wrk HTTP load generator and reads its report, so
// that every benchmark that loads a server (the whole server, search)
// reports the same figures, read the same way.
//
// wrk is an external program (Debian: apt install wrk), not a Go module:
// benchmarks skip when it is missing rather than fail.
package wrk

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrNotInstalled is returned when there is no wrk on the PATH; a
// benchmark skips on it.
var ErrNotInstalled = errors.New("wrk is not installed (Debian: apt install wrk)")

// Result is what Parse reads from wrk's report.
type Result struct {
	ReqPerSec float64
	// P50 and P99 are the latency percentiles wrk measured; wrk corrects
	// them for coordinated omission only with wrk2, so under saturation
	// they are the latency of the requests that were sent.
	P50, P99 time.Duration
	// Errors counts answers other than 2xx and 3xx, and connect, read,
	// write and timeout errors.
	Errors   int
	Requests int    // completed
	Summary  string // the latency distribution, totals and errors, one line
}

var (
	reRate   = regexp.MustCompile(`^Requests/sec:\s+([0-9.]+)$`)
	rePct    = regexp.MustCompile(`^(\d+(?:\.\d+)?)%\s+([0-9.]+)(us|ms|s|m|h)$`)
	reSocket = regexp.MustCompile(`^Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)$`)
	reNon2xx = regexp.MustCompile(`^Non-2xx or 3xx responses: (\d+)$`)
	reTotal  = regexp.MustCompile(`^(\d+) requests in `)
)

// units are the units wrk prints latencies in.
var units = map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour}

// LookPath returns the wrk binary, or an error that wraps
// ErrNotInstalled: a benchmark can skip before it starts a server.
func LookPath() (string, error) {
	bin, err := exec.LookPath("wrk")
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNotInstalled, err)
	}
	return bin, nil
}

// Run runs wrk with args (threads, connections, duration, script, URL…)
// and --latency, which Parse needs for the percentiles, and reads its
// report. ctx bounds the run: give it more than wrk's -d. An error other
// than ErrNotInstalled carries wrk's output, to see what went wrong.
func Run(ctx context.Context, args ...string) (Result, error) {
	bin, err := LookPath()
	if err != nil {
		return Result{}, err
	}
	out, err := exec.CommandContext(ctx, bin, append([]string{"--latency"}, args...)...).CombinedOutput()
	if err != nil {
		return Result{}, fmt.Errorf("wrk: %w\n%s", err, out)
	}
	r, err := Parse(out)
	if err != nil {
		return r, fmt.Errorf("%w\n%s", err, out)
	}
	return r, nil
}

// Parse reads wrk's report (run with --latency). wrk prints the error
// lines only when there were errors.
func Parse(out []byte) (Result, error) {
	var r Result
	var haveRate, haveP50, haveP99 bool
	var summary []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rePct.MatchString(line) || reTotal.MatchString(line) || reSocket.MatchString(line) || reNon2xx.MatchString(line) {
			summary = append(summary, strings.Join(strings.Fields(line), " "))
		}
		if m := reTotal.FindStringSubmatch(line); m != nil {
			r.Requests, _ = strconv.Atoi(m[1]) // \d+: only overflow could fail
		}
		if m := reRate.FindStringSubmatch(line); m != nil {
			v, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				return r, fmt.Errorf("wrk: requests/sec %q: %w", m[1], err)
			}
			r.ReqPerSec, haveRate = v, true
		}
		if m := rePct.FindStringSubmatch(line); m != nil {
			pct, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				return r, fmt.Errorf("wrk: percentile %q: %w", m[1], err)
			}
			v, err := strconv.ParseFloat(m[2], 64)
			if err != nil {
				return r, fmt.Errorf("wrk: %s%% latency %q: %w", m[1], m[2], err)
			}
			d := time.Duration(math.Round(v * float64(units[m[3]])))
			switch pct {
			case 50:
				r.P50, haveP50 = d, true
			case 99:
				r.P99, haveP99 = d, true
			}
		}
		if m := reSocket.FindStringSubmatch(line); m != nil {
			for _, n := range m[1:] {
				v, _ := strconv.Atoi(n)
				r.Errors += v
			}
		}
		if m := reNon2xx.FindStringSubmatch(line); m != nil {
			v, _ := strconv.Atoi(m[1])
			r.Errors += v
		}
	}
	if err := sc.Err(); err != nil {
		return r, fmt.Errorf("wrk: reading its report: %w", err)
	}
	r.Summary = strings.Join(summary, "; ")
	if !haveRate || !haveP50 || !haveP99 {
		return r, errors.New("wrk: no Requests/sec or 50%/99% latency in its report (run with --latency)")
	}
	return r, nil
}
