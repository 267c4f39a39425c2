//go:build !js

package opml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/earshot/earshot/library"
	"github.com/earshot/earshot/podcast"
)

// ErrNotOPML: the document is XML but not OPML.
var ErrNotOPML = errors.New("the document is not <opml>")

// Parse reads the shows an OPML 1.0 or 2.0 file lists: every outline,
// at any depth (folders, categories), that has an xmlUrl, or that has
// type="rss" and a url. Exports from podcast apps vary, so element and
// attribute names are matched case-insensitively (xmlUrl, xmlurl, XMLURL),
// HTML entities are understood (&eacute;, and titles escaped twice), and a
// declared legacy charset or a UTF-16 byte order mark is decoded. The title
// is the title attribute, else text; a title that only repeats the URL is
// none. feed:, itpc: and pcast: URLs (Apple's old subscribe links) become
// http:; other URLs that are not http or https are left out. Shows are
// deduplicated by library.FeedKey, keeping the first place and the first
// title found.
func Parse(b []byte) ([]Feed, error) {
	// A BOM decides the encoding (UTF-16 becomes UTF-8); without one the
	// bytes pass through.
	in := transform.NewReader(bytes.NewReader(b), unicode.BOMOverride(encoding.Nop.NewDecoder()))
	d := xml.NewDecoder(in)
	d.Strict = false // bare & in URLs, unquoted attributes
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.HasPrefix(strings.ToLower(label), "utf-16") {
			return r, nil // decoded above, by its BOM
		}
		return charset.NewReaderLabel(label, r)
	}

	feeds := []Feed{}
	index := map[string]int{} // FeedKey → index in feeds
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			if !strings.EqualFold(se.Name.Local, "opml") {
				return nil, ErrNotOPML
			}
			root = true
			continue
		}
		if !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		f, ok := outlineFeed(se.Attr)
		if !ok {
			continue
		}
		k := library.FeedKey(f.URL)
		if i, dup := index[k]; dup {
			if feeds[i].Title == "" {
				feeds[i].Title = f.Title
			}
			continue
		}
		index[k] = len(feeds)
		feeds = append(feeds, f)
	}
	if !root {
		return nil, ErrNotOPML
	}
	return feeds, nil
}

// outlineFeed is the show an outline names, if it names one.
func outlineFeed(attrs []xml.Attr) (Feed, bool) {
	var xmlURL, plainURL, typ, title, text string
	for _, a := range attrs {
		v := strings.TrimSpace(a.Value)
		switch strings.ToLower(a.Name.Local) {
		case "xmlurl":
			xmlURL = v
		case "url":
			plainURL = v
		case "type":
			typ = strings.ToLower(v)
		case "title":
			title = v
		case "text":
			text = v
		}
	}
	u := xmlURL
	if u == "" && (typ == "rss" || typ == "atom") {
		u = plainURL
	}
	u, ok := feedURL(u)
	if !ok {
		return Feed{}, false
	}
	if title == "" {
		title = text
	}
	title = strings.TrimSpace(unescapeTwice(title))
	if library.FeedKey(title) == library.FeedKey(u) {
		title = ""
	}
	return Feed{URL: u, Title: title}, true
}

// feedURL is raw as an http or https feed URL, if it is one.
func feedURL(raw string) (string, bool) {
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok {
		return "", false
	}
	switch strings.ToLower(scheme) {
	case "feed", "itpc", "pcast", "podcast":
		if r := strings.ToLower(rest); strings.HasPrefix(r, "http://") || strings.HasPrefix(r, "https://") {
			raw = rest // feed:https://host/…
		} else if strings.HasPrefix(rest, "//") {
			raw = "http:" + rest
		}
	}
	if podcast.SafeLink(raw) == "" { // Earshot's one URL policy
		return "", false
	}
	return raw, true
}

// unescapeTwice decodes the character references left in s after XML
// decoding: "&amp;amp;" in the file, a title escaped twice by its
// exporter (as feeds often are), reads "&amp;", which is "&". Only complete
// references ending in ';' are decoded, so "R&D" or "Fish &amp Chips" stay.
func unescapeTwice(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if j := strings.IndexByte(s, ';'); j > 1 && j <= 32 && isRefName(s[1:j]) {
			// html decodes a legacy prefix without its ';' ("&ampx;"
			// gives "&x;"): a whole reference leaves no ';'.
			if ref, dec := s[:j+1], html.UnescapeString(s[:j+1]); dec != ref && !strings.HasSuffix(dec, ";") {
				b.WriteString(dec)
				s = s[j+1:]
				continue
			}
		}
		b.WriteByte('&')
		s = s[1:]
	}
	b.WriteString(s)
	return b.String()
}

// isRefName reports whether s can be the name of a character reference:
// letters and digits, or '#' and a number.
func isRefName(s string) bool {
	for i, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#' && i == 0) {
			return false
		}
	}
	return true
}
