package app

import (
	"math"
	"strconv"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Reading JavaScript values. syscall/js's Float, Int and Bool panic when the
// value has another type, and a panic in an event handler ends the Go
// program: the player froze for good when the seek bar reported its value
// (a string) that way. Every read of a number or flag from the browser goes
// through these helpers, which never panic; TestNoRawJSConversions fails
// when app/ calls Float, Int or Bool on a Value anywhere else.

// num is v as a number: numbers as they are, numeric strings parsed (form
// controls report their value as a string), anything else NaN.
func num(v app.Value) float64 {
	if v == nil {
		return math.NaN()
	}
	switch v.Type() {
	case app.TypeNumber:
		return v.Float()
	case app.TypeString:
		if f, err := strconv.ParseFloat(strings.TrimSpace(v.String()), 64); err == nil {
			return f
		}
	}
	return math.NaN()
}

// numOr is num(v), or def when v is not a finite number.
func numOr(v app.Value, def float64) float64 {
	f := num(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return def
	}
	return f
}

// integer is v as an int, 0 when it is not a finite number.
func integer(v app.Value) int {
	return int(numOr(v, 0))
}

// flag is v's truthiness in JavaScript's sense (false for undefined).
func flag(v app.Value) bool {
	return v != nil && v.Truthy()
}

// numOr0 is f, or 0 when f is NaN or infinite: the media element throws on
// such values, and a throw inside a call from Go panics.
func numOr0(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// prerenderedTab is the tab the bridge shows in the prerendered page (the
// listener may have switched before the takeover), "" when none.
func prerenderedTab() string {
	if !app.IsClient {
		return ""
	}
	el := app.Window().Get("document").Call("querySelector", `.es-tab[aria-selected="true"]`)
	if !flag(el) {
		return ""
	}
	return strings.TrimPrefix(el.Get("id").String(), "es-tab-")
}

// copyText writes text to the clipboard, then set(true) and, copiedFor
// later, set(false): the "Copied" state every copy button shows. A refused
// write (no permission, no clipboard) leaves the button as it was.
func copyText(ctx app.Context, text string, set func(bool)) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		return
	}
	clip.Call("writeText", text).Call("then", app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { set(true) })
		ctx.After(copiedFor*1e6, func(app.Context) { set(false) })
		return nil
	})).Call("catch", ignoreRejection())
}
