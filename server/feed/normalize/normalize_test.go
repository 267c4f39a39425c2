package normalize

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/earshot/earshot/podcast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rss wraps channel content in an RSS document declaring decls.
func rss(decls, channel string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" ` + decls + `><channel><title>Show</title>` + channel + `</channel></rss>`)
}

const (
	declPodcast = `xmlns:podcast="https://podcastindex.org/namespace/1.0"`
	declITunes  = `xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"`
	declPSC     = `xmlns:psc="http://podlove.org/simple-chapters"`
	declAtom    = `xmlns:atom="http://www.w3.org/2005/Atom"`
)

func mustParse(t *testing.T, data []byte) (*podcast.Show, *Raw) {
	t.Helper()
	show, raw, err := Parse(data, "https://example.com/feed.xml")
	require.NoError(t, err)
	checkInvariants(t, show, raw)
	return show, raw
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		reason error
		hint   string
	}{
		{"empty", "", ErrNotFeed, hintEmpty},
		{"whitespace", " \n\t ", ErrNotFeed, hintEmpty},
		{"html page", "<!DOCTYPE html>\n<html><head><title>My Podcast</title></head><body>hi</body></html>", ErrNotFeed, hintHTML},
		{"html without doctype", "\n<html lang=en><body>x</body></html>", ErrNotFeed, hintHTML},
		{"html after comment", "<!-- generated --><HTML><body></body></HTML>", ErrNotFeed, hintHTML},
		{"junk", "hello, world", ErrNotFeed, hintUnknown},
		{"other xml", `<?xml version="1.0"?><note><body>x</body></note>`, ErrNotFeed, hintUnknown},
		{"truncated rss", `<rss><channel><title>x</title><item><title>a`, ErrMalformed, hintMalformed},
		{"broken json feed", `{"version": "https://jsonfeed.org/version/1", "items": [`, ErrMalformed, hintMalformed},
		{"json that is no feed", `{"title": "An API answer", "items": [{"id": 1}]}`, ErrNotFeed, hintJSON},
		{"empty json object", `{}`, ErrNotFeed, hintJSON},
		{"chapters file", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "x"}]}`, ErrNotFeed, hintJSON},
		{"json array", `[1, 2, 3]`, ErrNotFeed, hintUnknown},
		{"svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, ErrNotFeed, hintUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			show, raw, err := Parse([]byte(tt.data), "https://example.com/feed")
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.reason)
			var fe *FeedError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.hint, fe.Hint)
			assert.Contains(t, err.Error(), tt.hint)
			assert.Nil(t, show)
			assert.Nil(t, raw)
		})
	}
}

func TestParseTolerates(t *testing.T) {
	doc := string(rss(declITunes, `<item><guid>a</guid><title>Caf&#233;</title><itunes:duration>1:00</itunes:duration></item>`))
	tests := []struct {
		name, data string
	}{
		{"plain", doc},
		{"leading newline", "\n" + doc},
		{"leading spaces and CRLF", "  \r\n\t" + doc},
		{"utf-8 BOM", "\xEF\xBB\xBF" + doc},
		{"BOM then newline", "\xEF\xBB\xBF\n" + doc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			show, _ := mustParse(t, []byte(tt.data))
			require.Len(t, show.Episodes, 1)
			assert.Equal(t, "Café", show.Episodes[0].Title)
			assert.Equal(t, 60.0, show.Episodes[0].Duration)
		})
	}
}

// A stray Latin-1 byte in an undeclared-UTF-8 feed must not lose the feed.
func TestParseInvalidUTF8(t *testing.T) {
	data := rss("", "<item><guid>a</guid><title>Caf\xe9 ok</title></item>")
	show, _ := mustParse(t, data)
	require.Len(t, show.Episodes, 1)
	assert.Equal(t, "Caf\uFFFD ok", show.Episodes[0].Title)
}

