package transcript

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []seg
	}{
		{
			name: "Podcasting 2.0 layout",
			in:   "<cite>Travis:</cite>\n<time>0:00</time>\n<p>When you first get started, it&#39;s hard.</p>\n<cite>Sarah:</cite>\n<time>1:02:03</time>\n<p>Creating good\naudio &amp; more</p>\n",
			want: []seg{
				{Start: 0, Speaker: "Travis", Text: "When you first get started, it's hard."},
				{Start: 3723, Speaker: "Sarah", Text: "Creating good audio & more"},
			},
		},
		{
			name: "cite and time inside the paragraph, full document",
			in:   "<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body><p><cite>Travis:</cite> <time>0:05</time> Hi <b>there</b><br>friend</p><script>var p = '<p>x</p>';</script></body></html>",
			want: []seg{{Start: 5, Speaker: "Travis", Text: "Hi there friend"}},
		},
		{
			name: "several paragraphs per turn take the turn's speaker and start",
			in:   "<cite>A:</cite><time>0:10</time><p>one</p><p>two</p><cite>B:</cite><time>0:20</time><p>three</p>",
			want: []seg{
				{Start: 10, Speaker: "A", Text: "one"},
				{Start: 10, Speaker: "A", Text: "two"},
				{Start: 20, Speaker: "B", Text: "three"},
			},
		},
		{
			name: "unclosed paragraphs",
			in:   "<cite>A:</cite><time>0:01</time><p>one<cite>B:</cite><time>0:02</time><p>two<div>ignored</div>",
			want: []seg{{Start: 1, Speaker: "A", Text: "one"}, {Start: 2, Speaker: "B", Text: "two"}},
		},
		{
			name: "datetime attribute when the text is not a time",
			in:   `<cite>A</cite><time datetime="00:01:30">a minute and a half</time><p>text</p>`,
			want: []seg{{Start: 90, Speaker: "A", Text: "text"}},
		},
		{
			name: "no cite: speaker prefixes in paragraphs, untimed",
			in:   "<p>Luisa: Hello.</p><p>Still Luisa.</p><p>Daniel: Thanks.</p>",
			want: []seg{
				{Speaker: "Luisa", Text: "Hello."},
				{Speaker: "Luisa", Text: "Still Luisa."},
				{Speaker: "Daniel", Text: "Thanks."},
			},
		},
		{
			name: "text outside paragraphs ignored",
			in:   "<h1>Transcript</h1><p>only this</p>stray",
			want: []seg{{Text: "only this"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHTML([]byte(tt.in))
			require.NoError(t, err)
			requireWellFormed(t, got)
			assert.Equal(t, tt.want, got.Segments)
		})
	}
}

func TestParseHTMLErrors(t *testing.T) {
	for _, in := range []string{"", "<html><body><h1>Not found</h1></body></html>", "<p>   </p>"} {
		_, err := ParseHTML([]byte(in))
		require.ErrorIs(t, err, ErrEmpty, "%q", in)
		assert.EqualError(t, err, "transcript: no segments in HTML")
	}
}
