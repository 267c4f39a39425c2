package site

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

// embedRoutes registers the embed API (/oembed, /api/embed).
func (s *Site) embedRoutes(lim *limiter) {
	s.mux.HandleFunc("GET "+embed.PathOEmbed, lim.limit(s.oembed))
	s.mux.HandleFunc("GET "+embed.PathEmbedAPI, lim.limit(s.apiEmbed))
}

// Errors of the embed API that are not feed errors.
var (
	errOEmbedURL = &apiError{Status: http.StatusNotFound, Code: "not_found",
		Message: "Earshot has no embed for that URL. Pass the address of an Earshot episode, embed or show page."}
	errOEmbedFormat = &apiError{Status: http.StatusNotImplemented, Code: "unsupported_format",
		Message: `Earshot answers oEmbed requests as format=json or format=xml.`}
	errNoURL = &apiError{Status: http.StatusBadRequest, Code: "bad_url",
		Message: "Pass the page to embed as ?url=…"}
	errEmbedFormat = &apiError{Status: http.StatusBadRequest, Code: "bad_format",
		Message: "Ask for format=html (the default) or format=json."}
)

// writeAPIError answers with one of the errors above.
func writeAPIError(w http.ResponseWriter, r *http.Request, e *apiError) {
	writeJSON(w, r, e.Status, cacheNoStore, map[string]*apiError{"error": e})
}

// oembedXML is the XML form of an oEmbed document: the same fields under an
// <oembed> root, as the oEmbed spec (section 2.3.4) shows.
type oembedXML struct {
	XMLName xml.Name `xml:"oembed"`
	embed.OEmbed
}

// oembed is GET /oembed?url=…&format=json|xml&maxwidth=…&maxheight=…: the
// oEmbed 1.0 provider endpoint (https://oembed.com/). url must be one of
// this server's episode, embed or show pages (a show page embeds the whole
// show, layout=show); the embed keeps the page's time and presentation
// options.
func (s *Site) oembed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := strings.ToLower(q.Get("format"))
	if format != "" && format != "json" && format != "xml" {
		writeAPIError(w, r, errOEmbedFormat)
		return
	}
	raw := q.Get("url")
	if raw == "" {
		writeAPIError(w, r, errNoURL)
		return
	}
	page, ok := s.ourPage(r, raw)
	if !ok {
		writeAPIError(w, r, errOEmbedURL)
		return
	}
	t := embed.ParseTarget(page)
	o := embed.ParseOptions(page.Query())
	showPage := page.Path != embed.PathEpisode && page.Path != embed.PathEmbed
	if showPage {
		// A show page embeds the whole show: its list, newest first.
		t.GUID, t.Time, o.Time, o.Layout = "", podcast.Range{}, podcast.Range{}, embed.LayoutShow
	}
	v, err := s.cfg.Feeds.Episode(r.Context(), s.feedOrDefault(t.Feed), t.GUID)
	if err != nil {
		writeError(w, r, err)
		return
	}
	title := frameSubject(v, o)
	author := v.Show.Author
	if author == "" {
		author = v.Show.Title
	}
	image := v.Episode.Image
	if image == "" {
		image = v.Show.Image
	}
	doc := embed.NewOEmbed(s.embedBase(r), t, o, title, author, image, sizeParam(q, "maxwidth"), sizeParam(q, "maxheight"))

	w.Header().Set("Access-Control-Allow-Origin", "*")
	if format == "xml" {
		b, err := xml.Marshal(oembedXML{OEmbed: doc})
		if err != nil {
			writeError(w, r, errInternal)
			return
		}
		body := append([]byte(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>`+"\n"), b...)
		writeBody(w, r, http.StatusOK, "text/xml; charset=utf-8", cacheShortAPI, body)
		return
	}
	writeJSON(w, r, http.StatusOK, cacheShortAPI, doc)
}

// frameSubject is what an embed with options o plays, for its titles: the
// show in the show layout, else the episode.
func frameSubject(v *podcast.EpisodeView, o embed.Options) string {
	if o.Layout == embed.LayoutShow {
		return v.Show.Title
	}
	return v.Episode.Title
}

// embedAnswer is the JSON form of GET /api/embed.
type embedAnswer struct {
	HTML   string `json:"html"`
	Src    string `json:"src"`
	Width  string `json:"width"`
	Height int    `json:"height"`
}

// apiEmbed is GET /api/embed?feed=…&guid=…&layout=…&theme=…&color=…&lang=…
// &t=…&autoplay=1&resizer=1&format=html|json: the snippet to paste, as
// text/html or as JSON with its src and size. The episode is loaded for the
// iframe's title (and to refuse episodes that do not exist).
func (s *Site) apiEmbed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := strings.ToLower(q.Get("format"))
	if format != "" && format != "html" && format != "json" {
		writeAPIError(w, r, errEmbedFormat)
		return
	}
	t := embed.ParseTarget(r.URL)
	o := embed.ParseOptions(q)
	v, err := s.cfg.Feeds.Episode(r.Context(), s.feedOrDefault(t.Feed), t.GUID)
	if err != nil {
		writeError(w, r, err)
		return
	}
	base := s.embedBase(r)
	resizer := q.Get("resizer") == "1" || strings.EqualFold(q.Get("resizer"), "true")
	snippet := embed.Snippet(base, t, o, frameSubject(v, o), resizer)

	w.Header().Set("Access-Control-Allow-Origin", "*")
	if format == "json" {
		writeJSON(w, r, http.StatusOK, cacheShortAPI, embedAnswer{
			HTML:   snippet,
			Src:    embed.EmbedURL(base, t, o),
			Width:  "100%",
			Height: o.LayoutOrDefault().Height(),
		})
		return
	}
	writeBody(w, r, http.StatusOK, "text/html; charset=utf-8", cacheShortAPI, []byte(snippet))
}

// ourPage parses raw and reports whether it is one of this server's player
// pages: same host as the base URL (either scheme; the request's host when
// no base URL is configured), path /, /show,
// /episode or /embed.
func (s *Site) ourPage(r *http.Request, raw string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return nil, false
	}
	host := hostOf(s.embedBase(r))
	if host == "" || !strings.EqualFold(u.Host, host) {
		return nil, false
	}
	switch u.Path {
	case "", "/", embed.PathShow, embed.PathEpisode, embed.PathEmbed:
		return u, true
	}
	return nil, false
}

// embedBase is the public URL to build embed URLs on: the configured base URL,
// or the request's own scheme and host when none is configured.
func (s *Site) embedBase(r *http.Request) string {
	if b := strings.TrimRight(s.cfg.BaseURL, "/"); b != "" {
		return b
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// sizeParam reads a positive pixel size (maxwidth, maxheight); anything
// else means no limit.
func sizeParam(q url.Values, name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(q.Get(name)))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
