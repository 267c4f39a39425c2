package normalize

import (
	"encoding/json"
	"flag"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/earshot/earshot/podcast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// corpusDir holds an unchanged copy of ../shared/corpus/feeds (see its
// SOURCES.md for where each file comes from).
const corpusDir = "testdata/corpus"

// expectedFailures lists the corpus documents that must not parse, with
// the reason. Everything else under corpusDir must parse.
var expectedFailures = map[string]struct {
	reason error
	why    string
}{
	"feedjira/InvalidDateFormat.xml":                              {ErrMalformed, "truncated: no closing </rss>"},
	"feedparser/illformed/aaa_illformed.xml":                      {ErrMalformed, "truncated mid-document (feedparser: bozo)"},
	"feedparser/illformed/rdf_channel_empty_textinput.xml":        {ErrMalformed, "unclosed elements (feedparser: bozo)"},
	"feedparser/illformed/rss_incomplete_cdata.xml":               {ErrMalformed, "unterminated CDATA section (feedparser: bozo)"},
	"feedparser/illformed/rss_item_link_corrupted_ampersands.xml": {ErrMalformed, "truncated: ends in '</rss' without '>'"},
	"feedparser/illformed/rss_empty_document.xml":                 {ErrNotFeed, "only an XML comment, no element"},
	"gofeed/parser/universal/empty_feed.xml":                      {ErrNotFeed, "empty file"},
	"gofeed/parser/universal/unknown_feed.xml":                    {ErrNotFeed, "well-formed XML whose root is <note>"},
	"podcast-namespace/podcast-example.xml":                       {ErrNotFeed, "a fragment of podcast:* elements with no <rss> root"},
	"rss-parser/unrecognized.rss":                                 {ErrNotFeed, "an HTML 'Object Moved' page"},
}

// corpusFeeds returns the feed documents under corpusDir (every file that is
// not an expected-output .json), as slash paths relative to it.
func corpusFeeds(t testing.TB) []string {
	var out []string
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".json") {
			return err
		}
		rel, err := filepath.Rel(corpusDir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	require.NoError(t, err)
	require.NotEmpty(t, out)
	return out
}

func readCorpus(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(rel)))
	require.NoError(t, err)
	return data
}

// checkInvariants asserts what every normalized Show promises.
func checkInvariants(t testing.TB, show *podcast.Show, raw *Raw) {
	t.Helper()
	seen := make(map[string]bool, len(show.Episodes))
	for i := range show.Episodes {
		ep := &show.Episodes[i]
		if ep.GUID == "" {
			t.Errorf("episode %d (%q): empty GUID", i, ep.Title)
		}
		if seen[ep.GUID] {
			t.Errorf("episode %d: duplicate GUID %q", i, ep.GUID)
		}
		seen[ep.GUID] = true
		if ep.Duration < 0 || ep.Duration != ep.Duration {
			t.Errorf("episode %q: bad duration %v", ep.GUID, ep.Duration)
		}
		if ep.Notes != "" || ep.Summary != "" {
			t.Errorf("episode %q: Notes/Summary must stay empty until sanitized", ep.GUID)
		}
		for j := 1; j < len(ep.Chapters); j++ {
			if ep.Chapters[j].Start < ep.Chapters[j-1].Start {
				t.Errorf("episode %q: chapters out of order", ep.GUID)
			}
		}
		if _, ok := raw.Episodes[ep.GUID]; !ok {
			t.Errorf("episode %q: no Raw entry", ep.GUID)
		}
	}
	if len(raw.Episodes) != len(show.Episodes) {
		t.Errorf("raw has %d episodes, show %d", len(raw.Episodes), len(show.Episodes))
	}
}

