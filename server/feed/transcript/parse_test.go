package transcript

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func TestParseDispatch(t *testing.T) {
	const (
		vtt      = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>vtt\n"
		headless = "00:01.000 --> 00:02.000\nheadless\n"
		srt      = "1\n00:00:01,000 --> 00:00:02,000\nsrt\n"
		p20      = `{"version":"1.0.0","segments":[{"startTime":1,"endTime":2,"body":"json"}]}`
		podlove  = `[{"start":"00:00:01.000","end":"00:00:02.000","text":"podlove"}]`
		htm      = "<cite>A:</cite><time>0:01</time><p>html</p>"
		txt      = "A: text\n"
		bracket  = "[Music] A: bracketed text\n"
	)
	tests := []struct {
		name, data, mimeType, url string
		wantText                  string
	}{
		{"vtt by type", vtt, "text/vtt", "", "vtt"},
		{"vtt by type with params", vtt, "text/vtt; charset=utf-8", "", "vtt"},
		{"vtt sent as text/plain", vtt, "text/plain", "", "vtt"},
		{"vtt sent as octet-stream", vtt, "application/octet-stream", "https://h.example/t", "vtt"},
		{"vtt labelled as srt", vtt, "application/x-subrip", "", "vtt"},
		{"vtt without header, declared vtt", headless, "text/vtt", "", "headless"},
		{"srt by type", srt, "application/x-subrip", "", "srt"},
		{"srt as application/srt", srt, "application/srt", "", "srt"},
		{"srt as text/srt", srt, "text/srt", "", "srt"},
		{"srt with no type", srt, "", "", "srt"},
		{"srt labelled vtt", srt, "text/vtt", "x.vtt", "srt"},
		{"json by type", p20, "application/json", "", "json"},
		{"json sent as text/plain", p20, "text/plain", "", "json"},
		{"json with no type", p20, "", "", "json"},
		{"podlove json as octet-stream", podlove, "application/octet-stream", "", "podlove"},
		{"html by type", htm, "text/html; charset=UTF-8", "", "html"},
		{"html sent as text/plain", htm, "text/plain", "", "html"},
		{"html by extension", htm, "application/octet-stream", "https://h.example/ep1.html?x=1", "html"},
		{"text by type", txt, "text/plain", "", "text"},
		{"text with no type", txt, "", "", "text"},
		{"text by extension", txt, "", "https://h.example/ep1.txt", "text"},
		{"bracket text is not json", bracket, "text/plain", "", "[Music] A: bracketed text"},
		{"text declared html", "<p>B: in html</p>", "text/html", "t.txt", "in html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.data), tt.mimeType, tt.url)
			require.NoError(t, err)
			requireWellFormed(t, got)
			require.Len(t, got.Segments, 1)
			assert.Equal(t, tt.wantText, got.Segments[0].Text)
		})
	}
}

func TestParseDispatchErrors(t *testing.T) {
	tests := []struct {
		name, data, mimeType, url string
		wantErr                   error
		msg                       string
	}{
		{"html error page for a vtt", "<html><body>404</body></html>", "text/vtt", "x.vtt", ErrInvalid, "transcript: not WebVTT: missing WEBVTT header"},
		{"html error page for a json", "<html><body>404</body></html>", "application/json", "", ErrInvalid, "transcript: not JSON: expected an object or an array"},
		{"broken json", `{"segments":[`, "application/json", "", ErrInvalid, "transcript: not JSON: unexpected end of JSON input"},
		{"json by extension", `{"segments":[`, "", "https://h.example/t.json", ErrInvalid, "transcript: not JSON: unexpected end of JSON input"},
		{"binary", "\x00\x01\x02\x03ID3", "application/octet-stream", "", ErrUnknownFormat, `transcript: unknown format (type "application/octet-stream", url "")`},
		{"empty", "", "", "", ErrUnknownFormat, `transcript: unknown format (type "", url "")`},
		{"empty vtt", "", "text/vtt", "", ErrInvalid, "transcript: not WebVTT: missing WEBVTT header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data), tt.mimeType, tt.url)
			require.ErrorIs(t, err, tt.wantErr)
			assert.EqualError(t, err, tt.msg)
		})
	}
}

func TestLimits(t *testing.T) {
	t.Run("too large", func(t *testing.T) {
		big := bytes.Repeat([]byte("a"), MaxBytes+1)
		for name, parse := range parsers() {
			_, err := parse(big)
			require.ErrorIs(t, err, ErrTooLarge, name)
		}
		_, err := Parse(big, "text/plain", "")
		require.ErrorIs(t, err, ErrTooLarge)
		assert.EqualError(t, err, "transcript: input too large (10485761 bytes, limit 10485760)")
	})
	t.Run("too many segments", func(t *testing.T) {
		var b strings.Builder
		for i := range MaxSegments + 1 {
			b.WriteString("x\n\n")
			_ = i
		}
		_, err := ParseText([]byte(b.String()))
		require.ErrorIs(t, err, ErrTooManySegments)

		b.Reset()
		b.WriteString("WEBVTT\n\n")
		for i := range MaxSegments + 1 {
			b.WriteString(strconv.Itoa(i) + " --> " + strconv.Itoa(i+1) + "\nx\n\n")
		}
		require.Less(t, b.Len(), MaxBytes)
		_, err = ParseVTT([]byte(b.String()))
		require.ErrorIs(t, err, ErrTooManySegments)
	})
	t.Run("times beyond the limit", func(t *testing.T) {
		got, err := ParseJSON([]byte(`[{"start":1e12,"text":"dropped"},{"start":1,"end":1e12,"text":"kept"}]`))
		require.NoError(t, err)
		assert.Equal(t, []seg{{Start: 1, Text: "kept"}}, got.Segments)
	})
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"utf-8", "café", "café"},
		{"utf-8 bom", "\uFEFFcafé", "café"},
		{"windows-1252", "caf\xe9 \x80 \x85", "café € …"},
		{"utf-16le", utf16LE("café\r\n"), "café\n"},
		{"utf-16be", "\xFE\xFF\x00c\x00a\x00f\x00\xe9", "café"},
		{"cr and crlf", "a\r\nb\rc", "a\nb\nc"},
	}
	for _, tt := range tests {
		got, err := decode([]byte(tt.in))
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, got, tt.name)
	}
}

func TestFormatOf(t *testing.T) {
	assert.Equal(t, formatVTT, formatOfMIME("TEXT/VTT; charset=utf-8"))
	assert.Equal(t, formatJSON, formatOfMIME("application/vnd.example+json"))
	assert.Equal(t, formatUnknown, formatOfMIME("application/octet-stream"))
	assert.Equal(t, formatUnknown, formatOfMIME("garbage;;;"))
	assert.Equal(t, formatSRT, formatOfURL("https://h.example/a/b.SRT?download=1#x"))
	assert.Equal(t, formatVTT, formatOfURL("transcript.vtt"))
	assert.Equal(t, formatUnknown, formatOfURL("https://h.example/transcript"))
	assert.Equal(t, formatUnknown, formatOfURL("https://h.example/x.vtt.php"))
}

// parsers lists the format-specific parsers, for tests that apply to all.
func parsers() map[string]func([]byte) (podcast.Transcript, error) {
	return map[string]func([]byte) (podcast.Transcript, error){
		"vtt": ParseVTT, "srt": ParseSRT, "json": ParseJSON, "html": ParseHTML, "text": ParseText,
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
func itoa(i int) string     { return strconv.Itoa(i) }
