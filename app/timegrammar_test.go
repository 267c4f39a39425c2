package app

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/earshot/earshot/podcast"
)

// The prerendered player tells the audio bridge where the share link's
// ?t= starts and where its clip ends (the bridge reads the #t= no server
// sees itself, and pauses at the end before the wasm is there).
func TestPlayerWritesShareTime(t *testing.T) {
	for _, tc := range []struct {
		name   string
		time   podcast.Range
		start  string
		end    string
		hasEnd bool
	}{
		{"no time", podcast.Range{}, "0", "", false},
		{"start", podcast.Range{Start: 90}, "90", "", false},
		{"clip", podcast.Range{Start: 90, End: 120.5}, "90", "120.5", true},
		{"clip from the start", podcast.Range{End: 30}, "0", "30", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := prerender(t, &Player{View: richView(), Start: tc.time})
			root := findOne(t, doc, "article", hasClass("es-player"))
			assert.Equal(t, tc.start, attrVal(root, "data-es-start"))
			end, ok := attrOf(root, "data-es-end")
			assert.Equal(t, tc.hasEnd, ok, "data-es-end only for a clip")
			assert.Equal(t, tc.end, end)
			_, static := attrOf(root, "data-es-static")
			assert.False(t, static, "a server page: the server read the query")
		})
	}
}

// A clip from 0:00 is shared as such, and an invalid clip is reported
// instead of becoming a link without it.
func TestShareClip(t *testing.T) {
	s := &sharePanel{View: richView()}
	s.OnInit()
	s.kind = shareClip
	s.resetClip()
	assert.Equal(t, "", s.clipProblem())
	assert.Contains(t, s.link(), "t=0:00,0:30", "a clip from the start keeps its start")

	s.clip = podcast.Range{Start: 60, End: 30}
	assert.Equal(t, "The clip must end after it starts.", s.clipProblem())
	assert.Empty(t, s.link(), "no link that quietly drops the clip")

	s.clip = podcast.Range{Start: 30, End: 60}
	s.clipBad[1] = true
	assert.Equal(t, "Type the clip’s times as 1:30 or 90.", s.clipProblem())
	assert.Empty(t, s.link())

	doc := prerender(t, &sharePanel{View: richView()})
	assert.Empty(t, findAll(doc, "p", hasClass("es-clipproblem")), "no problem sharing the episode")
}

func TestEscapeStrayPercents(t *testing.T) {
	for in, want := range map[string]string{
		"https://e.test/episode?guid=x#t=20&t=%zz": "https://e.test/episode?guid=x#t=20&t=%25zz",
		"https://e.test/#t=%":                      "https://e.test/#t=%25",
		"https://e.test/#t=%3":                     "https://e.test/#t=%253",
		"https://e.test/#t=npt%3A3&u=%E2%82%AC":    "https://e.test/#t=npt%3A3&u=%E2%82%AC",
	} {
		assert.Equal(t, want, escapeStrayPercents(in), in)
	}
}