func TestCorpus(t *testing.T) {
	parsed, failed := 0, 0
	for _, rel := range corpusFeeds(t) {
		t.Run(rel, func(t *testing.T) {
			show, raw, err := Parse(readCorpus(t, rel), "https://example.com/"+rel)
			if want, ok := expectedFailures[rel]; ok {
				failed++
				require.Error(t, err, want.why)
				assert.ErrorIs(t, err, want.reason, want.why)
				var fe *FeedError
				require.ErrorAs(t, err, &fe)
				assert.NotEmpty(t, fe.Hint)
				assert.Nil(t, show)
				return
			}
			parsed++
			require.NoError(t, err)
			require.NotNil(t, show)
			checkInvariants(t, show, raw)
		})
	}
	for rel := range expectedFailures {
		_, err := os.Stat(filepath.Join(corpusDir, rel))
		assert.NoError(t, err, "expectedFailures names a missing file")
	}
	t.Logf("corpus: %d parsed, %d rejected as expected", parsed, failed)
}

// chapterStarts returns the start times of chapters.
func chapterStarts(cs []podcast.Chapter) []float64 {
	var out []float64
	for _, c := range cs {
		out = append(out, c.Start)
	}
	return out
}

// findEpisode finds an episode by GUID, else by title.
func findEpisode(show *podcast.Show, guid, title string) *podcast.Episode {
	if guid != "" {
		if ep, ok := show.Episode(guid); ok {
			return ep
		}
	}
	for i := range show.Episodes {
		if show.Episodes[i].Title == title {
			return &show.Episodes[i]
		}
	}
	return nil
}

