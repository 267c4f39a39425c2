package embed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
)

// The player.js protocol (https://github.com/embedly/player.js, SPEC.rst)
// lets the page around an iframe control the player inside through
// postMessage. Both directions carry JSON text (player.js's Player calls
// JSON.parse on what it receives, so the embed must post strings):
//
//	page → embed: {"context":"player.js","version":"0.0.11","method":"setCurrentTime","value":90,"listener":"…"}
//	embed → page: {"context":"player.js","version":"0.0.11","event":"timeupdate","value":{"seconds":90,"duration":3600},"listener":"…"}
//
// A getter ("getDuration") is answered with an event of the method's name
// carrying the value and the call's listener. The embed sends events only
// to listeners the page added with addEventListener, except "ready", which
// it sends once anyway (value {src, events, methods}; src must be the
// iframe's src, which player.js uses to match the frame).
const (
	PlayerJSContext = "player.js"
	PlayerJSVersion = "0.0.11"
)

// Method is a player.js method, called by the page on the embed.
type Method string

// The methods of player.js 0.0.11.
const (
	MethodPlay                Method = "play"
	MethodPause               Method = "pause"
	MethodGetPaused           Method = "getPaused"      // → bool
	MethodMute                Method = "mute"           //
	MethodUnmute              Method = "unmute"         //
	MethodGetMuted            Method = "getMuted"       // → bool
	MethodSetVolume           Method = "setVolume"      // value: 0..100
	MethodGetVolume           Method = "getVolume"      // → 0..100
	MethodGetDuration         Method = "getDuration"    // → seconds
	MethodSetCurrentTime      Method = "setCurrentTime" // value: seconds
	MethodGetCurrentTime      Method = "getCurrentTime" // → seconds
	MethodSetLoop             Method = "setLoop"        // value: bool
	MethodGetLoop             Method = "getLoop"        // → bool
	MethodRemoveEventListener Method = "removeEventListener"
	MethodAddEventListener    Method = "addEventListener"
	// Earshot's extension for the show embed: the episode playing, and
	// playing another one by its guid.
	MethodGetEpisode Method = "getEpisode" // → EpisodeValue
	MethodSetEpisode Method = "setEpisode" // value: the episode's guid
)

// maxGUIDBytes bounds setEpisode's value: feed guids are short.
const maxGUIDBytes = 1024

// Methods returns every method, in player.js's order: the "methods" of the
// ready event.
func Methods() []Method {
	return []Method{MethodPlay, MethodPause, MethodGetPaused, MethodMute, MethodUnmute,
		MethodGetMuted, MethodSetVolume, MethodGetVolume, MethodGetDuration,
		MethodSetCurrentTime, MethodGetCurrentTime, MethodSetLoop, MethodGetLoop,
		MethodRemoveEventListener, MethodAddEventListener, MethodGetEpisode, MethodSetEpisode}
}

// IsGetter reports whether m returns a value (its name starts with "get").
func (m Method) IsGetter() bool {
	return len(m) > 3 && m[:3] == "get" && slices.Contains(Methods(), m)
}

// Event is a player.js event, sent by the embed to the page.
type Event string

// The events of player.js 0.0.11, and Earshot's extension.
const (
	EventReady      Event = "ready"      // value: ReadyValue
	EventPlay       Event = "play"       // no value
	EventPause      Event = "pause"      // no value
	EventEnded      Event = "ended"      // no value
	EventTimeUpdate Event = "timeupdate" // value: TimeValue
	EventProgress   Event = "progress"   // value: TimeValue (seconds buffered)
	EventError      Event = "error"      // value: ErrorValue
	// EventChapterChange is Earshot's extension: the chapter under the
	// playhead changed. Value: ChapterValue. Pages that use player.js can
	// test for it with player.supports("event", "chapterchange").
	EventChapterChange Event = "chapterchange"
	// EventEpisodeChange is Earshot's extension: another episode is in the
	// player (the show embed). Value: EpisodeValue.
	EventEpisodeChange Event = "episodechange"
)

// Events returns every event the embed sends, in player.js's order followed
// by the extension: the "events" of the ready event.
func Events() []Event {
	return []Event{EventReady, EventPlay, EventPause, EventEnded, EventTimeUpdate,
		EventProgress, EventError, EventChapterChange, EventEpisodeChange}
}

// player.js error codes (the "code" of an error event).
const (
	ErrorCodeUndefined          = -1
	ErrorCodePlaybackNotAllowed = 1 // playback not supported by the device or browser
	ErrorCodeInvalidMethod      = 2 // not a player.js method
	ErrorCodeMethodNotSupported = 3 // a method this player does not implement
)

// Message is one player.js message: a method call (Method set) from the
// page, or an event (Event set) from the embed. Value is the raw JSON value,
// if any; the typed accessors read it.
type Message struct {
	Context  string          `json:"context"`
	Version  string          `json:"version"`
	Method   Method          `json:"method,omitempty"`
	Event    Event           `json:"event,omitempty"`
	Value    json.RawMessage `json:"value,omitempty"`
	Listener string          `json:"listener,omitempty"`
}

