package notes

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blocks are the elements that start a new line when rendered.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Hr: true, atom.Li: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Caption: true,
	atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Figure: true, atom.Figcaption: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true, atom.Main: true,
	atom.Address: true, atom.Details: true, atom.Summary: true,
}

// hasBlocks reports whether the tree has any element that breaks lines.
func hasBlocks(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blocks[c.DataAtom] || hasBlocks(c)) {
			return true
		}
	}
	return false
}

// breakLines turns newlines in text nodes into <br> (one for a single
// newline, two for a blank line). It is used for notes that are text with a
// few inline tags, whose authors meant their newlines.
func breakLines(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode:
			breakLines(c)
		case c.Type == html.TextNode && strings.ContainsRune(c.Data, '\n'):
			last := 0
			for _, m := range newlinesRe.FindAllStringIndex(c.Data, -1) {
				if m[0] > last {
					n.InsertBefore(newText(c.Data[last:m[0]]), c)
				}
				n.InsertBefore(newElement(atom.Br), c)
				if strings.Count(c.Data[m[0]:m[1]], "\n") > 1 {
					n.InsertBefore(newElement(atom.Br), c)
				}
				last = m[1]
			}
			if last < len(c.Data) {
				n.InsertBefore(newText(c.Data[last:]), c)
			}
			n.RemoveChild(c)
		}
		c = next
	}
}

var newlinesRe = regexp.MustCompile(`[ \t]*\n[\s]*`)

// segment is a text node and where its text starts in a flattened text.
type segment struct {
	node     *html.Node
	off      int
	linkable bool // not inside a link
}

// flatten returns the text of the tree as the reader sees it, one line per
// block (entities decoded, markup dropped, content of dropped elements
// skipped), and where each text node sits in it. Newlines inside text nodes
// are kept: for finding timestamp lists they are as good as <br>.
func flatten(root *html.Node) (string, []segment) {
	var (
		b    strings.Builder
		segs []segment
	)
	newline := func() {
		if s := b.String(); s != "" && s[len(s)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				segs = append(segs, segment{node: c, off: b.Len(), linkable: !inLink})
				b.WriteString(c.Data)
			case html.ElementNode:
				if skipped(c) {
					continue
				}
				block := blocks[c.DataAtom]
				if block {
					newline()
				}
				walk(c, inLink || c.DataAtom == atom.A)
				if block {
					newline()
				}
			}
		}
	}
	walk(root, false)
	return b.String(), segs
}

// plainText returns the text of notes (HTML or plain text), one line per
// block, without markup.
func plainText(notes string) string {
	if s := strings.TrimSpace(stripControls(truncate(notes, maxNotesBytes))); !looksLikeHTML(s) {
		return html.UnescapeString(s)
	}
	root := tree(notes)
	if root == nil {
		return ""
	}
	text, _ := flatten(root)
	return text
}

// Lines returns the text of notes one block per line, without markup and
// without blank lines: what search indexes, so that a hit names the
// paragraph or list item it is in rather than the whole notes.
func Lines(notes string) []string {
	var lines []string
	for l := range strings.SplitSeq(plainText(notes), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// Excerpt returns show notes as one line of plain text (markup dropped,
// entities decoded, white space collapsed) of at most maxRunes runes: longer
// text is cut at a word boundary and ends with "…". maxRunes <= 0 means no
// limit.
func Excerpt(notes string, maxRunes int) string {
	return cut(strings.Join(strings.Fields(plainText(notes)), " "), maxRunes)
}

// cut shortens s to at most max runes, preferring to end at a word boundary
// in the second half, and marks the cut with "…".
func cut(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	// Keep max-1 runes, leaving room for the ellipsis.
	end, n := 0, 0
	for end < len(s) && n < max-1 {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		n++
	}
	head := s[:end]
	if r, _ := utf8.DecodeRuneInString(s[end:]); !unicode.IsSpace(r) {
		if i := strings.LastIndexFunc(head, unicode.IsSpace); i >= 0 && utf8.RuneCountInString(head[:i]) >= (max-1)/2 {
			head = head[:i]
		}
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:.-–—([{/·", r)
	})
	return head + "…"
}
