package site

import (
	"bytes"
	"strings"
)

// go-app's server renderer writes attributes in ways browsers read
// differently from the DOM the wasm builds: a boolean property set to false
// comes out as checked="false" (present, so true), and any attribute whose
// value is "true" comes out bare, so aria-selected="true" arrives as an
// empty aria-selected (which ARIA reads as not set). fixBooleans repairs the
// tags of a rendered page: boolean attributes equal to "false" are dropped
// and bare aria-* attributes get ="true". Text, scripts and comments are not
// touched.
var booleanAttrs = map[string]bool{
	"selected": true, "checked": true, "disabled": true, "readonly": true, "hidden": true,
	"required": true, "multiple": true, "autofocus": true, "open": true, "muted": true,
	"loop": true, "autoplay": true, "controls": true, "defer": true, "async": true,
	"novalidate": true, "formnovalidate": true, "allowfullscreen": true, "inert": true,
	"reversed": true, "default": true, "ismap": true, "nomodule": true, "playsinline": true,
}

// fixTag rewrites one start tag attribute by attribute; values are copied
// as they are.
func fixTag(tag []byte) []byte {
	var out bytes.Buffer
	j := 1
	for j < len(tag) && !isSpace(tag[j]) && tag[j] != '>' && tag[j] != '/' {
		j++
	}
	out.Write(tag[:j])
	for j < len(tag) {
		k := j
		for k < len(tag) && isSpace(tag[k]) {
			k++
		}
		ws := tag[j:k]
		if k >= len(tag) || tag[k] == '>' || tag[k] == '/' {
			out.Write(tag[j:])
			break
		}
		n := k
		for n < len(tag) && !isSpace(tag[n]) && tag[n] != '=' && tag[n] != '>' && tag[n] != '/' {
			n++
		}
		name := tag[k:n]
		v := n
		if v < len(tag) && tag[v] == '=' {
			v++
			if v < len(tag) && (tag[v] == '"' || tag[v] == '\'') {
				v = skipQuoted(tag, v)
			} else {
				for v < len(tag) && !isSpace(tag[v]) && tag[v] != '>' {
					v++
				}
			}
		}
		attr := tag[k:v]
		lname := string(bytes.ToLower(name))
		switch {
		case booleanAttrs[lname] && string(attr[len(name):]) == `="false"`:
			// dropped: present would mean true
		case strings.HasPrefix(lname, "aria-") && len(attr) == len(name):
			out.Write(ws)
			out.Write(attr)
			out.WriteString(`="true"`)
		default:
			out.Write(ws)
			out.Write(attr)
		}
		j = v
	}
	return out.Bytes()
}

// skipQuoted returns the index past the quoted value starting at q.
func skipQuoted(tag []byte, q int) int {
	quote := tag[q]
	for j := q + 1; j < len(tag); j++ {
		switch tag[j] {
		case '\\':
			if quote == '"' {
				j++
			}
		case quote:
			return j + 1
		}
	}
	return len(tag)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func fixBooleans(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page))
	i := 0
	for i < len(page) {
		lt := bytes.IndexByte(page[i:], '<')
		if lt < 0 {
			out.Write(page[i:])
			break
		}
		out.Write(page[i : i+lt])
		i += lt
		switch {
		case bytes.HasPrefix(page[i:], []byte("<!--")):
			end := bytes.Index(page[i:], []byte("-->"))
			if end < 0 {
				out.Write(page[i:])
				return out.Bytes()
			}
			out.Write(page[i : i+end+3])
			i += end + 3
			continue
		case i+1 < len(page) && isLetter(page[i+1]):
		default:
			out.WriteByte('<')
			i++
			continue
		}
		end := tagEnd(page, i)
		orig := page[i:end]
		out.Write(fixTag(orig))
		i = end
		// Raw-text elements: copy their content untouched.
		for _, name := range []string{"script", "style", "textarea", "title"} {
			if hasTagName(orig, name) && !bytes.HasSuffix(orig, []byte("/>")) {
				closeTag := bytes.Index(bytes.ToLower(page[i:]), []byte("</"+name))
				if closeTag < 0 {
					out.Write(page[i:])
					return out.Bytes()
				}
				out.Write(page[i : i+closeTag])
				i += closeTag
				break
			}
		}
	}
	return out.Bytes()
}

// tagEnd returns the index just past the '>' that ends the tag starting at
// start, skipping quoted attribute values (go-app quotes with backslash
// escapes; HTML quoting has none inside).
func tagEnd(page []byte, start int) int {
	quote := byte(0)
	for j := start + 1; j < len(page); j++ {
		c := page[j]
		switch {
		case quote != 0 && c == '\\':
			j++
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '>':
			return j + 1
		}
	}
	return len(page)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// hasTagName reports whether the tag (starting with '<') is a name element.
func hasTagName(tag []byte, name string) bool {
	if len(tag) < len(name)+2 || !bytes.EqualFold(tag[1:1+len(name)], []byte(name)) {
		return false
	}
	c := tag[1+len(name)]
	return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '/'
}
