package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/earshot/earshot/opml"
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
	feeds, err := opml.Parse(body)
	if err != nil {
		logFailure(r.Context(), r.URL.Path, err, *errNotOPML)
		writeAPIError(w, r, errNotOPML)
		return
	}
	feeds, refused := s.refuseOPMLFeeds(feeds)
	writeJSON(w, r, http.StatusOK, cacheNoStore, struct {
		Feeds   []opml.Feed   `json:"feeds"`
		Refused []opmlRefusal `json:"refused,omitempty"`
	}{feeds, refused})
}

// opmlRefusal is a show of an OPML file that Earshot will not fetch (a
// private address, say), with the error code saying why: the app tells the
// listener, per show, rather than dropping it in silence.
type opmlRefusal struct {
	opml.Feed
	Code string `json:"code"`
}

// refuseOPMLFeeds splits feeds into those the feed service would fetch and
// those it refuses by their URL alone (nothing is fetched or resolved).
func (s *Site) refuseOPMLFeeds(feeds []opml.Feed) ([]opml.Feed, []opmlRefusal) {
	check, ok := s.cfg.Feeds.(interface{ CheckURL(string) error })
	if !ok {
		return feeds, nil
	}
	kept := feeds[:0:0]
	var refused []opmlRefusal
	for _, f := range feeds {
		if err := check.CheckURL(f.URL); err != nil {
			refused = append(refused, opmlRefusal{Feed: f, Code: classify(err).Code})
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
