package feed

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// CheckURL refuses what Show would refuse by the URL alone, fetching and
// resolving nothing; the server's own origin stays allowed.
func TestCheckURL(t *testing.T) {
	s := New(Options{Trusted: []string{"http://localhost:8080"}})
	for _, tc := range []struct {
		url  string
		want error
	}{
		{"https://example.com/feed.xml", nil},
		{"http://localhost:8080/demo/feed.xml", nil},
		{"http://10.0.0.1/feed.xml", ErrBlocked},
		{"http://[::1]/feed.xml", ErrBlocked},
		{"http://printer.local/feed.xml", ErrBlocked},
		{"http://localhost:9999/feed.xml", ErrBlocked},
		{"http://2130706433/feed.xml", ErrBlocked},
		{"ftp://example.com/feed.xml", ErrBadURL},
	} {
		err := s.CheckURL(tc.url)
		if tc.want == nil {
			assert.NoError(t, err, tc.url)
		} else {
			assert.True(t, errors.Is(err, tc.want), "%s: %v", tc.url, err)
		}
	}
}
