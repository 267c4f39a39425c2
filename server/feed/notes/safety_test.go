package notes

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// allowedAttrs is the allow-list the tests check output against,
// independently of the policy in notes.go: element → attributes.
var allowedAttrs = map[string]map[string]bool{
	"a":    {"href": true, "target": true, "rel": true, "title": true, "data-t": true, "class": true},
	"img":  {"src": true, "alt": true, "title": true, "width": true, "height": true, "loading": true},
	"td":   {"colspan": true, "rowspan": true},
	"th":   {"colspan": true, "rowspan": true},
	"ol":   {"start": true},
	"abbr": {"title": true},
}

var allowedElements = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Fields(`a img p br div hr strong b em i u s del ins sub sup small mark
		cite q abbr kbd samp code pre blockquote h1 h2 h3 h4 h5 h6 ul ol li dl dt dd
		figure figcaption table caption thead tbody tfoot tr th td`) {
		m[e] = true
	}
	return m
}()

var tsValueRe = regexp.MustCompile(`^[0-9]+(?:\.[0-9]{1,3})?$`)

// violations parses out as a browser would (a body fragment) and lists
// everything not on the allow-list: elements, attributes, URL schemes, and
// links that are neither a complete timestamp link nor an external link that
// opens safely in a new tab. It is empty for safe output.
func violations(out string) []string {
	var bad []string
	report := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
	if err != nil {
		return []string{"parse: " + err.Error()}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.CommentNode:
			report("comment %q", n.Data)
		case html.DoctypeNode:
			report("doctype %q", n.Data)
		case html.ElementNode:
			if n.Namespace != "" {
				report("foreign element %s:%s", n.Namespace, n.Data)
			}
			if !allowedElements[n.Data] {
				report("element <%s>", n.Data)
			}
			attrs := map[string]string{}
			for _, a := range n.Attr {
				if a.Namespace != "" || !allowedAttrs[n.Data][a.Key] {
					report("attribute %s on <%s>", a.Key, n.Data)
				}
				attrs[a.Key] = a.Val
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:", "livescript:"} {
					if strings.HasPrefix(v, scheme) {
						report("%s=%q on <%s>", a.Key, a.Val, n.Data)
					}
				}
			}
			switch n.Data {
			case "a":
				checkLink(attrs, report)
			case "img":
				if !isWebURL(attrs["src"]) {
					report("img src %q", attrs["src"])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return bad
}

func checkLink(attrs map[string]string, report func(string, ...any)) {
	href, hasHref := attrs["href"]
	_, hasClass := attrs["class"]
	_, hasT := attrs["data-t"]
	switch {
	case !hasHref:
		report("<a> without href: %v", attrs)
	case strings.HasPrefix(href, "#") || hasClass || hasT:
		// A timestamp link: all three attributes, consistent, nothing else.
		t := strings.TrimPrefix(href, "#t=")
		if len(attrs) != 3 || attrs["class"] != "ts" || !tsValueRe.MatchString(t) || attrs["data-t"] != t {
			report("bad timestamp link %v", attrs)
		}
	default:
		u, err := url.Parse(href)
		switch {
		case err != nil:
			report("unparseable href %q", href)
		case u.Scheme == "mailto":
		case !isWebURL(href):
			report("href %q", href)
		}
		if attrs["target"] != "_blank" || attrs["rel"] != "noopener noreferrer" {
			report("link without target/rel: %v", attrs)
		}
	}
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
