package app

import (
	"fmt"
	"math"
	"strings"
)

// spokenDuration renders seconds for screen readers: "1 hour 2 minutes 5
// seconds", "12 minutes 5 seconds", "0 seconds".
func spokenDuration(sec float64) string {
	if sec < 0 || math.IsNaN(sec) || math.IsInf(sec, 0) {
		sec = 0
	}
	t := int64(sec)
	h, m, s := t/3600, (t/60)%60, t%60
	var parts []string
	add := func(n int64, unit string) {
		if n == 1 {
			parts = append(parts, fmt.Sprintf("1 %s", unit))
		} else {
			parts = append(parts, fmt.Sprintf("%d %ss", n, unit))
		}
	}
	if h > 0 {
		add(h, "hour")
	}
	if m > 0 {
		add(m, "minute")
	}
	if s > 0 || len(parts) == 0 {
		add(s, "second")
	}
	return strings.Join(parts, " ")
}
