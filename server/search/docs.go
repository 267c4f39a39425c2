package search

import (
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/earshot/earshot/moments"
	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed/notes"
)

// Indexed fields: one per kind of moment, named after it, so that a query
// weighs them differently (moments.Boost: a title hit ranks above a
// transcript line). A document has exactly one of them.
var fieldBoost = moments.Boost

// Stored-only fields.
const (
	fieldEpisode = "ep"
	fieldKind    = "kind"
	fieldStart   = "start"
	// fieldOffsets holds a transcript passage's moments.Offsets, so that a
	// hit plays at the sentence that matched.
	fieldOffsets = "offs"
	// fieldPublished (Unix seconds) puts the newer
	// episode first among equally good moments, as a static export's
	// index does (it lists the feed's newest first).
	fieldPublished = "pub"
)

// Transcript cues are indexed in passages of about this length: one
// document per cue would be a million documents for a long archive, one per
// episode would play every hit from the start.
const (
	passageSeconds = 30
	passageBytes   = 800
)

// doc is one document of the index: one moment.
type doc struct {
	id     string
	fields map[string]any
}

func newDoc(id string, ep *podcast.Episode, kind string, start float64, text string) doc {
	return doc{id: id, fields: map[string]any{
		fieldEpisode:   ep.GUID,
		fieldKind:      kind,
		fieldStart:     start,
		fieldPublished: float64(ep.Published.Unix()),
		kind:           text,
	}}
}

// docID names the n-th document of one part ('m' metadata, 'c' chapters,
// 't' transcript) of an episode, so that a part is replaced or removed by
// ID alone.
func docID(guid string, part byte, n int) string {
	return guid + "\x00" + string(part) + strconv.Itoa(n)
}

// metaDocs are an episode's title and show-notes lines. A line that
// carries a timestamp ("12:30 the interview") starts there.
func metaDocs(ep *podcast.Episode) []doc {
	docs := []doc{newDoc(docID(ep.GUID, 'm', 0), ep, podcast.MomentTitle, 0, ep.Title)}
	for _, line := range notes.Lines(string(ep.Notes)) {
		start := 0.0
		if ts := notes.FindTimestamps(line, ep.Duration); len(ts) > 0 {
			start = ts[0].Start
		}
		docs = append(docs, newDoc(docID(ep.GUID, 'm', len(docs)), ep, podcast.MomentNotes, start, line))
	}
	return docs
}

// chapterDocs are the listed chapters of an episode.
func chapterDocs(ep *podcast.Episode, chs []podcast.Chapter) []doc {
	var docs []doc
	for _, c := range chs {
		if c.Hidden || strings.TrimSpace(c.Title) == "" {
			continue
		}
		docs = append(docs, newDoc(docID(ep.GUID, 'c', len(docs)), ep, podcast.MomentChapter, c.Start, c.Title))
	}
	return docs
}

// transcriptDocs cuts a transcript into passages of about passageSeconds.
func transcriptDocs(ep *podcast.Episode, t *podcast.Transcript) []doc {
	var (
		docs  []doc
		text  strings.Builder
		offs  moments.Offsets
		start float64
	)
	flush := func() {
		if text.Len() == 0 {
			return
		}
		d := newDoc(docID(ep.GUID, 't', len(docs)), ep, podcast.MomentTranscript, start, text.String())
		d.fields[fieldOffsets] = string(offs)
		docs = append(docs, d)
		text.Reset()
		offs = ""
	}
	for _, s := range t.Segments {
		line := strings.Join(strings.Fields(s.Text), " ")
		if line == "" {
			continue
		}
		if text.Len() > 0 && (s.Start-start >= passageSeconds || text.Len()+len(line) > passageBytes) {
			flush()
		}
		if text.Len() == 0 {
			start = s.Start
		} else {
			text.WriteByte(' ')
		}
		offs.Add(text.Len(), s.Start)
		text.WriteString(line)
	}
	flush()
	return docs
}

// fingerprint changes when what an episode's metadata documents hold
// changes, so that a feed refresh re-indexes only the episodes it changed.
func fingerprint(ep *podcast.Episode) uint64 {
	h := fnv.New64a()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(ep.Title)
	w(ep.Published.String())
	w(string(ep.Notes))
	w(strconv.FormatUint(math.Float64bits(ep.Duration), 16))
	w(ep.ChaptersURL)
	for _, c := range ep.Chapters {
		w(strconv.FormatFloat(c.Start, 'f', 3, 64) + c.Title)
	}
	return h.Sum64()
}
