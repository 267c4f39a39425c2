package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/earshot/earshot/follow"
)

// The XSS sweep. Hostile feeds put every payload below into every field a
// feed has (text, HTML, URLs, chapters, transcripts), and every query
// parameter of every page and endpoint gets every payload too. Each payload
// calls __xss(N) (or alert) when it runs. The server's answers are checked
// as HTML and JSON (no element, handler or dangerous URL of a payload), and
// the pages run in Chromium with the Content Security Policy bypassed (so
// the app itself is what is tested, not only the CSP): no payload may run,
// no dialog open, no link or image carry a dangerous scheme, and clicking
// every link with its target="_blank" removed runs nothing.

// xssTemplates are XSS vectors; {N} is the payload's number, {B64} the
// base64 of <script>top.__xss(N)</script>.
var xssTemplates = []string{
	`<script>__xss({N})</script>`,
	`<ScRiPt>__xss({N})</sCrIpT>`,
	`<img src=x onerror=__xss({N})>`,
	`<img src="x" alt="" onerror="__xss({N})"/>`,
	`<img src=x onerror=alert({N})>`,
	`<svg onload=__xss({N})>`,
	`<svg><script>__xss({N})</script></svg>`,
	`<svg><a xlink:href="javascript:__xss({N})"><text y="20">x</text></a></svg>`,
	`<svg><animate onbegin=__xss({N}) attributeName=x dur=1s>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=__xss({N})>`,
	`<iframe srcdoc="<script>top.__xss({N})</script>"></iframe>`,
	`<iframe src="javascript:top.__xss({N})"></iframe>`,
	`<a href="javascript:__xss({N})">x</a>`,
	`<a href="#" onclick="__xss({N})">x</a>`,
	`javascript:__xss({N})`,
	`JaVaScRiPt:__xss({N})`,
	`javascript://example.com/%0A__xss({N})`,
	` javascript:__xss({N})`,
	"java\tscript:__xss({N})",
	"java\nscript:__xss({N})",
	`java&#x09;script:__xss({N})`,
	`&#106;avascript:__xss({N})`,
	`javascript:alert({N})`,
	`vbscript:__xss({N})`,
	`data:text/html,<script>top.__xss({N})</script>`,
	`data:text/html;base64,{B64}`,
	`data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="top.__xss({N})"/>`,
	`https:javascript:__xss({N})`,
	`https://example.com/"><script>__xss({N})</script>`,
	`https://example.com/#<img src=x onerror=__xss({N})>`,
	`<details open ontoggle=__xss({N})>`,
	`<body onload=__xss({N})>`,
	`<input autofocus onfocus=__xss({N})>`,
	`<select autofocus onfocus=__xss({N})></select>`,
	`<video><source onerror=__xss({N})></video>`,
	`<audio src=x onerror=__xss({N})>`,
	`<object data="javascript:__xss({N})"></object>`,
	`<embed src="javascript:__xss({N})">`,
	`<form action="javascript:__xss({N})"><button>go</button></form>`,
	`<button formaction="javascript:__xss({N})">go</button>`,
	`<base href="javascript:__xss({N})//">`,
	`<meta http-equiv="refresh" content="0;url=javascript:__xss({N})">`,
	`<link rel=stylesheet href="javascript:__xss({N})">`,
	`<div style="background:url(javascript:__xss({N}))">x</div>`,
	`<style>*{background:url("javascript:__xss({N})")}</style>`,
	`<table background="javascript:__xss({N})"><tr><td>x</td></tr></table>`,
	`<marquee onstart=__xss({N})>x</marquee>`,
	`<x-evil onerror=__xss({N})></x-evil>`,
	`<xss onpointerenter=__xss({N})>hover</xss>`,
	`</title><script>__xss({N})</script>`,
	`</textarea><script>__xss({N})</script>`,
	`</script><script>__xss({N})</script>`,
	`--><script>__xss({N})</script>`,
	`<![CDATA[<script>__xss({N})</script>]]>`,
	`<noscript><p title="</noscript><img src=x onerror=__xss({N})>">`,
	`"onmouseover="__xss({N})" x="`,
	`' onfocus='__xss({N})' autofocus x='`,
	`{{constructor.constructor('__xss({N})')()}}`,
	`${__xss({N})}`,
	`'-__xss({N})-'`,
	`\";__xss({N});//`,
	`<scr<script>ipt>__xss({N})</scr</script>ipt>`,
	`%3Cscript%3E__xss({N})%3C/script%3E`,
	`\u003cscript\u003e__xss({N})\u003c/script\u003e`,
}

