package podcast_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// timeVectorsFile holds the share-link time vectors that Go and the audio
// bridge (web/bridge.js, tested in e2e/timegrammar_test.go) must both meet.
const timeVectorsFile = "time_vectors.json"

// TimeVector is one row of timeVectorsFile: a link's query and fragment as
// written in the URL, and the clip it means (nil: no valid time).
type TimeVector struct {
	ID       string      `json:"id"`
	Src      string      `json:"src"`
	Query    *string     `json:"query"`
	Fragment *string     `json:"fragment"`
	Want     *[2]float64 `json:"want"`
	Note     string      `json:"note"`
}

func (v TimeVector) name() string {
	var b strings.Builder
	b.WriteString(v.Src)
	if v.ID != "" {
		b.WriteString("/" + v.ID)
	}
	if v.Query != nil {
		b.WriteString("/?" + *v.Query)
	}
	if v.Fragment != nil {
		b.WriteString("/#" + *v.Fragment)
	}
	return b.String()
}

func readTimeVectors(t *testing.T) []TimeVector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", timeVectorsFile))
	require.NoError(t, err)
	var file struct {
		About   string            `json:"about"`
		Format  string            `json:"format"`
		Sources map[string]string `json:"sources"`
		Vectors []TimeVector      `json:"vectors"`
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&file))
	require.NotEmpty(t, file.Vectors)
	for _, v := range file.Vectors {
		require.Contains(t, file.Sources, v.Src, "%s: unknown source", v.name())
		require.True(t, v.Query != nil || v.Fragment != nil, "%s: neither query nor fragment", v.name())
	}
	return file.Vectors
}

// TestTimeVectors: podcast.TimeFromURL gives every vector's clip, from the
// query as a server decodes it and the fragment as the browser has it.
func TestTimeVectors(t *testing.T) {
	seen := map[string]int{}
	for _, v := range readTimeVectors(t) {
		seen[v.Src]++
		t.Run(v.name(), func(t *testing.T) {
			q := url.Values{}
			if v.Query != nil {
				// ParseQuery drops the pairs it cannot decode and reports
				// the first; the server's r.URL.Query() does the same.
				q, _ = url.ParseQuery(*v.Query)
			}
			frag := ""
			if v.Fragment != nil {
				frag = *v.Fragment
			}
			got, ok := podcast.TimeFromURL(q, frag)
			if v.Want == nil {
				assert.False(t, ok, "no valid time (%s), got %+v", v.Note, got)
				assert.Equal(t, podcast.Range{}, got)
			} else if assert.True(t, ok, "a valid time (%s)", v.Note) {
				assert.Equal(t, ms(v.Want[0]), ms(got.Start), "start")
				assert.Equal(t, ms(v.Want[1]), ms(got.End), "end")
			}

			// The same through a whole URL, as the wasm and the server
			// read it (url.Parse refuses a fragment that does not decode).
			raw := "https://e.test/episode"
			if v.Query != nil {
				raw += "?" + *v.Query
			}
			if v.Fragment != nil {
				raw += "#" + *v.Fragment
			}
			if u, err := url.Parse(raw); err == nil {
				r, rok := podcast.TimeFromURL(u.Query(), u.EscapedFragment())
				assert.Equal(t, ok, rok, "through url.Parse")
				assert.Equal(t, got, r, "through url.Parse")
			}
		})
	}
	// Every W3C UA test case of the temporal dimension is there.
	assert.Equal(t, 69, seen["w3c"], "W3C vectors")
}
