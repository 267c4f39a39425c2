package site

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An unknown path gets the app's styled "not found" page, in the language
// asked for, with status 404 and a way back; not go-app's plain text.
func TestNotFoundPage(t *testing.T) {
	site, _ := env(t)
	for _, tc := range []struct{ path, lang, title, home string }{
		{"/no-such-page", "en", "Page not found", "Go to the front page"},
		{"/nope/deeper?lang=de", "de", "Seite nicht gefunden", "Zur Startseite"},
		{"/e/zz/", "en", "Page not found", "Go to the front page"},
	} {
		res, body := get(t, site.URL+tc.path)
		page := string(body)
		assert.Equal(t, http.StatusNotFound, res.StatusCode, tc.path)
		assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
		assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), "text/html"), tc.path)
		assert.Contains(t, page, `<html lang="`+tc.lang+`"`, tc.path)
		assert.Contains(t, page, tc.title, tc.path)
		assert.Regexp(t, `<a [^>]*href="/"[^>]*>`+tc.home+`</a>`, page, tc.path)
		assert.Contains(t, page, "/web/earshot.", "styled: the stylesheet is linked")
	}
	// go-app's own resources are no pages, and keep working.
	res, _ := get(t, site.URL+"/app.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = get(t, site.URL+"/manifest.webmanifest")
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

// <html lang> follows the UI language of the page.
func TestPageLanguage(t *testing.T) {
	site, feeds := env(t)
	feed := url.QueryEscape(feeds.URL + "/se-radio.xml")
	for _, tc := range []struct{ path, want string }{
		{"/show?feed=" + feed, `<html lang="en"`},
		{"/show?feed=" + feed + "&lang=nl", `<html lang="nl"`},
		{"/library?lang=it", `<html lang="it"`},
		{"/episode?feed=" + feed + "&lang=pt-BR", `<html lang="pt"`},
		{"/embed?feed=" + feed + "&lang=fr", `<html lang="fr"`},
	} {
		_, body := get(t, site.URL+tc.path)
		assert.Contains(t, string(body), tc.want, tc.path)
	}
}

// The front door explains Earshot and opens any feed with a plain form,
// which works before (and without) the wasm.
func TestFrontDoor(t *testing.T) {
	site, _ := env(t)
	_, body := get(t, site.URL+"/?lang=de")
	page := string(body)
	assert.Contains(t, page, `action="/show"`)
	assert.Contains(t, page, `name="feed"`)
	langField := regexp.MustCompile(`<input [^>]*name="lang"[^>]*>`).FindString(page)
	assert.Contains(t, langField, `value="de"`, "the form keeps the language")
	assert.Contains(t, page, "Jeden Podcast hören")
}

// An OPML import refuses each show at a private address and says which,
// and why; the others are imported.
func TestOPMLRefusesPrivateAddresses(t *testing.T) {
	site, feeds := env(t)
	public := feeds.URL + "/se-radio.xml" // loopback is allowed in these tests' fetcher
	opml := `<?xml version="1.0"?><opml version="2.0"><body>
		<outline text="Public" type="rss" xmlUrl="` + public + `"/>
		<outline text="Router" type="rss" xmlUrl="http://192.168.1.1/feed.xml"/>
		<outline text="Metadata" type="rss" xmlUrl="http://169.254.169.254/latest/"/>
		<outline text="Cloud" type="rss" xmlUrl="http://metadata.google.internal/feed.xml"/>
	</body></opml>`
	res, err := http.Post(site.URL+"/api/opml", "text/x-opml", strings.NewReader(opml))
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var answer struct {
		Feeds   []struct{ URL, Title string }
		Refused []struct{ URL, Title, Code string }
	}
	require.NoError(t, jsonDecode(res, &answer))
	require.Len(t, answer.Feeds, 1)
	assert.Equal(t, public, answer.Feeds[0].URL)
	require.Len(t, answer.Refused, 3)
	for i, want := range []string{"Router", "Metadata", "Cloud"} {
		assert.Equal(t, want, answer.Refused[i].Title)
		assert.Equal(t, "blocked_address", answer.Refused[i].Code)
	}
}

func jsonDecode(res *http.Response, v any) error { return json.NewDecoder(res.Body).Decode(v) }