// TestPodcastparserExpected compares with gpodder/podcastparser's expected
// outputs: show title, the episodes that have media (podcastparser drops
// the others; Earshot keeps them, with an empty Enclosure), their titles,
// enclosure URLs, durations and chapter starts.
func TestPodcastparserExpected(t *testing.T) {
	matches, err := filepath.Glob(filepath.Join(corpusDir, "podcastparser", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, matches)
	for _, jsonPath := range matches {
		if strings.HasSuffix(jsonPath, ".param.json") {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(jsonPath), ".json")
		t.Run(name, func(t *testing.T) {
			var want struct {
				Title    string `json:"title"`
				Episodes []struct {
					Title      string  `json:"title"`
					GUID       string  `json:"guid"`
					TotalTime  float64 `json:"total_time"`
					Enclosures []struct {
						URL string `json:"url"`
					} `json:"enclosures"`
					Chapters []struct {
						Start float64 `json:"start"`
					} `json:"chapters"`
				} `json:"episodes"`
			}
			require.NoError(t, json.Unmarshal(readCorpus(t, "podcastparser/"+name+".json"), &want))
			rel := "podcastparser/" + name + ".rss"
			// podcastparser's tests read from file://tests/data/; Earshot
			// keeps http(s) URLs only, so the same feed is served from the web.
			show, _, err := Parse(readCorpus(t, rel), "https://tests.example/data/"+name+".rss")
			require.NoError(t, err)
			if want.Title != name { // podcastparser names untitled feeds after the URL
				assert.Equal(t, want.Title, show.Title, "show title")
			}
			// podcastparser drops items without media; Earshot keeps them.
			assert.GreaterOrEqual(t, len(show.Episodes), len(want.Episodes), "episodes")
			for _, we := range want.Episodes {
				ep := findEpisode(show, we.GUID, we.Title)
				if !assert.NotNil(t, ep, "episode %q", we.Title) {
					continue
				}
				assert.Equal(t, we.Title, ep.Title)
				if len(we.Enclosures) > 0 {
					urls := make([]string, 0, len(we.Enclosures))
					for _, e := range we.Enclosures {
						urls = append(urls, strings.Replace(e.URL, "file://tests/data/", "https://tests.example/data/", 1))
					}
					assert.Contains(t, urls, ep.Enclosure.URL, "enclosure of %q", we.Title)
				}
				assert.InDelta(t, we.TotalTime, ep.Duration, 0.001, "duration of %q", we.Title)
				// podcastparser truncates chapter starts to whole seconds.
				var starts, got []float64
				for _, c := range we.Chapters {
					starts = append(starts, c.Start)
				}
				for _, s := range chapterStarts(ep.Chapters) {
					got = append(got, math.Floor(s))
				}
				assert.Equal(t, starts, got, "chapters of %q", we.Title)
			}
		})
	}
}

// TestRSSParserExpected compares with rbren/rss-parser's expected outputs:
// item count, titles, enclosure URLs and itunes:duration.
func TestRSSParserExpected(t *testing.T) {
	matches, err := filepath.Glob(filepath.Join(corpusDir, "rss-parser", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, matches)
	for _, jsonPath := range matches {
		name := strings.TrimSuffix(filepath.Base(jsonPath), ".json")
		t.Run(name, func(t *testing.T) {
			input := ""
			for _, ext := range []string{".rss", ".atom"} {
				if _, err := os.Stat(filepath.Join(corpusDir, "rss-parser", name+ext)); err == nil {
					input = "rss-parser/" + name + ext
				}
			}
			require.NotEmpty(t, input, "input for %s", name)
			var want struct {
				Feed struct {
					Title string `json:"title"`
					Items []struct {
						Title     string `json:"title"`
						GUID      string `json:"guid"`
						Enclosure *struct {
							URL string `json:"url"`
						} `json:"enclosure"`
						ITunes struct {
							Duration string `json:"duration"`
						} `json:"itunes"`
					} `json:"items"`
					Pagination map[string]string `json:"paginationLinks"`
				} `json:"feed"`
			}
			js := readCorpus(t, "rss-parser/"+name+".json")
			if !utf8.Valid(js) { // encoding.json was saved in ISO-8859-1
				runes := make([]rune, len(js))
				for i, c := range js {
					runes[i] = rune(c)
				}
				js = []byte(string(runes))
			}
			require.NoError(t, json.Unmarshal(js, &want))
			show, _, err := Parse(readCorpus(t, input), "https://example.com/"+input)
			require.NoError(t, err)
			require.Len(t, show.Episodes, len(want.Feed.Items))
			for i, wi := range want.Feed.Items {
				ep := findEpisode(show, strings.TrimSpace(wi.GUID), strings.TrimSpace(wi.Title))
				if !assert.NotNil(t, ep, "item %d %q", i, wi.Title) {
					continue
				}
				assert.Equal(t, strings.Join(strings.Fields(wi.Title), " "), strings.Join(strings.Fields(ep.Title), " "))
				if wi.Enclosure != nil {
					assert.Equal(t, wi.Enclosure.URL, ep.Enclosure.URL)
				}
				if d, err := podcast.ParseDuration(wi.ITunes.Duration); err == nil {
					assert.InDelta(t, d, ep.Duration, 0.001, "duration of %q", wi.Title)
				}
			}
			for rel, want := range want.Feed.Pagination {
				switch rel {
				case "first":
					assert.Equal(t, want, show.Paging.First)
				case "next":
					assert.Equal(t, want, show.Paging.Next)
				case "prev":
					assert.Equal(t, want, show.Paging.Prev)
				case "last":
					assert.Equal(t, want, show.Paging.Last)
				}
			}
		})
	}
}

// TestGofeedExpected compares with gofeed's own golden files: item count,
// titles and enclosure URLs. Earshot is built on gofeed, so this guards the
// adapter, not the parser.
func TestGofeedExpected(t *testing.T) {
	var jsons []string
	err := filepath.WalkDir(filepath.Join(corpusDir, "gofeed"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".json") {
			jsons = append(jsons, p)
		}
		return err
	})
	require.NoError(t, err)
	require.NotEmpty(t, jsons)
	for _, jsonPath := range jsons {
		rel, _ := filepath.Rel(corpusDir, strings.TrimSuffix(jsonPath, ".json")+".xml")
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			var want struct {
				Items *[]struct {
					Title      string `json:"title"`
					Enclosures []struct {
						URL  string `json:"url"`
						Type string `json:"type"`
					} `json:"enclosures"`
				} `json:"items"`
				Entries *[]struct {
					Title string `json:"title"`
				} `json:"entries"`
			}
			require.NoError(t, json.Unmarshal(readCorpus(t, strings.TrimSuffix(rel, ".xml")+".json"), &want))
			show, _, err := Parse(readCorpus(t, rel), "https://example.com/"+rel)
			require.NoError(t, err)
			var titles []string
			switch {
			case want.Items != nil:
				require.Len(t, show.Episodes, len(*want.Items))
				for i, it := range *want.Items {
					titles = append(titles, it.Title)
					for _, e := range it.Enclosures {
						if isMediaType(e.Type) {
							assert.Equal(t, e.URL, show.Episodes[i].Enclosure.URL)
							break
						}
					}
				}
			case want.Entries != nil:
				require.Len(t, show.Episodes, len(*want.Entries))
				for _, e := range *want.Entries {
					titles = append(titles, e.Title)
				}
			default:
				t.Skip("no items in expected output")
			}
			for i, title := range titles {
				if title == "" {
					continue // Earshot names untitled episodes after their media file
				}
				assert.Equal(t, plainText(title), show.Episodes[i].Title)
			}
		})
	}
}

