package app

import (
	"strconv"
	"strings"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// The player as the server prerenders it for a rich episode, 1:30 in (a
// share link's t=1:30): the playhead is in the "Interview" chapter.
func TestPlayerRendersRichEpisode(t *testing.T) {
	v := richView()
	doc := prerender(t, &Player{View: v, Start: podcast.Range{Start: 90}})
	root := findOne(t, doc, "article", hasClass("es-player"))

	t.Run("root", func(t *testing.T) {
		assert.True(t, hasClass("es-layout-page")(root), "the default layout is the page")
		assert.Equal(t, "en", attrVal(root, "lang"))
		assert.Equal(t, "Player: Second Episode", attrVal(root, "aria-label"))
		assert.Equal(t, "90", attrVal(root, "data-es-start"), "the bridge script starts playback here")
		assert.Equal(t, v.Episode.Enclosure.URL, attrVal(root, "data-es-src"))
	})

	t.Run("play button", func(t *testing.T) {
		play := findOne(t, root, "button", attrIs("data-es", "play"))
		assert.Equal(t, "Play", attrVal(play, "aria-label"))
		assert.True(t, hasClass("es-play")(play))
	})

	t.Run("seek bar", func(t *testing.T) {
		seek := findOne(t, root, "input", attrIs("data-es", "seekbar"))
		assert.Equal(t, "range", attrVal(seek, "type"))
		assert.Equal(t, "0", attrVal(seek, "min"))
		assert.Equal(t, "240", attrVal(seek, "max"), "max is the duration")
		assert.Equal(t, "90", attrVal(seek, "value"))
		assert.Equal(t, "Seek", attrVal(seek, "aria-label"))
		assert.Equal(t, "1 minute 30 seconds of 4 minutes", attrVal(seek, "aria-valuetext"))
		assert.Equal(t, "1:30", textOf(findOne(t, root, "span", hasClass("es-elapsed"))))
	})

	t.Run("chapter list omits hidden chapters", func(t *testing.T) {
		sec := findOne(t, root, "section", hasClass("es-chapters"))
		assert.Equal(t, "Chapters", textOf(findOne(t, sec, "h2")))
		assert.Equal(t, []string{"Intro", "Interview", "Outro"}, textsOf(findAll(sec, "span", hasClass("es-chaptitle"))))
		links := findAll(sec, "a", hasAttr("data-t"))
		assert.Equal(t, []string{"0", "60", "180"}, attrsOf(links, "data-t"))
		assert.Equal(t, []string{"0:00", "1:00", "3:00"}, textsOf(findAll(sec, "span", hasClass("es-at"))))
		for _, a := range links {
			assert.True(t, strings.HasPrefix(attrVal(a, "href"), "/episode?"), "chapter links work without the wasm: %s", attrVal(a, "href"))
		}
		assert.Contains(t, attrVal(links[1], "href"), "t=1:00")
	})

	t.Run("current chapter", func(t *testing.T) {
		sec := findOne(t, root, "section", hasClass("es-chapters"))
		cur := findOne(t, sec, "li", hasClass("es-current"))
		assert.Contains(t, textOf(cur), "Interview")
		assert.Equal(t, []string{"false", "time", "false"}, attrsOf(findAll(sec, "a", hasAttr("data-t")), "aria-current"))
		assert.Equal(t, "Interview", textOf(findOne(t, root, "p", hasClass("es-chapter-now"))))
	})

	t.Run("chapter art and link", func(t *testing.T) {
		src, label := coverOf(t, root)
		assert.Equal(t, interviewArt, src, "the cover shows the playing chapter's art")
		assert.Equal(t, "Cover art of The Show", label)

		sec := findOne(t, root, "section", hasClass("es-chapters"))
		img := findOne(t, sec, "img", hasClass("es-chapimg"))
		assert.Equal(t, interviewArt, attrVal(img, "src"))
		assert.Equal(t, "", attrVal(img, "alt"), "chapter art is decorative")

		link := findOne(t, sec, "a", hasClass("es-chaplink"))
		assert.Equal(t, guestPage, attrVal(link, "href"))
		assert.Equal(t, "_blank", attrVal(link, "target"))
		assert.Contains(t, strings.Fields(attrVal(link, "rel")), "noopener")
		assert.Equal(t, "Interview ↗", attrVal(link, "aria-label"))
	})

	t.Run("chapter marks", func(t *testing.T) {
		marks := findAll(root, "span", hasClass("es-mark"))
		require.Len(t, marks, len(visibleChapters(v.Episode.Chapters))-1, "one mark per listed chapter after the first")
		assert.Equal(t, []string{"Interview", "Outro"}, attrsOf(marks, "title"))
		assert.Equal(t, []string{"left:25.000%", "left:75.000%"}, attrsOf(marks, "style"))
	})

	t.Run("labels", func(t *testing.T) {
		assert.Equal(t, []string{"Season 1", "Episode 2"}, textsOf(findAll(root, "span", hasClass("es-label"))))
	})

	t.Run("highlights", func(t *testing.T) {
		sec := findOne(t, root, "section", hasClass("es-soundbites"))
		chip := findOne(t, sec, "button", hasClass("es-chip"))
		assert.Equal(t, "75", attrVal(chip, "data-t"))
		assert.Equal(t, "90", attrVal(chip, "data-end"), "a highlight plays as a clip: start + duration")
		assert.Contains(t, textOf(chip), "1:15 The best bit")
	})

	t.Run("show notes keep timestamp links", func(t *testing.T) {
		notes := findOne(t, root, "div", hasClass("es-notes"))
		link := findOne(t, notes, "a", attrIs("data-t", "60"))
		assert.Equal(t, "1:00", textOf(link))
	})

	t.Run("people", func(t *testing.T) {
		sec := findOne(t, root, "section", hasClass("es-people"))
		assert.Equal(t, []string{"Ada", "Grace"}, textsOf(findAll(sec, "span", hasClass("es-person-name"))))
		assert.Equal(t, []string{"Host", "Guest"}, textsOf(findAll(sec, "span", hasClass("es-person-role"))), "roles in the UI language")
		ada := findOne(t, sec, "a", attrIs("href", "https://example.com/ada"))
		assert.Contains(t, strings.Fields(attrVal(ada, "rel")), "noopener")
		assert.Len(t, findAll(sec, "span", hasClass("es-art-img")), 1, "only Ada has a picture")
		assert.Equal(t, []string{"A", "G"}, textsOf(findAll(sec, "span", hasClass("es-art-initials"))), "initials stand in when a picture is missing or fails")
	})

	t.Run("funding", func(t *testing.T) {
		links := findAll(findOne(t, root, "p", hasClass("es-funding")), "a")
		assert.Equal(t, []string{"https://example.com/support", "https://example.com/tip"}, attrsOf(links, "href"),
			"the episode's funding replaces the show's")
		assert.Equal(t, []string{"Support us", "Support the show"}, textsOf(links), "an untitled link gets a generic title")
		for _, a := range links {
			assert.Equal(t, "_blank", attrVal(a, "target"))
			assert.Contains(t, strings.Fields(attrVal(a, "rel")), "noopener", attrVal(a, "href"))
		}
	})

	t.Run("transcript and share", func(t *testing.T) {
		tr := findOne(t, root, "section", hasClass("es-transcript"))
		assert.Equal(t, "Transcript", textOf(findOne(t, tr, "h2")))
		findOne(t, root, "section", hasClass("es-share"))
	})

	t.Run("no error and no help before anything happened", func(t *testing.T) {
		assert.Empty(t, findAll(root, "", attrIs("role", "alert")))
		assert.Empty(t, findAll(root, "", attrIs("role", "dialog")))
	})
}

// Hidden (toc:false) chapters are not listed but still switch the art; the
// listed chapter before them stays current.
func TestPlayerCurrentChapterAndArt(t *testing.T) {
	for _, tc := range []struct {
		name    string
		start   float64
		current string // listed chapter marked current
		art     string
	}{
		{"first chapter has no art: the episode's", 0, "Intro", episodeArt},
		{"in the hidden chapter: its art, the previous listed chapter", 40, "Intro", sponsorArt},
		{"chapter with art", 90, "Interview", interviewArt},
		{"last chapter without art", 200, "Outro", episodeArt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := prerender(t, &Player{View: richView(), Start: podcast.Range{Start: tc.start}})
			sec := findOne(t, doc, "section", hasClass("es-chapters"))
			cur := findOne(t, sec, "li", hasClass("es-current"))
			assert.Equal(t, tc.current, textOf(findOne(t, cur, "span", hasClass("es-chaptitle"))))
			assert.Equal(t, "time", attrVal(findOne(t, cur, "a", hasAttr("data-t")), "aria-current"))
			assert.Len(t, findAll(sec, "a", attrIs("aria-current", "time")), 1)
			assert.Equal(t, tc.current, textOf(findOne(t, doc, "p", hasClass("es-chapter-now"))))
			src, _ := coverOf(t, doc)
			assert.Equal(t, tc.art, src)
		})
	}
}

