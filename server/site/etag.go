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
// tokens with each tag's attributes sorted: equal for every rendering of the
// same page, different when anything a reader sees changes. It is weak
// (W/) because the bytes of two renders may differ while they mean the same.
func pageETag(body []byte) string {
	h := sha256.New()
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			h.Write(z.Raw())
			continue
		}
		tok := z.Token()
		for i, a := range tok.Attr {
			// go-app also writes the classes of an element in varying order.
			if a.Key == "class" {
				cls := strings.Fields(a.Val)
				slices.Sort(cls)
				tok.Attr[i].Val = strings.Join(cls, " ")
			}
		}
		slices.SortFunc(tok.Attr, func(a, b html.Attribute) int {
			if a.Key != b.Key {
				if a.Key < b.Key {
					return -1
				}
				return 1
			}
			if a.Val < b.Val {
				return -1
			}
			if a.Val > b.Val {
				return 1
			}
			return 0
		})
		h.Write([]byte(tok.String()))
	}
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:8]) + `"`
}
