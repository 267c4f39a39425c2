package site

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/opml"
)

// postOPML calls the handler with body and returns the status and the
// decoded answer.
func postOPML(t testing.TB, body []byte, contentType string) (int, opmlAnswer) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/opml", bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	(&Site{}).apiOPML(rec, req)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Equal(t, cacheNoStore, rec.Header().Get("Cache-Control"))
	var a opmlAnswer
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &a), "%s", rec.Body)
	return rec.Code, a
}

type opmlAnswer struct {
	Feeds []opml.Feed `json:"feeds"`
	Error *apiError   `json:"error"`
}

// A real app's export through the HTTP handler (opml's tests hold the
// parser to every app's shape).
func TestOPMLFixtureOverHTTP(t *testing.T) {
	b, err := os.ReadFile("../../opml/testdata/import/antennapod.opml")
	require.NoError(t, err)
	status, a := postOPML(t, b, "text/x-opml")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, opml.Feed{URL: "https://feeds.simplecast.com/BqbsxVfO", Title: "99% Invisible"}, a.Feeds[0])
	assert.Len(t, a.Feeds, 4)
}

func TestOPMLRefused(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"empty", ""},
		{"an RSS feed", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`},
		{"an HTML page", `<!doctype html><html><body><a href="https://example.com/feed.xml">feed</a></body></html>`},
		{"JSON", `{"feeds":[{"url":"https://example.com/feed"}]}`},
		{"plain text", "https://example.com/feed\n"},
		{"truncated", `<opml><body><outline text="Show" xmlUrl="https://example.com/feed"/><outline text="Oth`},
		{"unclosed", `<opml><body><outline text="Show" xmlUrl="https://example.com/feed"/>`},
		{"an unknown charset", `<?xml version="1.0" encoding="x-no-such"?><opml><body/></opml>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, a := postOPML(t, []byte(tt.body), "")
			assert.Equal(t, http.StatusBadRequest, status)
			require.NotNil(t, a.Error)
			assert.Equal(t, "not_opml", a.Error.Code)
			assert.Contains(t, a.Error.Message, "not an OPML subscription list")
			assert.Nil(t, a.Feeds)
		})
	}
}

func TestOPMLTooLarge(t *testing.T) {
	// Well-formed but too long: a comment pads it past the limit.
	big := []byte(`<opml><body><outline xmlUrl="https://example.com/feed"/></body></opml><!--` + strings.Repeat("x", maxOPMLBytes) + `-->`)
	status, a := postOPML(t, big, "")
	assert.Equal(t, http.StatusRequestEntityTooLarge, status)
	require.NotNil(t, a.Error)
	assert.Equal(t, "too_large", a.Error.Code)

	// Without a Content-Length (chunked), the limit holds while reading.
	req := httptest.NewRequest(http.MethodPost, "/api/opml", struct{ *bytes.Reader }{bytes.NewReader(big)})
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	(&Site{}).apiOPML(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)

	// Exactly the limit is accepted.
	exact := []byte(`<opml><body><outline xmlUrl="https://example.com/feed"/></body></opml>`)
	exact = append(exact, bytes.Repeat([]byte(" "), maxOPMLBytes-len(exact))...)
	status, _ = postOPML(t, exact, "")
	assert.Equal(t, http.StatusOK, status)
}

func TestOPMLMultipart(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	require.NoError(t, mw.WriteField("note", "not the file"))
	fw, err := mw.CreateFormFile("opml", "subscriptions.opml")
	require.NoError(t, err)
	_, err = fw.Write([]byte(`<opml><body><outline text="Show" xmlUrl="https://example.com/feed"/></body></opml>`))
	require.NoError(t, err)
	require.NoError(t, mw.Close())

	status, a := postOPML(t, body.Bytes(), mw.FormDataContentType())
	require.Equal(t, http.StatusOK, status, "%+v", a.Error)
	assert.Equal(t, []opml.Feed{{URL: "https://example.com/feed", Title: "Show"}}, a.Feeds)

	status, a = postOPML(t, []byte("--x\r\nbroken"), "multipart/form-data; boundary=x")
	assert.Equal(t, http.StatusBadRequest, status)
	require.NotNil(t, a.Error)
	assert.Equal(t, "bad_upload", a.Error.Code)
}
