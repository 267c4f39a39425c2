package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// pageETag is a weak ETag for a rendered page. go-app writes attributes in
// map order, so the same page comes out with its attributes shuffled from
// one render to the next; hashing the bytes would give every render a new
// ETag and no 304 would ever happen. The hash is therefore taken over the
// page's CanonicalHTML: equal for every rendering of the same page,
// different when anything a reader sees changes. It is weak (W/) because
// the bytes of two renders may differ while they mean the same.
func pageETag(body []byte) string {
	h := sha256.Sum256(CanonicalHTML(body))
	return `W/"` + hex.EncodeToString(h[:8]) + `"`
}

// CanonicalHTML is a page with each tag's attributes, and the classes of
// its class attribute, sorted: two renders of the same page differ in their
// bytes but not in this form. The page ETag hashes it; tests compare pages
// by it.
func CanonicalHTML(body []byte) []byte {
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		tok := z.Token()
		for i, a := range tok.Attr {
			if a.Key == "class" {
				cls := strings.Fields(a.Val)
				slices.Sort(cls)
				tok.Attr[i].Val = strings.Join(cls, " ")
			}
		}
		slices.SortFunc(tok.Attr, func(a, b html.Attribute) int {
			return strings.Compare(a.Key+"\x00"+a.Val, b.Key+"\x00"+b.Val)
		})
		out.WriteString(tok.String())
	}
}
