package app

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
)

// staticExport reports whether the app runs from a static export (see
// embed/static.go): pages live at /e/SLUG/ paths and data comes from JSON
// files, because a static host has no server to answer /episode?… or /api/.
func staticExport() bool { return app.Getenv(embed.StaticEnv) == "1" }

// episodeHref is the link to an episode page.
func episodeHref(t embed.Target) string {
	if staticExport() {
		t.Feed = ""
		return embed.StaticEpisodePath(t)
	}
	return embed.EpisodePath(t)
}

// embedHref is the path of an episode's embed page with options o.
func embedHref(t embed.Target, o embed.Options) string {
	if staticExport() {
		return embed.StaticEmbedPath(t, o)
	}
	return embed.EmbedPathWith(t, o)
}