func TestPlayerBeforeFirstChapter(t *testing.T) {
	v := richView()
	v.Episode.Chapters = []podcast.Chapter{{Start: 20, Title: "Late start"}, {Start: 120, Title: "Second"}}
	doc := prerender(t, &Player{View: v, Start: podcast.Range{Start: 10}})
	assert.Empty(t, findAll(doc, "li", hasClass("es-current")), "no chapter is playing yet")
	assert.Equal(t, "", textOf(findOne(t, doc, "p", hasClass("es-chapter-now"))))
	src, _ := coverOf(t, doc)
	assert.Equal(t, episodeArt, src)
}

func TestPlayerFallsBackToShowPeopleAndFunding(t *testing.T) {
	v := richView()
	v.Episode.Persons, v.Episode.Funding = nil, nil
	v.Show.Persons = []podcast.Person{{Name: "Show Host", Role: "host"}}
	doc := prerender(t, &Player{View: v})
	sec := findOne(t, doc, "section", hasClass("es-people"))
	assert.Equal(t, []string{"Show Host"}, textsOf(findAll(sec, "span", hasClass("es-person-name"))))
	assert.Equal(t, []string{"https://example.com/show-funding"}, attrsOf(findAll(sec, "a", hasClass("es-btn")), "href"))
}