// xssPayloads is every template in three forms: as is, after a quote and
// bracket that try to end an attribute or tag, and HTML-escaped once (as
// feeds escape HTML in text fields, which fields read as HTML decode).
func xssPayloads() []string {
	var out []string
	for v := 0; v < 3; v++ {
		for _, tpl := range xssTemplates {
			n := strconv.Itoa(len(out))
			p := strings.ReplaceAll(tpl, "{N}", n)
			p = strings.ReplaceAll(p, "{B64}", base64.StdEncoding.EncodeToString([]byte("<script>top.__xss("+n+")</script>")))
			switch v {
			case 1:
				p = `"'>` + p
			case 2:
				p = html.EscapeString(p)
			}
			out = append(out, p)
		}
	}
	return out
}

var payloads = xssPayloads()

// Hostile feeds, served by the trusted synthetic-feeds server under /xss/.
const (
	xssSingleFeeds = 4 // /xss/single-K.xml: each payload in every field of one episode
	denseEpisodes  = 4 // /xss/dense.xml: episodes carrying every payload at once
)

func xssFeedURL(name string) string { return feedsURL + "/xss/" + name }

// xe escapes s for XML text and attribute values.
func xe(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

const xssNamespaces = `xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" ` +
	`xmlns:psc="http://podlove.org/simple-chapters" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom"`

// serveXSSFeeds serves the hostile feeds and the documents they point to.
func serveXSSFeeds(w http.ResponseWriter, r *http.Request) {
	origin := "http://" + r.Host
	name := strings.TrimPrefix(r.URL.Path, "/xss/")
	switch {
	case name == "dense.xml":
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		io.WriteString(w, denseFeed(origin))
	case strings.HasPrefix(name, "single-"):
		k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "single-"), ".xml"))
		if err != nil || k < 0 || k >= xssSingleFeeds {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		io.WriteString(w, singleFeed(origin, k))
	case name == "chapters.json":
		type ch struct {
			Start float64 `json:"startTime"`
			Title string  `json:"title"`
			Img   string  `json:"img,omitempty"`
			URL   string  `json:"url,omitempty"`
		}
		doc := struct {
			Version  string `json:"version"`
			Chapters []ch   `json:"chapters"`
		}{Version: "1.2.0"}
		for i, p := range payloads {
			doc.Chapters = append(doc.Chapters, ch{Start: float64(i * 10), Title: p, Img: p, URL: p})
		}
		w.Header().Set("Content-Type", "application/json+chapters")
		json.NewEncoder(w).Encode(doc)
	case strings.HasPrefix(name, "transcript."):
		serveXSSTranscript(w, strings.TrimPrefix(name, "transcript."))
	default:
		http.NotFound(w, r)
	}
}

func serveXSSTranscript(w http.ResponseWriter, ext string) {
	var b strings.Builder
	clock := func(s int, sep string) string {
		return fmt.Sprintf("00:%02d:%02d%s000", s/60, s%60, sep)
	}
	switch ext {
	case "vtt":
		w.Header().Set("Content-Type", "text/vtt")
		b.WriteString("WEBVTT\n\n")
		for i, p := range payloads {
			fmt.Fprintf(&b, "%s --> %s\n<v %s>%s\n\n", clock(i*5, "."), clock(i*5+4, "."), p, p)
		}
	case "srt":
		w.Header().Set("Content-Type", "application/x-subrip")
		for i, p := range payloads {
			fmt.Fprintf(&b, "%d\n%s --> %s\n%s: %s\n\n", i+1, clock(i*5, ","), clock(i*5+4, ","), strings.ReplaceAll(p, ":", ""), p)
		}
	case "json":
		w.Header().Set("Content-Type", "application/json")
		type seg struct {
			Speaker string  `json:"speaker"`
			Start   float64 `json:"startTime"`
			End     float64 `json:"endTime"`
			Body    string  `json:"body"`
		}
		doc := struct {
			Version  string `json:"version"`
			Segments []seg  `json:"segments"`
		}{Version: "1.0.0"}
		for i, p := range payloads {
			doc.Segments = append(doc.Segments, seg{Speaker: p, Start: float64(i * 5), End: float64(i*5 + 4), Body: p})
		}
		json.NewEncoder(w).Encode(doc)
		return
	case "html":
		w.Header().Set("Content-Type", "text/html")
		for i, p := range payloads {
			fmt.Fprintf(&b, "<cite>%s:</cite><time>0:%02d</time><p>%s</p>\n", p, i%60, p)
		}
	}
	io.WriteString(w, b.String())
}

