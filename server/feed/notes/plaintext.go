package notes

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	// paragraphRe splits plain text at blank lines.
	paragraphRe = regexp.MustCompile(`\n[ \t\f\v]*\n\s*`)
	// autolinkRe finds bare web addresses and e-mail addresses.
	autolinkRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"]+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b`)
)

// plainTextTree builds paragraphs from plain-text notes: entities are
// decoded (feeds often escape text they do not mark up), blank lines
// separate paragraphs, newlines become <br>, and bare URLs and e-mail
// addresses become links (cleaned later like any other link).
func plainTextTree(s string) *html.Node {
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	root := newElement(atom.Div)
	for _, para := range paragraphRe.Split(s, -1) {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		p := newElement(atom.P)
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				p.AppendChild(newElement(atom.Br))
			}
			autolink(p, strings.TrimSpace(line))
		}
		root.AppendChild(p)
	}
	return root
}

// autolink appends line to parent as text, with web and e-mail addresses as
// links.
func autolink(parent *html.Node, line string) {
	last := 0
	for _, m := range autolinkRe.FindAllStringIndex(line, -1) {
		start, end := m[0], trimURLEnd(line, m[0], m[1])
		if start < last || end <= start {
			continue
		}
		text := line[start:end]
		var href string
		switch {
		case strings.Contains(text, "://"):
			href = text
		case strings.HasPrefix(strings.ToLower(text), "www."):
			href = "https://" + text
		case strings.Contains(text, "@"):
			href = "mailto:" + text
		default:
			continue
		}
		if start > last {
			parent.AppendChild(newText(line[last:start]))
		}
		a := newElement(atom.A)
		a.Attr = []html.Attribute{{Key: "href", Val: href}}
		a.AppendChild(newText(text))
		parent.AppendChild(a)
		last = end
	}
	if last < len(line) {
		parent.AppendChild(newText(line[last:]))
	}
}

// trimURLEnd drops punctuation that ends the sentence rather than the URL:
// "see https://example.com." and "(https://example.com/x)".
func trimURLEnd(s string, start, end int) int {
	parens, brackets := strings.Count(s[start:end], "(")-strings.Count(s[start:end], ")"), strings.Count(s[start:end], "[")-strings.Count(s[start:end], "]")
	for end > start {
		c := s[end-1]
		switch {
		case strings.IndexByte(".,;:!?'\"*", c) >= 0:
		case c == ')' && parens < 0:
			parens++
		case c == ']' && brackets < 0:
			brackets++
		default:
			return end
		}
		end--
	}
	return end
}
