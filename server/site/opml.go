package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/earshot/earshot/library"
	"github.com/earshot/earshot/podcast"
)

// maxOPMLBytes bounds an uploaded OPML file. A subscription list of a
// thousand shows is about 200 KB.
const maxOPMLBytes = 1 << 20

// Errors of POST /api/opml.
var (
	errNotOPML = &apiError{Status: http.StatusBadRequest, Code: "not_opml",
		Message: "That file is not an OPML subscription list. Export one from your podcast app (the file usually ends in .opml) and try again."}
	errOPMLTooLarge = &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
		Message: "That file is larger than 1 MB, more than any subscription list needs. Check that it is the OPML export of your podcast app."}
	errOPMLUpload = &apiError{Status: http.StatusBadRequest, Code: "bad_upload",
		Message: "The file did not arrive whole. Try again."}
)

// opmlFeed is one show found in an OPML file.
type opmlFeed struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// apiOPML is POST /api/opml: the body is an OPML file (as is, whatever its
// Content-Type, or the first file of a multipart/form-data upload); the
// answer is {"feeds":[{"url","title"}]}, the shows it lists, in order and
// without duplicates. The app subscribes to them itself: the library lives
// in the browser. The server reads the file because encoding/xml is too
// heavy for the wasm.
func (s *Site) apiOPML(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > maxOPMLBytes {
		writeAPIError(w, r, errOPMLTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxOPMLBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeAPIError(w, r, errOPMLTooLarge)
		} else {
			writeAPIError(w, r, errOPMLUpload)
		}
		return
	}
	if body, err = uploadedFile(r.Header.Get("Content-Type"), body); err != nil {
		writeAPIError(w, r, errOPMLUpload)
		return
	}
	feeds, err := parseOPML(body)
	if err != nil {
		logFailure(r.Context(), r.URL.Path, err, *errNotOPML)
		writeAPIError(w, r, errNotOPML)
		return
	}
	feeds, refused := s.refuseOPMLFeeds(feeds)
	writeJSON(w, r, http.StatusOK, cacheNoStore, struct {
		Feeds   []opmlFeed    `json:"feeds"`
		Refused []opmlRefusal `json:"refused,omitempty"`
	}{feeds, refused})
}

// opmlRefusal is a show of an OPML file that Earshot will not fetch (a
// private address, say), with the error code saying why: the app tells the
// listener, per show, rather than dropping it in silence.
type opmlRefusal struct {
	opmlFeed
	Code string `json:"code"`
}

// refuseOPMLFeeds splits feeds into those the feed service would fetch and
// those it refuses by their URL alone (nothing is fetched or resolved).
func (s *Site) refuseOPMLFeeds(feeds []opmlFeed) ([]opmlFeed, []opmlRefusal) {
	check, ok := s.cfg.Feeds.(interface{ CheckURL(string) error })
	if !ok {
		return feeds, nil
	}
	kept := feeds[:0:0]
	var refused []opmlRefusal
	for _, f := range feeds {
		if err := check.CheckURL(f.URL); err != nil {
			refused = append(refused, opmlRefusal{opmlFeed: f, Code: classify(err).Code})
			continue
		}
		kept = append(kept, f)
	}
	return kept, refused
}

// uploadedFile is the file in body: body itself, or for a multipart upload
// (a form posted with its file input) the first part that is a file, else
// the first part.
func uploadedFile(contentType string, body []byte) ([]byte, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.HasPrefix(mt, "multipart/") || params["boundary"] == "" {
		return body, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var first []byte
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("opml: multipart: %w", err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			return nil, fmt.Errorf("opml: multipart: %w", err)
		}
		if p.FileName() != "" {
			return b, nil
		}
		if first == nil {
			first = b
		}
	}
	if first == nil {
		return nil, errors.New("opml: multipart: no parts")
	}
	return first, nil
}

// errNoOPMLRoot: the document is XML but not OPML.
var errNoOPMLRoot = errors.New("the document is not <opml>")