// denseFeed is a show whose episodes carry every payload at once in every
// field that holds a list (people, funding, highlights, chapters,
// alternate enclosures, transcript lines) and all of them joined in every
// text field, so that a few page views show all of them.
func denseFeed(origin string) string {
	all := strings.Join(payloads, " ")
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" %s><channel>
<title>Dense %s</title><link>%s</link><description>%s</description>
<language>%s</language><itunes:author>%s</itunes:author><itunes:summary>%s</itunes:summary>
<itunes:image href="%s"/><image><url>%s</url></image>
<atom:link rel="next" href="%s"/><atom:link rel="http://podlove.org/deep-link" href="%s"/>
`, xssNamespaces, xe(all), xe(payloads[14]), xe(all), xe(payloads[0]), xe(all), xe(all), xe(payloads[24]), xe(payloads[25]), xe(payloads[15]), xe(payloads[16]))
	for _, p := range payloads {
		fmt.Fprintf(&b, `<itunes:category text="%s"/><podcast:person role="%s" group="%s" href="%s" img="%s">%s</podcast:person><podcast:funding url="%s">%s</podcast:funding><atom:link rel="payment" href="%s" title="%s"/>
`, xe(p), xe(p), xe(p), xe(p), xe(p), xe(p), xe(p), xe(p), xe(p), xe(p))
	}
	transcripts := []struct{ ext, typ string }{{"vtt", "text/vtt"}, {"json", "application/json"}, {"srt", "application/x-subrip"}, {"html", "text/html"}}
	for i := 0; i < denseEpisodes; i++ {
		fmt.Fprintf(&b, `<item><title>Dense %d %s</title><guid isPermaLink="false">dense-%d</guid><link>%s</link>
<itunes:duration>3600</itunes:duration><itunes:episodeType>%s</itunes:episodeType><itunes:image href="%s"/>
<enclosure url="%s/audio/dense-%d.mp3" type="audio/mpeg" length="1000"/>
<podcast:season name="%s">1</podcast:season><podcast:episode display="%s">%d</podcast:episode>
<description>%s</description><itunes:summary>%s</itunes:summary>
<content:encoded>%s</content:encoded>
<podcast:transcript url="%s/xss/transcript.%s" type="%s" language="%s"/>
<podcast:transcript url="%s" type="%s"/>
`, i, xe(all), i, xe(payloads[(i+14)%len(payloads)]), xe(payloads[i]), xe(payloads[(i+24)%len(payloads)]),
			origin, i, xe(all), xe(all), i, xe(all), xe(all), xe(denseNotes()),
			origin, transcripts[i].ext, transcripts[i].typ, xe(payloads[i]), xe(payloads[i+15]), xe(payloads[i]))
		switch i {
		case 0:
			fmt.Fprintf(&b, `<podcast:chapters url="%s/xss/chapters.json" type="application/json+chapters"/>`+"\n", origin)
		case 1:
			b.WriteString(`<psc:chapters version="1.2">`)
			for j, p := range payloads {
				fmt.Fprintf(&b, `<psc:chapter start="%d" title="%s" href="%s" image="%s"/>`, j*10, xe(p), xe(p), xe(p))
			}
			b.WriteString("</psc:chapters>\n")
		}
		for j, p := range payloads {
			fmt.Fprintf(&b, `<podcast:person role="%s" href="%s" img="%s">%s</podcast:person><podcast:funding url="%s">%s</podcast:funding>`+
				`<podcast:soundbite startTime="%d" duration="5">%s</podcast:soundbite>`+
				`<podcast:alternateEnclosure type="audio/mpeg" title="%s" length="1"><podcast:source uri="%s"/><podcast:source uri="%s/audio/alt-%d.mp3"/></podcast:alternateEnclosure>`+"\n",
				xe(p), xe(p), xe(p), xe(p), xe(p), xe(p), j*10, xe(p), xe(p), xe(p), origin, j)
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// denseNotes are show notes with every payload as HTML, one per line after
// a timestamp (so the notes also become chapters where no others exist).
func denseNotes() string {
	var b strings.Builder
	for i, p := range payloads {
		fmt.Fprintf(&b, "<p>(%02d:%02d) %s</p>\n", i/60, i%60, p)
	}
	return b.String()
}

// singleFeed is show k of the single-payload shows: one episode per
// payload of its share, with that payload in every field.
func singleFeed(origin string, k int) string {
	per := (len(payloads) + xssSingleFeeds - 1) / xssSingleFeeds
	lo, hi := k*per, min((k+1)*per, len(payloads))
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" %s><channel>
<title>Single %d %s</title><link>%s</link><description>%s</description><itunes:author>%s</itunes:author>
<itunes:image href="%s"/>
`, xssNamespaces, k, xe(payloads[lo]), xe(payloads[lo+1]), xe(payloads[lo+2]), xe(payloads[lo+3]), xe(payloads[lo+4]))
	for i := lo; i < hi; i++ {
		p := payloads[i]
		encURL, encType := origin+"/audio/single.mp3", p
		if i%2 == 0 {
			encURL, encType = p, "audio/mpeg"
		}
		fmt.Fprintf(&b, `<item><title>%[1]s</title><guid isPermaLink="false">s%[2]d-%[1]s</guid><link>%[1]s</link>
<description>%[1]s</description><itunes:summary>%[1]s</itunes:summary><itunes:subtitle>%[1]s</itunes:subtitle>
<itunes:image href="%[1]s"/><itunes:duration>600</itunes:duration>
<enclosure url="%[3]s" type="%[4]s" length="1"/>
<podcast:season name="%[1]s">1</podcast:season><podcast:episode display="%[1]s">%[2]d</podcast:episode>
<podcast:person role="%[1]s" href="%[1]s" img="%[1]s">%[1]s</podcast:person><podcast:funding url="%[1]s">%[1]s</podcast:funding>
<podcast:soundbite startTime="1" duration="5">%[1]s</podcast:soundbite>
<podcast:transcript url="%[1]s" type="text/vtt"/><podcast:chapters url="%[1]s" type="application/json+chapters"/>
<psc:chapters version="1.2"><psc:chapter start="0" title="%[1]s" href="%[1]s" image="%[1]s"/><psc:chapter start="60" title="%[1]s"/></psc:chapters>
<atom:link rel="payment" href="%[1]s"/>
</item>
`, xe(p), i, xe(encURL), xe(encType))
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// ---- checking answers ----

// reporter is where the checks report what they find: a *testing.T, or
// a list (for the checks' own test).
type reporter interface {
	Errorf(format string, args ...any)
}

// found collects reports.
type found struct {
	mu   sync.Mutex
	list []string
}

func (f *found) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.list = append(f.list, fmt.Sprintf(format, args...))
}