func TestPlayerLabels(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*podcast.Episode)
		want []string
	}{
		{"season and number", func(*podcast.Episode) {}, []string{"Season 1", "Episode 2"}},
		{"season name and display text", func(ep *podcast.Episode) { ep.SeasonName, ep.NumberText = "Origins", "Part Two" }, []string{"Origins", "Part Two"}}, // never "Season Origins"
		{"trailer", func(ep *podcast.Episode) { ep.Season, ep.Number, ep.Type = 0, "", "trailer" }, []string{"Trailer"}},
		{"full episodes are not labelled as such", func(ep *podcast.Episode) { ep.Season, ep.Number, ep.Type = 0, "", "full" }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := richView()
			tc.edit(&v.Episode)
			doc := prerender(t, &Player{View: v})
			got := textsOf(findAll(doc, "span", hasClass("es-label")))
			if tc.want == nil {
				assert.Empty(t, got)
				assert.Empty(t, findAll(doc, "p", hasClass("es-labels")))
				return
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestPlayerLayouts(t *testing.T) {
	for _, tc := range []struct {
		layout        embed.Layout
		class         string
		cover, extras bool // cover art (every layout has it, mini too); speed, volume and chapter steps
		sections      bool // chapters, notes, … stacked
		tabs          bool
	}{
		{"", "es-layout-page", true, true, true, false},
		{LayoutPage, "es-layout-page", true, true, true, false},
		{"unknown", "es-layout-page", true, true, true, false},
		{LayoutFull, "es-layout-full", true, true, false, true},
		{LayoutCompact, "es-layout-compact", true, true, false, false},
		{LayoutMini, "es-layout-mini", true, false, false, false},
	} {
		t.Run(tc.class+"/"+string(tc.layout), func(t *testing.T) {
			doc := prerender(t, &Player{View: richView(), Layout: tc.layout, Start: podcast.Range{Start: 90}})
			root := findOne(t, doc, "article", hasClass("es-player"))
			assert.True(t, hasClass(tc.class)(root), attrVal(root, "class"))

			// Every layout can play and seek.
			findOne(t, root, "button", attrIs("data-es", "play"))
			findOne(t, root, "input", attrIs("data-es", "seekbar"))

			count := func(b bool) int {
				if b {
					return 1
				}
				return 0
			}
			assert.Len(t, findAll(findOne(t, root, "div", hasClass("es-cover")), "span", hasClass("es-art-img")), count(tc.cover), "cover image over the generated cover")
			assert.Len(t, findAll(root, "p", hasClass("es-labels")), count(tc.layout != LayoutMini), "labels")
			assert.Len(t, findAll(root, "div", hasClass("es-extras")), count(tc.extras), "extras")
			assert.Len(t, findAll(root, "button", hasClass("es-skip")), 2*count(tc.extras), "skip buttons")
			assert.Len(t, findAll(root, "div", hasClass("es-sections")), count(tc.sections), "sections")
			assert.Len(t, findAll(root, "div", hasClass("es-tabs")), count(tc.tabs), "tabs")
			if !tc.sections && !tc.tabs {
				assert.Empty(t, findAll(root, "section"), "no chapters, notes, transcript or share panel")
			}
		})
	}
}

func TestPlayerFullLayoutTabs(t *testing.T) {
	p := &Player{View: richView(), Layout: LayoutFull}
	doc := prerender(t, p)

	tabs := findAll(doc, "button", attrIs("role", "tab"))
	names := []string{"chapters", "notes", "transcript", "share", "followShow"}
	require.Len(t, tabs, len(names))
	assert.Equal(t, []string{"Chapters", "Show notes", "Transcript", "Share", "Follow"}, textsOf(tabs))
	for i, name := range names {
		assert.Equal(t, "es-tab-"+name, attrVal(tabs[i], "id"))
		assert.Equal(t, "es-panel-"+name, attrVal(tabs[i], "aria-controls"))
		assert.Equal(t, map[bool]string{true: "0", false: "-1"}[i == 0], attrVal(tabs[i], "tabindex"), "roving tabindex")
		assert.True(t, hasAttr("aria-selected")(tabs[i]), name)
	}
	assert.Equal(t, []string{"false", "false", "false", "false"}, attrsOf(tabs[1:], "aria-selected"))
	findOne(t, doc, "", attrIs("role", "tablist"))

	// Every tab has its panel, so the bridge can switch tabs before the
	// takeover; only the open one is visible. Chapters and notes need no
	// Go and are rendered hidden; transcript and share are built when opened.
	panels := findAll(doc, "div", attrIs("role", "tabpanel"))
	require.Len(t, panels, len(names))
	for i, name := range names {
		assert.Equal(t, "es-panel-"+name, attrVal(panels[i], "id"))
		assert.Equal(t, "es-tab-"+name, attrVal(panels[i], "aria-labelledby"))
		assert.Equal(t, i != 0, hasAttr("hidden")(panels[i]), "%s hidden", name)
	}
	findOne(t, panels[0], "section", hasClass("es-chapters"))
	findOne(t, panels[1], "section", hasClass("es-section"))
	assert.Empty(t, findAll(panels[2], "section"), "the transcript is built when opened")
	assert.Empty(t, findAll(panels[3], "section"), "and so is the share panel")
	assert.Empty(t, findAll(panels[4], "section"), "and the follow panel")

	// The values the engine holds (the server's encoder writes an attribute
	// whose value is "true" without a value; see TestPrerenderBooleanAttributes).
	tabsPath := childPath(t, p, goapp.Div().Class("es-tabs"), 0)
	noop := func(goapp.Context, goapp.Event) {}
	for i, name := range names {
		want := goapp.Button().ID("es-tab-"+name).Class("es-tab").DataSet("es", "tab").Attr("role", "tab").
			Aria("selected", strconv.FormatBool(i == 0)).Aria("controls", "es-panel-"+name).
			TabIndex(map[bool]int{true: 0, false: -1}[i == 0]).OnClick(noop)
		assert.NoError(t, goapp.TestMatch(p, goapp.TestUIDescriptor{
			Path:     goapp.TestPath(append(tabsPath, 0, i)...),
			Expected: want,
		}), name)
	}
}

func TestPlayerFullLayoutOffersOnlyAvailableTabs(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*podcast.Episode)
		want []string
	}{
		{"everything", func(*podcast.Episode) {}, []string{"es-tab-chapters", "es-tab-notes", "es-tab-transcript", "es-tab-share", "es-tab-followShow"}},
		{"no notes, no transcript", func(ep *podcast.Episode) { ep.Notes, ep.Transcripts = "", nil }, []string{"es-tab-chapters", "es-tab-share", "es-tab-followShow"}},
		{"only hidden chapters", func(ep *podcast.Episode) {
			ep.Chapters = []podcast.Chapter{{Start: 10, Title: "Ad", Hidden: true}}
		}, []string{"es-tab-notes", "es-tab-transcript", "es-tab-share", "es-tab-followShow"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := richView()
			tc.edit(&v.Episode)
			doc := prerender(t, &Player{View: v, Layout: LayoutFull})
			tabs := findAll(doc, "button", attrIs("role", "tab"))
			assert.Equal(t, tc.want, attrsOf(tabs, "id"))
			assert.Equal(t, "0", attrVal(tabs[0], "tabindex"), "the first available tab is open")
		})
	}
}

func TestPlayerWithoutView(t *testing.T) {
	p := &Player{}
	doc := prerender(t, p)
	assert.Empty(t, findAll(doc, "article"))
	assert.NoError(t, goapp.Match(goapp.Div(), p, 0))
}

func TestPlayerLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, htmlLang, play, chapters string
		labels                         []string
		valuetext                      string
	}{
		{"de", "de", "Abspielen", "Kapitel", []string{"Staffel 1", "Folge 2"}, "1 Minute 30 Sekunden von 4 Minuten"},
		{"fr-CA", "fr", "Lecture", "Chapitres", []string{"Saison 1", "Épisode 2"}, "1 minute 30 secondes sur 4 minutes"},
		{"es", "es", "Reproducir", "Capítulos", []string{"Temporada 1", "Episodio 2"}, "1 minuto 30 segundos de 4 minutos"},
		{"", "en", "Play", "Chapters", []string{"Season 1", "Episode 2"}, "1 minute 30 seconds of 4 minutes"},
		{"xx", "en", "Play", "Chapters", []string{"Season 1", "Episode 2"}, "1 minute 30 seconds of 4 minutes"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			doc := prerender(t, &Player{View: richView(), Lang: tc.lang, Start: podcast.Range{Start: 90}})
			assert.Equal(t, tc.htmlLang, attrVal(findOne(t, doc, "article", hasClass("es-player")), "lang"))
			assert.Equal(t, tc.play, attrVal(findOne(t, doc, "button", attrIs("data-es", "play")), "aria-label"))
			sec := findOne(t, doc, "section", hasClass("es-chapters"))
			assert.Equal(t, tc.chapters, textOf(findOne(t, sec, "h2")))
			assert.Equal(t, tc.chapters, attrVal(sec, "aria-label"))
			assert.Equal(t, tc.labels, textsOf(findAll(doc, "span", hasClass("es-label"))))
			assert.Equal(t, tc.valuetext, attrVal(findOne(t, doc, "input", attrIs("data-es", "seekbar")), "aria-valuetext"))
		})
	}
}

