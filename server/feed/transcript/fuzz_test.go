package transcript

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/earshot/earshot/podcast"
)

// The fuzzers check that no input makes a parser panic, and that whatever
// a parser accepts keeps the promises of the package documentation.

func FuzzVTT(f *testing.F) {
	addSeeds(f, "*/*.vtt",
		"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sarah>Hi &amp; <i>bye</i>\n",
		"WEBVTT\r\n\r\nNOTE x\r\n\r\n1\r\n0:00:15.410 --> 0:00:25.850 align:start\r\n<v.loud A>x</v><v B>y\r\n",
		"WEBVTT\n12.5 --> 15\nbare\n00:00:16.000 --> 00:00:15.000\nbackwards\n",
		"WEBVTT\n\n00:01.000 --> 00:02.000\n<v\n<<>>< v><v.>&#99999999;<00:00:01.000>\n",
	)
	f.Fuzz(func(t *testing.T, data []byte) { checkParser(t, ParseVTT, data) })
}

func FuzzSRT(f *testing.F) {
	addSeeds(f, "*/*.srt",
		"1\n00:00:01,000 --> 00:00:02,000\nTravis: Hi\n\n2\n00:00:02,000 --> 00:00:03,000\n{\\an8}<i>x</i>\n",
		"1\r\n00:00:01,000 --> 00:00:02,000\r\nNote: the time is 10:30\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nx\r\n\r\norphan\r\n",
		"\xFF\xFE1\x00\n\x00",
		"1\n999999999:59:59,999 --> 0\nx\n",
	)
	f.Fuzz(func(t *testing.T, data []byte) { checkParser(t, ParseSRT, data) })
}

func FuzzJSON(f *testing.F) {
	addSeeds(f, "*/*.json",
		`{"segments":[{"speaker":"A","startTime":0.5,"endTime":0.75,"body":"I"},{"speaker":"A","startTime":1,"endTime":1.25,"body":"am."}]}`,
		`[{"start":"00:00:01.000","start_ms":1500,"end":"x","end_ms":-5,"speaker":3,"voice":null,"text":"Hallo"}]`,
		`{"transcripts":[{"start":1e308,"end":-1e308,"text":"big"}, 5, null, []]}`,
		`{"segments":[{"startTime":"NaN","endTime":"Inf","body":","},{"startTime":"1:00","body":"?"}]}`,
	)
	f.Fuzz(func(t *testing.T, data []byte) { checkParser(t, ParseJSON, data) })
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, "*/*.html",
		"<cite>Travis:</cite><time>0:00</time><p>Hi &amp; bye</p>",
		"<p><cite>A</cite><time datetime=\"1:00\">x</time>text<br/>more<p>next<div>",
		"<script><p>x</p></script><p>Luisa: hi</p><time>99:99</time><p>y",
		"<cite/><time/><p/><template><p>t</p></template>",
	)
	f.Fuzz(func(t *testing.T, data []byte) { checkParser(t, ParseHTML, data) })
}

func FuzzText(f *testing.F) {
	addSeeds(f, "*/*.txt",
		"Luisa: hi\n\nmore\nDaniel: bye",
		"[00:00:05] A: x\n(1:02) - B: y\n[1] z",
	)
	f.Fuzz(func(t *testing.T, data []byte) { checkParser(t, ParseText, data) })
}

// FuzzParse drives the dispatcher: any content under any declared type.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.*")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 32<<10 {
			f.Add(data, "", name)
			f.Add(data, "text/plain", "")
			f.Add(data, "text/vtt", "x.srt")
		}
	}
	f.Add([]byte("<p>x</p>"), "application/octet-stream", "a.html")
	f.Fuzz(func(t *testing.T, data []byte, mimeType, url string) {
		tr, err := Parse(data, mimeType, url)
		if err == nil {
			requireWellFormed(t, tr)
		}
	})
}

// addSeeds adds the testdata files matching pattern and the given strings.
func addSeeds(f *testing.F, pattern string, seeds ...string) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

func checkParser(t *testing.T, parse func([]byte) (podcast.Transcript, error), data []byte) {
	tr, err := parse(data)
	if err != nil {
		if len(tr.Segments) != 0 {
			t.Fatalf("segments returned with error %v", err)
		}
		return
	}
	requireWellFormed(t, tr)
}
