package chapters

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// jsonCorpus lists every JSON chapters file in testdata with the counts
// SOURCES.md of the shared corpus gives for it (or, for files it gives none
// for, counted by hand).
var jsonCorpus = []struct {
	file                  string
	chapters, hidden      int
	withURL, withImage    int
	firstTitle, lastTitle string
	lastStart             float64
}{
	{"podcast-namespace/example.json", 9, 0, 2, 3, "Intro", "Outro", 6089},
	{"podcast-namespace/exampleComplex.json", 11, 1, 4, 4, "Intro", "Outro", 6089},
	// SOURCES.md counts "1 img" for 1995: it is "img": null, so no image.
	{"podcast-feed-updater/1985_chapters.json", 57, 1, 0, 0, "", "", 0},
	{"podcast-feed-updater/1995_chapters.json", 106, 2, 0, 0, "Velkommen til cd SPILL", "", 0},
	{"podcast-feed-updater/CloseCombat_chapters.json", 26, 3, 0, 0, "", "", 0},
	{"podcast-feed-updater/CyberDogs_chapters.json", 32, 2, 0, 0, "", "", 0},
	{"podcast-feed-updater/Half-Life_chapters.json", 38, 10, 0, 0, "", "", 0},
	{"podcast-feed-updater/Ignition_chapters.json", 27, 7, 0, 0, "", "", 0},
	{"podcast-feed-updater/Larry1_chapters.json", 41, 12, 0, 0, "", "", 0},
	{"podcast-feed-updater/MagicCarpet_chapters.json", 67, 39, 1, 0, "", "", 0},
	{"podcast-feed-updater/Mortal_Kombatbrsci_chapters.json", 35, 8, 0, 0, "", "", 0},
	{"podcast-feed-updater/NFS_chapters.json", 41, 17, 0, 0, "", "", 0},
	// Podlove shapes: an object holding "chapters" (with the malformed
	// "00:00:0.000", read as 0) and a bare array.
	{"podlove-ui/cypress-chapters.json", 3, 0, 1, 0, "I'm a thing", "Oh, you're a dollar naughtier than most", 8},
	{"podlove-ui/podlovers-ep3-chapters.json", 16, 0, 0, 0, "Begrüßung", "Und Tschüss", 5449.849},
}

func TestParseJSONCorpus(t *testing.T) {
	for _, tc := range jsonCorpus {
		t.Run(tc.file, func(t *testing.T) {
			chs, err := ParseJSON(readTestdata(t, tc.file))
			require.NoError(t, err)
			require.Len(t, chs, tc.chapters)
			checkInvariants(t, chs, podcast.SourceJSON)

			var hidden, withURL, withImage int
			for i, c := range chs {
				if c.Hidden {
					hidden++
				}
				if c.URL != "" {
					withURL++
				}
				if c.Image != "" {
					withImage++
				}
				if i > 0 {
					assert.LessOrEqual(t, chs[i-1].Start, c.Start, "sorted by start")
				}
			}
			assert.Equal(t, tc.hidden, hidden, "toc:false chapters")
			assert.Equal(t, tc.withURL, withURL, "chapters with url")
			assert.Equal(t, tc.withImage, withImage, "chapters with img")
			assert.Zero(t, chs[0].Start)
			if tc.firstTitle != "" {
				assert.Equal(t, tc.firstTitle, chs[0].Title)
			}
			if tc.lastTitle != "" {
				assert.Equal(t, tc.lastTitle, chs[len(chs)-1].Title)
				assert.InDelta(t, tc.lastStart, chs[len(chs)-1].Start, 1e-9)
			}
		})
	}
}

// TestParseJSONGolden pins the full output for every corpus file.
func TestParseJSONGolden(t *testing.T) {
	for _, tc := range jsonCorpus {
		t.Run(tc.file, func(t *testing.T) {
			chs, err := ParseJSON(readTestdata(t, tc.file))
			require.NoError(t, err)
			assertGolden(t, strings.ReplaceAll(tc.file, "/", "_"), chs)
		})
	}
}

