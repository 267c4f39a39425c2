package app

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// The show embed prerenders the compact player with the list's first
// episode and the rows, each carrying what the bridge needs to play it;
// the list follows season, order and limit.
func TestShowEmbedRenders(t *testing.T) {
	show := richShow()
	require.GreaterOrEqual(t, len(show.Episodes), 2)
	src := &fakeSource{view: richerView(), show: show}
	doc := prerender(t, newEmbedAt(src, "/embed?feed=https://example.com/feed.xml&layout=show"))

	findOne(t, doc, "div", hasClass("es-showembed"))
	findOne(t, doc, "article", hasClass("es-layout-compact"))
	rows := findAll(doc, "button", hasClass("es-row"))
	require.Len(t, rows, min(len(show.Episodes), showEmbedFirst))
	for i, r := range rows {
		ep := &show.Episodes[i]
		assert.Equal(t, chooseSource(ep), attrVal(r, "data-es-ep-src"))
		assert.Equal(t, ep.GUID, attrVal(r, "data-es-ep-guid"))
		assert.Equal(t, ep.Title, textsOf(findAll(r, "span", hasClass("es-rowtitle")))[0])
	}
	assert.Equal(t, [][2]string{{"https://example.com/feed.xml", show.Episodes[0].GUID}}, src.calls, "the player holds the list's first episode")

	src = &fakeSource{view: richerView(), show: show}
	doc = prerender(t, newEmbedAt(src, "/embed?feed=https://example.com/feed.xml&layout=show&order=oldest&limit=1"))
	rows = findAll(doc, "button", hasClass("es-row"))
	require.Len(t, rows, 1)
	assert.Equal(t, show.Episodes[len(show.Episodes)-1].GUID, attrVal(rows[0], "data-es-ep-guid"), "oldest first")
	assert.Equal(t, [][2]string{{"https://example.com/feed.xml", show.Episodes[len(show.Episodes)-1].GUID}}, src.calls)
}

// The page's embedded data carries the rows and a view without show notes
// (the compact player shows none): what a visitor downloads stays small.
func TestShowEmbedData(t *testing.T) {
	s := &podcast.Show{FeedURL: "https://example.com/f", Title: "T", Description: "long", Episodes: make([]podcast.Episode, 30)}
	for i := range s.Episodes {
		s.Episodes[i] = podcast.Episode{GUID: string(rune('a' + i)), Notes: "<p>notes</p>", Summary: strings.Repeat("word ", 60)}
	}
	d := showEmbedData(s, embedOpts(t, "limit=20"))
	assert.Len(t, d.Episodes, showEmbedFirst)
	assert.Empty(t, d.Description)
	for _, ep := range d.Episodes {
		assert.Empty(t, ep.Notes)
		assert.LessOrEqual(t, len([]rune(ep.Summary)), 100)
		assert.Equal(t, ep.Summary, rowLine(ep.Summary), "cutting again changes nothing")
	}
	v := compactView(&podcast.EpisodeView{Episode: podcast.Episode{Notes: "<p>x</p>", Title: "E"}})
	assert.Empty(t, v.Episode.Notes)
	assert.Equal(t, "E", v.Episode.Title)
}

func embedOpts(t *testing.T, query string) embed.Options {
	t.Helper()
	q, err := url.ParseQuery(query)
	require.NoError(t, err)
	return embed.ParseOptions(q)
}

// The page's rows, read back by the wasm (which orders them again), are
// the rows the server rendered, in the same order, whatever the order.
func TestShowEmbedDataKeepsTheOrder(t *testing.T) {
	s := &podcast.Show{FeedURL: "https://example.com/f", Episodes: make([]podcast.Episode, 12)}
	for i := range s.Episodes {
		s.Episodes[i].GUID = strconv.Itoa(i)
	}
	for _, q := range []string{"", "order=oldest", "order=oldest&limit=3"} {
		o := embedOpts(t, q)
		want := embed.ShowList(s.Episodes, o)
		got := embed.ShowList(showEmbedData(s, o).Episodes, o)
		require.NotEmpty(t, got, q)
		for i := range got {
			assert.Equal(t, want[i].GUID, got[i].GUID, "%s: row %d", q, i)
		}
	}
}
