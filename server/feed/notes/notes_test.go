package notes

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

const ext = `target="_blank" rel="noopener noreferrer"`

func TestSanitize(t *testing.T) {
	base := "https://example.com/show/ep-1"
	tests := []struct {
		name string
		in   string
		base string
		want string
	}{
		{name: "empty", in: "  \n ", want: ""},
		{
			name: "formatting is kept",
			in:   `<h1>T</h1><h6>S</h6><p><strong>b</strong> <b>b</b> <em>e</em> <i>i</i> <u>u</u><br>x</p><hr>`,
			want: `<h1>T</h1><h6>S</h6><p><strong>b</strong> <b>b</b> <em>e</em> <i>i</i> <u>u</u><br/>x</p><hr/>`,
		},
		{
			name: "lists, quotes, code",
			in:   `<ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote cite="https://x.org">q</blockquote><pre><code>x := 1</code></pre>`,
			want: `<ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote>q</blockquote><pre><code>x := 1</code></pre>`,
		},
		{
			name: "table basics",
			in:   `<table border=1 style="x"><tr><th>h</th><td colspan="2" bgcolor="red">d</td></tr></table>`,
			want: `<table><tbody><tr><th>h</th><td colspan="2">d</td></tr></tbody></table>`,
		},
		{
			name: "figure with image",
			in:   `<figure><img src="https://cdn.example.com/a.jpg" alt="A" width="640" height="x" class="wp"><figcaption>cap</figcaption></figure>`,
			want: `<figure><img src="https://cdn.example.com/a.jpg" alt="A" width="640" loading="lazy"/><figcaption>cap</figcaption></figure>`,
		},
		{
			name: "relative link and image resolved against base",
			in:   `<a href="../about?a=1&amp;b=2#top">About</a><img src="/img/a.png">`,
			base: base,
			want: `<p><a href="https://example.com/about?a=1&amp;b=2#top" ` + ext + `>About</a><img src="https://example.com/img/a.png" loading="lazy"/></p>`,
		},
		{
			name: "in-page anchor becomes a link to the episode page",
			in:   `<a href="#notes">Notes</a>`,
			base: base,
			want: `<p><a href="https://example.com/show/ep-1#notes" ` + ext + `>Notes</a></p>`,
		},
		{
			name: "relative link without base is unwrapped",
			in:   `<p><a href="/about">About</a> us</p><img src="a.png">`,
			want: `<p>About us</p>`,
		},
		{
			name: "scheme-relative without base is https",
			in:   `<a href="//example.org/x">x</a>`,
			want: `<p><a href="https://example.org/x" ` + ext + `>x</a></p>`,
		},
		{
			name: "a non-web base is ignored",
			in:   `<a href="x">x</a>`,
			base: "file:///etc/passwd",
			want: `<p>x</p>`,
		},
		{
			name: "author target, rel, class and id are replaced",
			in:   `<a href="https://example.org" target="_self" rel="opener" class="ts" data-t="5" id="x" name="y" title="T">x</a>`,
			want: `<p><a href="https://example.org" ` + ext + ` title="T">x</a></p>`,
		},
		{
			name: "mailto kept, tel and ftp unwrapped",
			in:   `<a href="mailto:hi@example.org">mail</a> <a href="tel:+123">call</a> <a href="ftp://x.org/">ftp</a>`,
			want: `<p><a href="mailto:hi@example.org" ` + ext + `>mail</a> call ftp</p>`,
		},
		{
			name: "author media-fragment links become timestamp links",
			in:   `<a href="#t=1:30">a</a> <a href="#t=90.5,100">b</a> <a href="#t=npt:10">c</a> <a href=" #t=0 ">d</a>`,
			want: `<p><a href="#t=90" data-t="90" class="ts">a</a> <a href="#t=90.5" data-t="90.5" class="ts">b</a> <a href="#t=10" data-t="10" class="ts">c</a> <a href="#t=0" data-t="0" class="ts">d</a></p>`,
		},
		{
			name: "unknown and presentational tags are stripped, text kept",
			in:   `<section><font color=red><span style="x"><p>Hi</p></span></font> <center>there</center></section>`,
			want: `<div><p>Hi</p> <div>there</div></div>`,
		},
		{
			name: "plain text: paragraphs, line breaks, links",
			in:   "First line\nsecond line\n\n\nSee https://example.com/a_(b). Or www.example.org, or mail hi@example.org!",
			want: `<p>First line<br/>second line</p><p>See <a href="https://example.com/a_(b)" ` + ext + `>https://example.com/a_(b)</a>. Or <a href="https://www.example.org" ` + ext + `>www.example.org</a>, or mail <a href="mailto:hi@example.org" ` + ext + `>hi@example.org</a>!</p>`,
		},
		{
			name: "plain text: entities decoded then escaped",
			in:   `Tom &amp; Jerry &quot;live&quot; &lt;b&gt; a < b`,
			want: `<p>Tom &amp; Jerry &#34;live&#34; &lt;b&gt; a &lt; b</p>`,
		},
		{
			name: "plain text: angle-bracketed URL",
			in:   `Web: <https://example.com>`,
			want: `<p>Web: &lt;<a href="https://example.com" ` + ext + `>https://example.com</a>&gt;</p>`,
		},
		{
			name: "plain text: CRLF",
			in:   "a\r\nb\r\n\r\nc",
			want: `<p>a<br/>b</p><p>c</p>`,
		},
		{
			name: "inline-only HTML keeps its newlines",
			in:   "<b>Chapters</b>\n00:00 Intro\n\n05:00 <i>Topic</i>",
			want: `<p><b>Chapters</b><br/>00:00 Intro<br/><br/>05:00 <i>Topic</i></p>`,
		},
		{
			name: "HTML with blocks ignores source newlines",
			in:   "<p>a\nb</p>\n<p>c</p>",
			want: "<p>a\nb</p>\n<p>c</p>",
		},
		{
			name: "inline-only HTML without newlines becomes a paragraph",
			in:   `<font>Hi</font> there`,
			want: `<p>Hi there</p>`,
		},
		{
			name: "timestamps are not linked by Sanitize",
			in:   `<p>(03:15) Intro</p>`,
			want: `<p>(03:15) Intro</p>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var base *url.URL
			if tt.base != "" {
				base = mustURL(t, tt.base)
			}
			got := Sanitize(tt.in, base)
			assert.Equal(t, podcast.SafeHTML(tt.want), got)
			assert.Empty(t, violations(string(got)))
			assert.Equal(t, got, Sanitize(string(got), base), "sanitizing again changes the output")
		})
	}
}

// TestSanitizeHostile feeds known XSS vectors through every entry point and
// checks the re-parsed output against the allow-list in safety_test.go.
func TestSanitizeHostile(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // exact Sanitize output, when worth pinning
	}{
		{name: "script", in: `<p>a<script>alert(1)</script>b</p>`, want: `<p>ab</p>`},
		{name: "script uppercase, unclosed", in: `<SCRIPT SRC=https://evil.example/x.js>alert(1)`, want: ``},
		{name: "img onerror", in: `<img src=x onerror=alert(1)>`, want: `<p><img src="https://example.com/ep/x" loading="lazy"/></p>`},
		{name: "img javascript src", in: `<img src="javascript:alert(1)">`, want: ``},
		{name: "img data src", in: `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`, want: ``},
		{name: "img srcset", in: `<img src="https://x.org/a.png" srcset="javascript:alert(1) 1x">`, want: `<p><img src="https://x.org/a.png" loading="lazy"/></p>`},
		{name: "a javascript", in: `<a href="javascript:alert(1)">x</a>`, want: `<p>x</p>`},
		{name: "a javascript mixed case with entity colon", in: `<a href="JaVaScRiPt&#58;alert(1)">x</a>`, want: `<p>x</p>`},
		{name: "a javascript entity-encoded j", in: `<a href="&#106;avascript:alert(1)">x</a>`, want: `<p>x</p>`},
		{name: "a javascript with tab", in: "<a href=\"java\tscript:alert(1)\">x</a>", want: `<p>x</p>`},
		{name: "a javascript with entity tab", in: `<a href="java&#x09;script:alert(1)">x</a>`, want: `<p>x</p>`},
		{name: "a javascript leading space and control", in: "<a href=\" \x01javascript:alert(1)\">x</a>", want: `<p>x</p>`},
		{name: "a vbscript", in: `<a href="vbscript:msgbox(1)">x</a>`, want: `<p>x</p>`},
		{name: "a data html", in: `<a href="data:text/html,<script>alert(1)</script>">x</a>`, want: `<p>x</p>`},
		{name: "a onclick on timestamp", in: `<a href="#t=1" onclick="alert(1)" style="x">one</a>`, want: `<p><a href="#t=1" data-t="1" class="ts">one</a></p>`},
		{name: "a forged timestamp", in: `<a href="#t=1" class="ts evil" data-t="javascript:alert(1)">x</a>`, want: `<p><a href="#t=1" data-t="1" class="ts">x</a></p>`},
		{name: "a fragment that is not a time is an anchor on the episode page", in: `<a href="#t=alert(1)">x</a>`, want: `<p><a href="https://example.com/ep/1#t=alert(1)" ` + ext + `>x</a></p>`},
		{name: "svg onload", in: `<svg onload=alert(1)><text>hi</text></svg>ok`, want: `<p>ok</p>`},
		{name: "svg script", in: `<svg><script>alert(1)</script></svg>`, want: ``},
		{name: "math mxss", in: `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, want: ``},
		{name: "iframe", in: `<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>"></iframe>ok`, want: `<p>ok</p>`},
		{name: "style element", in: `<style>body{background:url(javascript:alert(1))}</style>ok`, want: `<p>ok</p>`},
		{name: "style attribute", in: `<p style="background:url(javascript:alert(1))">x</p>`, want: `<p>x</p>`},
		{name: "form", in: `<form action="https://evil.example"><input name=p autofocus onfocus=alert(1)><button formaction=javascript:alert(1)>Go</button>text</form>`, want: `<div>text</div>`},
		{name: "meta refresh", in: `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">ok`, want: `<p>ok</p>`},
		{name: "base", in: `<base href="https://evil.example/"><a href="x">x</a>`, want: `<p><a href="https://example.com/ep/x" ` + ext + `>x</a></p>`},
		{name: "link stylesheet", in: `<link rel=stylesheet href=https://evil.example/x.css>ok`, want: `<p>ok</p>`},
		{name: "object and embed", in: `<object data="https://evil.example/x.swf"><param name=a value=b></object><embed src="https://evil.example/x.swf">ok`, want: `<p>ok</p>`},
		{name: "noscript breakout", in: `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`},
		{name: "comment", in: `<!--<img src=x onerror=alert(1)>-->ok`, want: `<p>ok</p>`},
		{name: "conditional comment", in: `<!--[if IE]><script>alert(1)</script><![endif]-->ok`, want: `<p>ok</p>`},
		{name: "cdata", in: `<![CDATA[<script>alert(1)</script>]]>ok`},
		{name: "template", in: `<template><script>alert(1)</script></template>ok`, want: `<p>ok</p>`},
		{name: "textarea", in: `<textarea><script>alert(1)</script></textarea>ok`, want: `<p>ok</p>`},
		{name: "xmp", in: `<xmp><script>alert(1)</script></xmp>ok`, want: `<p>ok</p>`},
		{name: "plaintext", in: `ok<plaintext><a href="javascript:alert(1)">x</a>`, want: `<p>ok</p>`},
		{name: "title", in: `<title></title><script>alert(1)</script></title>ok`},
		{name: "details ontoggle", in: `<details open ontoggle=alert(1)>x</details>`, want: `<div>x</div>`},
		{name: "video source onerror", in: `<video><source onerror=alert(1)></video>ok`, want: `<p>ok</p>`},
		{name: "audio", in: `<audio src="https://evil.example/a.mp3" autoplay></audio>ok`, want: `<p>ok</p>`},
		{name: "body onload", in: `<body onload=alert(1)>ok</body>`, want: `<p>ok</p>`},
		{name: "marquee", in: `<marquee onstart=alert(1)>ok</marquee>`, want: `<p>ok</p>`},
		{name: "nested and unclosed", in: `<p><b><i>unclosed <a href="https://x.org/">link <div>block`},
		{name: "misnested", in: `<div><p>x</div></p><b><i>y</b></i>`},
		{name: "nested links", in: `<a href="https://evil.example"><a href="#t=1">x</a></a>`},
		{name: "attribute breakout", in: `<a href="https://x.org/" title='"><script>alert(1)</script>'>x</a>`},
		{name: "unquoted attribute breakout", in: `<img src=https://x.org/a.png alt=x onerror=alert(1)//>`},
		{name: "dom clobbering", in: `<img name="getElementById" id="x" src="https://x.org/a.png"><form id=f name=g>`, want: `<img src="https://x.org/a.png" loading="lazy"/><div></div>`},
		{name: "null bytes", in: "<scr\x00ipt>alert(1)</scr\x00ipt><a href=\"java\x00script:alert(1)\">x</a>"},
		{name: "timestamp in javascript link", in: `<a href="javascript:alert(1)">12:30</a>`, want: `<p>12:30</p>`},
		{name: "deep nesting", in: strings.Repeat("<div><b>", 2000) + "x"},
	}
	base := mustURL(t, "https://example.com/ep/1")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in, base)
			if tt.want != "" || tt.in == "" {
				assert.Equal(t, podcast.SafeHTML(tt.want), got)
			}
			outputs := map[string]podcast.SafeHTML{
				"Sanitize":                  got,
				"Sanitize without base":     Sanitize(tt.in, nil),
				"LinkTimestamps(Sanitize)":  LinkTimestamps(got, 3600),
				"LinkTimestamps(raw input)": LinkTimestamps(podcast.SafeHTML(tt.in), 0),
				"Sanitize(Sanitize)":        Sanitize(string(got), base),
			}
			for name, out := range outputs {
				assert.Empty(t, violations(string(out)), "%s: %s", name, out)
				lower := strings.ToLower(string(out))
				for _, bad := range []string{"<script", "<svg", "<iframe", "<style", "<form", "<meta", "onerror", "onload", "onclick", "javascript:", "vbscript:", "data:"} {
					assert.NotContains(t, lower, bad, "%s: %s", name, out)
				}
			}
		})
	}
}

func TestSanitizeTruncatesHugeNotes(t *testing.T) {
	in := "<p>" + strings.Repeat("word ", maxNotesBytes/4) + "</p><script>alert(1)</script>"
	got := Sanitize(in, nil)
	assert.Empty(t, violations(string(got)))
	assert.True(t, strings.HasPrefix(string(got), "<p>word word"))
	assert.LessOrEqual(t, len(got), maxNotesBytes+len("<p></p>"))
	assert.LessOrEqual(t, len(Excerpt(in, 0)), maxNotesBytes)
}
