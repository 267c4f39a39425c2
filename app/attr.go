package app

import (
	"strconv"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/podcast"
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
	if !app.IsServer {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			// strconv.Quote would double it.
			b.WriteString("&#92;")
		case !strconv.IsPrint(r) || r == '"' || r == '\'' || r == '&' || r == '<' || r == '>':
			// strconv.Quote would write non-printable runes (no-break
			// space, zero-width joiner, tab) as \u escapes.
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hrefOf and srcOf are how a URL from a feed becomes an attribute: the
// URL policy of podcast.SafeLink / SafeImage (absolute http(s); for images
// also the server's own data:image), then attr. The server applied the same
// policy when it normalized the feed; this is the second line, for data that
// reaches the page by any other way. Both are "" for a refused URL: render
// no link or image then.
func hrefOf(u string) string { return attr(podcast.SafeLink(u)) }

func srcOf(u string) string { return attr(podcast.SafeImage(u)) }

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

// option, checkbox and radio set selected/checked only when true: go-app's
// server renderer writes a false boolean as selected="false", which HTML
// reads as selected.
func option(value, label string, selected bool) app.HTMLOption {
	o := app.Option().Value(value).Text(label)
	if selected {
		o = o.Selected(true)
	}
	return o
}

func checkbox(checked bool) app.HTMLInput {
	in := app.Input().Type("checkbox")
	if checked {
		in = in.Checked(true)
	}
	return in
}

func radio(checked bool) app.HTMLInput {
	in := app.Input().Type("radio")
	if checked {
		in = in.Checked(true)
	}
	return in
}
