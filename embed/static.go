package embed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// A static export (`earshot export`) is served by hosts that route by path
// only, so its pages live at paths instead of query URLs:
//
//	/                    the show
//	/e/SLUG/?guid=GUID   an episode (the file is /e/SLUG/index.html)
//	/e/SLUG/embed/?guid=GUID&layout=…   its embed
//
// SLUG is derived from the GUID; the ?guid= is for the browser app, which
// reads it when it navigates without reloading. The show's data and each
// episode's are JSON files next to the pages (see StaticEpisodeData).
const (
	StaticPrefix = "/e/"
	// StaticEnv is the environment variable (go-app Handler.Env) that tells
	// the app it runs from a static export.
	StaticEnv = "EARSHOT_STATIC"
	// StaticShowData is the show's JSON in a static export.
	StaticShowData = "/show.json"
	// StaticSearchData is the show's prebuilt search index
	// (moments.Static) in a static export.
	StaticSearchData = "/search.json"
)

// Slug is the path segment of an episode in a static export: short, made
// of [0-9a-f], the same for the same GUID everywhere.
func Slug(guid string) string {
	sum := sha256.Sum256([]byte(guid))
	return hex.EncodeToString(sum[:8])
}

// StaticEpisodePath is the static page of an episode, with its time.
func StaticEpisodePath(t Target) string {
	return staticPath(StaticPrefix+Slug(t.GUID)+"/", t)
}

// StaticEmbedPath is the static embed of an episode with the options o.
func StaticEmbedPath(t Target, o Options) string {
	q := o.Query()
	q.Set("guid", t.GUID)
	if v := TimeParam(t.Time); v != "" && q.Get(ParamTime) == "" {
		q.Set(ParamTime, v)
	}
	return pathWith(StaticPrefix+Slug(t.GUID)+"/embed/", q)
}

func staticPath(p string, t Target) string {
	q := url.Values{"guid": {t.GUID}}
	if v := TimeParam(t.Time); v != "" {
		q.Set("t", v)
	}
	return pathWith(p, q)
}

// StaticEpisodeData is the JSON file of an episode (podcast.EpisodeView).
func StaticEpisodeData(guid string) string { return StaticPrefix + Slug(guid) + "/episode.json" }

// StaticTranscriptData is the JSON file of an episode's transcript.
func StaticTranscriptData(guid string) string {
	return StaticPrefix + Slug(guid) + "/transcript.json"
}

// IsStaticPage reports whether path is an episode or embed page of a static
// export.
func IsStaticPage(path string) bool { return strings.HasPrefix(path, StaticPrefix) }
