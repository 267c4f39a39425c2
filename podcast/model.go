// Package podcast is Earshot's domain model: one shape for a show and its
// episodes, shared by the server (which builds it from feeds) and the browser
// (which renders it). It depends on the standard library only, so it compiles
// into the wasm without weight.
//
// Times are float64 seconds throughout: that is what HTMLMediaElement speaks,
// and it keeps the JSON compact and readable.
package podcast

import "time"

// Show is one podcast, normalized from its feed.
type Show struct {
	FeedURL     string    `json:"feedUrl"`
	Title       string    `json:"title"`
	Author      string    `json:"author,omitempty"`
	Description string    `json:"description,omitempty"` // plain text
	Link        string    `json:"link,omitempty"`
	Image       string    `json:"image,omitempty"`
	Language    string    `json:"language,omitempty"`
	Categories  []string  `json:"categories,omitempty"`
	Explicit    bool      `json:"explicit,omitempty"`
	Locked      bool      `json:"locked,omitempty"`
	Persons     []Person  `json:"persons,omitempty"`
	Funding     []Funding `json:"funding,omitempty"`
	DeepLink    string    `json:"deepLink,omitempty"` // Podlove deep-link base URL
	// GUID is the podcast:guid, the show's identity across feed moves.
	GUID string `json:"guid,omitempty"`
	// AppleID is the show's Apple Podcasts ID when a link of the feed
	// names its Apple listing: the follow links of Apple's apps need it.
	AppleID string `json:"appleId,omitempty"`
	// Podroll is the podcast:podroll, shows this one recommends.
	Podroll  []RemoteFeed `json:"podroll,omitempty"`
	Paging   Paging       `json:"paging,omitzero"`
	Episodes []Episode    `json:"episodes"`
	Updated  time.Time    `json:"updated,omitzero"`
}

// Paging holds RFC 5005 feed paging links (atom:link rel=first/next/prev/last).
type Paging struct {
	First string `json:"first,omitempty"`
	Next  string `json:"next,omitempty"`
	Prev  string `json:"prev,omitempty"`
	Last  string `json:"last,omitempty"`
}

// Episode is one item of a show.
type Episode struct {
	GUID       string               `json:"guid"`
	Title      string               `json:"title"`
	Link       string               `json:"link,omitempty"`
	Published  time.Time            `json:"published,omitzero"`
	Duration   float64              `json:"duration,omitempty"` // seconds; 0 when unknown
	Season     int                  `json:"season,omitempty"`
	SeasonName string               `json:"seasonName,omitempty"`
	Number     string               `json:"number,omitempty"`        // episode number as written ("12", "12.5")
	NumberText string               `json:"numberDisplay,omitempty"` // podcast:episode display="…"
	Type       string               `json:"type,omitempty"`          // full, trailer, bonus
	Explicit   bool                 `json:"explicit,omitempty"`
	Image      string               `json:"image,omitempty"` // falls back to the show image
	Enclosure  Enclosure            `json:"enclosure"`
	Alternates []AlternateEnclosure `json:"alternates,omitempty"`
	Persons    []Person             `json:"persons,omitempty"`
	Funding    []Funding            `json:"funding,omitempty"`
	Soundbites []Soundbite          `json:"soundbites,omitempty"`
	Live       *Live                `json:"live,omitempty"`
	Chapters   []Chapter            `json:"chapters,omitempty"`
	// ChaptersURL is the podcast:chapters document; the server resolves it
	// into Chapters when one episode is requested.
	ChaptersURL string          `json:"chaptersUrl,omitempty"`
	Transcripts []TranscriptRef `json:"transcripts,omitempty"`
	Notes       SafeHTML        `json:"notes,omitempty"`   // sanitized show notes
	Summary     string          `json:"summary,omitempty"` // plain-text excerpt
}

// SafeHTML is HTML that went through the server's sanitizer. Only values of
// this type are ever rendered as raw HTML; producing one from untrusted input
// by conversion is a bug.
type SafeHTML string

