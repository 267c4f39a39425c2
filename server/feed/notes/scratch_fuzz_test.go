package notes

import "testing"

func FuzzScratchIdem(f *testing.F) {
	f.Add(`<p>Hello <a href="/x">x</a> <img src=x onerror=alert(1)> (03:15)</p>`)
	f.Add("plain text\nwith https://example.com/x and (03:15)\n\nnext")
	f.Add(`<b>Chapters</b>` + "\n00:00 Intro\n05:00 Topic")
	base := mustURL(f, "https://example.com/show/ep?id=1")
	f.Fuzz(func(t *testing.T, s string) {
		a := Sanitize(s, base)
		b := Sanitize(string(a), base)
		if a != b {
			t.Fatalf("in %q\n1: %q\n2: %q", s, a, b)
		}
	})
}
