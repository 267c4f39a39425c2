package embed

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func TestStaticPaths(t *testing.T) {
	guid := "tag:example.com,2026:ep/42?x=1"
	slug := Slug(guid)
	assert.Regexp(t, `^[0-9a-f]{16}$`, slug)
	assert.Equal(t, slug, Slug(guid), "stable")
	assert.NotEqual(t, slug, Slug(guid+" "))

	p := StaticEpisodePath(Target{GUID: guid, Time: podcast.Range{Start: 90}})
	u, err := url.Parse(p)
	require.NoError(t, err)
	assert.Equal(t, "/e/"+slug+"/", u.Path)
	assert.Equal(t, guid, u.Query().Get("guid"))
	assert.Equal(t, "1:30", u.Query().Get("t"))
	assert.Equal(t, Target{GUID: guid, Time: podcast.Range{Start: 90}}, ParseTarget(u))
	assert.True(t, IsStaticPage(u.Path))

	e, err := url.Parse(StaticEmbedPath(Target{GUID: guid}, Options{Layout: LayoutMini, Time: podcast.Range{Start: 5}}))
	require.NoError(t, err)
	assert.Equal(t, "/e/"+slug+"/embed/", e.Path)
	assert.Equal(t, "mini", e.Query().Get("layout"))
	assert.Equal(t, "0:05", e.Query().Get("t"))
	assert.Equal(t, "/e/"+slug+"/episode.json", StaticEpisodeData(guid))
	assert.False(t, IsStaticPage("/episode"))
}
