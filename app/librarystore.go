package app

import (
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/library"
)

// keyLibrary holds the listener's library (library.Marshal, which carries
// its own schema version and migrations).
const keyLibrary = "earshot:library"

// loadLibrary reads the stored library. A library that cannot be read
// (corrupt, or from a newer Earshot) is reported and never overwritten:
// saveLibrary refuses while it is there, so an update never loses a
// listener's shows.
func loadLibrary() (lib library.Library, err error) {
	if !app.IsClient {
		return lib, nil
	}
	defer func() {
		if recover() != nil {
			lib, err = library.Library{}, nil // storage blocked: an empty library
		}
	}()
	raw := app.Window().Get("localStorage").Call("getItem", keyLibrary)
	if !raw.Truthy() {
		return library.Library{}, nil
	}
	return library.Unmarshal([]byte(raw.String()))
}

// saveLibrary stores lib, unless the stored one could not be read.
func saveLibrary(lib library.Library) error {
	if !app.IsClient {
		return nil
	}
	if _, err := loadLibrary(); err != nil {
		return err
	}
	b, err := library.Marshal(lib)
	if err != nil {
		return err
	}
	defer func() { recover() }()
	app.Window().Get("localStorage").Call("setItem", keyLibrary, string(b))
	return nil
}

// updateLibrary loads, changes and saves the library in one step.
func updateLibrary(change func(*library.Library)) error {
	lib, err := loadLibrary()
	if err != nil {
		return err
	}
	change(&lib)
	return saveLibrary(lib)
}

// inProgress is an episode with a saved position, for "continue listening".
type inProgress struct {
	Feed, GUID string
	progress
}

// savedPositions lists every episode with a position saved and not
// finished, most recent first.
func savedPositions() []inProgress {
	if !app.IsClient {
		return nil
	}
	ls := app.Window().Get("localStorage")
	var out []inProgress
	for i := 0; i < integer(ls.Get("length")); i++ {
		k := ls.Call("key", i).String()
		rest, ok := strings.CutPrefix(k, keyPosition)
		if !ok {
			continue
		}
		feed, guid, ok := strings.Cut(rest, " ")
		var p progress
		if !ok || !load(k, &p) || p.Finished || p.Position < minResume {
			continue
		}
		out = append(out, inProgress{Feed: feed, GUID: guid, progress: p})
	}
	// newest first
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Updated > out[j-1].Updated; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
