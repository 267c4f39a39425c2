package app

import (
	"net/url"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// repairLocation makes the page's URL one Go can parse before go-app reads
// it. go-app parses location.href with net/url, which refuses a '%' not
// followed by two hex digits in the fragment (a pasted "#t=20&t=%zz"), and
// without a URL the Go program dies. Browsers keep such a '%' as typed, so
// it is rewritten as "%25" in place (history.replaceState, no reload). The
// share-link time keeps its meaning: a Media Fragments pair that does not
// decode is dropped, and "%25zz" decodes to "%zz", which is no time either.
func repairLocation() {
	if !app.IsClient {
		return
	}
	href := app.Window().Get("location").Get("href").String()
	if _, err := url.Parse(href); err == nil {
		return
	}
	fixed := escapeStrayPercents(href)
	if _, err := url.Parse(fixed); err != nil || fixed == href {
		return
	}
	app.Window().Get("history").Call("replaceState", app.Window().Get("history").Get("state"), "", fixed)
}

// escapeStrayPercents writes every '%' of s that does not start a %XX
// escape as "%25".
func escapeStrayPercents(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && !(i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2])) {
			out = append(out, "%25"...)
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
