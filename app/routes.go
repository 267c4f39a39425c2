// Package app is Earshot's user interface: go-app components that the server
// prerenders and the wasm takes over in the browser. It never imports server
// code: what a page shows comes through a Source, which the server implements
// over its feed cache and the browser implements over /api/.
package app

import (
	"context"
	"regexp"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// Source loads what pages show. An empty feed means the server's default
// show. Errors carry a message fit for a listener.
type Source interface {
	Show(ctx context.Context, feed string) (*podcast.Show, error)
	Episode(ctx context.Context, feed, guid string) (*podcast.EpisodeView, error)
}

// Register registers Earshot's pages with go-app. The server and the wasm
// both call it, each with its own Source.
func Register(src Source) {
	repairLocation()
	app.Route("/", func() app.Composer { return &showPage{src: src} })
	app.Route(embed.PathShow, func() app.Composer { return &showPage{src: src} })
	app.Route(embed.PathEpisode, func() app.Composer { return &episodePage{src: src} })
	app.Route(embed.PathEmbed, func() app.Composer { return &embedPage{src: src} })
	app.Route(PathLibrary, func() app.Composer { return &libraryPage{src: src} })
	// The pages of a static export (embed/static.go).
	app.RouteWithRegexp(`^/e/[0-9a-f]+/?$`, func() app.Composer { return &episodePage{src: src} })
	app.RouteWithRegexp(`^/e/[0-9a-f]+/embed/?$`, func() app.Composer { return &embedPage{src: src} })
	// Every other path: the styled "not found" page (go-app would answer a
	// plain-text 404 on the server and its own page in the browser). It is
	// the last route, so the ones above win; the server answers it with
	// status 404 (IsPage).
	app.RouteWithRegexp(`^/`, func() app.Composer { return &notFoundPage{} })
	watchImages()
}

// IsPage reports whether path is one of the app's pages, rather than the
// "not found" page every other path gets.
func IsPage(path string) bool {
	switch path {
	case "/", embed.PathShow, embed.PathEpisode, embed.PathEmbed, PathLibrary:
		return true
	}
	return staticPagePath.MatchString(path)
}

var staticPagePath = regexp.MustCompile(`^/e/[0-9a-f]+(/|/embed/?)?$`)