func TestNamespacesByURI(t *testing.T) {
	const item = `<item><guid>g</guid><title>T</title>
		<%[1]s:duration>1:02:03</%[1]s:duration><%[1]s:episode>7</%[1]s:episode>
		<%[2]s:transcript url="https://e.com/t.vtt" type="text/vtt"/>
		<%[3]s:chapters version="1.2"><%[3]s:chapter start="00:01.5" title="B"/><%[3]s:chapter start="0" title="A"/></%[3]s:chapters>
	</item>`
	tests := []struct {
		name                string
		decls               string
		itunes, podcast, pc string
	}{
		{"conventional", declITunes + " " + declPodcast + " " + declPSC, "itunes", "podcast", "psc"},
		{"odd prefixes", `xmlns:it="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:p20="https://podcastindex.org/namespace/1.0" xmlns:ch="http://podlove.org/simple-chapters"`, "it", "p20", "ch"},
		{"github podcast URI", declITunes + ` xmlns:pod="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md" ` + declPSC, "itunes", "pod", "psc"},
		{"upper-case iTunes URI", `xmlns:i="http://www.itunes.com/DTDs/PodCast-1.0.dtd" ` + declPodcast + " " + declPSC, "i", "podcast", "psc"},
		{"undeclared prefixes", "", "itunes", "podcast", "psc"},
		{"http scheme and trailing slash", declITunes + ` xmlns:podcast="http://podcastindex.org/namespace/1.0/" ` + declPSC, "itunes", "podcast", "psc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			show, _ := mustParse(t, rss(tt.decls, fmt.Sprintf(item, tt.itunes, tt.podcast, tt.pc)))
			require.Len(t, show.Episodes, 1)
			ep := show.Episodes[0]
			assert.Equal(t, 3723.0, ep.Duration)
			assert.Equal(t, "7", ep.Number)
			assert.Equal(t, []podcast.TranscriptRef{{URL: "https://e.com/t.vtt", Type: "text/vtt"}}, ep.Transcripts)
			assert.Equal(t, []podcast.Chapter{
				{Start: 0, Title: "A", Source: podcast.SourcePSC},
				{Start: 1.5, Title: "B", Source: podcast.SourcePSC},
			}, ep.Chapters)
		})
	}
}

// A prefix that the document binds to another namespace is not read as
// the conventional one.
func TestConventionalPrefixTaken(t *testing.T) {
	data := rss(`xmlns:podcast="https://example.com/not-podcasting"`,
		`<podcast:locked>yes</podcast:locked><item><guid>g</guid></item>`)
	show, _ := mustParse(t, data)
	assert.False(t, show.Locked)
}

func TestDefaultNamespaceOnElement(t *testing.T) {
	data := rss("", `<item><guid>g</guid><duration xmlns="http://www.itunes.com/dtds/podcast-1.0.dtd">00:20:00</duration></item>`)
	show, _ := mustParse(t, data)
	assert.Equal(t, 1200.0, show.Episodes[0].Duration)
}

func TestShowFields(t *testing.T) {
	data := rss(declITunes+" "+declPodcast+" "+declAtom, `
		<link>https://example.com/</link>
		<language>de</language>
		<description><![CDATA[<p>Hello <b>there</b> &amp; welcome.</p><p>Second</p>]]></description>
		<managingEditor>ed@example.com (Ed)</managingEditor>
		<image><url>https://example.com/rss.png</url></image>
		<itunes:image href=" https://example.com/itunes.png "/>
		<itunes:explicit>Yes</itunes:explicit>
		<itunes:category text="Technology"><itunes:category text="Tech News"/></itunes:category>
		<itunes:category text="News"><itunes:category text="Tech News"/></itunes:category>
		<podcast:locked owner="x@example.com">yes</podcast:locked>
		<podcast:person role="Host" img="/a.jpg">Alice</podcast:person>
		<podcast:funding url="https://example.com/give">Give</podcast:funding>
		<atom:link rel="http://podlove.org/deep-link" href="https://example.com/ep#"/>
		<atom:link rel="first" href="https://example.com/feed"/>
		<atom:link rel="next" href="/feed?page=2"/>
		<atom:link rel="previous" href="https://example.com/feed?page=0"/>
		<atom:link rel="last" href="https://example.com/feed?page=9"/>
		<atom:link rel="self" href="https://example.com/feed?page=1"/>`)
	show, raw := mustParse(t, data)
	assert.Equal(t, "Show", show.Title)
	assert.Equal(t, "Ed", show.Author)
	assert.Equal(t, "Hello there & welcome.\nSecond", show.Description)
	assert.Equal(t, "<p>Hello <b>there</b> &amp; welcome.</p><p>Second</p>", raw.DescriptionHTML)
	assert.Equal(t, "https://example.com/itunes.png", show.Image)
	assert.Equal(t, "de", show.Language)
	assert.Equal(t, []string{"Technology", "Tech News", "News"}, show.Categories)
	assert.True(t, show.Explicit)
	assert.True(t, show.Locked)
	assert.Equal(t, []podcast.Person{{Name: "Alice", Role: "host", Group: "cast", Image: "https://example.com/a.jpg"}}, show.Persons)
	assert.Equal(t, []podcast.Funding{{URL: "https://example.com/give", Title: "Give"}}, show.Funding)
	assert.Equal(t, "https://example.com/ep", show.DeepLink, "without the empty fragment")
	assert.Equal(t, podcast.Paging{
		First: "https://example.com/feed",
		Next:  "https://example.com/feed?page=2",
		Prev:  "https://example.com/feed?page=0",
		Last:  "https://example.com/feed?page=9",
	}, show.Paging)
}

