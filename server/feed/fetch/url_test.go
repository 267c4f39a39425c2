package fetch

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLooseIPv4(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when not an address
	}{
		{"127.0.0.1", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"127.0.1", "127.0.0.1"},
		{"2130706433", "127.0.0.1"},
		{"0x7f.1", "127.0.0.1"},
		{"0x7f000001", "127.0.0.1"},
		{"0177.0.0.1", "127.0.0.1"},
		{"017700000001", "127.0.0.1"},
		{"0x", "0.0.0.0"},
		{"0", "0.0.0.0"},
		{"1.2.3.4.", "1.2.3.4"},
		{"4294967295", "255.255.255.255"},
		{"4294967296", ""},
		{"256.1", ""},
		{"1.256.1.1", ""},
		{"1.2.3.4.5", ""},
		{"1..2", ""},
		{"09", ""}, // 0-prefixed means octal
		{"0xg", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseLooseIPv4(tt.in)
			if tt.want == "" {
				assert.False(t, ok, "got %v", got)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"https://feeds.example.com/show.xml",
		"http://127.0.0.1/", "http://2130706433/", "http://0x7f.1/", "http://127.1/",
		"http://[::ffff:127.0.0.1]/", "http://[fe80::1%25en0]:8080/", "http://169.254.169.254/",
		"file:///etc/passwd", "javascript:alert(1)", "http://:80", "http://a:b@c/", "//x",
		"http://1.2.3.4.5/", "http://0x/", "http://example.0x10/", "http://%31%32%37.0.0.1/",
		"HTTP://EXAMPLE.COM:65535/", "http://example.com:65536/", "http://[::1]:0/",
	} {
		f.Add(s)
	}
	c := New(Options{Logger: quiet})
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := c.ParseURL(raw)
		if err != nil {
			var fe *Error
			require.True(t, errors.As(err, &fe), "error is not an *Error: %v", err)
			require.True(t, errors.Is(err, ErrBadURL) || errors.Is(err, ErrBlocked), "unexpected kind: %v", err)
			require.NotEmpty(t, fe.Msg)
			return
		}
		require.Contains(t, []string{"http", "https"}, u.Scheme)
		host := u.Hostname()
		require.NotEmpty(t, host)
		if ip, err := netip.ParseAddr(host); err == nil {
			require.Empty(t, c.refused(ip), "accepted refused address %s", ip)
		} else {
			require.False(t, endsInNumber(host), "accepted odd numeric host %q", host)
		}
		// What was accepted must survive a round trip through its string form.
		again, err := c.ParseURL(u.String())
		require.NoError(t, err, u.String())
		require.Equal(t, u.Hostname(), again.Hostname())
	})
}
