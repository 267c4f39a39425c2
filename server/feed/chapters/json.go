package chapters

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/earshot/earshot/podcast"
)

// ParseJSON parses a JSON chapters document. It accepts two shapes:
//
//   - Podcasting 2.0 podcast:chapters (version 1.x): an object whose
//     "chapters" array holds {startTime, endTime, title, img, url, toc}.
//   - Podlove Web Player chapters: an array of {start, title, href, image},
//     or the same array under an object's "chapters" key, where start is
//     Normal Play Time ("00:01:56.397").
//
// Both shapes may be mixed entry by entry; startTime wins over start, img
// over image, url over href. A time may be a JSON number of seconds or an
// NPT string. Single-digit fields such as Podlove's "00:00:0.000" are
// accepted: podcast.ParseNPT reads them unambiguously (here as 0), and the
// Podlove player itself plays such files.
//
// Entries are skipped, not fatal, when their start is missing, negative or
// not a time; a field of the wrong type is ignored. toc:false marks the
// chapter Hidden (it still switches the artwork). endTime is kept only when
// it is after the start. location and other fields are ignored. Links and
// images must be absolute http(s) URLs; anything else is dropped (see
// ParseJSONAt for relative ones). The result is sorted by start, stably, and
// holds at most MaxChapters entries (the first ones in the document).
//
// ParseJSON returns an error wrapping ErrTooLarge for input over
// MaxJSONBytes, a syntax error for input that is not JSON, and one wrapping
// ErrNotChapters for JSON of another shape. An empty chapters array is not
// an error.
func ParseJSON(data []byte) ([]podcast.Chapter, error) {
	return ParseJSONAt(data, nil)
}

// ParseJSONAt is ParseJSON for a document fetched from base: relative img,
// url, image and href references are resolved against it, as the Podlove
// player does with its configuration. A nil base behaves like ParseJSON.
func ParseJSONAt(data []byte, base *url.URL) ([]podcast.Chapter, error) {
	if len(data) > MaxJSONBytes {
		return nil, fmt.Errorf("chapters: parse JSON: %d bytes, limit %d: %w", len(data), MaxJSONBytes, ErrTooLarge)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // hand-edited files
	if !json.Valid(data) {
		// Unmarshal reports where the syntax breaks, and stops there
		// without building anything.
		err := json.Unmarshal(data, new(struct{}))
		if err == nil {
			err = fmt.Errorf("invalid JSON")
		}
		return nil, fmt.Errorf("chapters: parse JSON: %w", err)
	}
	// The document is known to be valid: stream it, so that a huge chapters
	// array never exists in memory all at once.
	d := &jsonDecoder{dec: json.NewDecoder(bytes.NewReader(data)), base: base}
	out, err := d.document()
	if err != nil {
		return nil, fmt.Errorf("chapters: parse JSON: %w", err)
	}
	slices.SortStableFunc(out, func(a, b podcast.Chapter) int { return cmp.Compare(a.Start, b.Start) })
	return out, nil
}

// jsonEntry is one chapter in either JSON shape. Times and toc stay raw
// because real files write them as numbers or as strings.
type jsonEntry struct {
	StartTime json.RawMessage `json:"startTime"` // Podcasting 2.0
	Start     json.RawMessage `json:"start"`     // Podlove
	EndTime   json.RawMessage `json:"endTime"`
	Title     string          `json:"title"`
	Img       string          `json:"img"`   // Podcasting 2.0
	Image     string          `json:"image"` // Podlove
	URL       string          `json:"url"`   // Podcasting 2.0
	Href      string          `json:"href"`  // Podlove
	TOC       json.RawMessage `json:"toc"`
}

type jsonDecoder struct {
	dec  *json.Decoder
	base *url.URL
}

// document reads the top-level value: an array of entries, or an object
// with a "chapters" array (the last one wins if the key repeats, as with
// encoding/json).
func (d *jsonDecoder) document() ([]podcast.Chapter, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('['):
		return d.entries()
	case json.Delim('{'):
	default:
		return nil, fmt.Errorf("top level is %s, want an object or an array: %w", jsonKind(tok), ErrNotChapters)
	}
	var out []podcast.Chapter
	found := false
	for d.dec.More() {
		key, err := d.dec.Token()
		if err != nil {
			return nil, err
		}
		if k, _ := key.(string); k != "chapters" {
			if err := d.skip(); err != nil {
				return nil, err
			}
			continue
		}
		tok, err := d.dec.Token()
		if err != nil {
			return nil, err
		}
		if tok != json.Delim('[') {
			return nil, fmt.Errorf(`"chapters" is %s, want an array: %w`, jsonKind(tok), ErrNotChapters)
		}
		if out, err = d.entries(); err != nil {
			return nil, err
		}
		found = true
	}
	if !found {
		return nil, fmt.Errorf(`object has no "chapters" array: %w`, ErrNotChapters)
	}
	return out, nil
}

// entries reads array elements up to and including the closing bracket.
func (d *jsonDecoder) entries() ([]podcast.Chapter, error) {
	var out []podcast.Chapter
	for d.dec.More() {
		if len(out) >= MaxChapters {
			if err := d.skip(); err != nil {
				return nil, err
			}
			continue
		}
		var e jsonEntry
		if err := d.dec.Decode(&e); err != nil {
			// A type mismatch leaves the other fields filled and the
			// decoder past the value; anything else is a real failure.
			if _, ok := err.(*json.UnmarshalTypeError); !ok {
				return nil, err
			}
		}
		if ch, ok := d.chapter(&e); ok {
			out = append(out, ch)
		}
	}
	if _, err := d.dec.Token(); err != nil { // ']'
		return nil, err
	}
	return out, nil
}

func (d *jsonDecoder) skip() error {
	var v json.RawMessage
	return d.dec.Decode(&v)
}

func (d *jsonDecoder) chapter(e *jsonEntry) (podcast.Chapter, bool) {
	raw := e.StartTime
	if isAbsent(raw) {
		raw = e.Start
	}
	start, ok := jsonTime(raw)
	if !ok {
		return podcast.Chapter{}, false
	}
	ch := podcast.Chapter{
		Start:  start,
		Title:  cleanTitle(e.Title),
		Image:  cleanURL(firstNonEmpty(e.Img, e.Image), d.base),
		URL:    cleanURL(firstNonEmpty(e.URL, e.Href), d.base),
		Hidden: isFalse(e.TOC),
		Source: podcast.SourceJSON,
	}
	if end, ok := jsonTime(e.EndTime); ok && end > start {
		ch.End = end
	}
	return ch, true
}

// jsonTime reads a time given as a JSON number of seconds or as an NPT
// string.
func jsonTime(raw json.RawMessage) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if isAbsent(raw) {
		return 0, false
	}
	var (
		v   float64
		err error
	)
	if raw[0] == '"' {
		var s string
		if err = json.Unmarshal(raw, &s); err == nil {
			v, err = podcast.ParseNPT(s)
		}
	} else {
		v, err = strconv.ParseFloat(string(raw), 64)
	}
	return v, err == nil && validStart(v)
}

func isAbsent(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// isFalse reports whether toc is false, also when written as a string.
func isFalse(raw json.RawMessage) bool {
	s := string(bytes.TrimSpace(raw))
	return s == "false" || s == `"false"`
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func jsonKind(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", tok)
}