// Enclosure is the media file of an episode. Its URL is never rewritten:
// hosts count downloads by it.
type Enclosure struct {
	URL    string `json:"url"`
	Type   string `json:"type,omitempty"`
	Length int64  `json:"length,omitempty"`
}

// AlternateEnclosure is a podcast:alternateEnclosure: another encoding or
// language of the same episode, with one or more sources.
type AlternateEnclosure struct {
	Type    string   `json:"type"`
	Length  int64    `json:"length,omitempty"`
	Bitrate float64  `json:"bitrate,omitempty"`
	Title   string   `json:"title,omitempty"`
	Lang    string   `json:"lang,omitempty"`
	Default bool     `json:"default,omitempty"`
	Sources []string `json:"sources"`
}

// Person is a podcast:person (host, guest, …).
type Person struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Group string `json:"group,omitempty"`
	Image string `json:"image,omitempty"`
	Href  string `json:"href,omitempty"`
}

// Funding is a podcast:funding link.
type Funding struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
}

// RemoteFeed is a podcast:remoteItem that names another show.
type RemoteFeed struct {
	FeedGUID string `json:"feedGuid,omitempty"`
	FeedURL  string `json:"feedUrl,omitempty"` // absolute http(s), or "" when only the guid is known
	Title    string `json:"title,omitempty"`
}

// Soundbite is a podcast:soundbite highlight.
type Soundbite struct {
	Start    float64 `json:"start"`
	Duration float64 `json:"duration"`
	Title    string  `json:"title,omitempty"`
}

// Live is the podcast:liveItem state of an episode.
type Live struct {
	Status string    `json:"status"` // pending, live, ended
	Start  time.Time `json:"start,omitzero"`
	End    time.Time `json:"end,omitzero"`
}

// ChapterSource says where a chapter came from.
type ChapterSource string

// Chapter sources, in the order of precedence used when merging (see
// MergeChapters in the feed package): an explicit chapters document wins over
// inline Podlove Simple Chapters, which win over ID3 tags in the media, which
// win over timestamps guessed from show notes.
const (
	SourceJSON  ChapterSource = "json"
	SourcePSC   ChapterSource = "psc"
	SourceID3   ChapterSource = "id3"
	SourceNotes ChapterSource = "notes"
)

// Chapter is one chapter mark.
type Chapter struct {
	Start  float64       `json:"start"`
	End    float64       `json:"end,omitempty"`
	Title  string        `json:"title"`
	Image  string        `json:"image,omitempty"`
	URL    string        `json:"url,omitempty"`
	Hidden bool          `json:"hidden,omitempty"` // toc:false: not listed, still switches art
	Source ChapterSource `json:"source,omitempty"`
}

// TranscriptRef is a podcast:transcript link.
type TranscriptRef struct {
	URL      string `json:"url"`
	Type     string `json:"type"`
	Language string `json:"language,omitempty"`
	Rel      string `json:"rel,omitempty"`
}

// Transcript is a parsed transcript.
type Transcript struct {
	Segments []Segment `json:"segments"`
}

// Segment is one timed piece of a transcript.
type Segment struct {
	Start   float64 `json:"start"`
	End     float64 `json:"end,omitempty"`
	Speaker string  `json:"speaker,omitempty"`
	Text    string  `json:"text"`
}

// Episode returns the episode with the given GUID, or the newest one when
// guid is empty. ok is false when there is no such episode.
func (s *Show) Episode(guid string) (ep *Episode, ok bool) {
	if len(s.Episodes) == 0 {
		return nil, false
	}
	if guid == "" {
		return &s.Episodes[0], true
	}
	for i := range s.Episodes {
		if s.Episodes[i].GUID == guid {
			return &s.Episodes[i], true
		}
	}
	return nil, false
}

// EpisodeView is what an episode page or embed shows: the show's metadata
// (without its episode list) and one episode with chapters resolved. It is
// the body of GET /api/episode and the data embedded in prerendered pages.
type EpisodeView struct {
	Show    Show    `json:"show"`
	Episode Episode `json:"episode"`
}
