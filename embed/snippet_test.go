package embed_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

const base = "https://earshot.example"

func TestEmbedURL(t *testing.T) {
	tg := embed.Target{Feed: "https://f.example/x.xml", GUID: "g1", Time: podcast.Range{Start: 90}}
	for _, tc := range []struct {
		name string
		o    embed.Options
		want string
	}{
		{"target time", embed.Options{}, base + "/embed?feed=https:%2F%2Ff.example%2Fx.xml&guid=g1&t=1:30"},
		{"options time wins", embed.Options{Time: podcast.Range{Start: 10, End: 20}, Layout: embed.LayoutMini},
			base + "/embed?feed=https:%2F%2Ff.example%2Fx.xml&guid=g1&layout=mini&t=0:10,0:20"},
		{"options", embed.Options{Theme: embed.ThemeDark, Color: "c2410c", Lang: "de", Autoplay: true},
			base + "/embed?autoplay=1&color=c2410c&feed=https:%2F%2Ff.example%2Fx.xml&guid=g1&lang=de&t=1:30&theme=dark"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := embed.EmbedURL(base+"/", tg, tc.o)
			assert.Equal(t, tc.want, got)
			u, err := url.Parse(got)
			require.NoError(t, err)
			want := tg
			if tc.o.Time != (podcast.Range{}) {
				want.Time = tc.o.Time
			}
			assert.Equal(t, want, embed.ParseTarget(u), "the embed page reads the target back")
			wantO := tc.o.Normalize()
			wantO.Time = want.Time
			assert.Equal(t, wantO, embed.ParseOptions(u.Query()), "and the options")
		})
	}
}

// snippetNodes parses a snippet as the host page's browser would and
// returns its elements.
func snippetNodes(t *testing.T, s string) []*html.Node {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	require.NoError(t, err)
	var elems []*html.Node
	for _, n := range nodes {
		if n.Type == html.ElementNode {
			elems = append(elems, n)
		} else {
			require.Equal(t, html.TextNode, n.Type)
			require.Empty(t, strings.TrimSpace(n.Data), "no text outside the elements")
		}
	}
	return elems
}

func attrs(n *html.Node) map[string]string {
	m := map[string]string{}
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}

func TestSnippet(t *testing.T) {
	tg := embed.Target{Feed: "https://f.example/x.xml?a=1&b=2", GUID: "g1", Time: podcast.Range{Start: 90, End: 120}}
	s := embed.Snippet(base, tg, embed.Options{Layout: embed.LayoutCompact}, "Episode 1: Go & wasm", false)
	assert.Equal(t, `<iframe src="https://earshot.example/embed?feed=https:%2F%2Ff.example%2Fx.xml%3Fa%3D1%26b%3D2&amp;guid=g1&amp;layout=compact&amp;t=1:30,2:00" `+
		`title="Episode 1: Go &amp; wasm – Earshot player" width="100%" height="200" loading="lazy" allow="autoplay; clipboard-write" `+
		`style="border:0;display:block;width:100%;overflow:hidden;border-radius:12px"></iframe>`, s)

	nodes := snippetNodes(t, s)
	require.Len(t, nodes, 1)
	a := attrs(nodes[0])
	assert.Equal(t, "Episode 1: Go & wasm – Earshot player", a["title"])
	assert.Equal(t, embed.EmbedURL(base, tg, embed.Options{Layout: embed.LayoutCompact}), a["src"])

	for _, l := range embed.Layouts() {
		s := embed.Snippet(base, tg, embed.Options{Layout: l}, "x", false)
		assert.Contains(t, s, `height="`+strconv.Itoa(l.Height())+`"`, l)
	}
	assert.Contains(t, embed.Snippet(base, tg, embed.Options{}, "  ", false), `title="Earshot player"`)
}

func TestSnippetResizer(t *testing.T) {
	s := embed.Snippet(base+"/", embed.Target{GUID: "g"}, embed.Options{}, "T", true)
	nodes := snippetNodes(t, s)
	var scripts []string
	for _, n := range nodes {
		if n.Type == html.ElementNode && n.Data == "script" {
			scripts = append(scripts, attrs(n)["src"])
			_, async := attrs(n)["async"]
			assert.True(t, async)
		}
	}
	assert.Equal(t, []string{base + "/web/embed.js"}, scripts)
}

// Titles, feeds and GUIDs come from feeds, that is from strangers: nothing
// in them may break out of an attribute.
func TestSnippetEscaping(t *testing.T) {
	evil := `"><script>alert(1)</script><img src=x onerror=alert(2) '`
	tg := embed.Target{Feed: "https://f.example/" + evil, GUID: evil, Time: podcast.Range{Start: 1}}
	for _, o := range []embed.Options{{}, {Color: evil, Lang: evil, Layout: embed.Layout(evil), Theme: embed.Theme(evil)}} {
		for _, resizer := range []bool{false, true} {
			s := embed.Snippet(base+`/"><script>`, tg, o, evil, resizer)
			assert.NotContains(t, s, "<script>")
			assert.NotContains(t, s, "<img")
			nodes := snippetNodes(t, s)
			want := 1
			if resizer {
				want = 2
			}
			require.Len(t, nodes, want, s)
			f := nodes[0]
			require.Equal(t, "iframe", f.Data)
			assert.Nil(t, f.FirstChild, "no content inside the iframe")
			a := attrs(f)
			assert.Equal(t, evil+" – Earshot player", a["title"], "the title survives intact, as text")
			for k := range a {
				assert.Contains(t, []string{"src", "title", "width", "height", "loading", "allow", "style"}, k)
			}
			assert.Regexp(t, regexp.MustCompile(`^\d+$`), a["height"])
			if resizer {
				assert.Equal(t, "script", nodes[1].Data)
				assert.Nil(t, nodes[1].FirstChild)
			}
		}
	}
}

func TestFrameTitle(t *testing.T) {
	assert.Equal(t, "Earshot player", embed.FrameTitle(""))
	assert.Equal(t, "Ep 1 – Earshot player", embed.FrameTitle(" Ep 1 "))
}
