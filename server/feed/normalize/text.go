package normalize

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/earshot/earshot/podcast"
)

// plainText turns a feed text field, which may hold HTML, into plain text:
// tags dropped, entities decoded, block elements turned into line breaks,
// runs of spaces collapsed. Text without markup is returned with its
// whitespace collapsed and, when already tidy, without allocating.
func plainText(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "<&") {
		return collapseSpaces(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script>/<style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return tidyLines(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch tag {
			case "script", "style":
				if z.Token().Type == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case "br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
				"tr", "table", "blockquote", "pre", "section", "article", "header", "footer", "hr", "dd", "dt":
				b.WriteByte('\n')
			}
		}
	}
}

// tidyLines collapses spaces within lines and drops blank lines.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = collapseSpaces(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// collapseSpaces trims s and turns every run of white space into one space.
func collapseSpaces(s string) string {
	s = strings.TrimSpace(s)
	tidy := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			tidy = false
			break
		}
	}
	if tidy {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// resolveURL makes ref absolute against base when it is relative, and
// returns absolute references untouched (byte for byte: hosts count
// downloads by the enclosure URL). Surrounding white space is dropped.
// Every URL of a feed goes through here, and so through Earshot's URL
// policy (podcast.SafeLink): what is not an absolute http(s) URL in the end
// (javascript:, data:, vbscript:, a relative link without a base…) is "".
func resolveURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil || hasScheme(ref) {
		return podcast.SafeLink(ref)
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return podcast.SafeLink(ref)
	}
	return podcast.SafeLink(base.ResolveReference(u).String())
}

// hasScheme reports whether s starts with "scheme:" (RFC 3986).
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// parseBaseURL returns feedURL parsed when it is absolute, else nil.
func parseBaseURL(feedURL string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(feedURL))
	if err != nil || !u.IsAbs() {
		return nil
	}
	return u
}

// truthy reports whether an iTunes-style flag is set: "yes", "true",
// "explicit" (any case). "clean", "no", "false" and garbage are false.
func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "explicit":
		return true
	}
	return false
}

// parseCount parses a non-negative integer such as a season number or a
// byte length; anything else is 0.
func parseCount(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// parseSeconds parses a non-negative, finite number of seconds.
func parseSeconds(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// episodeNumber validates an episode number as written ("12", "12.5") and
// returns it trimmed, or "" when it is not a non-negative number.
func episodeNumber(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if f, ok := parseSeconds(s); !ok || strings.ContainsAny(s, "eExXpP_+") || f > 1e9 {
		return ""
	}
	return s
}

// timeLayouts are the date shapes found in podcast:liveItem attributes and
// pubDates that gofeed did not parse for us (liveItem children).
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC822Z,
	time.RFC822,
	"2006-01-02",
}

// parseTime parses s with timeLayouts, returning UTC or the zero time.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// utc dereferences a gofeed time pointer.
func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// hashGUID derives a stable identifier from an item's content when it has
// no guid, enclosure or link.
func hashGUID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:12])
}