// Feed text is untrusted: a title that tries to close an attribute and open
// a script must come out of the server as the same text, and no markup.
func TestPlayerEscapesFeedTextInAttributes(t *testing.T) {
	const evil = `Evil "><script>alert(1)</script>`
	const evilChapter = `"><img src=x onerror=alert(1)>`
	v := richView()
	v.Episode.Title = evil
	v.Show.Title = `Show "'<b>`
	v.Episode.Chapters[2].Title = evilChapter
	v.Episode.Chapters[2].URL = `https://example.com/?a="b"&c=<d>`
	v.Episode.Persons[0].Href = `https://example.com/"onmouseover="alert(1)`
	doc := prerender(t, &Player{View: v, Start: podcast.Range{Start: 90}})

	assert.Empty(t, findAll(doc, "script"), "no script element")
	assert.Empty(t, findAll(doc, "", hasAttr("onerror")), "no injected handler")
	assert.Empty(t, findAll(doc, "", hasAttr("onmouseover")), "no injected handler")
	assert.Empty(t, findAll(doc, "b"), "no injected element")

	root := findOne(t, doc, "article", hasClass("es-player"))
	assert.Equal(t, "Player: "+evil, attrVal(root, "aria-label"), "the attribute round-trips")
	assert.Equal(t, evil, textOf(findOne(t, root, "h1", hasClass("es-title"))))
	_, label := coverOf(t, root)
	assert.Equal(t, `Cover art of Show "'<b>`, label)
	assert.Contains(t, attrsOf(findAll(root, "span", hasClass("es-mark")), "title"), evilChapter)
	link := findOne(t, root, "a", hasClass("es-chaplink"))
	assert.Equal(t, `https://example.com/?a="b"&c=<d>`, attrVal(link, "href"))
	assert.Equal(t, evilChapter+" ↗", attrVal(link, "aria-label"))
	assert.Equal(t, []string{`https://example.com/"onmouseover="alert(1)`}, attrsOf(findAll(root, "a", hasAttr("href"), func(n *html.Node) bool {
		return strings.Contains(attrVal(n, "href"), "onmouseover")
	}), "href"))
}

// childPath returns prefix extended by the index of the first child of the
// element at prefix that matches want (go-app's Match compares the tag, all
// attributes and the event handlers, not the children).
func childPath(t *testing.T, root goapp.UI, want goapp.UI, prefix ...int) []int {
	t.Helper()
	const maxChildren = 64
	for i := 0; i < maxChildren; i++ {
		path := append(append([]int(nil), prefix...), i)
		if goapp.Match(want, root, path...) == nil {
			return path
		}
	}
	require.FailNow(t, "no matching child", "under path %v", prefix)
	return nil
}

// coverOf returns the player's cover image URL ("" when only the generated
// cover shows) and the cover's accessible name.
func coverOf(t *testing.T, root *html.Node) (src, label string) {
	t.Helper()
	box := findOne(t, root, "div", hasClass("es-cover"))
	if imgs := findAll(box, "span", hasClass("es-art-img")); len(imgs) > 0 {
		style := attrVal(imgs[0], "style")
		i, j := strings.Index(style, "url("), strings.LastIndex(style, ")")
		require.True(t, i >= 0 && j > i, "a background image: %q", style)
		src = style[i+4 : j]
	}
	return src, attrVal(box, "aria-label")
}
