package search

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed"
)

func searchDone(t *testing.T, x *Index, feedURL, q string) *podcast.SearchResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, x.Wait(ctx, feedURL))
	res, err := x.Search(ctx, feedURL, q, 0)
	require.NoError(t, err)
	return res
}

func TestSearchFindsMoments(t *testing.T) {
	s := newTestShow(t, 5)
	s.say(4, 755, "we talked about quantum entanglement at length") // beyond length: not said
	s.say(4, 315, "and then quantum entanglement came up")
	x := newTestIndex(t, s, Options{})
	res := searchDone(t, x, s.feedURL(), "quantum entanglement")

	require.NotEmpty(t, res.Moments)
	m := res.Moments[0]
	assert.Equal(t, "ep-4", m.GUID)
	assert.Equal(t, podcast.MomentTranscript, m.Kind)
	assert.Equal(t, 315.0, m.Start, "the moment starts at the cue that matched, not at its passage")
	assert.Contains(t, text(m), "[quantum] [entanglement] came up")
	assert.Equal(t, "Episode 4: Talk", m.Episode)
	assert.Contains(t, m.Link, "guid=ep-4")
	assert.Contains(t, m.Link, "&t=5:15")
	assert.True(t, res.Complete)
	assert.Equal(t, 5, res.Episodes)
	assert.Equal(t, 5, res.Transcripts)
	assert.Equal(t, 5, res.TranscriptsTotal)
}

func TestSearchRanksTitlesAndChaptersAboveTranscripts(t *testing.T) {
	s := newTestShow(t, 5)
	s.say(1, 40, "volcanoes are mentioned here in passing")
	s.say(5, 200, "and the chapter about gardening said volcanoes too")
	x := newTestIndex(t, s, Options{})

	res := searchDone(t, x, s.feedURL(), "volcanoes")
	require.GreaterOrEqual(t, len(res.Moments), 3)
	assert.Equal(t, podcast.MomentTitle, res.Moments[0].Kind)
	assert.Equal(t, "ep-2", res.Moments[0].GUID)
	assert.Equal(t, 0.0, res.Moments[0].Start)
	assert.Equal(t, "Episode 2: [Volcanoes]", text(res.Moments[0]), "the title's own case is kept, the match marked")

	res = searchDone(t, x, s.feedURL(), "gardening")
	require.NotEmpty(t, res.Moments)
	assert.Equal(t, podcast.MomentChapter, res.Moments[0].Kind)
	assert.Equal(t, 120.0, res.Moments[0].Start, "a chapter hit plays from the chapter")
	for _, m := range res.Moments[:5] {
		assert.Equal(t, podcast.MomentChapter, m.Kind, "all five chapters rank above the transcript line")
	}

	// More matching words in a transcript line do not outrank a chapter (bleve
	// ignores the boost of a conjunction: it must sit on the words).
	s2 := newTestShow(t, 2)
	s2.say(1, 300, "chapters gardening chapters gardening gardening")
	y := newTestIndex(t, s2, Options{})
	res = searchDone(t, y, s2.feedURL(), "chapters gardening")
	require.NotEmpty(t, res.Moments)
	assert.Equal(t, podcast.MomentChapter, res.Moments[0].Kind, text(res.Moments[0]))

	res = searchDone(t, x, s.feedURL(), "mailbag")
	require.NotEmpty(t, res.Moments)
	assert.Equal(t, podcast.MomentNotes, res.Moments[0].Kind)
	assert.Equal(t, 300.0, res.Moments[0].Start, "a show-notes line with a timestamp plays from it")
}

func TestSearchToleratesTyposAndPrefixes(t *testing.T) {
	s := newTestShow(t, 3)
	s.say(2, 90, "the photosynthesis of deep sea plants")
	x := newTestIndex(t, s, Options{})
	for _, q := range []string{"photosynthesis", "PHOTOSYNTHESIS", "photosynthsis", "photosynthesys", "photosyn", "deep sea photosynth"} {
		res := searchDone(t, x, s.feedURL(), q)
		require.NotEmpty(t, res.Moments, q)
		assert.Equal(t, 90.0, res.Moments[0].Start, q)
		assert.Contains(t, text(res.Moments[0]), "[photosynthesis]", q)
	}
	res := searchDone(t, x, s.feedURL(), "xylophone")
	assert.Empty(t, res.Moments)
	assert.NotNil(t, res.Moments, "no hits is an empty list, not null")
}