// Values carried by events.
type (
	// ReadyValue is the value of the ready event.
	ReadyValue struct {
		Src     string   `json:"src"`
		Events  []Event  `json:"events"`
		Methods []Method `json:"methods"`
	}
	// TimeValue is the value of timeupdate and progress.
	TimeValue struct {
		Seconds  float64 `json:"seconds"`
		Duration float64 `json:"duration"`
	}
	// ErrorValue is the value of the error event.
	ErrorValue struct {
		Code int    `json:"code"`
		Msg  string `json:"msg"`
	}
	// ChapterValue is the value of chapterchange: the index of the chapter
	// in the episode's (visible and hidden) chapter list, its title and
	// start in seconds.
	ChapterValue struct {
		Index int     `json:"index"`
		Title string  `json:"title"`
		Start float64 `json:"start"`
	}
	// EpisodeValue is the value of episodechange and of getEpisode's
	// reply: the episode's guid and title.
	EpisodeValue struct {
		GUID  string `json:"guid"`
		Title string `json:"title"`
	}
)

// Errors of ParseMessage.
var (
	ErrNotPlayerJS   = errors.New("player.js: not a player.js message")
	ErrUnknownMethod = errors.New("player.js: unknown method")
	ErrUnknownEvent  = errors.New("player.js: unknown event")
	ErrBadValue      = errors.New("player.js: bad value")
)

// maxMessageBytes bounds what ParseMessage reads: real messages are a few
// hundred bytes, and any page may post to the embed.
const maxMessageBytes = 64 << 10

// ParseMessage parses and checks a player.js message: a JSON object with
// context "player.js" and either a known method whose value has the right
// type, or a known event (or a getter's reply). The version is not checked
// (player.js clients of every version speak the same messages).
func ParseMessage(b []byte) (Message, error) {
	if len(b) > maxMessageBytes {
		return Message{}, fmt.Errorf("%w: %d bytes", ErrNotPlayerJS, len(b))
	}
	var m Message
	if err := json.Unmarshal(b, &m); err != nil {
		return Message{}, fmt.Errorf("%w: %v", ErrNotPlayerJS, err)
	}
	if m.Context != PlayerJSContext {
		return Message{}, fmt.Errorf("%w: context %q", ErrNotPlayerJS, m.Context)
	}
	if bytes.Equal(m.Value, []byte("null")) {
		m.Value = nil
	}
	switch {
	case m.Method != "" && m.Event != "":
		return Message{}, fmt.Errorf("%w: both method and event", ErrNotPlayerJS)
	case m.Method != "":
		if err := checkCall(m); err != nil {
			return Message{}, err
		}
	case m.Event != "":
		if !slices.Contains(Events(), m.Event) && !Method(m.Event).IsGetter() {
			return Message{}, fmt.Errorf("%w %q", ErrUnknownEvent, m.Event)
		}
	default:
		return Message{}, fmt.Errorf("%w: neither method nor event", ErrNotPlayerJS)
	}
	return m, nil
}

// checkCall checks the method of a call and the type of its value.
func checkCall(m Message) error {
	if !slices.Contains(Methods(), m.Method) {
		return fmt.Errorf("%w %q", ErrUnknownMethod, m.Method)
	}
	var err error
	switch m.Method {
	case MethodSetCurrentTime:
		var v float64
		if v, err = m.Float(); err == nil && v < 0 {
			err = fmt.Errorf("%w: negative time", ErrBadValue)
		}
	case MethodSetVolume:
		var v float64
		if v, err = m.Float(); err == nil && (v < 0 || v > 100) {
			err = fmt.Errorf("%w: volume %v not in 0..100", ErrBadValue, v)
		}
	case MethodSetLoop:
		_, err = m.Bool()
	case MethodSetEpisode:
		var guid string
		if guid, err = m.String(); err == nil && (guid == "" || len(guid) > maxGUIDBytes) {
			err = fmt.Errorf("%w: a guid of %d bytes", ErrBadValue, len(guid))
		}
	case MethodAddEventListener, MethodRemoveEventListener:
		var e Event
		if e, err = m.EventName(); err == nil && e == "" {
			err = fmt.Errorf("%w: empty event name", ErrBadValue)
		}
	}
	if err != nil {
		return fmt.Errorf("player.js: %s: %w", m.Method, err)
	}
	return nil
}

// Float reads the value as a number (setCurrentTime, setVolume, and the
// replies to the numeric getters).
func (m Message) Float() (float64, error) {
	var v float64
	if err := json.Unmarshal(m.Value, &v); err != nil || len(m.Value) == 0 {
		return 0, fmt.Errorf("%w: want a number, got %.40q", ErrBadValue, m.Value)
	}
	return v, nil
}

// String reads the value as a string (setEpisode's guid).
func (m Message) String() (string, error) {
	var v string
	if err := json.Unmarshal(m.Value, &v); err != nil || len(m.Value) == 0 {
		return "", fmt.Errorf("%w: want a string, got %.40q", ErrBadValue, m.Value)
	}
	return v, nil
}

