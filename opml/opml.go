// Package opml reads and writes OPML subscription lists, the files podcast
// apps export and import. Write is what the app's library exports (it
// compiles for wasm and is written by hand: encoding/xml would weigh on the
// wasm). Parse reads what any app exported; it runs on the server (POST
// /api/opml), and is left out of wasm builds for the same reason.
package opml

// Feed is one show of a subscription list.
type Feed struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}
