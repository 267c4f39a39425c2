package notes

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/earshot/earshot/podcast"
)

func TestFindTimestamps(t *testing.T) {
	type ts = Timestamp
	tests := []struct {
		name     string
		text     string
		duration float64
		want     []Timestamp
	}{
		{name: "parenthesized", text: "Die Reaktion hört ihr im Podcast (7:00) und", want: []ts{{Start: 420, Label: "7:00"}}},
		{name: "bare mm:ss", text: "at 03:15 we talk", want: []ts{{Start: 195, Label: "03:15"}}},
		{name: "h:mm:ss", text: "jump to 1:02:03.", want: []ts{{Start: 3723, Label: "1:02:03"}}},
		{name: "bracketed", text: "see [12:34]", want: []ts{{Start: 754, Label: "12:34"}}},
		{name: "prose", text: "At approximately 3:20, Tom said", want: []ts{{Start: 200, Label: "3:20"}}},
		{name: "line start with title", text: "00:00 Intro\n(20:12) Interview\n1:02:03 - Outro", want: []ts{
			{Start: 0, Label: "00:00", Title: "Intro"},
			{Start: 1212, Label: "20:12", Title: "Interview"},
			{Start: 3723, Label: "1:02:03", Title: "Outro"},
		}},
		{name: "bullets and separators", text: "- 05:00 – Topic\n• [06:00]: Next | more\n> 07:00 — Quote", want: []ts{
			{Start: 300, Label: "05:00", Title: "Topic"},
			{Start: 360, Label: "06:00", Title: "Next | more"},
			{Start: 420, Label: "07:00", Title: "Quote"},
		}},
		{name: "line start without title", text: "00:00\n", want: []ts{{Start: 0, Label: "00:00"}}},
		{name: "lost line breaks", text: "Stelle raus:(00:00) Intro - Tokio Hotel(02:32) Die Super-Kreischerin!(05:05) Warum?", want: []ts{
			{Start: 0, Label: "00:00", Title: "Intro - Tokio Hotel"},
			{Start: 152, Label: "02:32", Title: "Die Super-Kreischerin!"},
			{Start: 305, Label: "05:05", Title: "Warum?"},
		}},
		{name: "prose time with space before bracket is not a title", text: "Kommentare bei (28:17)---Alle Videos", want: []ts{{Start: 1697, Label: "28:17"}}},
		{name: "within duration", text: "(03:15) and (45:57)", duration: 2700, want: []ts{{Start: 195, Label: "03:15", Title: "and (45:57)"}}},
		{name: "exactly the duration", text: "end 45:00", duration: 2700, want: []ts{{Start: 2700, Label: "45:00"}}},
		{name: "unknown duration links all", text: "(03:15) and (45:57)", duration: 0, want: []ts{{Start: 195, Label: "03:15", Title: "and (45:57)"}, {Start: 2757, Label: "45:57"}}},
		{name: "German am before capitalized noun", text: "12:30 am Ende", want: []ts{{Start: 750, Label: "12:30", Title: "am Ende"}}},
		{name: "title starting with Am", text: "(12:30) Am Ende", want: []ts{{Start: 750, Label: "12:30", Title: "Am Ende"}}},
		{name: "French et", text: "entre 3:15 et 4:20", want: []ts{{Start: 195, Label: "3:15"}, {Start: 260, Label: "4:20"}}},
		{name: "non-breaking space", text: "Kapitel\u00a012:00 hier", want: []ts{{Start: 720, Label: "12:00"}}},
		{name: "end of sentence", text: "at 12:00.", want: []ts{{Start: 720, Label: "12:00"}}},

		// Not positions in the episode.
		{name: "PM", text: "Live at 4:20 PM today"},
		{name: "pm", text: "Live at 4:20 pm today"},
		{name: "p.m.", text: "Live at 4:20 p.m."},
		{name: "glued pm", text: "Live at 4:20pm"},
		{name: "AM", text: "at 9:30 AM"},
		{name: "am lower case then lower-case word", text: "at 9:30 am we"},
		{name: "Uhr", text: "Start 16:30 Uhr"},
		{name: "Uhr in brackets", text: "Livestream (16:30 Uhr)"},
		{name: "h", text: "ab 20:15 h"},
		{name: "glued h", text: "ab 20:15h"},
		{name: "o'clock", text: "at 4:00 o'clock"},
		{name: "time zone", text: "live 20:15 CET"},
		{name: "range with Uhr", text: "Sprechstunde 10:00 - 12:00 Uhr"},
		{name: "range with am", text: "10:00–11:30 AM"},
		{name: "um", text: "heute um 20:15 im Stream"},
		{name: "Um", text: "Um 20:15 geht es los"},
		{name: "gegen", text: "gegen 20:15"},
		{name: "date before", text: "Livestream am 12.03.2024 20:15"},
		{name: "ISO date before", text: "2024-03-12 20:15"},
		{name: "ISO datetime", text: "2024-03-12T20:15:00-05:00"},
		{name: "Dauer", text: "Dauer: 3:32:21"},
		{name: "Länge", text: "Länge 1:02:03"},
		{name: "duration", text: "duration 45:00"},
		{name: "Duration with filler", text: "Duration: ca. 45:00"},
		{name: "Gesamtdauer", text: "Gesamtdauer: ~1:02:03"},
		{name: "length with unit", text: "Folge (45:00 min)"},
		{name: "Minuten", text: "nach 12:30 Minuten"},
		{name: "year ratio", text: "Jahresrückblick 2024:12"},
		{name: "aspect ratio", text: "im Format 16:9"},
		{name: "too many fields", text: "12:34:56:78"},
		{name: "decimal", text: "12:30.5"},
		{name: "seconds above 59", text: "1:75"},
		{name: "minutes above 59 with hours", text: "1:75:00"},
		{name: "in URL", text: "https://youtube.com/watch?t=12:30 and /12:30"},
		{name: "timezone offset", text: "+01:00 -05:00"},
		{name: "glued to word", text: "abc12:30 T20:15"},
		{name: "fraction", text: "3:15/4:20"},
		{name: "past duration", text: "(45:57)", duration: 2700},
		{name: "no times", text: "Nothing to see: 1 2 3"},
		{name: "empty", text: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FindTimestamps(tt.text, tt.duration))
		})
	}
}

