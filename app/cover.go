package app

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/podcast"
)

// artwork is an image from a feed over a generated stand-in: the initials
// of name on a colour derived from it. The stand-in shows when the feed has
// no image, while the image loads, and when it fails to load: the image is
// a CSS background (a broken one draws nothing, with or without the wasm;
// an <img> would show a broken-image icon, and go-app drops the alt="" that
// would hide it). The box itself carries the accessible name.
//
//	<div class="es-art CLASS" role="img" aria-label=LABEL style="--es-art-h:HUE">
//	  <span class="es-art-initials" aria-hidden="true">ES</span>
//	  <span class="es-art-img" style="background-image:url(…)"></span>
//	</div>
func artwork(class, src, name, label string) app.UI {
	box := app.Div().Class("es-art", class).Style("--es-art-h", strconv.Itoa(hueOf(name)))
	if label != "" {
		box = box.Attr("role", "img").Aria("label", attr(label))
	} else {
		box = box.Aria("hidden", "true")
	}
	return box.Body(
		app.Span().Class("es-art-initials").Aria("hidden", "true").Text(initials(name)),
		app.If(cssURL(src) != "", func() app.UI {
			return app.Span().Class("es-art-img").Style("background-image", "url("+attr(cssURL(src))+")")
		}),
	)
}

// cssURL is an image URL from a feed as the argument of an unquoted CSS
// url(): the URL policy's (podcast.SafeImage), with every character that
// could end the url() or the declaration percent-encoded; "" when refused.
func cssURL(u string) string {
	u = podcast.SafeImage(u)
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"'()\\;<>{}", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// initials are the first letters (or digits) of the first two words of
// name, "♪" when it has none.
func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, unicode.ToUpper(r))
				break
			}
		}
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "♪"
	}
	return string(out)
}

// hueOf derives a stable hue (0–359) from name, so a show keeps its colour.
func hueOf(name string) int {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(name))))
	return int(h.Sum32() % 360)
}

// failedImageClass marks an image that failed to load; the stylesheet
// hides it (the generated cover of an artwork box shows through, a chapter
// image leaves its place empty so rows stay aligned).
const failedImageClass = "es-img-failed"

// watchImages marks images that fail to load, for the whole page, once:
// error events do not bubble, so one listener on the window in the capture
// phase sees them all; images that failed before the wasm arrived are
// found by their state.
func watchImages() {
	if !app.IsClient {
		return
	}
	doc := app.Window().Get("document")
	mark := func(img app.Value) {
		if flag(img) && strings.EqualFold(img.Get("tagName").String(), "img") {
			img.Get("classList").Call("add", failedImageClass)
		}
	}
	app.Window().Call("addEventListener", "error", app.FuncOf(func(_ app.Value, args []app.Value) any {
		if len(args) > 0 {
			mark(args[0].Get("target"))
		}
		return nil
	}), true)
	imgs := doc.Get("images")
	for i := 0; i < integer(imgs.Get("length")); i++ {
		img := imgs.Index(i)
		if flag(img.Get("complete")) && integer(img.Get("naturalWidth")) == 0 && img.Get("src").String() != "" {
			mark(img)
		}
	}
}