// parseOPML reads the shows an OPML 1.0 or 2.0 file lists: every outline,
// at any depth (folders, categories), that has an xmlUrl, or that has
// type="rss" and a url. Exports from podcast apps vary, so element and
// attribute names are matched case-insensitively (xmlUrl, xmlurl, XMLURL),
// HTML entities are understood (&eacute;, and titles escaped twice), and a
// declared legacy charset or a UTF-16 byte order mark is decoded. The title
// is the title attribute, else text; a title that only repeats the URL is
// none. feed:, itpc: and pcast: URLs (Apple's old subscribe links) become
// http:; other URLs that are not http or https are left out. Shows are
// deduplicated by library.FeedKey, keeping the first place and the first
// title found.
func parseOPML(b []byte) ([]opmlFeed, error) {
	// A BOM decides the encoding (UTF-16 becomes UTF-8); without one the
	// bytes pass through.
	in := transform.NewReader(bytes.NewReader(b), unicode.BOMOverride(encoding.Nop.NewDecoder()))
	d := xml.NewDecoder(in)
	d.Strict = false // bare & in URLs, unquoted attributes
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.HasPrefix(strings.ToLower(label), "utf-16") {
			return r, nil // decoded above, by its BOM
		}
		return charset.NewReaderLabel(label, r)
	}

	feeds := []opmlFeed{}
	index := map[string]int{} // FeedKey → index in feeds
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			if !strings.EqualFold(se.Name.Local, "opml") {
				return nil, errNoOPMLRoot
			}
			root = true
			continue
		}
		if !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		f, ok := outlineFeed(se.Attr)
		if !ok {
			continue
		}
		k := library.FeedKey(f.URL)
		if i, dup := index[k]; dup {
			if feeds[i].Title == "" {
				feeds[i].Title = f.Title
			}
			continue
		}
		index[k] = len(feeds)
		feeds = append(feeds, f)
	}
	if !root {
		return nil, errNoOPMLRoot
	}
	return feeds, nil
}

// outlineFeed is the show an outline names, if it names one.
func outlineFeed(attrs []xml.Attr) (opmlFeed, bool) {
	var xmlURL, plainURL, typ, title, text string
	for _, a := range attrs {
		v := strings.TrimSpace(a.Value)
		switch strings.ToLower(a.Name.Local) {
		case "xmlurl":
			xmlURL = v
		case "url":
			plainURL = v
		case "type":
			typ = strings.ToLower(v)
		case "title":
			title = v
		case "text":
			text = v
		}
	}
	u := xmlURL
	if u == "" && (typ == "rss" || typ == "atom") {
		u = plainURL
	}
	u, ok := feedURL(u)
	if !ok {
		return opmlFeed{}, false
	}
	if title == "" {
		title = text
	}
	title = strings.TrimSpace(unescapeTwice(title))
	if library.FeedKey(title) == library.FeedKey(u) {
		title = ""
	}
	return opmlFeed{URL: u, Title: title}, true
}

// feedURL is raw as an http or https feed URL, if it is one.
func feedURL(raw string) (string, bool) {
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok {
		return "", false
	}
	switch strings.ToLower(scheme) {
	case "feed", "itpc", "pcast", "podcast":
		if r := strings.ToLower(rest); strings.HasPrefix(r, "http://") || strings.HasPrefix(r, "https://") {
			raw = rest // feed:https://host/…
		} else if strings.HasPrefix(rest, "//") {
			raw = "http:" + rest
		}
	}
	if podcast.SafeLink(raw) == "" { // Earshot's one URL policy
		return "", false
	}
	return raw, true
}

// unescapeTwice decodes the character references left in s after XML
// decoding: "&amp;amp;" in the file, a title escaped twice by its
// exporter (as feeds often are), reads "&amp;", which is "&". Only complete
// references ending in ';' are decoded, so "R&D" or "Fish &amp Chips" stay.
func unescapeTwice(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if j := strings.IndexByte(s, ';'); j > 1 && j <= 32 && isRefName(s[1:j]) {
			// html decodes a legacy prefix without its ';' ("&ampx;"
			// gives "&x;"): a whole reference leaves no ';'.
			if ref, dec := s[:j+1], html.UnescapeString(s[:j+1]); dec != ref && !strings.HasSuffix(dec, ";") {
				b.WriteString(dec)
				s = s[j+1:]
				continue
			}
		}
		b.WriteByte('&')
		s = s[1:]
	}
	b.WriteString(s)
	return b.String()
}

// isRefName reports whether s can be the name of a character reference:
// letters and digits, or '#' and a number.
func isRefName(s string) bool {
	for i, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#' && i == 0) {
			return false
		}
	}
	return true
}
