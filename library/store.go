package library

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Version is the schema version Marshal writes.
//
// Version 1: {"version":1,"subscriptions":[…],"queue":[…]}, with the fields
// of Library, Subscription and QueueItem as first released
// (testdata/library-v1.json is that form, frozen).
//
// To change the stored form: bump Version, add migrations[old] turning the
// old JSON into the new, and add testdata/library-v<new>.json. Keep the old
// fixtures: every version a listener may still have must load.
const Version = 1

// migrations[v] turns the JSON of a version-v library into version v+1.
var migrations = map[int]func(json.RawMessage) (json.RawMessage, error){}

// Errors of Unmarshal.
var (
	// ErrNewerVersion: the library was written by a newer Earshot. It must
	// not be overwritten: the app keeps it and asks for a reload.
	ErrNewerVersion = errors.New("library: written by a newer version of Earshot")
	// ErrCorrupt: the stored bytes are not a library.
	ErrCorrupt = errors.New("library: stored data is not a library")
)

// Marshal is the stored form of l, at the current Version.
func Marshal(l Library) ([]byte, error) {
	l.Version = Version
	if l.Subscriptions == nil {
		l.Subscriptions = []Subscription{}
	}
	if l.Queue == nil {
		l.Queue = Queue{}
	}
	b, err := json.Marshal(l)
	if err != nil {
		return nil, fmt.Errorf("library: marshal: %w", err)
	}
	return b, nil
}

// Unmarshal reads a library stored by Marshal of this or any earlier
// version, migrating it to the current one. It fails, rather than return
// less than was stored, on data from a newer version (ErrNewerVersion) and
// on anything that is not a library (ErrCorrupt).
func Unmarshal(b []byte) (Library, error) {
	raw, err := migrate(b, Version, migrations)
	if err != nil {
		return Library{}, err
	}
	var l Library
	if err := json.Unmarshal(raw, &l); err != nil {
		return Library{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	l.Version = Version
	return l, nil
}

// migrate brings the stored JSON b up to version current through steps.
func migrate(b []byte, current int, steps map[int]func(json.RawMessage) (json.RawMessage, error)) (json.RawMessage, error) {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if head.Version == nil || *head.Version < 1 {
		return nil, fmt.Errorf("%w: no version", ErrCorrupt)
	}
	v := *head.Version
	if v > current {
		return nil, fmt.Errorf("%w (version %d, this one reads up to %d)", ErrNewerVersion, v, current)
	}
	raw := json.RawMessage(b)
	for ; v < current; v++ {
		m, ok := steps[v]
		if !ok {
			return nil, fmt.Errorf("library: no migration from version %d", v)
		}
		var err error
		if raw, err = m(raw); err != nil {
			return nil, fmt.Errorf("library: migrate version %d: %w", v, err)
		}
	}
	return raw, nil
}
