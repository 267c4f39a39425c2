package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// TestUnmarshalV1 reads the frozen form of version 1. It is what listeners
// have stored: if this test fails, a change would lose their libraries.
// Never edit the fixture; add a migration instead.
func TestUnmarshalV1(t *testing.T) {
	b, err := os.ReadFile("testdata/library-v1.json")
	require.NoError(t, err)
	l, err := Unmarshal(b)
	require.NoError(t, err)

	assert.Equal(t, Version, l.Version)
	require.Len(t, l.Subscriptions, 2)
	daily := l.Subscriptions[0]
	assert.Equal(t, "https://feeds.example.com/daily.xml", daily.FeedURL)
	assert.Equal(t, "The Daily & Co <News>", daily.Title)
	assert.Equal(t, "https://cdn.example.com/daily.jpg", daily.Image)
	assert.True(t, daily.Added.Equal(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)))
	assert.True(t, daily.LastVisit.Equal(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)))
	assert.True(t, daily.SeenBefore.Equal(time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)))
	// The stored keys must keep meaning the same episodes (EpisodeKey is
	// part of the stored form).
	assert.False(t, daily.IsNew(ep("ep-1", time.Time{})))
	assert.False(t, daily.IsNew(ep("ep-2", time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC))))
	assert.False(t, daily.IsNew(ep("https://example.com/?p=41", time.Time{})))
	assert.True(t, daily.IsNew(ep("ep-3", time.Time{})))
	assert.False(t, daily.IsNew(ep("ep-4", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))), "before SeenBefore")

	other := l.Subscriptions[1]
	assert.Equal(t, Subscription{
		FeedURL: "http://Example.org/podcast/",
		Added:   time.Date(2025, 2, 3, 3, 5, 6, 5e8, time.UTC),
	}, withUTC(other))
	assert.False(t, other.Visited())

	assert.Equal(t, Queue{
		{FeedURL: "https://feeds.example.com/daily.xml", GUID: "ep-2", Title: "Episode two"},
		{FeedURL: "https://other.example/feed", GUID: "https://example.com/?p=41"},
	}, l.Queue)
}

func withUTC(s Subscription) Subscription {
	s.Added, s.LastVisit, s.SeenBefore = s.Added.UTC(), s.LastVisit.UTC(), s.SeenBefore.UTC()
	return s
}

// TestCurrentFixture: the fixture of the current version reads and writes
// back unchanged, so a renamed or dropped field fails here; bumping Version
// requires a fixture of the new form (and keeps the old ones above).
func TestCurrentFixture(t *testing.T) {
	b, err := os.ReadFile(fmt.Sprintf("testdata/library-v%d.json", Version))
	require.NoError(t, err, "add testdata/library-v%d.json with the new stored form", Version)
	l, err := Unmarshal(b)
	require.NoError(t, err)
	out, err := Marshal(l)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(out))
}

func TestRoundTrip(t *testing.T) {
	var l Library
	now := time.Date(2025, 5, 6, 7, 8, 9, 123456789, time.FixedZone("CEST", 2*3600))
	_, err := l.Subscribe("https://example.com/feed", "Show \"quoted\" & <tagged>", "https://example.com/i.png", now)
	require.NoError(t, err)
	require.True(t, l.MarkVisited("https://example.com/feed", []podcast.Episode{ep("x", now), ep("y", time.Time{})}, now))
	l.Queue.Add(QueueItem{FeedURL: "https://example.com/feed", GUID: "x", Title: "X"})

	b, err := Marshal(l)
	require.NoError(t, err)
	got, err := Unmarshal(b)
	require.NoError(t, err)
	l.Version = Version
	assert.Equal(t, l, got)

	empty, err := Marshal(Library{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"version":1,"subscriptions":[],"queue":[]}`, string(empty))
	got, err = Unmarshal(empty)
	require.NoError(t, err)
	assert.Equal(t, Library{Version: Version, Subscriptions: []Subscription{}, Queue: Queue{}}, got)
}

func TestUnmarshalRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"a newer version", `{"version":2,"subscriptions":[{"feedUrl":"https://example.com/feed"}],"queue":[]}`, ErrNewerVersion},
		{"a much newer version", `{"version":999}`, ErrNewerVersion},
		{"no version", `{"subscriptions":[],"queue":[]}`, ErrCorrupt},
		{"version zero", `{"version":0}`, ErrCorrupt},
		{"a negative version", `{"version":-1}`, ErrCorrupt},
		{"a version that is not a number", `{"version":"1"}`, ErrCorrupt},
		{"truncated", `{"version":1,"subscriptions":[{"feedUrl":"https://exa`, ErrCorrupt},
		{"trailing garbage", `{"version":1} x`, ErrCorrupt},
		{"a field of the wrong type", `{"version":1,"subscriptions":{}}`, ErrCorrupt},
		{"a bad time", `{"version":1,"subscriptions":[{"feedUrl":"u","added":"yesterday"}]}`, ErrCorrupt},
		{"null", `null`, ErrCorrupt},
		{"empty", ``, ErrCorrupt},
		{"not JSON", `earshot`, ErrCorrupt},
		{"an array", `[1]`, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Unmarshal([]byte(tt.in))
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// TestMigrations runs stored data of pretend older versions through the
// migration path: each step applies once, in order, and a missing or
// failing step is an error, never a silently emptier library.
func TestMigrations(t *testing.T) {
	step := func(from int) func(json.RawMessage) (json.RawMessage, error) {
		return func(b json.RawMessage) (json.RawMessage, error) {
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				return nil, err
			}
			m["version"] = from + 1
			m["steps"] = fmt.Sprint(m["steps"], from)
			return json.Marshal(m)
		}
	}
	steps := map[int]func(json.RawMessage) (json.RawMessage, error){1: step(1), 2: step(2)}

	out, err := migrate([]byte(`{"version":1,"steps":""}`), 3, steps)
	require.NoError(t, err)
	assert.JSONEq(t, `{"version":3,"steps":"12"}`, string(out))
	out, err = migrate([]byte(`{"version":2,"steps":""}`), 3, steps)
	require.NoError(t, err)
	assert.JSONEq(t, `{"version":3,"steps":"2"}`, string(out))
	out, err = migrate([]byte(`{"version":3,"steps":""}`), 3, steps)
	require.NoError(t, err)
	assert.JSONEq(t, `{"version":3,"steps":""}`, string(out))

	_, err = migrate([]byte(`{"version":1}`), 4, steps)
	assert.ErrorContains(t, err, "no migration from version 3")
	steps[2] = func(json.RawMessage) (json.RawMessage, error) { return nil, errors.New("boom") }
	_, err = migrate([]byte(`{"version":1}`), 3, steps)
	assert.ErrorContains(t, err, "boom")
	_, err = migrate([]byte(`{"version":4}`), 3, steps)
	assert.ErrorIs(t, err, ErrNewerVersion)
}
