package opml

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// opmlDoc is an OPML document as a strict XML parser reads it.
type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Title   string   `xml:"head>title"`
	Outline []struct {
		Type   string  `xml:"type,attr"`
		Text   string  `xml:"text,attr"`
		Title  *string `xml:"title,attr"`
		XMLURL string  `xml:"xmlUrl,attr"`
	} `xml:"body>outline"`
}

func strictParse(t testing.TB, b []byte) opmlDoc {
	t.Helper()
	var d opmlDoc
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	require.NoError(t, dec.Decode(&d), "%s", b)
	return d
}

func TestWrite(t *testing.T) {
	out := Write([]Feed{
		{URL: "https://example.com/feed?a=1&b=2", Title: `Tom & Jerry's "<Show>"`},
		{URL: "https://example.com/untitled"},
		{URL: "https://example.com/odd", Title: "Tab\there\nnewline\r\x00nul\x1b esc \uFFFE é 🎧 " + string([]byte{0xff})},
	})

	golden := "testdata/export.opml"
	if *update {
		require.NoError(t, os.WriteFile(golden, out, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(out))

	d := strictParse(t, out)
	assert.Equal(t, "2.0", d.Version)
	require.Len(t, d.Outline, 3)
	assert.Equal(t, "rss", d.Outline[0].Type)
	assert.Equal(t, `Tom & Jerry's "<Show>"`, d.Outline[0].Text)
	require.NotNil(t, d.Outline[0].Title)
	assert.Equal(t, `Tom & Jerry's "<Show>"`, *d.Outline[0].Title)
	assert.Equal(t, "https://example.com/feed?a=1&b=2", d.Outline[0].XMLURL)

	assert.Equal(t, "https://example.com/untitled", d.Outline[1].Text, "text is required: the URL stands in")
	assert.Nil(t, d.Outline[1].Title)

	assert.Equal(t, "Tab\there\nnewline\rnul esc  é 🎧 \uFFFD", *d.Outline[2].Title,
		"whitespace survives, characters XML forbids are dropped, bad UTF-8 is replaced")

	empty := strictParse(t, Write(nil))
	assert.Empty(t, empty.Outline)
}

// FuzzWrite: whatever the titles and URLs, the export is well-formed
// XML that gives them back (less what XML cannot carry).
func FuzzWrite(f *testing.F) {
	f.Add("Show", "https://example.com/feed")
	f.Add(`a&b<c>d"e'f`, "https://example.com/?a=1&b=2")
	f.Add("\x00\x01\t\n\r\uFFFE\U0010FFFF", "]]>")
	f.Add(string([]byte{0xff, 0xfe}), "")
	f.Fuzz(func(t *testing.T, title, feedURL string) {
		out := Write([]Feed{{URL: feedURL, Title: title}})
		d := strictParse(t, out)
		require.Len(t, d.Outline, 1)
		assert.Equal(t, xmlSafe(feedURL), d.Outline[0].XMLURL)
		if title != "" {
			require.NotNil(t, d.Outline[0].Title)
			assert.Equal(t, xmlSafe(title), *d.Outline[0].Title)
		}
	})
}

// xmlSafe is s as escapeAttr can carry it.
func xmlSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		if xmlChar(r) || r == utf8.RuneError {
			b.WriteRune(r)
		}
	}
	return b.String()
}
