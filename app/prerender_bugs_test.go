package app

import (
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"

	"github.com/earshot/earshot/podcast"
)

// The tests in this file pin what the prerendered page must be, where
// go-app's server renderer and the DOM the wasm builds used to disagree.

// go-app's server encoder writes Selected(false) and Checked(false) as
// selected="false" and checked="false", and in HTML the presence of a boolean
// attribute is what counts: the prerendered speed menu shows the last option
// (3×) and every radio and checkbox of the share panel is checked until the
// wasm replaces the page. It also writes any attribute whose value is "true"
// without a value, so aria-selected="true" and aria-hidden="true" arrive as
// aria-selected="" and aria-hidden="", which ARIA reads as not set.
func TestPrerenderBooleanAttributes(t *testing.T) {
	doc := prerender(t, &Player{View: richView(), Start: podcast.Range{Start: 90}})
	assert.Empty(t, findAll(doc, "", attrIs("selected", "false")))
	assert.Empty(t, findAll(doc, "", attrIs("checked", "false")))
	speed := findOne(t, doc, "select", hasClass("es-speed"))
	assert.Equal(t, []string{"1"}, attrsOf(findAll(speed, "option", hasAttr("selected")), "value"))

	// Bare aria-* attributes (go-app writes "true" without a value) are
	// repaired for every page by the server (server/site/booleans.go).
}

// The transcript section sets its language in OnMount, which the server
// never calls, so the prerendered section is English on a German page.
func TestPrerenderedTranscriptLanguage(t *testing.T) {
	doc := prerender(t, &Player{View: richView(), Lang: "de"})
	sec := findOne(t, doc, "section", hasClass("es-transcript"))
	assert.Equal(t, "Transkript", attrVal(sec, "aria-label"))
	assert.Equal(t, "Transkript", textOf(findOne(t, sec, "h2")))
}

// go-app writes attribute values with strconv.Quote, which turns a backslash
// into two and every rune Go does not call printable (no-break space, zero
// width joiner, …) into a \u escape; attr() escapes only what html does.
func TestAttrRoundTripsAnyText(t *testing.T) {
	for _, title := range []string{`AC\DC live`, "Folge\u00a012", "Family 👨\u200d👩\u200d👧", "tab\there"} {
		v := richView()
		v.Episode.Title = title
		doc := prerender(t, &Player{View: v})
		assert.Equal(t, "Player: "+title, attrVal(findOne(t, doc, "article", hasClass("es-player")), "aria-label"))
	}
}

// embed.ParseOptions defines the embed URL's parameters (case-insensitive
// layout and theme, a colour with or without '#', autoplay=true|yes|on);
// embedPage parses them itself and accepts less, so a snippet that works for
// the oEmbed endpoint loses its colour, theme or layout in the frame.
func TestEmbedPageAcceptsTheEmbedURLScheme(t *testing.T) {
	v := richView()
	page := newEmbedAt(&fakeSource{view: v}, "/embed?guid=x&layout=Mini&theme=DARK&color=%23FF0000&autoplay=true")
	prerender(t, page)
	assert.NoError(t, goapp.Match(goapp.Div().Class("es-embed", "es-theme-dark").Style("--es-accent", "#ff0000").Style("--es-on-accent", "#1c1917"), page, 0))
	assert.NoError(t, goapp.Match(&Player{View: v, Layout: LayoutMini, Autoplay: true, Embedded: true}, page, 0, 0))
}
