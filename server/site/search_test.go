package site

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func TestAPISearch(t *testing.T) {
	site, feeds := env(t)
	feed := feeds.URL + "/se-radio.xml"
	c := clientAt(6) // its own rate budget
	res, body := getFrom(t, c, site.URL+"/api/search?feed="+url.QueryEscape(feed)+"&q=kubernetes+borg")
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
	var r podcast.SearchResult
	require.NoError(t, json.Unmarshal(body, &r))
	require.NotEmpty(t, r.Moments)
	m := r.Moments[0]
	assert.Equal(t, podcast.MomentTitle, m.Kind)
	assert.Equal(t, "SE-Radio Episode 246: John Wilkes on Borg and Kubernetes", m.Episode)
	assert.True(t, strings.HasPrefix(m.Link, "http://earshot.test/episode?"), m.Link)
	assert.Equal(t, 249, r.Episodes)
	if r.Complete {
		assert.Contains(t, res.Header.Get("Cache-Control"), "max-age=")
	} else {
		assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
	}
}

// Bad queries get an answer that says what to do, never a server error.
func TestAPISearchBadQueries(t *testing.T) {
	site, feeds := env(t)
	feed := url.QueryEscape(feeds.URL + "/se-radio.xml")
	client := clientAt(7) // its own rate budget
	for _, c := range []struct {
		q      string
		status int
		code   string
	}{
		{"", http.StatusBadRequest, "empty_query"},
		{"   ", http.StatusBadRequest, "empty_query"},
		{"***", http.StatusBadRequest, "empty_query"},
		{strings.Repeat("a", 10<<10), http.StatusBadRequest, "query_too_long"},
		{strings.Repeat("ü", 201), http.StatusBadRequest, "query_too_long"},
		{`.*(a|b)[`, http.StatusOK, ""},
		{`<script>alert(1)</script>`, http.StatusOK, ""},
		{"東京 Москва القاهرة", http.StatusOK, ""},
		{"\xff\xfe", http.StatusBadRequest, "empty_query"},
		{"javascript", http.StatusOK, ""},
	} {
		res, body := getFrom(t, client, site.URL+"/api/search?feed="+feed+"&q="+url.QueryEscape(c.q))
		name := c.q[:min(len(c.q), 30)]
		require.Equal(t, c.status, res.StatusCode, "%q: %s", name, body)
		if c.code != "" {
			var e struct {
				Error apiError `json:"error"`
			}
			require.NoError(t, json.Unmarshal(body, &e), name)
			assert.Equal(t, c.code, e.Error.Code, name)
			assert.NotEmpty(t, e.Error.Message, name)
			continue
		}
		var r podcast.SearchResult
		require.NoError(t, json.Unmarshal(body, &r), name)
		assert.NotNil(t, r.Moments, name)
	}
	// A feed that is not one, or not allowed, is the feed's error.
	res, _ := getFrom(t, client, site.URL+"/api/search?feed="+url.QueryEscape(feeds.URL+"/gone.xml")+"&q=x")
	assert.Equal(t, http.StatusBadGateway, res.StatusCode)
	res, _ = getFrom(t, client, site.URL+"/api/search?feed="+url.QueryEscape("http://169.254.169.254/feed")+"&q=x")
	assert.Less(t, res.StatusCode, 500)
}