func TestParseJSONSpecFields(t *testing.T) {
	chs, err := ParseJSON(readTestdata(t, "podcast-namespace/exampleComplex.json"))
	require.NoError(t, err)
	require.Len(t, chs, 11)

	ns := chs[3]
	assert.Equal(t, "Namespace", ns.Title)
	assert.Equal(t, 410.0, ns.Start)
	assert.Equal(t, "https://example.com/images/namepsace_example.jpg", ns.Image)
	assert.Equal(t, "https://github.com/Podcastindex-org/podcast-namespace", ns.URL)
	assert.False(t, ns.Hidden)

	// The silent location chapter: no title, toc:false, still an image.
	paris := chs[7]
	assert.Equal(t, 4826.0, paris.Start)
	assert.Empty(t, paris.Title)
	assert.True(t, paris.Hidden)
	assert.Equal(t, "https://example.com/images/parisfrance.jpg", paris.Image)
}

func TestParseJSONFractionalStarts(t *testing.T) {
	chs, err := ParseJSON(readTestdata(t, "podcast-feed-updater/1995_chapters.json"))
	require.NoError(t, err)
	require.Greater(t, len(chs), 10)
	assert.Equal(t, "Spillåret 1995", chs[1].Title)
	assert.InDelta(t, 110.445, chs[1].Start, 1e-9)
	assert.Equal(t, "Project Highrise", chs[10].Title)
	assert.True(t, chs[10].Hidden)
}

