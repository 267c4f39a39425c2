package normalize

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	ext "github.com/mmcdole/gofeed/extensions"
)

// gofeed files every foreign element under Extensions[key][localName], where
// key is a canonical prefix for the namespaces it knows (atom, psc, media,
// content, the upper-case iTunes URI), else the prefix the feed itself bound
// to the namespace URI, else the raw prefix when it was never declared, else
// the URI itself for a default namespace. The namespaces below are therefore
// matched by URI: the document's own declarations are read once, and each
// namespace resolves to the handful of keys gofeed may have used for it.

// Namespace URIs this package reads.
const (
	podcastNS       = "https://podcastindex.org/namespace/1.0"
	podcastNSGitHub = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
	pscNS           = "http://podlove.org/simple-chapters"
	itunesNS        = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	atomNS          = "http://www.w3.org/2005/Atom"
	mediaNS         = "http://search.yahoo.com/mrss/"
)

// maxNamespaceScanElements bounds the namespace scan: declarations live on the
// root element and, in a few feeds, on <channel>.
const maxNamespaceScanElements = 2

// maxNamespaceScanTokens bounds the tokens read before giving up (a long
// prolog of comments or whitespace).
const maxNamespaceScanTokens = 64

// nsDecl is one xmlns declaration: prefix "" is the default namespace.
type nsDecl struct{ prefix, uri string }

// scanNamespaces returns the xmlns declarations of the first elements of the
// document (the root, then its first child), in document order. It reads raw
// tokens only, so it costs a few hundred bytes whatever the feed size.
func scanNamespaces(data []byte) []nsDecl {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	// Namespace URIs are ASCII; the declared charset does not matter here.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var decls []nsDecl
	elements := 0
	for range maxNamespaceScanTokens {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			switch {
			case a.Name.Space == "xmlns":
				decls = append(decls, nsDecl{prefix: a.Name.Local, uri: strings.TrimSpace(a.Value)})
			case a.Name.Space == "" && a.Name.Local == "xmlns":
				decls = append(decls, nsDecl{uri: strings.TrimSpace(a.Value)})
			}
		}
		elements++
		if elements >= maxNamespaceScanElements {
			break
		}
	}
	return decls
}

// vocabulary describes one namespace as gofeed keys it.
type vocabulary struct {
	conventional string   // the prefix feeds use by convention ("podcast")
	uris         []string // accepted URIs, compared loosely (see sameURI)
	canonical    []string // URIs gofeed always files under conventional
}

var (
	podcastVocab = vocabulary{conventional: "podcast", uris: []string{podcastNS, podcastNSGitHub}}
	pscVocab     = vocabulary{conventional: "psc", uris: []string{pscNS}, canonical: []string{pscNS}}
	itunesVocab  = vocabulary{
		conventional: "itunes",
		uris:         []string{itunesNS},
		canonical:    []string{"http://www.itunes.com/DTDs/PodCast-1.0.dtd", "http://example.com/DTDs/PodCast-1.0.dtd"},
	}
	atomVocab  = vocabulary{conventional: "atom", uris: []string{atomNS}, canonical: []string{atomNS}}
	mediaVocab = vocabulary{conventional: "media", uris: []string{mediaNS}, canonical: []string{mediaNS, "http://search.yahoo.com/mrss"}}
)

// sameURI compares namespace URIs the way feeds get them wrong: scheme
// (http/https), letter case and a trailing slash are ignored.
func sameURI(a, b string) bool {
	trim := func(s string) string {
		s = strings.TrimSpace(s)
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		return strings.TrimSuffix(s, "/")
	}
	return strings.EqualFold(trim(a), trim(b))
}

// space is the list of gofeed extension keys under which one namespace's
// elements may be filed in this document. It is usually one key long.
type space []string

// resolve returns the keys gofeed used for v in a document with decls.
// The conventional prefix is included unless the document bound it to some
// other namespace: about 25 corpus feeds use podcast: or itunes: without
// declaring them, and encoding/xml then reports the raw prefix.
func (v vocabulary) resolve(decls []nsDecl) space {
	keys := make(space, 0, 2)
	add := func(k string) {
		for _, have := range keys {
			if have == k {
				return
			}
		}
		keys = append(keys, k)
	}
	conventionalTaken := false
	for _, d := range decls {
		if d.prefix == v.conventional && !v.matches(d.uri) {
			conventionalTaken = true
		}
		if !v.matches(d.uri) {
			continue
		}
		switch {
		case v.isCanonical(d.uri):
			add(v.conventional)
		case d.prefix == "":
			add(d.uri) // a default namespace is keyed by its URI
		default:
			add(d.prefix)
		}
	}
	if !conventionalTaken {
		add(v.conventional)
	}
	// A default namespace declared below the scanned elements (on an item
	// or on the element itself) is keyed by its URI.
	for _, u := range v.uris {
		add(u)
	}
	return keys
}

func (v vocabulary) matches(uri string) bool {
	for _, u := range v.uris {
		if sameURI(u, uri) {
			return true
		}
	}
	return v.isCanonical(uri)
}

func (v vocabulary) isCanonical(uri string) bool {
	for _, u := range v.canonical {
		if u == uri {
			return true
		}
	}
	return false
}

// all returns every element called name in this namespace. It does not
// allocate unless the namespace is spread over several keys.
func (s space) all(e ext.Extensions, name string) []ext.Extension {
	if e == nil {
		return nil
	}
	var out []ext.Extension
	for _, k := range s {
		v := e[k][name]
		if len(v) == 0 {
			continue
		}
		if out == nil {
			out = v
		} else {
			out = append(out[:len(out):len(out)], v...)
		}
	}
	return out
}

// first returns the first element called name, or nil.
func (s space) first(e ext.Extensions, name string) *ext.Extension {
	if e == nil {
		return nil
	}
	for _, k := range s {
		if v := e[k][name]; len(v) > 0 {
			return &v[0]
		}
	}
	return nil
}

// text returns the trimmed text of the first element called name.
func (s space) text(e ext.Extensions, name string) string {
	if x := s.first(e, name); x != nil {
		return strings.TrimSpace(x.Value)
	}
	return ""
}

// namespaces holds the resolved keys of every vocabulary for one document.
type namespaces struct {
	podcast, psc, itunes, atom, media space
}

func resolveNamespaces(decls []nsDecl) *namespaces {
	return &namespaces{
		podcast: podcastVocab.resolve(decls),
		psc:     pscVocab.resolve(decls),
		itunes:  itunesVocab.resolve(decls),
		atom:    atomVocab.resolve(decls),
		media:   mediaVocab.resolve(decls),
	}
}

// conventionalNamespaces is what a podcast:liveItem's children are filed
// under once re-keyed (see liveItem): gofeed keeps only their local names.
var conventionalNamespaces = resolveNamespaces(nil)

// attr returns the trimmed attribute name of x, or "".
func attr(x *ext.Extension, name string) string {
	if x == nil {
		return ""
	}
	return strings.TrimSpace(x.Attrs[name])
}

// hrefAttr reads an attribute that gofeed has already passed through
// url.Parse and String (href, uri, src: it resolves them against
// xml:base), which turns trailing white space into "%20"; that is undone.
func hrefAttr(x *extension, name string) string {
	v := attr(x, name)
	for strings.HasSuffix(v, "%20") {
		v = strings.TrimSuffix(v, "%20")
	}
	return strings.TrimSpace(v)
}