// TestFeedsmithExpected compares with feedsmith's all-namespaces reference
// outputs: item titles, links and PSC chapter starts.
func TestFeedsmithExpected(t *testing.T) {
	for _, name := range []string{"rss-ns", "atom-ns"} {
		t.Run(name, func(t *testing.T) {
			type item struct {
				Title string `json:"title"`
				PSC   struct {
					Chapters []struct {
						Start string `json:"start"`
						Title string `json:"title"`
					} `json:"chapters"`
				} `json:"psc"`
				ITunes struct {
					Duration float64 `json:"duration"`
				} `json:"itunes"`
			}
			var want struct {
				Items   []item `json:"items"`
				Entries []item `json:"entries"`
			}
			require.NoError(t, json.Unmarshal(readCorpus(t, "feedsmith/"+name+".json"), &want))
			items := append(want.Items, want.Entries...)
			show, _, err := Parse(readCorpus(t, "feedsmith/"+name+".xml"), "https://example.com/feed")
			require.NoError(t, err)
			var regular []podcast.Episode
			for _, ep := range show.Episodes {
				if ep.Live == nil {
					regular = append(regular, ep)
				}
			}
			require.Len(t, regular, len(items))
			for i, it := range items {
				ep := regular[i]
				assert.Equal(t, it.Title, ep.Title)
				assert.InDelta(t, it.ITunes.Duration, ep.Duration, 0.001)
				require.Len(t, ep.Chapters, len(it.PSC.Chapters))
				for j, c := range it.PSC.Chapters {
					start, err := podcast.ParseNPT(c.Start)
					require.NoError(t, err)
					assert.InDelta(t, start, ep.Chapters[j].Start, 0.0005)
					assert.Equal(t, c.Title, ep.Chapters[j].Title)
					assert.Equal(t, podcast.SourcePSC, ep.Chapters[j].Source)
				}
			}
		})
	}
}

// goldenFeeds are the rich feeds whose whole normalized form is pinned.
var goldenFeeds = []string{
	"podcast-namespace/example.xml",
	"partytime/example.xml",
	"partytime/SOM.xml",
	"partytime/animated-no-agenda.xml",
	"partytime/launched.xml",
	"feedsmith/rss-ns.xml",
	"feedsmith/atom-ns.xml",
	"podcastparser/chapters.rss",
	"rss-parser/pagination-links.rss",
	"antennapod/feed-atom-testAtomBasic.xml",
}

func TestGolden(t *testing.T) {
	for _, rel := range goldenFeeds {
		t.Run(rel, func(t *testing.T) {
			show, raw, err := Parse(readCorpus(t, rel), "https://example.com/"+rel)
			require.NoError(t, err)
			got, err := json.MarshalIndent(struct {
				Show *podcast.Show `json:"show"`
				Raw  *Raw          `json:"raw"`
			}{show, raw}, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(strings.ReplaceAll(rel, "/", "__"), path.Ext(rel))+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to create it")
			assert.JSONEq(t, string(want), string(got))
		})
	}
}
