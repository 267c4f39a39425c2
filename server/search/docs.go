package search

import (
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed/notes"
)

// Indexed fields: one per kind of moment, so that a query weighs them
// differently (a title hit ranks above a transcript line). A document has
// exactly one of them.
var fieldBoost = map[string]float64{
	podcast.MomentTitle:      4,
	podcast.MomentChapter:    3,
	podcast.MomentNotes:      1.5,
	podcast.MomentTranscript: 1,
}

// Stored-only fields.
const (
	fieldEpisode = "ep"
	fieldKind    = "kind"
	fieldStart   = "start"
	// fieldOffsets maps byte offsets of a transcript passage to the times
	// of its cues ("0:12.5 83:20.1 …"), so that a hit plays at the sentence
	// that matched, not at the start of the passage.
	fieldOffsets = "offs"
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

func newDoc(id, guid, kind string, start float64, text string) doc {
	return doc{id: id, fields: map[string]any{
		fieldEpisode: guid,
		fieldKind:    kind,
		fieldStart:   start,
		kind:         text,
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
	docs := []doc{newDoc(docID(ep.GUID, 'm', 0), ep.GUID, podcast.MomentTitle, 0, ep.Title)}
	for _, line := range notes.Lines(string(ep.Notes)) {
		start := 0.0
		if ts := notes.FindTimestamps(line, ep.Duration); len(ts) > 0 {
			start = ts[0].Start
		}
		docs = append(docs, newDoc(docID(ep.GUID, 'm', len(docs)), ep.GUID, podcast.MomentNotes, start, line))
	}
	return docs
}

// chapterDocs are the listed chapters of an episode.
func chapterDocs(guid string, chs []podcast.Chapter) []doc {
	var docs []doc
	for _, c := range chs {
		if c.Hidden || strings.TrimSpace(c.Title) == "" {
			continue
		}
		docs = append(docs, newDoc(docID(guid, 'c', len(docs)), guid, podcast.MomentChapter, c.Start, c.Title))
	}
	return docs
}

// transcriptDocs cuts a transcript into passages of about passageSeconds.
func transcriptDocs(guid string, t *podcast.Transcript) []doc {
	var (
		docs  []doc
		text  strings.Builder
		offs  strings.Builder
		start float64
	)
	flush := func() {
		if text.Len() == 0 {
			return
		}
		d := newDoc(docID(guid, 't', len(docs)), guid, podcast.MomentTranscript, start, text.String())
		d.fields[fieldOffsets] = offs.String()
		docs = append(docs, d)
		text.Reset()
		offs.Reset()
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
			offs.WriteByte(' ')
		}
		offs.WriteString(strconv.Itoa(text.Len()) + ":" + strconv.FormatFloat(s.Start, 'f', 1, 64))
		text.WriteString(line)
	}
	flush()
	return docs
}

// startAt is the time of the cue that holds byte offset at, from a
// passage's fieldOffsets; def when it cannot tell.
func startAt(offsets string, at int, def float64) float64 {
	best := def
	for _, o := range strings.Fields(offsets) {
		b, t, ok := strings.Cut(o, ":")
		if !ok {
			continue
		}
		n, err1 := strconv.Atoi(b)
		sec, err2 := strconv.ParseFloat(t, 64)
		if err1 != nil || err2 != nil || n > at {
			break
		}
		best = sec
	}
	return best
}

// fingerprint changes when what an episode's metadata documents hold
// changes, so that a feed refresh re-indexes only the episodes it changed.
func fingerprint(ep *podcast.Episode) uint64 {
	h := fnv.New64a()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(ep.Title)
	w(string(ep.Notes))
	w(strconv.FormatUint(math.Float64bits(ep.Duration), 16))
	w(ep.ChaptersURL)
	for _, c := range ep.Chapters {
		w(strconv.FormatFloat(c.Start, 'f', 3, 64) + c.Title)
	}
	return h.Sum64()
}