func TestShowAuthorPrefersITunes(t *testing.T) {
	show, _ := mustParse(t, rss(declITunes, `<managingEditor>ed@example.com (Ed)</managingEditor><itunes:author>The Team</itunes:author>`))
	assert.Equal(t, "The Team", show.Author)
}

func TestExplicitValues(t *testing.T) {
	for v, want := range map[string]bool{"yes": true, "true": true, "explicit": true, "Explicit": true, " YES ": true, "no": false, "clean": false, "false": false, "": false, "maybe": false} {
		show, _ := mustParse(t, rss(declITunes, `<itunes:explicit>`+v+`</itunes:explicit>`))
		assert.Equal(t, want, show.Explicit, "%q", v)
	}
}

func TestEpisodeFields(t *testing.T) {
	data := rss(declITunes+" "+declPodcast, `
		<itunes:image href="https://example.com/show.png"/>
		<itunes:explicit>no</itunes:explicit>
		<podcast:person>Host Person</podcast:person>
		<item>
			<guid isPermaLink="false"> ep-1 </guid>
			<title>  Episode   <i>One</i> </title>
			<link>/episodes/1</link>
			<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>
			<itunes:duration>45:30</itunes:duration>
			<itunes:season>9</itunes:season>
			<podcast:season name="Origins">2</podcast:season>
			<itunes:episode>12</itunes:episode>
			<podcast:episode display="Ep. 12½">12.5</podcast:episode>
			<itunes:episodeType>Trailer</itunes:episodeType>
			<itunes:explicit>yes</itunes:explicit>
			<itunes:image href="https://example.com/ep.png"/>
			<enclosure url="https://example.com/cover.jpg" type="image/jpeg" length="10"/>
			<enclosure url="https://cdn.example.com/ep1.mp3?x=1&amp;y=2" type="audio/mpeg" length="1234"/>
			<podcast:person role="guest" group="cast" href="https://example.com/g">Guest</podcast:person>
			<podcast:soundbite startTime="73.0" duration="60.5">Best bit</podcast:soundbite>
			<podcast:soundbite startTime="-1" duration="5">bad</podcast:soundbite>
			<podcast:chapters url="https://example.com/ch.json" type="application/json+chapters"/>
			<podcast:transcript url="https://example.com/t.srt" type="application/srt" language="en" rel="captions"/>
			<podcast:alternateEnclosure type="audio/opus" length="99" bitrate="64000" title="Small" lang="en" default="true">
				<podcast:source uri="https://example.com/ep1.opus"/>
				<podcast:source uri="ipfs://abc"/>
			</podcast:alternateEnclosure>
			<podcast:alternateEnclosure type="audio/aac"></podcast:alternateEnclosure>
			<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>Full <script>x()</script></p>]]></content:encoded>
			<description>Short</description>
		</item>
		<item>
			<guid>ep-0</guid>
			<title>Zero</title>
			<pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>
			<itunes:duration>bogus</itunes:duration>
			<itunes:episodeType>weird</itunes:episodeType>
			<itunes:summary>Only summary</itunes:summary>
		</item>`)
	show, raw := mustParse(t, data)
	require.Len(t, show.Episodes, 2)
	ep := show.Episodes[0]
	assert.Equal(t, "ep-1", ep.GUID)
	assert.Equal(t, "Episode One", ep.Title)
	assert.Equal(t, "https://example.com/episodes/1", ep.Link)
	assert.Equal(t, time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC), ep.Published)
	assert.Equal(t, 2730.0, ep.Duration)
	assert.Equal(t, 2, ep.Season)
	assert.Equal(t, "Origins", ep.SeasonName)
	assert.Equal(t, "12.5", ep.Number)
	assert.Equal(t, "Ep. 12½", ep.NumberText)
	assert.Equal(t, "trailer", ep.Type)
	assert.True(t, ep.Explicit)
	assert.Equal(t, "https://example.com/ep.png", ep.Image)
	assert.Equal(t, podcast.Enclosure{URL: "https://cdn.example.com/ep1.mp3?x=1&y=2", Type: "audio/mpeg", Length: 1234}, ep.Enclosure)
	assert.Equal(t, []podcast.Person{{Name: "Guest", Role: "guest", Group: "cast", Href: "https://example.com/g"}}, ep.Persons)
	assert.Equal(t, []podcast.Soundbite{{Start: 73, Duration: 60.5, Title: "Best bit"}}, ep.Soundbites)
	assert.Equal(t, "https://example.com/ch.json", ep.ChaptersURL)
	assert.Equal(t, []podcast.TranscriptRef{{URL: "https://example.com/t.srt", Type: "application/srt", Language: "en", Rel: "captions"}}, ep.Transcripts)
	assert.Equal(t, []podcast.AlternateEnclosure{{
		Type: "audio/opus", Length: 99, Bitrate: 64000, Title: "Small", Lang: "en", Default: true,
		Sources: []string{"https://example.com/ep1.opus"}, // not ipfs://abc: http(s) only
	}}, ep.Alternates)
	assert.Empty(t, ep.Notes)
	assert.Empty(t, ep.Summary)
	assert.Equal(t, RawEpisode{NotesHTML: "<p>Full <script>x()</script></p>", BaseURL: "https://example.com/episodes/1"}, raw.Notes("ep-1"))

	zero := show.Episodes[1]
	assert.Equal(t, "ep-0", zero.GUID)
	assert.Zero(t, zero.Duration)
	assert.Empty(t, zero.Type)
	assert.False(t, zero.Explicit, "inherits the show's explicit=no")
	assert.Equal(t, "https://example.com/show.png", zero.Image, "falls back to the show image")
	assert.Equal(t, []podcast.Person{{Name: "Host Person", Role: "host", Group: "cast"}}, zero.Persons, "inherits channel persons")
	assert.Equal(t, RawEpisode{NotesHTML: "Only summary", BaseURL: "https://example.com/feed.xml"}, raw.Notes("ep-0"))
}

