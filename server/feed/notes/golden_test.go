package notes

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// feedText is an element's text and namespace: feeds put atom:link next to
// link, and encoding/xml matches both by local name.
type feedText struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
}

func plain(vs []feedText) string {
	for _, v := range vs {
		if v.XMLName.Space == "" {
			return strings.TrimSpace(v.Text)
		}
	}
	return ""
}

type feedItem struct {
	Title       string     `xml:"title"`
	Links       []feedText `xml:"link"`
	Description string     `xml:"description"`
	Encoded     string     `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Duration    string     `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd duration"`
}

// notes returns the item's show notes: the longer of content:encoded and
// description (coding-blocks.xml has the full notes in description and a
// summary in content:encoded).
func (it feedItem) notes() string {
	if len(strings.TrimSpace(it.Encoded)) > len(strings.TrimSpace(it.Description)) {
		return it.Encoded
	}
	return it.Description
}

type feedDoc struct {
	Channel struct {
		Links []feedText `xml:"link"`
		Items []feedItem `xml:"item"`
	} `xml:"channel"`
}

func readFeed(t testing.TB, name string) feedDoc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	require.NoError(t, err)
	var doc feedDoc
	require.NoError(t, xml.Unmarshal(bytes.TrimSpace(data), &doc), name)
	require.NotEmpty(t, doc.Channel.Items, name)
	return doc
}

var goldenFeeds = []string{
	"itunes-keywords-astext.rss",
	"design-details.xml",
	"coding-blocks.xml",
	"changing-the-tide.xml",
	"99pi.rss",
}

// TestGoldenFeeds sanitizes and links every show note of real feeds and
// compares with testdata/golden (go test -run TestGoldenFeeds -update to
// rewrite). Whatever the golden files say, every output must pass the
// allow-list check and be stable under a second pass.
func TestGoldenFeeds(t *testing.T) {
	for _, name := range goldenFeeds {
		t.Run(name, func(t *testing.T) {
			doc := readFeed(t, name)
			var b strings.Builder
			for i, it := range doc.Channel.Items {
				base, _ := url.Parse(plain(it.Links))
				if base == nil || base.Host == "" {
					base, _ = url.Parse(plain(doc.Channel.Links))
				}
				duration, _ := podcast.ParseDuration(it.Duration)

				safe := Sanitize(it.notes(), base)
				linked := LinkTimestamps(safe, duration)
				chapters := Chapters(it.notes(), duration)

				assert.Empty(t, violations(string(safe)), "item %d", i)
				assert.Empty(t, violations(string(linked)), "item %d", i)
				assert.Equal(t, safe, Sanitize(string(safe), base), "item %d: Sanitize is not stable", i)
				assert.Equal(t, linked, LinkTimestamps(linked, duration), "item %d: LinkTimestamps is not stable", i)
				checkChapters(t, chapters, duration)

				fmt.Fprintf(&b, "### %d. %s\nduration: %g\n\n%s\n", i+1, strings.TrimSpace(it.Title), duration, linked)
				if len(chapters) > 0 {
					b.WriteString("\nchapters:\n")
					for _, c := range chapters {
						fmt.Fprintf(&b, "  %s  %s\n", podcast.FormatClock(c.Start), c.Title)
					}
				}
				fmt.Fprintf(&b, "\nexcerpt: %s\n\n", Excerpt(it.notes(), 160))
			}
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run with -update to create it")
			assert.Equal(t, string(want), b.String())
		})
	}
}

// checkChapters asserts what Chapters promises: none, or at least two in
// increasing order within the duration, each titled.
func checkChapters(t *testing.T, chapters []podcast.Chapter, duration float64) {
	t.Helper()
	if chapters == nil {
		return
	}
	require.GreaterOrEqual(t, len(chapters), 2)
	for i, c := range chapters {
		assert.NotEmpty(t, c.Title)
		assert.Equal(t, podcast.SourceNotes, c.Source)
		if duration > 0 {
			assert.LessOrEqual(t, c.Start, duration)
		}
		if i > 0 {
			assert.Greater(t, c.Start, chapters[i-1].Start)
		}
	}
}

// TestCorpusTimestamps pins what the corpus feeds are known to hold.
func TestCorpusTimestamps(t *testing.T) {
	t.Run("itunes-keywords-astext: parenthesized times", func(t *testing.T) {
		doc := readFeed(t, "itunes-keywords-astext.rss")
		links, withChapters := 0, 0
		for _, it := range doc.Channel.Items {
			duration, err := podcast.ParseDuration(it.Duration)
			require.NoError(t, err)
			links += strings.Count(string(LinkTimestamps(Sanitize(it.notes(), nil), duration)), `class="ts"`)
			if ch := Chapters(it.notes(), duration); ch != nil {
				withChapters++
				assert.Len(t, ch, 22)
				assert.Equal(t, `Intro - Legendärer Tokio Hotel "Wetten, dass..." Auftritt`, ch[0].Title)
				assert.Equal(t, podcast.Chapter{Start: 45*60 + 57, Title: "Zum Schluss glaubt Walerija an das Gute in der TV Landschaft", Source: podcast.SourceNotes}, ch[21])
			}
		}
		assert.Equal(t, 24, links)
		assert.Equal(t, 1, withChapters)
	})
	t.Run("design-details: strong times", func(t *testing.T) {
		doc := readFeed(t, "design-details.xml")
		links, chapters := 0, 0
		for _, it := range doc.Channel.Items {
			duration, _ := podcast.ParseDuration(it.Duration)
			links += strings.Count(string(LinkTimestamps(Sanitize(it.notes(), nil), duration)), `class="ts"`)
			chapters += len(Chapters(it.notes(), duration))
		}
		t.Logf("design-details: %d timestamp links, %d chapters", links, chapters)
		assert.Greater(t, links, 400)
		assert.Greater(t, chapters, 400)
	})
	t.Run("changing-the-tide: prose time", func(t *testing.T) {
		doc := readFeed(t, "changing-the-tide.xml")
		found := 0
		for _, it := range doc.Channel.Items {
			duration, _ := podcast.ParseDuration(it.Duration)
			for _, ts := range FindTimestamps(Excerpt(it.notes(), 0), duration) {
				found++
				assert.Equal(t, "3:20", ts.Label)
				assert.Empty(t, ts.Title)
			}
			assert.Nil(t, Chapters(it.notes(), duration))
		}
		assert.Equal(t, 1, found)
	})
}