// urlKeys are the JSON keys whose values are URLs (or lists of URLs).
var urlKeys = map[string]bool{
	"url": true, "link": true, "image": true, "href": true, "img": true, "sources": true,
	"first": true, "next": true, "prev": true, "last": true, "deepLink": true, "chaptersUrl": true,
	"feedUrl": true, "thumbnail_url": true, "author_url": true, "provider_url": true, "src": true,
}

// urlAttrs are the HTML attributes whose values are URLs.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "poster": true,
	"xlink:href": true, "background": true, "ping": true, "cite": true, "longdesc": true,
	"manifest": true, "codebase": true, "icon": true, "lowsrc": true, "dynsrc": true, "srcset": true,
}

var (
	schemeRe    = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.\-]*):`)
	dataImageRe = regexp.MustCompile(`^data:image/(png|jpeg|gif|webp|bmp);base64,[A-Za-z0-9+/]*={0,2}$`)
)

// urlProblem says what is wrong with u as a link or image URL in a page
// or JSON (read the way a browser reads it), or "".
func urlProblem(u string, image bool) string {
	s := strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	m := schemeRe.FindStringSubmatch(s)
	if m == nil {
		return "" // relative: this origin
	}
	if !image && slices.Contains(follow.Schemes, strings.ToLower(m[1])) {
		return "" // the Follow panel's app links (package follow builds them)
	}
	switch strings.ToLower(m[1]) {
	case "http", "https", "mailto":
		return ""
	case "data":
		if image && dataImageRe.MatchString(s) {
			return ""
		}
	}
	return "dangerous URL " + strconv.Quote(shortened(u))
}

// cssURLRe finds the url() values of a style attribute.
var cssURLRe = regexp.MustCompile(`(?i)url\(\s*(['"]?)([^'"()]*)(['"]?)\s*\)`)

// styleProblem says what in a style attribute could run or load a script:
// a url() whose scheme is not http(s) (covers are background images, so
// http(s) is expected), or script and expression() outside url().
func styleProblem(style string) string {
	for _, m := range cssURLRe.FindAllStringSubmatch(style, -1) {
		if m[1] != m[3] {
			return "unbalanced quotes in url()"
		}
		if p := urlProblem(m[2], false); p != "" {
			return p
		}
		if s := schemeRe.FindStringSubmatch(m[2]); s != nil && strings.EqualFold(s[1], "mailto") {
			return "mailto in url()"
		}
	}
	if regexp.MustCompile(`(?i)javascript|expression\(|url\(`).MatchString(cssURLRe.ReplaceAllString(style, "")) {
		return "script or an unparsed url() in the style"
	}
	return ""
}

func shortened(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// checkJSON reports every URL field with a dangerous URL, and checks the
// HTML fields (show notes, oEmbed and snippet html) as HTML.
func checkJSON(t reporter, where string, body []byte) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("%s: not JSON: %v", where, err)
		return
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case string:
			if urlKeys[key] {
				if p := urlProblem(v, key == "image" || key == "img" || key == "thumbnail_url"); p != "" {
					t.Errorf("%s: %s: %s", where, key, p)
				}
				// A URL field is an absolute web URL or nothing.
				if v != "" && !strings.HasPrefix(strings.ToLower(v), "http://") && !strings.HasPrefix(strings.ToLower(v), "https://") &&
					!dataImageRe.MatchString(v) {
					t.Errorf("%s: %s is not a web URL: %q", where, key, shortened(v))
				}
			}
			if key == "html" || key == "notes" {
				checkHTML(t, where+" "+key, []byte(v), true)
			}
		case []any:
			for _, e := range v {
				walk(key, e)
			}
		case map[string]any:
			for k, e := range v {
				walk(k, e)
			}
		}
	}
	walk("", v)
}

// pageScripts are the scripts a page may load.
func allowedScript(n *xhtml.Node) bool {
	src, hasSrc := attrValue(n, "src")
	if !hasSrc {
		typ, _ := attrValue(n, "type")
		id, _ := attrValue(n, "id")
		return typ == "application/json" && id == "es-data"
	}
	u, err := url.Parse(src)
	if err != nil {
		return false
	}
	sameOrigin := u.Host == "" || "http://"+u.Host == serverURL
	return sameOrigin && (u.Path == "/wasm_exec.js" || u.Path == "/app.js" || strings.HasPrefix(u.Path, "/web/"))
}

func attrValue(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// forbiddenElements never appear in Earshot's pages; from a payload they
// would run or load something.
var forbiddenElements = map[string]bool{
	"object": true, "embed": true, "applet": true, "base": true, "frame": true, "frameset": true,
	"x-evil": true, "xss": true, "marquee": true, "math": true, "isindex": true, "keygen": true,
	"style": true,
}

// checkHTML parses body as a browser would and reports any element,
// attribute or URL that a payload could have put there.
func checkHTML(t reporter, where string, body []byte, fragment bool) {
	var nodes []*xhtml.Node
	if fragment {
		ns, err := xhtml.ParseFragment(bytes.NewReader(body), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			t.Errorf("%s: %v", where, err)
			return
		}
		nodes = ns
	} else {
		doc, err := xhtml.Parse(bytes.NewReader(body))
		if err != nil {
			t.Errorf("%s: %v", where, err)
			return
		}
		nodes = []*xhtml.Node{doc}
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			tag := n.Data
			if forbiddenElements[tag] {
				t.Errorf("%s: a <%s> element", where, tag)
			}
			switch tag {
			case "script":
				if !allowedScript(n) {
					t.Errorf("%s: a script element %v", where, n.Attr)
				}
				if id, _ := attrValue(n, "id"); id == "es-data" && n.FirstChild != nil {
					checkJSON(t, where+" es-data", []byte(n.FirstChild.Data))
				}
			case "iframe":
				src, _ := attrValue(n, "src")
				if u, err := url.Parse(src); err != nil || (u.Host != "" && "http://"+u.Host != serverURL) {
					t.Errorf("%s: an iframe of another origin: %q", where, shortened(src))
				}
			case "meta":
				equiv, _ := attrValue(n, "http-equiv")
				if strings.EqualFold(equiv, "refresh") {
					t.Errorf("%s: a meta refresh", where)
				}
				prop, _ := attrValue(n, "property")
				name, _ := attrValue(n, "name")
				content, _ := attrValue(n, "content")
				if k := prop + name; strings.HasSuffix(k, ":url") || strings.HasSuffix(k, ":image") || strings.HasSuffix(k, ":audio") ||
					strings.HasSuffix(k, ":player") || strings.HasSuffix(k, ":secure_url") {
					if p := urlProblem(content, true); p != "" {
						t.Errorf("%s: <meta %s>: %s", where, k, p)
					}
				}
			case "link":
				if rel, _ := attrValue(n, "rel"); strings.EqualFold(rel, "import") {
					t.Errorf("%s: an HTML import", where)
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				switch {
				case strings.HasPrefix(key, "on"):
					t.Errorf("%s: <%s %s=%q>", where, tag, key, shortened(a.Val))
				case key == "srcdoc":
					t.Errorf("%s: <%s srcdoc>", where, tag)
				case key == "style":
					if p := styleProblem(a.Val); p != "" {
						t.Errorf("%s: <%s style=%q>: %s", where, tag, shortened(a.Val), p)
					}
				case urlAttrs[key]:
					if p := urlProblem(a.Val, tag == "img" && key == "src"); p != "" {
						t.Errorf("%s: <%s %s>: %s", where, tag, key, p)
					}
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
}

// checkAnswer checks one answer by its content type.
func checkAnswer(t reporter, where string, res *http.Response, body []byte) {
	switch res.StatusCode {
	case http.StatusInternalServerError, http.StatusServiceUnavailable:
		t.Errorf("%s: status %d", where, res.StatusCode)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("%s: no nosniff", where)
	}
	for _, l := range regexp.MustCompile(`<([^>]*)>`).FindAllStringSubmatch(res.Header.Get("Link"), -1) {
		if p := urlProblem(l[1], false); p != "" {
			t.Errorf("%s: Link header: %s", where, p)
		}
	}
	ctype := res.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ctype, "application/json"):
		checkJSON(t, where, body)
	case strings.HasPrefix(ctype, "text/html"):
		checkHTML(t, where, body, !bytes.Contains(body[:min(len(body), 200)], []byte("<html")) && !bytes.HasPrefix(body, []byte("<!")))
	case strings.HasPrefix(ctype, "text/xml"):
		var doc struct {
			HTML         string `xml:"html"`
			ThumbnailURL string `xml:"thumbnail_url"`
		}
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Errorf("%s: not XML: %v", where, err)
		}
		checkHTML(t, where+" html", []byte(doc.HTML), true)
		if p := urlProblem(doc.ThumbnailURL, true); p != "" {
			t.Errorf("%s: thumbnail_url: %s", where, p)
		}
	case strings.HasPrefix(ctype, "image/svg+xml"):
		if res.Header.Get("Content-Security-Policy") == "" || bytes.Contains(bytes.ToLower(body), []byte("<script")) || bytes.Contains(body, []byte(" on")) {
			t.Errorf("%s: an unsafe SVG", where)
		}
	case strings.HasPrefix(ctype, "text/plain"):
	default:
		t.Errorf("%s: unexpected content type %q", where, ctype)
	}
}

// sweeper sends many requests, each from its own loopback address so the
// per-client budget does not refuse them, with a few in parallel.
type sweeper struct {
	t    *testing.T
	next atomic.Int64
	sent atomic.Int64
}

func (s *sweeper) client() *http.Client {
	n := s.next.Add(1)
	ip := net.IPv4(127, 1+byte(n/62500), byte(n/250%250), byte(n%250+1))
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
}

func (s *sweeper) do(method, u, ctype string, body []byte) (*http.Response, []byte) {
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	require.NoError(s.t, err)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := s.client().Do(req)
	require.NoError(s.t, err, "%s %s", method, u)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(s.t, err)
	s.sent.Add(1)
	return res, b
}

// check fetches every URL (in parallel) and checks each answer.
func (s *sweeper) check(urls []string) {
	work := make(chan string)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for u := range work {
				res, body := s.do(http.MethodGet, u, "", nil)
				checkAnswer(s.t, strings.TrimPrefix(u, serverURL), res, body)
			}
		})
	}
	for _, u := range urls {
		work <- u
	}
	close(work)
	wg.Wait()
}

func q(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Set(pairs[i], pairs[i+1])
	}
	return v.Encode()
}

// Every payload in every field of a feed: the API's JSON, the pages, the
// embed snippet and oEmbed carry no element, handler or dangerous URL.
func TestXSSFeedFieldsHTTP(t *testing.T) {
	base := server(t)
	require.GreaterOrEqual(t, len(payloads), 150)
	s := &sweeper{t: t}
	feeds := []string{xssFeedURL("dense.xml")}
	for k := 0; k < xssSingleFeeds; k++ {
		feeds = append(feeds, xssFeedURL(fmt.Sprintf("single-%d.xml", k)))
	}
	var urls []string
	episodes := 0
	for _, f := range feeds {
		res, body := s.do(http.MethodGet, base+"/api/feed?"+q("url", f), "", nil)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s: %s", f, body)
		checkAnswer(t, "/api/feed "+f, res, body)
		var show struct {
			Episodes []struct {
				GUID string `json:"guid"`
			} `json:"episodes"`
		}
		require.NoError(t, json.Unmarshal(body, &show))
		require.NotEmpty(t, show.Episodes)
		urls = append(urls, base+"/show?"+q("feed", f), base+"/?"+q("feed", f))
		for _, ep := range show.Episodes {
			episodes++
			page := base + "/episode?" + q("feed", f, "guid", ep.GUID)
			urls = append(urls,
				page,
				base+"/embed?"+q("feed", f, "guid", ep.GUID),
				base+"/api/episode?"+q("feed", f, "guid", ep.GUID),
				base+"/api/transcript?"+q("feed", f, "guid", ep.GUID),
				base+"/api/embed?"+q("feed", f, "guid", ep.GUID, "resizer", "1"),
				base+"/api/embed?"+q("feed", f, "guid", ep.GUID, "format", "json"),
				base+"/oembed?"+q("url", page, "format", "json"),
				base+"/oembed?"+q("url", page, "format", "xml"),
				base+"/api/qr?"+q("url", page),
			)
		}
	}
	assert.Equal(t, denseEpisodes+len(payloads), episodes, "every hostile episode is listed")

	// The hostile material really arrives: every payload as a chapter, a
	// person, a funding link, a highlight and a transcript line.
	for i := 0; i < denseEpisodes; i++ {
		guid := fmt.Sprintf("dense-%d", i)
		res, body := s.do(http.MethodGet, base+"/api/episode?"+q("feed", xssFeedURL("dense.xml"), "guid", guid), "", nil)
		require.Equal(t, http.StatusOK, res.StatusCode, string(body))
		var v struct {
			Episode struct {
				Chapters   []struct{ Title string } `json:"chapters"`
				Persons    []struct{ Name string }  `json:"persons"`
				Funding    []struct{ Title string } `json:"funding"`
				Soundbites []struct{ Title string } `json:"soundbites"`
				Notes      string                   `json:"notes"`
			} `json:"episode"`
		}
		require.NoError(t, json.Unmarshal(body, &v))
		if i < 2 { // JSON chapters, PSC chapters; the others' come from the notes
			assert.Len(t, v.Episode.Chapters, len(payloads), guid)
		}
		// People whose name is nothing but markup have no name and are dropped.
		assert.Greater(t, len(v.Episode.Persons), len(payloads)*3/4, guid)
		assert.Len(t, v.Episode.Soundbites, len(payloads), guid)
		// An unclosed <style> (payload 9) swallows the rest of one notes
		// document, as it does in a browser; the single-payload episodes
		// give every payload a notes document of its own.
		assert.Contains(t, v.Episode.Notes, `href="#t=`, guid)
		res, body = s.do(http.MethodGet, base+"/api/transcript?"+q("feed", xssFeedURL("dense.xml"), "guid", guid), "", nil)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s transcript: %s", guid, body)
		var tr struct {
			Segments []struct{ Text string } `json:"segments"`
		}
		require.NoError(t, json.Unmarshal(body, &tr))
		assert.GreaterOrEqual(t, len(tr.Segments), len(payloads)/2, "%s transcript", guid)
	}
	s.check(urls)
	t.Logf("%d payloads, %d hostile episodes, %d requests checked", len(payloads), episodes, s.sent.Load())
}