func TestParseJSONEntries(t *testing.T) {
	one := func(entry string) string { return `{"version":"1.2.0","chapters":[` + entry + `]}` }
	tests := []struct {
		name string
		doc  string
		want []podcast.Chapter
	}{
		{"empty chapters", one(``), nil},
		{"integer start", one(`{"startTime":5,"title":"A"}`),
			[]podcast.Chapter{{Start: 5, Title: "A", Source: podcast.SourceJSON}}},
		{"float start and end", one(`{"startTime":1.5,"endTime":9.25,"title":"A"}`),
			[]podcast.Chapter{{Start: 1.5, End: 9.25, Title: "A", Source: podcast.SourceJSON}}},
		{"exponent start", one(`{"startTime":1e2,"title":"A"}`),
			[]podcast.Chapter{{Start: 100, Title: "A", Source: podcast.SourceJSON}}},
		{"string seconds", one(`{"startTime":"90.5","title":"A"}`),
			[]podcast.Chapter{{Start: 90.5, Title: "A", Source: podcast.SourceJSON}}},
		{"string clock", one(`{"startTime":"1:02:03","title":"A"}`),
			[]podcast.Chapter{{Start: 3723, Title: "A", Source: podcast.SourceJSON}}},
		{"end before start dropped", one(`{"startTime":10,"endTime":5,"title":"A"}`),
			[]podcast.Chapter{{Start: 10, Title: "A", Source: podcast.SourceJSON}}},
		{"toc false", one(`{"startTime":1,"toc":false}`),
			[]podcast.Chapter{{Start: 1, Hidden: true, Source: podcast.SourceJSON}}},
		{"toc false as string", one(`{"startTime":1,"toc":"false"}`),
			[]podcast.Chapter{{Start: 1, Hidden: true, Source: podcast.SourceJSON}}},
		{"toc true", one(`{"startTime":1,"toc":true}`),
			[]podcast.Chapter{{Start: 1, Source: podcast.SourceJSON}}},
		{"missing start skipped", one(`{"title":"no start"},{"startTime":2,"title":"B"}`),
			[]podcast.Chapter{{Start: 2, Title: "B", Source: podcast.SourceJSON}}},
		{"null start skipped", one(`{"startTime":null,"title":"x"}`), nil},
		{"negative start skipped", one(`{"startTime":-1,"title":"x"}`), nil},
		{"overflowing start skipped", one(`{"startTime":1e400,"title":"x"}`), nil},
		{"huge start skipped", one(`{"startTime":1e12,"title":"x"}`), nil},
		{"bad time string skipped", one(`{"startTime":"soon","title":"x"}`), nil},
		{"boolean start skipped", one(`{"startTime":true,"title":"x"}`), nil},
		{"non-object entries skipped", one(`1,"a",null,[],{"startTime":3,"title":"C"}`),
			[]podcast.Chapter{{Start: 3, Title: "C", Source: podcast.SourceJSON}}},
		{"wrongly typed title ignored", one(`{"startTime":3,"title":42,"url":"https://e.example/"}`),
			[]podcast.Chapter{{Start: 3, URL: "https://e.example/", Source: podcast.SourceJSON}}},
		{"sorted stably", one(`{"startTime":9,"title":"C"},{"startTime":0,"title":"A"},{"startTime":9,"title":"D"},{"startTime":4,"title":"B"}`),
			[]podcast.Chapter{
				{Start: 0, Title: "A", Source: podcast.SourceJSON},
				{Start: 4, Title: "B", Source: podcast.SourceJSON},
				{Start: 9, Title: "C", Source: podcast.SourceJSON},
				{Start: 9, Title: "D", Source: podcast.SourceJSON},
			}},
		{"title tidied", one(`{"startTime":0,"title":"  Two\nlines\t and\u0000 nul  "}`),
			[]podcast.Chapter{{Start: 0, Title: "Two lines and nul", Source: podcast.SourceJSON}}},
		{"unsafe links dropped", one(`{"startTime":0,"title":"A","url":"javascript:alert(1)","img":"data:image/png;base64,AAAA"}`),
			[]podcast.Chapter{{Start: 0, Title: "A", Source: podcast.SourceJSON}}},
		{"relative links dropped without base", one(`{"startTime":0,"title":"A","url":"/x","img":"a.png"}`),
			[]podcast.Chapter{{Start: 0, Title: "A", Source: podcast.SourceJSON}}},
		{"startTime wins over start", one(`{"startTime":7,"start":"00:00:01.000","title":"A"}`),
			[]podcast.Chapter{{Start: 7, Title: "A", Source: podcast.SourceJSON}}},
		{"podlove array", `[{"start":"00:01:56.397","title":"Feedback","href":"https://h.example/","image":"https://i.example/a.jpg"}]`,
			[]podcast.Chapter{{Start: 116.397, Title: "Feedback", URL: "https://h.example/", Image: "https://i.example/a.jpg", Source: podcast.SourceJSON}}},
		{"podlove single-digit seconds", `[{"start":"00:00:0.000","title":"A"},{"start":"0:0:5","title":"B"}]`,
			[]podcast.Chapter{{Start: 0, Title: "A", Source: podcast.SourceJSON}, {Start: 5, Title: "B", Source: podcast.SourceJSON}}},
		{"podlove seconds over 59 skipped", `[{"start":"00:00:60.000","title":"A"}]`, nil},
		{"podlove numeric start", `[{"start":12.5,"title":"A"}]`,
			[]podcast.Chapter{{Start: 12.5, Title: "A", Source: podcast.SourceJSON}}},
		{"UTF-8 BOM", "\uFEFF" + one(`{"startTime":0,"title":"A"}`),
			[]podcast.Chapter{{Start: 0, Title: "A", Source: podcast.SourceJSON}}},
		{"repeated chapters key: last wins", `{"chapters":[{"startTime":1}],"chapters":[{"startTime":2}]}`,
			[]podcast.Chapter{{Start: 2, Source: podcast.SourceJSON}}},
		{"other keys skipped", `{"version":"1.2.0","author":{"name":"x"},"chapters":[{"startTime":2}],"extra":[1,2]}`,
			[]podcast.Chapter{{Start: 2, Source: podcast.SourceJSON}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseJSON([]byte(tt.doc))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseJSONAtResolvesRelativeRefs(t *testing.T) {
	base, err := url.Parse("https://cdn.example/show/ep3/chapters.json")
	require.NoError(t, err)
	chs, err := ParseJSONAt(readTestdata(t, "podlove-ui/cypress-chapters.json"), base)
	require.NoError(t, err)
	require.Len(t, chs, 3)
	assert.Equal(t, "https://cdn.example/show/ep3/image/to/chapter", chs[2].Image)
	assert.Equal(t, "http://link/to/chapter/content", chs[2].URL)
	assert.Empty(t, chs[0].Image, `"" stays empty, not the base URL`)

	// Without a base the relative image cannot be placed, so it goes.
	chs, err = ParseJSON(readTestdata(t, "podlove-ui/cypress-chapters.json"))
	require.NoError(t, err)
	assert.Empty(t, chs[2].Image)

	// A base never makes an unsafe scheme acceptable.
	chs, err = ParseJSONAt([]byte(`[{"start":"0","title":"x","href":"javascript:alert(1)"}]`), base)
	require.NoError(t, err)
	require.Len(t, chs, 1)
	assert.Empty(t, chs[0].URL)
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr error  // errors.Is target, when there is one
		msg     string // substring of the message
	}{
		{"empty input", ``, nil, "unexpected end of JSON input"},
		{"not JSON", `<rss version="2.0"></rss>`, nil, "invalid character '<'"},
		{"truncated", `{"chapters":[{"startTime":1}`, nil, "unexpected end"},
		{"trailing garbage", `{"chapters":[]} x`, nil, "invalid character 'x'"},
		{"string", `"chapters"`, ErrNotChapters, "top level is a string"},
		{"number", `42`, ErrNotChapters, "top level is a number"},
		{"null", `null`, ErrNotChapters, "top level is null"},
		{"object without chapters", `{"version":"1.2.0","segments":[]}`, ErrNotChapters, `no "chapters" array`},
		{"chapters not an array", `{"chapters":{"startTime":1}}`, ErrNotChapters, `"chapters" is an object`},
		{"chapters null", `{"chapters":null}`, ErrNotChapters, `"chapters" is null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseJSON([]byte(tt.doc))
			require.Error(t, err)
			assert.Nil(t, got)
			assert.Contains(t, err.Error(), "chapters: parse JSON: ")
			assert.Contains(t, err.Error(), tt.msg)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
			}
		})
	}
}

func TestParseJSONLimits(t *testing.T) {
	t.Run("too large", func(t *testing.T) {
		doc := append([]byte(`{"chapters":[]}`), bytes.Repeat([]byte(" "), MaxJSONBytes)...)
		_, err := ParseJSON(doc)
		assert.ErrorIs(t, err, ErrTooLarge)
	})
	t.Run("at the limit", func(t *testing.T) {
		doc := []byte(`{"chapters":[{"startTime":1}]}`)
		doc = append(doc, bytes.Repeat([]byte(" "), MaxJSONBytes-len(doc))...)
		chs, err := ParseJSON(doc)
		require.NoError(t, err)
		assert.Len(t, chs, 1)
	})
	t.Run("too many chapters keeps the first", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`{"chapters":[`)
		for i := range MaxChapters + 10 {
			if i > 0 {
				b.WriteByte(',')
			}
			// In reverse time order, so the result shows which were kept.
			fmt.Fprintf(&b, `{"startTime":%d,"title":"c%d"}`, MaxChapters+10-i, i)
		}
		b.WriteString(`],"after":true}`)
		chs, err := ParseJSON([]byte(b.String()))
		require.NoError(t, err)
		require.Len(t, chs, MaxChapters)
		assert.Equal(t, "c4999", chs[0].Title)
		assert.Equal(t, "c0", chs[len(chs)-1].Title)
	})
}

func BenchmarkParseJSON(b *testing.B) {
	// The biggest file in the corpus.
	data := readTestdata(b, path.Join("podcast-feed-updater", "1995_chapters.json"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}
