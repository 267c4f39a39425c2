// Command wasm is the browser half of Earshot, built with GOOS=js
// GOARCH=wasm into web/gen/app.wasm. It only registers the pages and runs
// them; keeping server code out of this main keeps the wasm small (see
// ARCHITECTURE.md, "Wasm size").
package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/app"
)

func main() {
	app.Register(app.APISource{})
	goapp.RunWhenOnBrowser()
}
