package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// dataElementID is the id of the <script type="application/json"> in which
// the server embeds the data a prerendered page shows, so that the wasm's
// first render matches the prerendered DOM instead of flashing empty while
// it fetches the same data again.
const dataElementID = "es-data"

// pageData is the payload of the data element. Feed and GUID are the
// request's own parameters, so the browser can tell the data is for the URL
// it is on.
type pageData struct {
	Feed    string               `json:"feed"`
	GUID    string               `json:"guid,omitempty"`
	Episode *podcast.EpisodeView `json:"episode,omitempty"`
	Show    *podcast.Show        `json:"show,omitempty"`
}

// renderData embeds d into the prerendered page. json.Marshal escapes <, >
// and &, so the payload cannot close the script element.
func renderData(d pageData) app.UI {
	if !app.IsServer {
		return nil
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil
	}
	return app.Raw(`<script type="application/json" id="` + dataElementID + `">` + string(b) + `</script>`)
}

// embeddedData reads the data the server embedded, if the prerendered DOM is
// still there (it is, during OnInit of the first component).
func embeddedData() (pageData, bool) {
	var d pageData
	if !app.IsClient {
		return d, false
	}
	el := app.Window().GetElementByID(dataElementID)
	if !el.Truthy() {
		return d, false
	}
	if err := json.Unmarshal([]byte(el.Get("textContent").String()), &d); err != nil {
		return d, false
	}
	return d, true
}

// APISource is the browser's Source: it reads the server's JSON API.
type APISource struct {
	// Base is the server origin, e.g. "https://earshot.example"; empty means
	// the page's own origin.
	Base string
}

// Show implements Source.
func (s APISource) Show(ctx context.Context, feed string) (*podcast.Show, error) {
	var show podcast.Show
	if staticExport() {
		if err := s.getStatic(ctx, embed.StaticShowData, &show); err != nil {
			return nil, err
		}
		return &show, nil
	}
	if err := s.get(ctx, "/api/feed", url.Values{"feed": {feed}}, &show); err != nil {
		return nil, err
	}
	return &show, nil
}

// Episode implements Source.
func (s APISource) Episode(ctx context.Context, feed, guid string) (*podcast.EpisodeView, error) {
	var v podcast.EpisodeView
	if staticExport() {
		if guid == "" {
			show, err := s.Show(ctx, feed)
			if err != nil {
				return nil, err
			}
			if len(show.Episodes) == 0 {
				return nil, &Error{Code: codeNoEpisodes}
			}
			guid = show.Episodes[0].GUID
		}
		if err := s.getStatic(ctx, embed.StaticEpisodeData(guid), &v); err != nil {
			return nil, err
		}
		return &v, nil
	}
	if err := s.get(ctx, "/api/episode", url.Values{"feed": {feed}, "guid": {guid}}, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

func (s APISource) get(ctx context.Context, path string, q url.Values, out any) error {
	if !app.IsClient {
		return fmt.Errorf("api: %s: only available in the browser", path)
	}
	status, body, err := fetchText(ctx, s.Base+path+"?"+q.Encode())
	if err != nil {
		return &Error{Code: codeOffline}
	}
	if status != 200 {
		return apiError(status, body)
	}
	if err := json.Unmarshal([]byte(body), out); err != nil {
		return &Error{Code: codeBadAnswer}
	}
	return nil
}

// getStatic reads a JSON file of a static export.
func (s APISource) getStatic(ctx context.Context, path string, out any) error {
	status, body, err := fetchText(ctx, s.Base+path)
	if err != nil {
		return &Error{Code: codeOffline}
	}
	if status != 200 {
		return &Error{Code: codeStaticMissing}
	}
	if err := json.Unmarshal([]byte(body), out); err != nil {
		return &Error{Code: codeStaticMissing}
	}
	return nil
}
