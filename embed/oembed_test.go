package embed_test

import (
	"encoding/json"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

func TestNewOEmbed(t *testing.T) {
	tg := embed.Target{Feed: "https://f.example/x.xml", GUID: "g1", Time: podcast.Range{Start: 90}}
	doc := embed.NewOEmbed(base+"/", tg, embed.Options{Theme: embed.ThemeDark}, `Ep "1"`, "Jane", "https://img.example/a.jpg", 0, 0)
	assert.Equal(t, "rich", doc.Type)
	assert.Equal(t, "1.0", doc.Version)
	assert.Equal(t, `Ep "1"`, doc.Title)
	assert.Equal(t, "Jane", doc.AuthorName)
	assert.Equal(t, base+"/show?feed=https:%2F%2Ff.example%2Fx.xml", doc.AuthorURL)
	assert.Equal(t, "Earshot", doc.ProviderName)
	assert.Equal(t, base+"/", doc.ProviderURL)
	assert.Equal(t, embed.OEmbedCacheAge, doc.CacheAge)
	assert.Equal(t, "https://img.example/a.jpg", doc.ThumbnailURL)
	assert.Equal(t, embed.ThumbnailSize, doc.ThumbnailWidth)
	assert.Equal(t, embed.ThumbnailSize, doc.ThumbnailHeight)
	assert.Equal(t, embed.OEmbedWidth, doc.Width)
	assert.Equal(t, embed.HeightFull, doc.Height)

	nodes := snippetNodes(t, doc.HTML)
	require.Len(t, nodes, 1)
	a := attrs(nodes[0])
	assert.Equal(t, "560", a["height"])
	assert.Contains(t, a["style"], "max-width:640px")
	assert.Equal(t, `Ep "1" – Earshot player`, a["title"])
	src, err := url.Parse(a["src"])
	require.NoError(t, err)
	assert.Equal(t, tg, embed.ParseTarget(src), "the time is kept")
	assert.Equal(t, embed.ThemeDark, embed.ParseOptions(src.Query()).Theme)

	// The JSON has the oEmbed names.
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"type", "version", "title", "author_name", "author_url", "provider_name", "provider_url",
		"cache_age", "thumbnail_url", "thumbnail_width", "thumbnail_height", "html", "width", "height"} {
		assert.Contains(t, m, k)
	}
}

func TestNewOEmbedOptional(t *testing.T) {
	doc := embed.NewOEmbed(base, embed.Target{}, embed.Options{}, "T", "", "javascript:alert(1)", 0, 0)
	assert.Empty(t, doc.AuthorURL, "no author, no author URL")
	assert.Empty(t, doc.ThumbnailURL, "only http(s) images")
	assert.Zero(t, doc.ThumbnailWidth)
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "thumbnail")
}

// maxwidth and maxheight are never exceeded; a smaller layout is chosen
// when the requested one is too tall.
func TestNewOEmbedMaxSize(t *testing.T) {
	for _, tc := range []struct {
		name         string
		layout       embed.Layout
		maxW, maxH   int
		wantW, wantH int
		wantLayout   embed.Layout
	}{
		{"no limits", "", 0, 0, 640, 560, embed.LayoutFull},
		{"roomy", embed.LayoutFull, 1000, 1000, 640, 560, embed.LayoutFull},
		{"narrow", embed.LayoutFull, 300, 0, 300, 560, embed.LayoutFull},
		{"exact", embed.LayoutFull, 640, 560, 640, 560, embed.LayoutFull},
		{"full too tall", embed.LayoutFull, 0, 400, 640, 200, embed.LayoutCompact},
		{"compact too tall", embed.LayoutCompact, 0, 150, 640, 96, embed.LayoutMini},
		{"full, only mini fits", embed.LayoutFull, 0, 199, 640, 96, embed.LayoutMini},
		{"nothing fits", embed.LayoutFull, 200, 50, 200, 50, embed.LayoutMini},
		{"mini stays mini", embed.LayoutMini, 0, 1000, 640, 96, embed.LayoutMini},
		{"compact fits", embed.LayoutCompact, 0, 200, 640, 200, embed.LayoutCompact},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tg := embed.Target{GUID: "g", Time: podcast.Range{Start: 30, End: 60}}
			doc := embed.NewOEmbed(base, tg, embed.Options{Layout: tc.layout}, "T", "A", "", tc.maxW, tc.maxH)
			assert.Equal(t, tc.wantW, doc.Width)
			assert.Equal(t, tc.wantH, doc.Height)
			if tc.maxW > 0 {
				assert.LessOrEqual(t, doc.Width, tc.maxW)
			}
			if tc.maxH > 0 {
				assert.LessOrEqual(t, doc.Height, tc.maxH)
			}
			nodes := snippetNodes(t, doc.HTML)
			require.Len(t, nodes, 1)
			a := attrs(nodes[0])
			assert.Equal(t, strconv.Itoa(tc.wantH), a["height"])
			assert.Contains(t, a["style"], "max-width:"+strconv.Itoa(tc.wantW)+"px")
			src, err := url.Parse(a["src"])
			require.NoError(t, err)
			assert.Equal(t, tc.wantLayout, embed.ParseOptions(src.Query()).LayoutOrDefault())
			assert.Equal(t, tg, embed.ParseTarget(src), "the clip is kept")
		})
	}
}

func TestOEmbedURL(t *testing.T) {
	got := embed.OEmbedURL(base+"/", base+"/episode?feed=f&guid=g&t=1:30", "json")
	u, err := url.Parse(got)
	require.NoError(t, err)
	assert.Equal(t, "/oembed", u.Path)
	assert.Equal(t, base+"/episode?feed=f&guid=g&t=1:30", u.Query().Get("url"))
	assert.Equal(t, "json", u.Query().Get("format"))
}