// Bool reads the value as a boolean (setLoop, and the replies to getPaused,
// getMuted, getLoop).
func (m Message) Bool() (bool, error) {
	var v bool
	if err := json.Unmarshal(m.Value, &v); err != nil || len(m.Value) == 0 {
		return false, fmt.Errorf("%w: want a boolean, got %.40q", ErrBadValue, m.Value)
	}
	return v, nil
}

// EventName reads the value as the event name of addEventListener or
// removeEventListener. The name is not checked against Events: listening
// for an event the embed never sends is harmless, as in player.js.
func (m Message) EventName() (Event, error) {
	var v string
	if err := json.Unmarshal(m.Value, &v); err != nil || len(m.Value) == 0 {
		return "", fmt.Errorf("%w: want an event name, got %.40q", ErrBadValue, m.Value)
	}
	return Event(v), nil
}

// JSON is the message as JSON text, the form to post.
func (m Message) JSON() string {
	b, err := json.Marshal(m)
	if err != nil { // only a Value that is not JSON; constructors never make one
		return ""
	}
	return string(b)
}

// Call is a method call from the page, with value (nil for none) encoded
// as JSON.
func Call(method Method, value any, listener string) (Message, error) {
	m := Message{Context: PlayerJSContext, Version: PlayerJSVersion, Method: method, Listener: listener}
	if value != nil {
		b, err := json.Marshal(value)
		if err != nil {
			return Message{}, fmt.Errorf("player.js: %s: %w", method, err)
		}
		m.Value = b
	}
	return m, nil
}

// NewEvent is an event without a value (play, pause, ended) for listener.
func NewEvent(e Event, listener string) Message {
	return Message{Context: PlayerJSContext, Version: PlayerJSVersion, Event: e, Listener: listener}
}

// Ready is the ready event for an embed whose iframe src is src,
// announcing every method and event.
func Ready(src, listener string) Message {
	return withValue(NewEvent(EventReady, listener), ReadyValue{Src: src, Events: Events(), Methods: Methods()})
}

// TimeUpdate is the timeupdate event: the playhead at seconds of duration.
// Times that are not finite numbers (a live stream's duration) are sent
// as 0.
func TimeUpdate(listener string, seconds, duration float64) Message {
	return withValue(NewEvent(EventTimeUpdate, listener), TimeValue{Seconds: finite(seconds), Duration: finite(duration)})
}

// Progress is the progress event: media buffered up to seconds of duration.
func Progress(listener string, seconds, duration float64) Message {
	return withValue(NewEvent(EventProgress, listener), TimeValue{Seconds: finite(seconds), Duration: finite(duration)})
}

// ErrorEvent is the error event with a player.js error code.
func ErrorEvent(listener string, code int, msg string) Message {
	return withValue(NewEvent(EventError, listener), ErrorValue{Code: code, Msg: msg})
}

// ChapterChange is Earshot's chapterchange event.
func ChapterChange(listener string, index int, title string, start float64) Message {
	return withValue(NewEvent(EventChapterChange, listener), ChapterValue{Index: index, Title: title, Start: finite(start)})
}

// EpisodeChange is Earshot's episodechange event.
func EpisodeChange(listener, guid, title string) Message {
	return withValue(NewEvent(EventEpisodeChange, listener), EpisodeValue{GUID: guid, Title: title})
}

// ReplyEpisode answers getEpisode.
func ReplyEpisode(call Message, guid, title string) Message {
	return withValue(NewEvent(Event(call.Method), call.Listener), EpisodeValue{GUID: guid, Title: title})
}

// Reply answers the getter call with v (a number for getDuration,
// getCurrentTime and getVolume, a boolean for getPaused, getMuted and
// getLoop): an event named after the method, with the call's listener.
// Numbers that are not finite are sent as 0.
func Reply[T float64 | bool](call Message, v T) Message {
	var x any = v
	if f, ok := x.(float64); ok {
		x = finite(f)
	}
	return withValue(NewEvent(Event(call.Method), call.Listener), x)
}

func withValue(m Message, v any) Message {
	b, err := json.Marshal(v)
	if err == nil {
		m.Value = b
	}
	return m
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// ResizeContext is the context of Earshot's own messages from an embed to
// the loader script (web/embed.js), which are not part of player.js.
const ResizeContext = "earshot"

// Resize is the message an embed posts to its parent to ask for an iframe
// height: {"context":"earshot","event":"resize","height":N}. The loader
// honours it only from the iframe's own origin and within
// MinFrameHeight..MaxFrameHeight.
type Resize struct {
	Context string `json:"context"`
	Event   string `json:"event"`
	Height  int    `json:"height"`
}

// ResizeMessage is the JSON text of a resize message for height pixels.
func ResizeMessage(height int) string {
	b, _ := json.Marshal(Resize{Context: ResizeContext, Event: "resize", Height: min(max(height, MinFrameHeight), MaxFrameHeight)})
	return string(b)
}
