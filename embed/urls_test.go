package embed_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

const feedURL = "https://feeds.example.com/show.xml?a=1&b=2"

func TestTimeParam(t *testing.T) {
	for _, tc := range []struct {
		in   podcast.Range
		want string
	}{
		{podcast.Range{}, ""},
		{podcast.Range{Start: 90}, "1:30"},
		{podcast.Range{Start: 3723}, "1:02:03"},
		{podcast.Range{Start: 90.5}, "1:30.5"},
		{podcast.Range{Start: 90, End: 120}, "1:30,2:00"},
		{podcast.Range{End: 120}, "0:00,2:00"},       // a clip from the start says so (issue 13)
		{podcast.Range{Start: 120, End: 90}, "2:00"}, // an end before the start is dropped
		{podcast.Range{Start: -5}, ""},
	} {
		assert.Equal(t, tc.want, embed.TimeParam(tc.in), "%+v", tc.in)
		if tc.want != "" {
			r, err := podcast.ParseTime(tc.want)
			require.NoError(t, err)
			assert.Equal(t, tc.want, embed.TimeParam(r), "reads back")
		}
	}
}

func TestPaths(t *testing.T) {
	for _, tc := range []struct {
		name          string
		target        embed.Target
		episode, embd string
	}{
		{"empty", embed.Target{}, "/episode", "/embed"},
		{"feed only", embed.Target{Feed: "https://f.example/x.xml"},
			"/episode?feed=https:%2F%2Ff.example%2Fx.xml", "/embed?feed=https:%2F%2Ff.example%2Fx.xml"},
		{"feed with query and guid", embed.Target{Feed: feedURL, GUID: "ep 1/#2"},
			"/episode?feed=https:%2F%2Ffeeds.example.com%2Fshow.xml%3Fa%3D1%26b%3D2&guid=ep+1%2F%232",
			"/embed?feed=https:%2F%2Ffeeds.example.com%2Fshow.xml%3Fa%3D1%26b%3D2&guid=ep+1%2F%232"},
		{"start", embed.Target{GUID: "g", Time: podcast.Range{Start: 3723}}, "/episode?guid=g&t=1:02:03", "/embed?guid=g&t=1:02:03"},
		{"clip", embed.Target{GUID: "g", Time: podcast.Range{Start: 10, End: 20.25}}, "/episode?guid=g&t=0:10,0:20.25", "/embed?guid=g&t=0:10,0:20.25"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.episode, embed.EpisodePath(tc.target))
			assert.Equal(t, tc.embd, embed.EmbedPath(tc.target))
			for _, p := range []string{tc.episode, tc.embd} {
				u, err := url.Parse("https://earshot.example" + p)
				require.NoError(t, err)
				assert.Equal(t, tc.target, embed.ParseTarget(u), "%s reads back", p)
			}
		})
	}
	assert.Equal(t, "/show", embed.ShowPath(""))
	assert.Equal(t, "/show?feed=https:%2F%2Ff.example%2Fx.xml", embed.ShowPath("https://f.example/x.xml"))
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want embed.Target
	}{
		{"/episode?feed=f&guid=g", embed.Target{Feed: "f", GUID: "g"}},
		{"/episode?guid=g&t=90", embed.Target{GUID: "g", Time: podcast.Range{Start: 90}}},
		{"/episode?guid=g&t=1%3A30", embed.Target{GUID: "g", Time: podcast.Range{Start: 90}}},
		{"/episode?guid=g&t=1h2m3s", embed.Target{GUID: "g", Time: podcast.Range{Start: 3723}}},
		{"/episode?guid=g#t=90,120", embed.Target{GUID: "g", Time: podcast.Range{Start: 90, End: 120}}},
		{"/episode?guid=g#t=npt:1:30", embed.Target{GUID: "g", Time: podcast.Range{Start: 90}}},
		{"/episode?guid=g#u=1&t=3", embed.Target{GUID: "g", Time: podcast.Range{Start: 3}}},
		// The query wins over the fragment; an invalid query time falls
		// back to the fragment; invalid times are ignored.
		{"/episode?guid=g&t=10#t=20", embed.Target{GUID: "g", Time: podcast.Range{Start: 10}}},
		{"/episode?guid=g&t=bogus#t=20", embed.Target{GUID: "g", Time: podcast.Range{Start: 20}}},
		{"/episode?guid=g&t=20,10", embed.Target{GUID: "g"}},
		{"/episode?guid=g#t=smpte:0:00:01:00", embed.Target{GUID: "g"}},
		// The fragment is split before it is decoded: %3D is no '='.
		{"/episode?guid=g#t%3D3", embed.Target{GUID: "g"}},
		{"/episode?guid=g#t=npt%3A3", embed.Target{GUID: "g", Time: podcast.Range{Start: 3}}},
		// A query time of 0 leaves the fragment in force.
		{"/episode?guid=g&t=0#t=20", embed.Target{GUID: "g", Time: podcast.Range{Start: 20}}},
		{"/embed?feed=" + url.QueryEscape(feedURL) + "&layout=mini&t=5", embed.Target{Feed: feedURL, Time: podcast.Range{Start: 5}}},
	} {
		u, err := url.Parse("https://earshot.example" + tc.url)
		require.NoError(t, err)
		assert.Equal(t, tc.want, embed.ParseTarget(u), tc.url)
	}
}
