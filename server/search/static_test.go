package search

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/moments"
)

// A static export's index answers as the server does: the same best
// moment (episode, kind, time, marked words) for typical queries, after a
// round trip through its JSON.
func TestStaticAgreesWithTheServer(t *testing.T) {
	s := newTestShow(t, 6)
	s.say(4, 315, "and then quantum entanglement came up")
	s.say(2, 40, "volcanoes are mentioned here in passing")
	s.say(5, 90, "the photosynthesis of deep sea plants")
	s.say(6, 70, "Ça parle de café crème à Zürich")
	s.say(3, 60, "Мы говорили о космосе и звёздах")
	s.say(1, 75, "今日は東京について話します")
	x := newTestIndex(t, s, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := x.Static(ctx, s.feedURL())
	require.NoError(t, err)
	b, err := json.Marshal(st)
	require.NoError(t, err)
	var loaded moments.Static
	require.NoError(t, json.Unmarshal(b, &loaded))
	assert.Len(t, loaded.Titles, 6)

	for _, q := range []string{"quantum entanglement", "volcanoes", "gardening", "mailbag", "photosynthsis", "photosyn", "café", "Episode 3", "interview ada", "КОСМОСЕ", "звёздах говорили", "東京"} {
		server, err := x.Search(ctx, s.feedURL(), q, 0)
		require.NoError(t, err, q)
		static, err := loaded.Search(q, 0)
		require.NoError(t, err, q)
		require.NotEmpty(t, server.Moments, q)
		require.NotEmpty(t, static, q)
		sm, st := server.Moments[0], static[0]
		assert.Equal(t, []any{sm.GUID, sm.Kind, sm.Start}, []any{st.GUID, st.Kind, st.Start}, q)
		assert.Equal(t, text(sm), text(st), q)
	}
	_, err = loaded.Search("", 0)
	assert.ErrorIs(t, err, ErrEmptyQuery)
}
