package podcast

import (
	"net/url"
	"strconv"
	"strings"
)

// Earshot's one URL policy. Every URL that comes from a feed, a chapters
// document, an ID3 tag or a request, and ends up in a link, an image, the
// audio element or the JSON API, passes through it: on the server when the
// feed is normalized, and again in the browser where it is rendered.
//
// A link is an absolute http or https URL with a host and no user name or
// password; nothing else (javascript:, vbscript:, data:, file:, relative or
// scheme-relative URLs) can be clicked or loaded. The URL is parsed with
// net/url, not matched against patterns: "java\tscript:", "JaVaScRiPt:",
// "javascript://example.com/%0Aalert(1)" and friends fail to parse as http
// or https whatever their spelling. The accepted value is returned as given
// (less surrounding white space), never rewritten: podcast hosts count
// downloads by the exact enclosure URL.
//
// An image may also be the data: URL the server makes of an ID3 chapter
// picture: data:image/{png,jpeg,gif,webp,bmp};base64,… and nothing else (no
// SVG, no other media type, no URL-encoded payload).

// MaxURLBytes is the longest URL the policy accepts: real ones are far
// shorter; longer ones only make pages, logs and caches grow.
const MaxURLBytes = 8 << 10

// MaxDataImageBytes is the longest data:image URL accepted (the server
// inlines chapter pictures of at most 256 KB, base64 makes them 4/3 larger).
const MaxDataImageBytes = 512 << 10

// SafeLink returns raw, trimmed, when it is an absolute http(s) URL that may
// be an href or a media src, and "" otherwise.
func SafeLink(raw string) string {
	s := strings.TrimSpace(raw)
	if s == "" || len(s) > MaxURLBytes {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.User != nil {
		return ""
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	if u.Host == "" || u.Hostname() == "" {
		return ""
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return ""
		}
	}
	// url.Parse refuses ASCII control characters (the browser would strip
	// tabs and newlines and read "java\tscript:" as javascript:), and its
	// scheme is the one a browser reads from the same string.
	return s
}

// SafeImage returns raw, trimmed, when it may be an image src: a SafeLink,
// or a data:image URL of a raster type in base64. It returns "" otherwise.
func SafeImage(raw string) string {
	s := strings.TrimSpace(raw)
	if len(s) > 5 && strings.EqualFold(s[:5], "data:") {
		if isDataImage(s) {
			return s
		}
		return ""
	}
	return SafeLink(s)
}

// dataImageTypes are the image types a data: URL may carry: those the
// server's ID3 reader produces, which browsers never run script in.
var dataImageTypes = map[string]bool{
	"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true, "image/bmp": true,
}

// isDataImage parses s as "data:" mediatype ";base64," data and accepts it
// when the media type is a raster image type and data is canonical base64.
func isDataImage(s string) bool {
	if len(s) > MaxDataImageBytes {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "data" || u.Opaque == "" || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	meta, data, ok := strings.Cut(u.Opaque, ",")
	if !ok || data == "" {
		return false
	}
	mediaType, enc, ok := strings.Cut(meta, ";")
	if !ok || enc != "base64" || !dataImageTypes[strings.ToLower(mediaType)] {
		return false
	}
	if len(data)%4 != 0 {
		return false
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
		case c == '=' && i >= len(data)-2:
		default:
			return false
		}
	}
	return true
}
