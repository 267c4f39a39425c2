// Package web holds Earshot's static browser assets: styles, the audio
// bridge script, and the build outputs under gen/ (app.wasm compressed with
// brotli and gzip by `make`). The server embeds them, so the binary is the
// whole product.
package web

import "embed"

// Files are the static assets. gen/ may hold only .keep when the wasm has not
// been built; the server then serves the prerendered pages without it.
//
//go:embed bridge.js earshot.css embed.js icon.svg worker.js all:gen
var Files embed.FS