func TestNotesPrecedence(t *testing.T) {
	data := rss(declITunes, `
		<item><guid>a</guid><description>desc</description><itunes:summary>sum</itunes:summary></item>
		<item><guid>b</guid><itunes:summary>sum</itunes:summary></item>`)
	_, raw := mustParse(t, data)
	assert.Equal(t, "desc", raw.Notes("a").NotesHTML)
	assert.Equal(t, "sum", raw.Notes("b").NotesHTML)
	assert.Equal(t, RawEpisode{}, raw.Notes("missing"))
	assert.Equal(t, RawEpisode{}, (*Raw)(nil).Notes("a"))
}

func TestDurations(t *testing.T) {
	tests := map[string]float64{
		"3600":       3600,
		"3600.5":     3600.5,
		"59:59":      3599,
		"1:02:03":    3723,
		"01:75:00":   8100,
		"1:5:3":      3903,
		" 00:20:00 ": 1200,
		"":           0,
		"abc":        0,
		"-5":         0,
		"1:2:3:4":    0,
	}
	for in, want := range tests {
		show, _ := mustParse(t, rss(declITunes, `<item><guid>g</guid><itunes:duration>`+in+`</itunes:duration></item>`))
		assert.Equal(t, want, show.Episodes[0].Duration, "%q", in)
	}
}

func TestDurationFromMediaRSS(t *testing.T) {
	data := rss(`xmlns:media="http://search.yahoo.com/mrss/"`, `<item><guid>g</guid>
		<media:content url="https://e.com/a.mp3" type="audio/mpeg" duration="321" fileSize="42"/></item>`)
	show, _ := mustParse(t, data)
	ep := show.Episodes[0]
	assert.Equal(t, 321.0, ep.Duration)
	assert.Equal(t, podcast.Enclosure{URL: "https://e.com/a.mp3", Type: "audio/mpeg", Length: 42}, ep.Enclosure)
}

