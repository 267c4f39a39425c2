package site

import (
	"bytes"
	"log/slog"
)

// go-app's app.js starts three things the moment it runs: the service
// worker, the install prompt watcher and the download of the wasm. Two of
// them are wrong for Earshot:
//
//   - The wasm (1.6 MB) would compete with the listener's audio for the
//     network and the main thread exactly when they press play, and every
//     visitor of a blog with an embed would download it. The audio bridge
//     (web/bridge.js) decides when it loads: earshot.schedule.
//   - The service worker precaches the app shell, the wasm included: started
//     at load, it would download the 1.6 MB right when the listener presses
//     play. It registers once the wasm has arrived (the precache then reads
//     the immutable, hashed wasm from the HTTP cache), and an embed, a
//     guest on someone's blog, never registers one: it must not fill Cache
//     Storage in the host page's storage partition.
//
// And when the Go program ends (a panic), the bridge must take the controls
// back: go.run's promise resolves then, and earshot.died is called.
var appJSEdits = []struct{ from, to string }{
	{
		"goappInitServiceWorker();\n",
		"",
	},
	{
		"goappInitWebAssembly();\n",
		"if (window.earshot && earshot.schedule) earshot.schedule(goappInitWebAssembly); else goappInitWebAssembly();\n",
	},
	{
		"go.run(wasm.instance);",
		"go.run(wasm.instance).then(function () { if (window.earshot && earshot.died) earshot.died(); });\n" +
			"    if (!(window.earshot && earshot.guest)) goappInitServiceWorker();",
	},
}

// rewriteAppJS applies appJSEdits to go-app's app.js. An edit whose text
// is not found (a go-app upgrade changed app.js) is logged and skipped: the
// page still works, eagerly; TestAppJSRewrite fails on it first.
func rewriteAppJS(body []byte) []byte {
	for _, e := range appJSEdits {
		if bytes.Count(body, []byte(e.from)) != 1 {
			slog.Warn("app.js: go-app changed; an edit does not apply", "expected", e.from)
			continue
		}
		body = bytes.Replace(body, []byte(e.from), []byte(e.to), 1)
	}
	return body
}