func TestSearchOtherScripts(t *testing.T) {
	s := newTestShow(t, 3)
	s.say(1, 60, "Мы говорили о космосе и звёздах")
	s.say(2, 65, "مرحبا بكم في البودكاست")
	s.say(3, 70, "今日は東京について話します")
	s.say(3, 75, "Ça parle de café crème à Zürich")
	x := newTestIndex(t, s, Options{})
	for q, want := range map[string]float64{"космосе": 60, "КОСМОСЕ": 60, "البودكاست": 65, "東京": 70, "café": 75, "zürich": 75} {
		res := searchDone(t, x, s.feedURL(), q)
		require.NotEmpty(t, res.Moments, q)
		assert.Equal(t, want, res.Moments[0].Start, q)
		assert.Contains(t, text(res.Moments[0]), "[", q)
	}
}

func TestBadQueries(t *testing.T) {
	s := newTestShow(t, 2)
	x := newTestIndex(t, s, Options{})
	ctx := context.Background()
	require.NoError(t, x.Wait(ctx, s.feedURL()))
	for _, q := range []string{"", "   ", "\t\n", "***", ".*", "?!", "((("} {
		_, err := x.Search(ctx, s.feedURL(), q, 0)
		assert.ErrorIs(t, err, ErrEmptyQuery, "%q", q)
	}
	_, err := x.Search(ctx, s.feedURL(), strings.Repeat("a", 10<<10), 0)
	assert.ErrorIs(t, err, ErrLongQuery)
	// Query syntax and regular expressions are words, not operators.
	for _, q := range []string{`line.*`, `+episode -line`, `[episode]+`, `"episode 1`, `episode\`, "episode\x00line", "\xff\xfeepisode", `(?i)episode|x`} {
		res, err := x.Search(ctx, s.feedURL(), q, 0)
		require.NoError(t, err, "%q", q)
		assert.NotEmpty(t, res.Moments, "%q", q)
	}
	// Words nothing has: an empty answer, not an error.
	for _, q := range []string{`title:episode`, `[a-z]+`, `\u0000`, "😀"} {
		res, err := x.Search(ctx, s.feedURL(), q, 0)
		if err != nil {
			assert.ErrorIs(t, err, ErrEmptyQuery, "%q", q)
			continue
		}
		assert.Empty(t, res.Moments, "%q", q)
	}
}

func TestSearchFeedErrors(t *testing.T) {
	s := newTestShow(t, 1)
	x := newTestIndex(t, s, Options{})
	_, err := x.Search(context.Background(), s.srv.URL+"/missing.xml", "episode", 0)
	require.Error(t, err)
	_, err = x.Search(context.Background(), "http://10.0.0.1/feed.xml", "episode", 0)
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrEmptyQuery))
}

func TestSearchLimits(t *testing.T) {
	s := newTestShow(t, 12)
	x := newTestIndex(t, s, Options{})
	res := searchDone(t, x, s.feedURL(), "conversation")
	assert.Len(t, res.Moments, DefaultLimit)
	per := map[string]int{}
	for _, m := range res.Moments {
		per[m.GUID]++
	}
	for guid, n := range per {
		assert.LessOrEqual(t, n, perEpisode, guid)
	}
	res, err := x.Search(context.Background(), s.feedURL(), "conversation", 1000)
	require.NoError(t, err)
	assert.Len(t, res.Moments, MaxLimit)
}

func TestSearchPersistsAndResumes(t *testing.T) {
	dir := t.TempDir()
	s := newTestShow(t, 6)
	s.say(6, 30, "a remark about tectonic plates")
	x := newTestIndex(t, s, Options{Dir: dir})
	res := searchDone(t, x, s.feedURL(), "tectonic")
	require.NotEmpty(t, res.Moments)
	require.Equal(t, int64(6), s.transcripts.Load())
	require.NoError(t, x.Close())
	assert.Positive(t, dirSize(t, dir))

	y := newTestIndex(t, s, Options{Dir: dir})
	res = searchDone(t, y, s.feedURL(), "tectonic")
	require.NotEmpty(t, res.Moments)
	assert.Equal(t, 30.0, res.Moments[0].Start)
	assert.Equal(t, int64(6), s.transcripts.Load(), "a restart reads no transcript again")
}

func TestSearchResumesACutOffBuild(t *testing.T) {
	dir := t.TempDir()
	s := newTestShow(t, 8)
	s.slow = 300 * time.Millisecond // longer than a first search waits for the rest
	s.say(1, 10, "the oldest episode speaks of meteorites")
	x := newTestIndex(t, s, Options{Dir: dir, FetchesAtOnce: 1})
	res, err := x.Search(context.Background(), s.feedURL(), "episode", 0)
	require.NoError(t, err)
	assert.NotEmpty(t, res.Moments, "titles are searchable before any transcript")
	for s.transcripts.Load() < 3 {
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, x.Close()) // a restart in the middle of the build
	before := s.transcripts.Load()
	require.Less(t, before, int64(8))

	y := newTestIndex(t, s, Options{Dir: dir})
	res = searchDone(t, y, s.feedURL(), "meteorites")
	require.NotEmpty(t, res.Moments)
	assert.Equal(t, "ep-1", res.Moments[0].GUID)
	assert.LessOrEqual(t, s.transcripts.Load(), int64(8)+1, "only what was missing is fetched (the one cut off may be fetched twice)")
}

func TestSearchFollowsTheFeed(t *testing.T) {
	s := newTestShow(t, 3)
	s.say(3, 20, "the word aardvark")
	x := newTestIndexTTL(t, s, Options{}, time.Millisecond)
	require.NotEmpty(t, searchDone(t, x, s.feedURL(), "aardvark").Moments)

	s.mu.Lock()
	s.skip[3] = true
	s.episodes = 4
	s.mu.Unlock()
	s.say(4, 25, "a new episode about the aardvark")
	time.Sleep(10 * time.Millisecond) // past the feed's TTL
	ctx := context.Background()
	// The first search after the change starts the refresh; the second sees it.
	_, err := x.Search(ctx, s.feedURL(), "aardvark", 0)
	require.NoError(t, err)
	res := searchDone(t, x, s.feedURL(), "aardvark")
	require.Len(t, res.Moments, 1)
	assert.Equal(t, "ep-4", res.Moments[0].GUID, "a removed episode is gone, a new one found")
	assert.Equal(t, 3, res.Episodes, "episodes 1, 2 and 4")
}

func TestSearchBoundsFetching(t *testing.T) {
	s := newTestShow(t, 10)
	s.slow = 20 * time.Millisecond
	x := newTestIndex(t, s, Options{FetchesAtOnce: 2})
	searchDone(t, x, s.feedURL(), "episode")
	assert.LessOrEqual(t, s.maxInFlight.Load(), int64(2))
	assert.Equal(t, int64(10), s.transcripts.Load())

	// A budget of one transcript's text: the build stops after it.
	b := newTestShow(t, 10)
	y := newTestIndex(t, b, Options{TranscriptBytes: 100, FetchesAtOnce: 1})
	res := searchDone(t, y, b.feedURL(), "episode")
	assert.True(t, res.Complete)
	assert.Equal(t, 1, res.Transcripts)
	assert.Equal(t, 10, res.TranscriptsTotal)
}

// Without a folder, at most MaxOpen indexes stay in memory: the least
// recently searched is forgotten, and built again when searched.
func TestSearchForgetsIndexesBeyondMaxOpen(t *testing.T) {
	a, b := newTestShow(t, 2), newTestShow(t, 2)
	svc := feed.New(feed.Options{TTL: time.Hour, Trusted: []string{a.srv.URL, b.srv.URL}})
	x, err := New(svc, Options{MaxOpen: 1})
	require.NoError(t, err)
	t.Cleanup(func() { x.Close() })
	require.NotEmpty(t, searchDone(t, x, a.feedURL(), "conversation").Moments)
	require.NotEmpty(t, searchDone(t, x, b.feedURL(), "conversation").Moments)
	x.mu.Lock()
	open := len(x.feeds)
	x.mu.Unlock()
	assert.Equal(t, 1, open)
	require.NotEmpty(t, searchDone(t, x, a.feedURL(), "conversation").Moments, "built again")
	assert.Equal(t, int64(4), a.transcripts.Load(), "the forgotten index read its transcripts again")
	assert.Equal(t, 8, Options{}.withDefaults().MaxOpen)
	assert.Equal(t, 64, Options{Dir: "x"}.withDefaults().MaxOpen)
}