func TestEnclosureChoice(t *testing.T) {
	tests := []struct {
		name, item, want string
	}{
		{"first audio wins", `<enclosure url="https://e.com/a.jpg" type="image/jpeg"/><enclosure url="https://e.com/a.m4a" type="audio/x-m4a"/><enclosure url="https://e.com/b.mp3" type="audio/mpeg"/>`, "https://e.com/a.m4a"},
		{"video", `<enclosure url="https://e.com/v.mp4" type="video/mp4"/>`, "https://e.com/v.mp4"},
		{"untyped media file", `<enclosure url="https://e.com/x.mp3"/>`, "https://e.com/x.mp3"},
		{"octet-stream mp3", `<enclosure url="https://e.com/x.mp3?t=1" type="application/octet-stream"/>`, "https://e.com/x.mp3?t=1"},
		{"relative", `<enclosure url="media/x.mp3" type="audio/mpeg"/>`, "https://example.com/media/x.mp3"},
		{"only an image", `<enclosure url="https://e.com/a.jpg" type="image/jpeg"/>`, ""},
		{"absolute kept byte for byte", `<enclosure url="HTTPS://E.com/a%20b.mp3?x=%7e" type="audio/mpeg"/>`, "HTTPS://E.com/a%20b.mp3?x=%7e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			show, _ := mustParse(t, rss("", `<item><guid>g</guid><title>t</title>`+tt.item+`</item>`))
			assert.Equal(t, tt.want, show.Episodes[0].Enclosure.URL)
		})
	}
}

func TestGUIDFallbacksAndDedupe(t *testing.T) {
	data := rss("", `
		<item><title>With guid</title><guid>same</guid><enclosure url="https://e.com/1.mp3" type="audio/mpeg"/></item>
		<item><title>Exact repeat</title><guid>same</guid><enclosure url="https://e.com/1.mp3" type="audio/mpeg"/></item>
		<item><title>With guid</title><guid>same</guid><enclosure url="https://e.com/1.mp3" type="audio/mpeg"/></item>
		<item><title>Reused guid</title><guid>same</guid><enclosure url="https://e.com/2.mp3" type="audio/mpeg"/></item>
		<item><title>By enclosure</title><enclosure url="https://e.com/3.mp3" type="audio/mpeg"/><link>https://e.com/3</link></item>
		<item><title>By link</title><link>https://e.com/4</link></item>
		<item><title>By hash</title></item>
		<item><title>By hash</title></item>
		<item></item>`)
	show, _ := mustParse(t, data)
	var guids []string
	for _, ep := range show.Episodes {
		guids = append(guids, ep.GUID)
	}
	h := hashGUID("By hash", "", "")
	assert.Equal(t, []string{"same", "same#2", "same#3", "https://e.com/3.mp3", "https://e.com/4", h, hashGUID("", "", "")}, guids)
	assert.Equal(t, "Exact repeat", show.Episodes[1].Title)

	again, _ := mustParse(t, data)
	assert.Equal(t, show.Episodes, again.Episodes, "stable across parses")
}

func TestEpisodeOrder(t *testing.T) {
	data := rss("", `
		<item><guid>old</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>
		<item><guid>undated-1</guid></item>
		<item><guid>new</guid><pubDate>Mon, 01 Jan 2025 00:00:00 GMT</pubDate></item>
		<item><guid>undated-2</guid></item>`)
	show, _ := mustParse(t, data)
	var guids []string
	for _, ep := range show.Episodes {
		guids = append(guids, ep.GUID)
	}
	assert.Equal(t, []string{"new", "old", "undated-1", "undated-2"}, guids)
}

func TestPSCChapters(t *testing.T) {
	data := rss(declPSC, `<item><guid>g</guid>
		<psc:chapters version="1.2">
			<psc:chapter start="00:00:00.000" title="Intro" href="/intro" image="https://e.com/i.png"/>
			<psc:chapter start="1:02:03.4567" title="Late"/>
			<psc:chapter start="8:26.250" title="Middle"/>
			<psc:chapter start="1:60" title="Invalid"/>
			<psc:chapter start="62:03" title="Minutes over 59"/>
		</psc:chapters>
		<psc:chapters version="1.2"><psc:chapter start="5" title="Ignored"/></psc:chapters>
	</item>`)
	show, _ := mustParse(t, data)
	assert.Equal(t, []podcast.Chapter{
		{Start: 0, Title: "Intro", URL: "https://example.com/intro", Image: "https://e.com/i.png", Source: podcast.SourcePSC},
		{Start: 506.25, Title: "Middle", Source: podcast.SourcePSC},
		{Start: 3723, Title: "Minutes over 59", Source: podcast.SourcePSC},
		{Start: 3723.456, Title: "Late", Source: podcast.SourcePSC},
	}, show.Episodes[0].Chapters)
}