// Every payload in every query parameter of every page and endpoint.
func TestXSSQueryParamsHTTP(t *testing.T) {
	base := server(t)
	s := &sweeper{t: t}
	const demo = "earshot-demo-1"
	var urls []string
	for _, p := range payloads {
		presentation := []string{"t", p, "lang", p, "autoplay", p, "layout", p, "theme", p, "color", p, "resizer", p, "x", p}
		embedPage := base + "/embed?" + q(append([]string{"guid", demo}, presentation...)...)
		urls = append(urls,
			base+"/?"+q("feed", p),
			base+"/?"+q("lang", p, "t", p, "x", p),
			base+"/show?"+q("feed", p, "lang", p),
			base+"/episode?"+q("feed", p, "guid", p),
			base+"/episode?"+q("guid", p),
			base+"/episode?"+q(append([]string{"guid", demo}, presentation...)...),
			base+"/embed?"+q("feed", p, "guid", p),
			base+"/embed?"+q("guid", p),
			embedPage,
			base+"/library?"+q("feed", p, "lang", p),
			base+"/api/feed?"+q("url", p),
			base+"/api/episode?"+q("feed", p, "guid", p),
			base+"/api/episode?"+q("guid", p),
			base+"/api/transcript?"+q("feed", p, "guid", p),
			base+"/api/transcript?"+q("guid", p),
			base+"/api/embed?"+q(append([]string{"guid", demo}, presentation...)...),
			base+"/api/embed?"+q(append([]string{"guid", demo, "format", "json"}, presentation...)...),
			base+"/api/embed?"+q("feed", p, "guid", p, "format", p),
			base+"/oembed?"+q("url", p, "format", "json"),
			base+"/oembed?"+q("url", embedPage, "format", "json", "maxwidth", p, "maxheight", p),
			base+"/oembed?"+q("url", embedPage, "format", "xml"),
			base+"/oembed?"+q("url", base+"/episode?"+q("feed", p), "format", p),
			base+"/api/qr?"+q("url", p),
		)
	}
	s.check(urls)

	// An OPML file with every payload as feed URL, site URL and title.
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>`)
	for _, p := range payloads {
		fmt.Fprintf(&b, `<outline type="rss" text="%s" title="%s" xmlUrl="%s" htmlUrl="%s"/>`, xe(p), xe(p), xe(p), xe(p))
		fmt.Fprintf(&b, `<outline type="rss" text="%s" xmlUrl="https://example.com/%d.xml"/>`, xe(p), len(b.String()))
	}
	b.WriteString(`</body></opml>`)
	res, body := s.do(http.MethodPost, base+"/api/opml", "text/x-opml", []byte(b.String()))
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	checkAnswer(t, "/api/opml", res, body)
	var out struct {
		Feeds []struct{ URL string } `json:"feeds"`
	}
	require.NoError(t, json.Unmarshal(body, &out))
	// The web URLs are imported (and the few payloads that are web URLs,
	// such as https://example.com/"><script>…, which a browser encodes).
	assert.GreaterOrEqual(t, len(out.Feeds), len(payloads))
	assert.LessOrEqual(t, len(out.Feeds), len(payloads)+8)
	t.Logf("%d payloads, %d requests checked", len(payloads), s.sent.Load())
}

// The checks find what they look for: each of these answers is reported.
func TestXSSChecksCatchInjections(t *testing.T) {
	server(t) // serverURL, for same-origin scripts
	for _, bad := range []string{
		`<p>x<script>__xss(1)</script></p>`,
		`<img src=x onerror=__xss(1)>`,
		`<a href="javascript:__xss(1)">x</a>`,
		`<a href=" JaVa&#x09;ScRiPt:__xss(1)">x</a>`,
		`<a href="vbscript:x">x</a>`,
		`<iframe src="data:text/html,<script>top.__xss(1)</script>"></iframe>`,
		`<iframe srcdoc="&lt;script&gt;top.__xss(1)&lt;/script&gt;"></iframe>`,
		`<img src="data:image/svg+xml,<svg onload=x>">`,
		`<svg><a xlink:href="javascript:x"><text>x</text></a></svg>`,
		`<object data="x"></object>`,
		`<x-evil></x-evil>`,
		`<div style="background:url(javascript:x)">x</div>`,
		`<meta http-equiv="refresh" content="0;url=javascript:x">`,
		`<form action="javascript:x"></form>`,
		`<script src="https://evil.example/x.js"></script>`,
		`<meta property="og:image" content="javascript:x">`,
	} {
		var f found
		checkHTML(&f, "test", []byte(bad), true)
		assert.NotEmpty(t, f.list, "not caught: %s", bad)
	}
	for _, bad := range []string{
		`{"episodes":[{"link":"javascript:x"}]}`,
		`{"persons":[{"href":"java\tscript:x"}]}`,
		`{"image":"data:text/html,x"}`,
		`{"sources":["https://ok.example/a.mp3","vbscript:x"]}`,
		`{"notes":"<img src=x onerror=x>"}`,
		`{"html":"<iframe src=\"javascript:x\"></iframe>"}`,
		`{"url":"//evil.example/x"}`,
	} {
		var f found
		checkJSON(&f, "test", []byte(bad))
		assert.NotEmpty(t, f.list, "not caught: %s", bad)
	}
	var f found
	checkHTML(&f, "test", []byte(`<a href="https://example.com/">x</a><img src="data:image/png;base64,iVBORw0KGgo="><a href="mailto:a@example.com">m</a><a href="/episode?guid=x">e</a>`), true)
	checkJSON(&f, "test", []byte(`{"link":"https://example.com/","image":"data:image/png;base64,iVBORw0KGgo=","title":"javascript:alert(1)"}`))
	assert.Empty(t, f.list, "safe answers pass")
}
