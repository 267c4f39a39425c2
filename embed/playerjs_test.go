package embed_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/embed"
)

func TestParseMessageCalls(t *testing.T) {
	for _, tc := range []struct {
		in       string
		method   embed.Method
		listener string
		check    func(t *testing.T, m embed.Message)
	}{
		{`{"context":"player.js","version":"0.0.11","method":"play"}`, embed.MethodPlay, "", nil},
		{`{"context":"player.js","version":"0.0.11","method":"pause","value":null}`, embed.MethodPause, "", func(t *testing.T, m embed.Message) {
			assert.Nil(t, m.Value)
		}},
		{`{"context":"player.js","version":"0.0.10","method":"getDuration","listener":"listener-1"}`, embed.MethodGetDuration, "listener-1", nil},
		{`{"context":"player.js","version":"0.0.11","method":"setCurrentTime","value":90.5}`, embed.MethodSetCurrentTime, "", func(t *testing.T, m embed.Message) {
			v, err := m.Float()
			require.NoError(t, err)
			assert.Equal(t, 90.5, v)
		}},
		{`{"context":"player.js","version":"0.0.11","method":"setVolume","value":50}`, embed.MethodSetVolume, "", func(t *testing.T, m embed.Message) {
			v, err := m.Float()
			require.NoError(t, err)
			assert.Equal(t, 50.0, v)
		}},
		{`{"context":"player.js","version":"0.0.11","method":"setLoop","value":true}`, embed.MethodSetLoop, "", func(t *testing.T, m embed.Message) {
			v, err := m.Bool()
			require.NoError(t, err)
			assert.True(t, v)
		}},
		{`{"context":"player.js","version":"0.0.11","method":"addEventListener","value":"timeupdate","listener":"listener-abc"}`,
			embed.MethodAddEventListener, "listener-abc", func(t *testing.T, m embed.Message) {
				e, err := m.EventName()
				require.NoError(t, err)
				assert.Equal(t, embed.EventTimeUpdate, e)
			}},
		{`{"context":"player.js","version":"0.0.11","method":"removeEventListener","value":"chapterchange"}`, embed.MethodRemoveEventListener, "", nil},
		{`{"context":"player.js","method":"mute","extra":1}`, embed.MethodMute, "", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			m, err := embed.ParseMessage([]byte(tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.method, m.Method)
			assert.Empty(t, m.Event)
			assert.Equal(t, tc.listener, m.Listener)
			if tc.check != nil {
				tc.check(t, m)
			}
		})
	}
}

func TestParseMessageErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		err      error
	}{
		{"bad JSON", `{"context":"player.js",`, embed.ErrNotPlayerJS},
		{"not an object", `"play"`, embed.ErrNotPlayerJS},
		{"empty", ``, embed.ErrNotPlayerJS},
		{"no context", `{"method":"play"}`, embed.ErrNotPlayerJS},
		{"wrong context", `{"context":"earshot","method":"play"}`, embed.ErrNotPlayerJS},
		{"context case", `{"context":"Player.js","method":"play"}`, embed.ErrNotPlayerJS},
		{"neither", `{"context":"player.js","version":"0.0.11"}`, embed.ErrNotPlayerJS},
		{"both", `{"context":"player.js","method":"play","event":"play"}`, embed.ErrNotPlayerJS},
		{"unknown method", `{"context":"player.js","method":"seekTo","value":12}`, embed.ErrUnknownMethod},
		{"method case", `{"context":"player.js","method":"Play"}`, embed.ErrUnknownMethod},
		{"unknown event", `{"context":"player.js","event":"finish"}`, embed.ErrUnknownEvent},
		{"setter as event", `{"context":"player.js","event":"setVolume"}`, embed.ErrUnknownEvent},
		{"time not a number", `{"context":"player.js","method":"setCurrentTime","value":"12"}`, embed.ErrBadValue},
		{"time missing", `{"context":"player.js","method":"setCurrentTime"}`, embed.ErrBadValue},
		{"time negative", `{"context":"player.js","method":"setCurrentTime","value":-1}`, embed.ErrBadValue},
		{"volume too high", `{"context":"player.js","method":"setVolume","value":101}`, embed.ErrBadValue},
		{"volume negative", `{"context":"player.js","method":"setVolume","value":-0.5}`, embed.ErrBadValue},
		{"loop not bool", `{"context":"player.js","method":"setLoop","value":1}`, embed.ErrBadValue},
		{"episode not a string", `{"context":"player.js","method":"setEpisode","value":3}`, embed.ErrBadValue},
		{"episode empty", `{"context":"player.js","method":"setEpisode","value":""}`, embed.ErrBadValue},
		{"episode huge", `{"context":"player.js","method":"setEpisode","value":"` + strings.Repeat("g", 1025) + `"}`, embed.ErrBadValue},
		{"listen to nothing", `{"context":"player.js","method":"addEventListener"}`, embed.ErrBadValue},
		{"listen to empty", `{"context":"player.js","method":"addEventListener","value":""}`, embed.ErrBadValue},
		{"listen to object", `{"context":"player.js","method":"addEventListener","value":{}}`, embed.ErrBadValue},
		{"method not a string", `{"context":"player.js","method":1}`, embed.ErrNotPlayerJS},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := embed.ParseMessage([]byte(tc.in))
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.err)
		})
	}
	_, err := embed.ParseMessage(make([]byte, 1<<20))
	assert.ErrorIs(t, err, embed.ErrNotPlayerJS, "huge messages are refused unread")
}