func TestLiveItems(t *testing.T) {
	data := rss(declPodcast+" "+declITunes, `
		<podcast:liveItem status="LIVE" start="2021-09-26T07:30:00.000-0600" end="2021-09-26T09:30:00.000-0600">
			<title>Live now</title>
			<guid>live-1</guid>
			<enclosure url="https://e.com/stream" type="audio/mpeg" length="312"/>
			<podcast:person>Live Host</podcast:person>
			<podcast:alternateEnclosure type="application/x-mpegURL"><podcast:source uri="https://e.com/hls.m3u8"/></podcast:alternateEnclosure>
			<itunes:image href="https://e.com/live.png"/>
		</podcast:liveItem>
		<podcast:liveItem status="pending" start="2030-01-01T00:00:00Z"><title>Announcement only</title></podcast:liveItem>
		<item><guid>ep</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><enclosure url="https://e.com/ep.mp3" type="audio/mpeg"/></item>`)
	show, raw := mustParse(t, data)
	require.Len(t, show.Episodes, 2)
	assert.Equal(t, "ep", show.Episodes[0].GUID, "published episodes come first")
	l := show.Episodes[1]
	assert.Equal(t, "live-1", l.GUID)
	assert.Equal(t, "Live now", l.Title)
	require.NotNil(t, l.Live)
	assert.Equal(t, "live", l.Live.Status)
	assert.Equal(t, time.Date(2021, 9, 26, 13, 30, 0, 0, time.UTC), l.Live.Start)
	assert.Equal(t, time.Date(2021, 9, 26, 15, 30, 0, 0, time.UTC), l.Live.End)
	assert.Equal(t, l.Live.Start, l.Published)
	assert.Equal(t, podcast.Enclosure{URL: "https://e.com/stream", Type: "audio/mpeg", Length: 312}, l.Enclosure)
	assert.Equal(t, "https://e.com/live.png", l.Image)
	assert.Equal(t, []podcast.Person{{Name: "Live Host", Role: "host", Group: "cast"}}, l.Persons)
	require.Len(t, l.Alternates, 1)
	assert.Equal(t, []string{"https://e.com/hls.m3u8"}, l.Alternates[0].Sources)
	assert.Contains(t, raw.Episodes, "live-1")
}

func TestAtomFeed(t *testing.T) {
	data := []byte(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:psc="http://podlove.org/simple-chapters" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
  <title>Atom Show</title>
  <link rel="alternate" href="https://example.com/"/>
  <link rel="next" href="https://example.com/feed?page=2"/>
  <link rel="http://podlove.org/deep-link" href="https://example.com/deep"/>
  <link rel="payment" href="https://example.com/pay"/>
  <author><name>Atom Author</name></author>
  <entry>
    <id>urn:uuid:1</id>
    <title>Entry</title>
    <updated>2024-01-01T00:00:00Z</updated>
    <link rel="alternate" href="https://example.com/1"/>
    <link rel="enclosure" type="audio/mpeg" length="7" href="https://example.com/1.mp3"/>
    <link rel="payment" href="https://example.com/pay/1"/>
    <itunes:duration>90</itunes:duration>
    <psc:chapters><psc:chapter start="0" title="Only"/></psc:chapters>
    <content type="html">&lt;p&gt;Notes&lt;/p&gt;</content>
  </entry>
</feed>`)
	show, raw := mustParse(t, data)
	assert.Equal(t, "Atom Show", show.Title)
	assert.Equal(t, "Atom Author", show.Author)
	assert.Equal(t, "https://example.com/feed?page=2", show.Paging.Next)
	assert.Equal(t, "https://example.com/deep", show.DeepLink)
	assert.Equal(t, []podcast.Funding{{URL: "https://example.com/pay"}}, show.Funding)
	require.Len(t, show.Episodes, 1)
	ep := show.Episodes[0]
	assert.Equal(t, "urn:uuid:1", ep.GUID)
	assert.Equal(t, podcast.Enclosure{URL: "https://example.com/1.mp3", Type: "audio/mpeg", Length: 7}, ep.Enclosure)
	assert.Equal(t, 90.0, ep.Duration)
	assert.Equal(t, []podcast.Funding{{URL: "https://example.com/pay/1"}}, ep.Funding)
	assert.Len(t, ep.Chapters, 1)
	assert.Equal(t, "<p>Notes</p>", raw.Notes("urn:uuid:1").NotesHTML)
}

func TestJSONFeed(t *testing.T) {
	data := []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"JSON Show","items":[
		{"id":"1","title":"One","content_html":"<p>hi</p>","date_published":"2024-01-01T00:00:00Z",
		 "attachments":[{"url":"https://e.com/1.mp3","mime_type":"audio/mpeg","size_in_bytes":5,"duration_in_seconds":10}]}]}`)
	show, raw := mustParse(t, data)
	assert.Equal(t, "JSON Show", show.Title)
	require.Len(t, show.Episodes, 1)
	assert.Equal(t, "https://e.com/1.mp3", show.Episodes[0].Enclosure.URL)
	assert.Equal(t, "<p>hi</p>", raw.Notes("1").NotesHTML)
}

