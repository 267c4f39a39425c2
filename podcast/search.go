package podcast

// Kinds of search moment, best ranked first: an episode's title, a chapter
// title, a line of its show notes, a passage of its transcript.
const (
	MomentTitle      = "title"
	MomentChapter    = "chapter"
	MomentNotes      = "notes"
	MomentTranscript = "transcript"
)

// MaxSearchRunes is the longest search a listener may type: the server
// refuses longer ones, and search fields take no more.
const MaxSearchRunes = 200

// SearchResult is the body of GET /api/search: the moments of a show that
// match a query, best first.
type SearchResult struct {
	Query   string   `json:"query"`
	Moments []Moment `json:"moments"`
	// Complete is false while the show's archive is still being indexed
	// (chapters documents and transcripts are read in the background after
	// the first search): asking again later may find more.
	Complete bool `json:"complete"`
	// Episodes is how many episodes the index knows; Transcripts how many
	// of their transcripts it has read, of TranscriptsTotal.
	Episodes         int `json:"episodes"`
	Transcripts      int `json:"transcripts"`
	TranscriptsTotal int `json:"transcriptsTotal"`
}

// Moment is one search hit: a place in an episode, with the text that
// matched. Parts is that text cut into plain and matching pieces, so that
// a client highlights it without parsing markup.
type Moment struct {
	GUID    string     `json:"guid"`
	Episode string     `json:"episode"` // the episode's title
	Kind    string     `json:"kind"`    // MomentTitle, MomentChapter, …
	Start   float64    `json:"start"`   // seconds
	Parts   []TextPart `json:"parts"`
	// Link is the episode page at Start: a time link that plays there and
	// shares as one.
	Link string `json:"link"`
}

// TextPart is a piece of a moment's text; Mark is set on the pieces that
// matched the query.
type TextPart struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}
