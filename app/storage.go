package app

import (
	"encoding/json"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The listener's preferences and progress live in localStorage under these
// keys. Every value is JSON with a version, so an update of the app can read
// (or knowingly drop) what an older one wrote.
const (
	storeVersion   = 1
	keySpeed       = "earshot:v1:speed:"    // + feed URL: playback rate per show
	keyPosition    = "earshot:v1:position:" // + feed URL + " " + guid
	keyVolume      = "earshot:v1:volume"
	positionSaveMS = 5000 // save the position at most this often while playing
)

// stored is the envelope of every stored value.
type stored[T any] struct {
	V     int `json:"v"`
	Value T   `json:"value"`
}

// progress is the saved position of one episode.
type progress struct {
	Title    string  `json:"title,omitempty"` // episode, for "continue listening"
	Show     string  `json:"show,omitempty"`
	Position float64 `json:"position"`
	Duration float64 `json:"duration,omitempty"`
	Finished bool    `json:"finished,omitempty"`
	Updated  int64   `json:"updated,omitempty"` // Unix ms
}

// load reads key into v; false when absent, unreadable or from another
// version. Storage can be unavailable (blocked third-party storage in an
// iframe): that reads as absent.
func load[T any](key string, v *T) (ok bool) {
	if !app.IsClient {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	raw := app.Window().Get("localStorage").Call("getItem", key)
	if !raw.Truthy() {
		return false
	}
	var s stored[T]
	if json.Unmarshal([]byte(raw.String()), &s) != nil || s.V != storeVersion {
		return false
	}
	*v = s.Value
	return true
}

// save writes v under key; failures (quota, blocked storage) are ignored:
// preferences are a convenience, never a reason to break playback.
func save[T any](key string, v T) {
	if !app.IsClient {
		return
	}
	defer func() { recover() }()
	b, err := json.Marshal(stored[T]{V: storeVersion, Value: v})
	if err != nil {
		return
	}
	app.Window().Get("localStorage").Call("setItem", key, string(b))
}