// The constructors make the shapes of player.js 0.0.11, which parse back.
func TestEventConstructors(t *testing.T) {
	call, err := embed.Call(embed.MethodGetCurrentTime, nil, "listener-7")
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		m    embed.Message
		want string
	}{
		{"play", embed.NewEvent(embed.EventPlay, "l1"),
			`{"context":"player.js","version":"0.0.11","event":"play","listener":"l1"}`},
		{"ended, no listener", embed.NewEvent(embed.EventEnded, ""),
			`{"context":"player.js","version":"0.0.11","event":"ended"}`},
		{"ready", embed.Ready("https://earshot.example/embed?guid=g", ""),
			`{"context":"player.js","version":"0.0.11","event":"ready","value":{"src":"https://earshot.example/embed?guid=g",` +
				`"events":["ready","play","pause","ended","timeupdate","progress","error","chapterchange","episodechange"],` +
				`"methods":["play","pause","getPaused","mute","unmute","getMuted","setVolume","getVolume","getDuration",` +
				`"setCurrentTime","getCurrentTime","setLoop","getLoop","removeEventListener","addEventListener","getEpisode","setEpisode"]}}`},
		{"timeupdate", embed.TimeUpdate("l2", 10.5, 3600),
			`{"context":"player.js","version":"0.0.11","event":"timeupdate","value":{"seconds":10.5,"duration":3600},"listener":"l2"}`},
		{"timeupdate live", embed.TimeUpdate("l2", 10, math.Inf(1)),
			`{"context":"player.js","version":"0.0.11","event":"timeupdate","value":{"seconds":10,"duration":0},"listener":"l2"}`},
		{"progress", embed.Progress("l3", 120, 3600),
			`{"context":"player.js","version":"0.0.11","event":"progress","value":{"seconds":120,"duration":3600},"listener":"l3"}`},
		{"error", embed.ErrorEvent("", embed.ErrorCodeMethodNotSupported, "no loop"),
			`{"context":"player.js","version":"0.0.11","event":"error","value":{"code":3,"msg":"no loop"}}`},
		{"chapterchange", embed.ChapterChange("l4", 2, "Intro <b>", 61.5),
			`{"context":"player.js","version":"0.0.11","event":"chapterchange","value":{"index":2,"title":"Intro \u003cb\u003e","start":61.5},"listener":"l4"}`},
		{"reply number", embed.Reply(call, 12.25),
			`{"context":"player.js","version":"0.0.11","event":"getCurrentTime","value":12.25,"listener":"listener-7"}`},
		{"reply NaN", embed.Reply(call, math.NaN()),
			`{"context":"player.js","version":"0.0.11","event":"getCurrentTime","value":0,"listener":"listener-7"}`},
		{"episodechange", embed.EpisodeChange("l6", "ep-2", "Two"),
			`{"context":"player.js","version":"0.0.11","event":"episodechange","value":{"guid":"ep-2","title":"Two"},"listener":"l6"}`},
		{"reply episode", embed.ReplyEpisode(embed.Message{Method: embed.MethodGetEpisode, Listener: "l7"}, "ep-1", "One"),
			`{"context":"player.js","version":"0.0.11","event":"getEpisode","value":{"guid":"ep-1","title":"One"},"listener":"l7"}`},
		{"reply bool", embed.Reply(embed.Message{Method: embed.MethodGetPaused, Listener: "l5"}, true),
			`{"context":"player.js","version":"0.0.11","event":"getPaused","value":true,"listener":"l5"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.JSONEq(t, tc.want, tc.m.JSON())
			back, err := embed.ParseMessage([]byte(tc.m.JSON()))
			require.NoError(t, err)
			assert.Equal(t, tc.m.Event, back.Event)
			assert.Equal(t, tc.m.Listener, back.Listener)
			assert.JSONEq(t, string(orNull(tc.m.Value)), string(orNull(back.Value)))
		})
	}
}

func orNull(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}

func TestCall(t *testing.T) {
	m, err := embed.Call(embed.MethodSetCurrentTime, 90, "l")
	require.NoError(t, err)
	assert.JSONEq(t, `{"context":"player.js","version":"0.0.11","method":"setCurrentTime","value":90,"listener":"l"}`, m.JSON())
	back, err := embed.ParseMessage([]byte(m.JSON()))
	require.NoError(t, err)
	assert.Equal(t, m, back)
	_, err = embed.Call(embed.MethodSetVolume, math.NaN(), "")
	assert.Error(t, err)
}

func TestIsGetter(t *testing.T) {
	var getters []embed.Method
	for _, m := range embed.Methods() {
		if m.IsGetter() {
			getters = append(getters, m)
		}
	}
	assert.Equal(t, []embed.Method{embed.MethodGetPaused, embed.MethodGetMuted, embed.MethodGetVolume,
		embed.MethodGetDuration, embed.MethodGetCurrentTime, embed.MethodGetLoop, embed.MethodGetEpisode}, getters)
	assert.False(t, embed.Method("getSomething").IsGetter())
}

func TestResizeMessage(t *testing.T) {
	assert.JSONEq(t, `{"context":"earshot","event":"resize","height":321}`, embed.ResizeMessage(321))
	assert.JSONEq(t, `{"context":"earshot","event":"resize","height":60}`, embed.ResizeMessage(-5))
	assert.JSONEq(t, `{"context":"earshot","event":"resize","height":2000}`, embed.ResizeMessage(1e6))
}

// FuzzParseMessage: ParseMessage never panics, and what it accepts is
// a valid message that survives a round trip.
func FuzzParseMessage(f *testing.F) {
	for _, s := range []string{
		`{"context":"player.js","version":"0.0.11","method":"play"}`,
		`{"context":"player.js","version":"0.0.11","method":"setCurrentTime","value":90,"listener":"l"}`,
		`{"context":"player.js","version":"0.0.11","method":"addEventListener","value":"ready","listener":"l"}`,
		`{"context":"player.js","version":"0.0.11","event":"timeupdate","value":{"seconds":1,"duration":2}}`,
		`{"context":"player.js","event":"getDuration","value":12}`,
		`{"context":"player.js","method":"setLoop","value":true}`,
		`{"context":"earshot","event":"resize","height":200}`,
		`[]`, `null`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := embed.ParseMessage(b)
		if err != nil {
			return
		}
		if m.Context != embed.PlayerJSContext || (m.Method == "") == (m.Event == "") {
			t.Fatalf("accepted %q as %+v", b, m)
		}
		back, err := embed.ParseMessage([]byte(m.JSON()))
		if err != nil {
			t.Fatalf("%q: round trip: %v", m.JSON(), err)
		}
		if back.Method != m.Method || back.Event != m.Event || back.Listener != m.Listener || back.Version != m.Version {
			t.Fatalf("round trip %+v → %+v", m, back)
		}
	})
}