func TestLinkTimestamps(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		duration float64
		want     string
	}{
		{
			name:     "times in text",
			in:       `<p>Jump to (03:15), [12:34] or 1:02:03.</p>`,
			duration: 4000,
			want:     `<p>Jump to (<a href="#t=195" data-t="195" class="ts">03:15</a>), [<a href="#t=754" data-t="754" class="ts">12:34</a>] or <a href="#t=3723" data-t="3723" class="ts">1:02:03</a>.</p>`,
		},
		{
			name: "time in markup",
			in:   `<p><strong>4:00</strong> - What are you working on?</p>`,
			want: `<p><strong><a href="#t=240" data-t="240" class="ts">4:00</a></strong> - What are you working on?</p>`,
		},
		{
			name:     "out of duration",
			in:       `<p>(03:15) and (45:57)</p>`,
			duration: 2700,
			want:     `<p>(<a href="#t=195" data-t="195" class="ts">03:15</a>) and (45:57)</p>`,
		},
		{
			name: "inside an existing link",
			in:   `<p><a href="https://x.org/12:30" ` + ext + `>at 12:30</a></p>`,
			want: `<p><a href="https://x.org/12:30" ` + ext + `>at 12:30</a></p>`,
		},
		{
			name: "inside attribute values",
			in:   `<p><img src="https://x.org/12:30.png" alt="12:30" title="at 12:30" loading="lazy"/></p>`,
			want: `<p><img src="https://x.org/12:30.png" alt="12:30" title="at 12:30" loading="lazy"/></p>`,
		},
		{
			name: "context across nodes",
			in:   `<p>Dauer: <b>3:32:21</b>, <em>um</em> 20:15, 16:30 <i>Uhr</i></p>`,
			want: `<p>Dauer: <b>3:32:21</b>, <em>um</em> 20:15, 16:30 <i>Uhr</i></p>`,
		},
		{
			name: "time split across nodes is left alone",
			in:   `<p>1<b>2:30</b> and <b>12:</b>30</p>`,
			want: `<p>1<b>2:30</b> and <b>12:</b>30</p>`,
		},
		{
			name:     "existing timestamp links are kept, or unwrapped past the duration",
			in:       `<p><a href="#t=60" data-t="60" class="ts">1:00</a> <a href="#t=5000" data-t="5000" class="ts">1:23:20</a></p>`,
			duration: 600,
			want:     `<p><a href="#t=60" data-t="60" class="ts">1:00</a> 1:23:20</p>`,
		},
		{
			name: "clock times",
			in:   `<p>Live at 4:20 PM, 16:30 Uhr.</p>`,
			want: `<p>Live at 4:20 PM, 16:30 Uhr.</p>`,
		},
		{
			name: "several in one node",
			in:   `<ul><li>00:00 Intro</li><li>05:00 Topic, see 07:30</li></ul>`,
			want: `<ul><li><a href="#t=0" data-t="0" class="ts">00:00</a> Intro</li><li><a href="#t=300" data-t="300" class="ts">05:00</a> Topic, see <a href="#t=450" data-t="450" class="ts">07:30</a></li></ul>`,
		},
		{
			name: "plain text",
			in:   "00:00 Intro\n05:00 Topic",
			want: `<p><a href="#t=0" data-t="0" class="ts">00:00</a> Intro<br/><a href="#t=300" data-t="300" class="ts">05:00</a> Topic</p>`,
		},
		{name: "empty", in: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LinkTimestamps(podcast.SafeHTML(tt.in), tt.duration)
			assert.Equal(t, podcast.SafeHTML(tt.want), got)
			assert.Empty(t, violations(string(got)))
			assert.Equal(t, got, LinkTimestamps(got, tt.duration), "linking twice changes the output")
			assert.Equal(t, got, Sanitize(string(got), nil), "sanitizing linked notes changes them")
		})
	}
}

