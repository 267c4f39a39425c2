package podcast

import (
	"strings"
	"testing"
)

var linkCases = []struct {
	in   string
	want bool
}{
	{"https://example.com/feed.xml", true},
	{"http://example.com", true},
	{"HTTPS://EXAMPLE.COM/Ep.MP3", true},
	{"  https://example.com/a  ", true},
	{"https://example.com/My Episode.mp3", true}, // sloppy but playable; the browser encodes it
	{"https://[2001:db8::1]:8443/x", true},
	{"https://bücher.example/ä?ö=ü#frag", true},
	{"https://example.com/?q=javascript:alert(1)", true},

	{"", false},
	{"   ", false},
	{"javascript:alert(1)", false},
	{"JaVaScRiPt:alert(1)", false},
	{"javascript://example.com/%0Aalert(1)", false},
	{"javascript://example.com/\nalert(1)", false},
	{"java\tscript:alert(1)", false},
	{"java\nscript:alert(1)", false},
	{"java script:alert(1)", false},
	{"\x01javascript:alert(1)", false},
	{" javascript:alert(1)", false},
	{"\u00a0javascript:alert(1)", false},
	{"&#106;avascript:alert(1)", false},
	{"vbscript:msgbox(1)", false},
	{"data:text/html,<script>alert(1)</script>", false},
	{"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", false},
	{"data:image/png;base64,iVBORw0KGgo=", false}, // images only through SafeImage
	{"file:///etc/passwd", false},
	{"ftp://example.com/x", false},
	{"feed://example.com/x", false},
	{"//evil.example/x", false},
	{"/relative/path", false},
	{"relative.mp3", false},
	{"#t=90", false},
	{"http://", false},
	{"http:///path", false},
	{"http:example.com", false},
	{"https:javascript:alert(1)", false},
	{"http:\\\\evil.example", false},
	{"https://user:pass@example.com/", false},
	{"https://example.com@evil.example/", false},
	{"https://exa mple.com/", false},
	{"https://example.com:99999/", false},
	{"https://" + strings.Repeat("a", MaxURLBytes), false},
}

func TestSafeLink(t *testing.T) {
	for _, c := range linkCases {
		got := SafeLink(c.in)
		if (got != "") != c.want {
			t.Errorf("SafeLink(%q) = %q, want accepted=%v", c.in, got, c.want)
		}
		if got != "" && got != strings.TrimSpace(c.in) {
			t.Errorf("SafeLink(%q) rewrote the URL to %q", c.in, got)
		}
	}
}

func TestSafeImage(t *testing.T) {
	for _, c := range linkCases {
		if c.in == "data:image/png;base64,iVBORw0KGgo=" {
			continue
		}
		if got := SafeImage(c.in); (got != "") != c.want {
			t.Errorf("SafeImage(%q) = %q, want accepted=%v", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"data:image/png;base64,iVBORw0KGgo=", true},
		{"data:image/jpeg;base64,/9j/4AAQ", true},
		{"DATA:IMAGE/GIF;base64,R0lGODlh", true},
		{"data:image/webp;base64,UklGRg==", true},
		{"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+", false},
		{"data:image/svg+xml,<svg onload=alert(1)>", false},
		{"data:image/png,rawbytes", false},
		{"data:image/png;charset=utf-8;base64,iVBORw0KGgo=", false},
		{"data:image/png;base64,iVBO<script>", false},
		{"data:image/png;base64,iVBORw0KGgo", false},
		{"data:image/png;base64,iVBORw0KGgo=#x", false},
		{"data:image/png;base64,", false},
		{"data:text/html;base64,iVBORw0KGgo=", false},
		{"data:;base64,iVBORw0KGgo=", false},
		{"data:image/png;base64," + strings.Repeat("A", MaxDataImageBytes), false},
	} {
		if got := SafeImage(c.in); (got != "") != c.want {
			t.Errorf("SafeImage(%q) = %q, want accepted=%v", c.in, got, c.want)
		}
	}
}

// Whatever the input, an accepted link is what a browser reads as http or
// https, and an accepted image is that or a raster data: image.
func FuzzSafeURL(f *testing.F) {
	for _, c := range linkCases {
		f.Add(c.in)
	}
	f.Add("data:image/png;base64,iVBORw0KGgo=")
	f.Fuzz(func(t *testing.T, in string) {
		if out := SafeLink(in); out != "" && !webScheme(out) {
			t.Fatalf("SafeLink(%q) = %q", in, out)
		}
		if out := SafeImage(in); out != "" && !webScheme(out) && !strings.HasPrefix(strings.ToLower(out), "data:image/") {
			t.Fatalf("SafeImage(%q) = %q", in, out)
		}
	})
}

// webScheme is the WHATWG reading of s's scheme, simplified: leading C0
// controls and spaces stripped, tabs and newlines removed, then the prefix.
func webScheme(s string) bool {
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
