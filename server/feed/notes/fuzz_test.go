package notes

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/earshot/earshot/podcast"
)

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"",
		"plain text\nwith https://example.com/x and (03:15)\n\nnext",
		`<p>Hello <a href="/x">x</a> <img src=x onerror=alert(1)> (03:15)</p>`,
		`<a href="JaVaScRiPt&#58;alert(1)">x</a><a href="#t=1" onclick=alert(1)>1</a>`,
		`<svg onload=alert(1)><script>alert(1)</script></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
		`<iframe srcdoc="<script>alert(1)</script>"></iframe><style>*{}</style><form><input></form><meta http-equiv=refresh content=0>`,
		`<p><strong>4:00</strong> - What are you working on?</p><ul><li>00:00 Intro</li></ul>`,
		`<b>Chapters</b>` + "\n00:00 Intro\n05:00 Topic",
		`<table><tr><td colspan=2>x</td></tr></table><pre><code>a</code></pre><a href="data:text/html,x">d</a>`,
		"<a href=\"java\tscript:alert(1)\">x</a><plaintext><a href=javascript:alert(1)>",
		`<a href="#t=1" class="ts" data-t="9"><a href="https://x.org" class="ts">x</a></a>`,
	} {
		f.Add(s, 3600.0)
	}
	base := mustURL(f, "https://example.com/show/ep?id=1")
	f.Fuzz(func(t *testing.T, s string, duration float64) {
		safe := Sanitize(s, base)
		if v := violations(string(safe)); len(v) > 0 {
			t.Fatalf("Sanitize(%q) = %q: %v", s, safe, v)
		}
		again := Sanitize(string(safe), base)
		if v := violations(string(again)); len(v) > 0 {
			t.Fatalf("Sanitize twice (%q) = %q: %v", s, again, v)
		}
		linked := LinkTimestamps(safe, duration)
		if v := violations(string(linked)); len(v) > 0 {
			t.Fatalf("LinkTimestamps(Sanitize(%q)) = %q: %v", s, linked, v)
		}
		raw := LinkTimestamps(podcast.SafeHTML(s), duration)
		if v := violations(string(raw)); len(v) > 0 {
			t.Fatalf("LinkTimestamps(%q) = %q: %v", s, raw, v)
		}
	})
}

func FuzzFindTimestamps(f *testing.F) {
	for _, s := range []string{
		"00:00 Intro\n(20:12) Interview\n1:02:03 - Outro",
		"raus:(00:00) Intro(02:32) Die Kreischerin(05:05) Warum",
		"at 4:20 PM, 16:30 Uhr, um 20:15, Dauer: 3:32:21, Länge 1:02:03, duration 45:00, 2024:12",
		"<ul><li>00:00 a</li><li>[10:00] b</li></ul><p><strong>31:00</strong> - c</p>",
		"10:00 - 12:00 Uhr\n12:30 am Ende\n- 05:00 – x\n• 06:00 y",
		"12:34:56:78 1:75:00 99:59:59 (0:00)",
	} {
		f.Add(s, 0.0)
		f.Add(s, 1800.0)
	}
	f.Fuzz(func(t *testing.T, text string, duration float64) {
		for _, ts := range FindTimestamps(text, duration) {
			if ts.Start < 0 || (duration > 0 && ts.Start > duration) {
				t.Fatalf("%q: %+v outside duration %v", text, ts, duration)
			}
			if sec, err := podcast.ParseNPT(ts.Label); err != nil || sec != ts.Start || !strings.Contains(text, ts.Label) {
				t.Fatalf("%q: label %q does not give %v", text, ts.Label, ts.Start)
			}
			if utf8.RuneCountInString(ts.Title) > maxTitleRunes {
				t.Fatalf("%q: title too long: %q", text, ts.Title)
			}
		}
		chapters := Chapters(text, duration)
		if chapters != nil && len(chapters) < 2 {
			t.Fatalf("%q: %d chapters", text, len(chapters))
		}
		for i, c := range chapters {
			if c.Title == "" || c.Source != podcast.SourceNotes || c.Start < 0 || (duration > 0 && c.Start > duration) ||
				(i > 0 && c.Start <= chapters[i-1].Start) || math.IsNaN(c.Start) {
				t.Fatalf("%q: bad chapters %+v", text, chapters)
			}
		}
		n := len(text)%64 + 1
		if ex := Excerpt(text, n); utf8.RuneCountInString(ex) > n {
			t.Fatalf("Excerpt(%q, %d) = %q", text, n, ex)
		}
	})
}