func TestChapters(t *testing.T) {
	ch := func(start float64, title string) podcast.Chapter {
		return podcast.Chapter{Start: start, Title: title, Source: podcast.SourceNotes}
	}
	tests := []struct {
		name     string
		notes    string
		duration float64
		want     []podcast.Chapter
	}{
		{
			name:  "plain text list",
			notes: "Chapters:\n00:00 Intro\n(20:12) Interview\n1:02:03 - Outro\n",
			want:  []podcast.Chapter{ch(0, "Intro"), ch(1212, "Interview"), ch(3723, "Outro")},
		},
		{
			name:  "HTML paragraphs with strong times",
			notes: `<h5>Show Notes:</h5><p><strong>4:00</strong> - What are you working on?</p><ul><li><a href="x">Peek</a></li></ul><p><strong>20:00</strong> - We dig more into Peek</p>`,
			want:  []podcast.Chapter{ch(240, "What are you working on?"), ch(1200, "We dig more into Peek")},
		},
		{
			name:  "list items with entities",
			notes: `<ul><li>00:00 Intro &amp; Hallo</li><li>[10:00] &quot;Next&quot;</li></ul>`,
			want:  []podcast.Chapter{ch(0, "Intro & Hallo"), ch(600, `"Next"`)},
		},
		{
			name:  "br separated",
			notes: `<p>00:00 Intro<br>05:00 Topic<br/>10:00 End</p>`,
			want:  []podcast.Chapter{ch(0, "Intro"), ch(300, "Topic"), ch(600, "End")},
		},
		{
			name:  "lost line breaks",
			notes: "Such dir deine Stelle raus:(00:00) Intro - Legendärer Auftritt(02:32) Die Super-Kreischerin(05:05) Warum?",
			want:  []podcast.Chapter{ch(0, "Intro - Legendärer Auftritt"), ch(152, "Die Super-Kreischerin"), ch(305, "Warum?")},
		},
		{
			name:     "out of duration ignored",
			notes:    "00:00 A\n05:00 B\n59:00 C",
			duration: 600,
			want:     []podcast.Chapter{ch(0, "A"), ch(300, "B")},
		},
		{
			name:  "longest increasing run wins",
			notes: "00:00 A\n05:00 B\n03:00 C\n04:00 D\n06:00 E",
			want:  []podcast.Chapter{ch(180, "C"), ch(240, "D"), ch(360, "E")},
		},
		{name: "prose mentions are not chapters", notes: "We talk at 3:20 about this and at 5:00 about that."},
		{name: "one is not a list", notes: "00:00 Intro\nsome text"},
		{name: "decreasing", notes: "10:00 B\n05:00 A"},
		{name: "no titles", notes: "00:00\n05:00\n"},
		{name: "clock schedule", notes: "Programm:\n20:15 Uhr Film\n22:00 Uhr News"},
		{name: "durations", notes: "Dauer: 45:00\nLänge: 50:00"},
		{name: "script content", notes: "<script>\n00:00 a\n01:00 b\n</script>"},
		{name: "empty", notes: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Chapters(tt.notes, tt.duration))
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name  string
		notes string
		max   int
		want  string
	}{
		{name: "short", notes: "<p>Hello</p>", max: 10, want: "Hello"},
		{name: "entities and whitespace", notes: "<p>Tom &amp;   Jerry</p>\n\n<p>&quot;live&quot;&nbsp;now</p>", max: 100, want: `Tom & Jerry "live" now`},
		{name: "blocks become spaces", notes: "<ul><li>a</li><li>b</li></ul><p>c<br>d</p>", max: 100, want: "a b c d"},
		{name: "cut at word boundary", notes: "<p>The quick brown fox jumps over the lazy dog</p>", max: 20, want: "The quick brown fox…"},
		{name: "cut drops trailing punctuation", notes: "Hello, world, and more words", max: 14, want: "Hello, world…"},
		{name: "exact length is not cut", notes: "12345", max: 5, want: "12345"},
		{name: "long word is cut hard", notes: "Donaudampfschifffahrtsgesellschaft", max: 10, want: "Donaudamp…"},
		{name: "runes not bytes", notes: "äöü äöü äöü", max: 8, want: "äöü äöü…"},
		{name: "script and style skipped", notes: "<style>p{}</style><p>Text</p><script>alert(1)</script>", max: 100, want: "Text"},
		{name: "plain text keeps its entities decoded", notes: "Tom &amp; Jerry", max: 100, want: "Tom & Jerry"},
		{name: "no limit", notes: "a b c", max: 0, want: "a b c"},
		{name: "one rune", notes: "abc", max: 1, want: "…"},
		{name: "empty", notes: "", max: 10, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Excerpt(tt.notes, tt.max))
		})
	}
}