// Unsanitized HTML must never reach a podcast.SafeHTML field.
func TestNoRawHTMLInShow(t *testing.T) {
	for _, rel := range goldenFeeds {
		show, _, err := Parse(readCorpus(t, rel), "https://example.com/")
		require.NoError(t, err)
		for _, ep := range show.Episodes {
			assert.Empty(t, ep.Notes, rel)
			assert.Empty(t, ep.Summary, rel)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := map[string]string{
		"plain":                             "plain",
		"  spaced \n out  ":                 "spaced out",
		"a &amp; b":                         "a & b",
		"<p>one</p><p>two<br>three</p>":     "one\ntwo\nthree",
		"x<script>alert(1)</script>y":       "xy",
		"<style>p{}</style><b>bold</b>":     "bold",
		"a < b and c > d":                   "a < b and c > d",
		"<![CDATA[x]]>":                     "",
		"&lt;b&gt;escaped&lt;/b&gt; markup": "<b>escaped</b> markup",
	}
	for in, want := range tests {
		assert.Equal(t, want, plainText(in), "%q", in)
	}
}

func TestCorpusLeadingNewline(t *testing.T) {
	for _, rel := range []string{"feedjira/itunes.xml", "rss-parser/itunes-missing-image.rss", "rss-parser/itunes-keywords-astext.rss"} {
		data := readCorpus(t, rel)
		require.True(t, bytes.HasPrefix(data, []byte("\n")) || bytes.HasPrefix(data, []byte("\r\n")), "%s starts with a newline", rel)
		show, _ := mustParse(t, data)
		assert.NotEmpty(t, show.Episodes, rel)
	}
}

func TestUndeclaredPrefixesInCorpus(t *testing.T) {
	show, _ := mustParse(t, readCorpus(t, "podcastparser/podcast_locked_feed.rss"))
	assert.True(t, show.Locked)
	show, _ = mustParse(t, readCorpus(t, "podcastparser/podcast_funding.rss"))
	assert.NotEmpty(t, show.Funding)
	show, _ = mustParse(t, readCorpus(t, "podcastparser/episode_podcast_transcript.rss"))
	require.NotEmpty(t, show.Episodes)
	assert.NotEmpty(t, show.Episodes[0].Transcripts)
	show, _ = mustParse(t, readCorpus(t, "podcastparser/itunes_duration.rss")) // it: prefix
	require.NotEmpty(t, show.Episodes)
	assert.Positive(t, show.Episodes[0].Duration)
	show, _ = mustParse(t, readCorpus(t, "feedparser/itunes/itunes_item_explicit_clean.xml"))
	assert.False(t, show.Episodes[0].Explicit)
	show, _ = mustParse(t, readCorpus(t, "feedparser/itunes/itunes_channel_category_nested.xml"))
	assert.Contains(t, show.Categories, "Gadgets")
	show, _ = mustParse(t, readCorpus(t, "feedparser/atom10/entry_link_rel_enclosure_no_href.xml"))
	for _, ep := range show.Episodes {
		assert.Equal(t, "http://www.example.com/alternate", ep.Link)
	}
	_ = strings.TrimSpace
}
