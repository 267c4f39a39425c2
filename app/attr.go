package app

import (
	"html"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// go-app's server-side renderer writes attribute values with strconv.Quote,
// which escapes a double quote as \" — and in HTML a backslash escapes
// nothing, so a feed title containing `"><script>` would end the attribute
// and inject markup into the prerendered page. Every attribute value that
// comes from a feed therefore goes through attr, and every page title and
// description through plain. In the browser go-app sets attributes through
// the DOM, where no escaping is needed, so both are identities there.

// attr makes s safe as an attribute value in server-rendered HTML: HTML
// escaping leaves no double quote for strconv.Quote to mangle, and the
// browser decodes the entities back to s.
func attr(s string) string {
	if app.IsServer {
		return html.EscapeString(s)
	}
	return s
}

// plainQuotes replaces straight double quotes with typographic ones, for
// text that go-app writes both as text and as an attribute (the page title
// and description also become <meta content=…>), where escaping would show.
var plainQuotes = strings.NewReplacer(`"`, "”")

// plain makes s safe for ctx.Page().SetTitle and SetDescription.
func plain(s string) string {
	if app.IsServer {
		return plainQuotes.Replace(s)
	}
	return s
}
