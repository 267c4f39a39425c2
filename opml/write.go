package opml

import "bytes"

// Write writes feeds as an OPML 2.0 subscription list, the file podcast
// apps import. Each show is an outline with type="rss", its title as text
// and title, and its feed URL as xmlUrl; a show without a title gets its
// URL as text (which OPML requires), and no title.
//
// It is written by hand rather than with encoding/xml, which would add
// weight to the wasm; attribute values are escaped by escapeAttr.
func Write(feeds []Feed) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<opml version="2.0">` + "\n")
	b.WriteString("  <head>\n    <title>Earshot subscriptions</title>\n  </head>\n")
	b.WriteString("  <body>\n")
	for _, s := range feeds {
		text := s.Title
		if text == "" {
			text = s.URL
		}
		b.WriteString(`    <outline type="rss" text="`)
		escapeAttr(&b, text)
		if s.Title != "" {
			b.WriteString(`" title="`)
			escapeAttr(&b, s.Title)
		}
		b.WriteString(`" xmlUrl="`)
		escapeAttr(&b, s.URL)
		b.WriteString("\"/>\n")
	}
	b.WriteString("  </body>\n</opml>\n")
	return b.Bytes()
}

// escapeAttr writes s as the content of a double-quoted XML attribute: the
// five markup characters become entities, tab, newline and carriage return
// become character references (a parser would turn them into spaces
// otherwise), characters XML 1.0 forbids are dropped and invalid UTF-8
// becomes U+FFFD.
func escapeAttr(b *bytes.Buffer, s string) {
	for _, r := range s { // an invalid byte reads as U+FFFD
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case r == '\t':
			b.WriteString("&#x9;")
		case r == '\n':
			b.WriteString("&#xA;")
		case r == '\r':
			b.WriteString("&#xD;")
		case !xmlChar(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
}

// xmlChar reports whether XML 1.0 allows r in a document (the Char
// production).
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
