package chapters

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

// tsvChapter is one row of testdata/embedded-media/expected_chapters.tsv.
type tsvChapter struct {
	startMs int
	title   string
	link    string
	// imgOff and imgLen locate the chapter picture's bytes in the file;
	// imgLen is 0 when the chapter has none.
	imgOff, imgLen int
}

// expectedMP3Chapters reads the expected chapters of the .mp3 files from the
// TSV transcribed from AntennaPod's ChapterReaderTest.
func expectedMP3Chapters(t *testing.T) map[string][]tsvChapter {
	t.Helper()
	want := map[string][]tsvChapter{}
	sc := bufio.NewScanner(bytes.NewReader(readTestdata(t, "embedded-media/expected_chapters.tsv")))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "file\t") {
			continue
		}
		f := strings.Split(line, "\t")
		require.Len(t, f, 7, "row %q", line)
		if !strings.HasSuffix(f[0], ".mp3") {
			continue // m4a, ogg, opus: not ID3
		}
		idx, err := strconv.Atoi(f[1])
		require.NoError(t, err)
		require.Equal(t, len(want[f[0]]), idx, "rows in order")
		ms, err := strconv.Atoi(f[2])
		require.NoError(t, err)
		c := tsvChapter{startMs: ms, title: f[3], link: f[4]}
		if f[5] != "" {
			c.imgOff, err = strconv.Atoi(f[5])
			require.NoError(t, err)
			c.imgLen, err = strconv.Atoi(f[6])
			require.NoError(t, err)
		}
		want[f[0]] = append(want[f[0]], c)
	}
	require.NoError(t, sc.Err())
	return want
}

func TestParseID3Corpus(t *testing.T) {
	want := expectedMP3Chapters(t)
	require.Len(t, want, 3)
	for file, exp := range want {
		t.Run(file, func(t *testing.T) {
			data := readTestdata(t, "embedded-media/"+file)
			chs, err := ParseID3(data)
			require.NoError(t, err)
			require.Len(t, chs, len(exp))
			checkInvariants(t, chs, podcast.SourceID3)
			for i, e := range exp {
				c := chs[i]
				assert.InDelta(t, float64(e.startMs)/1000, c.Start, 1e-9, "chapter %d start", i)
				assert.Equal(t, e.title, c.Title, "chapter %d title", i)
				assert.Equal(t, e.link, c.URL, "chapter %d link", i)
				if e.imgLen > 0 {
					require.True(t, strings.HasPrefix(c.Image, "data:image/jpeg;base64,"), "chapter %d image %.40q", i, c.Image)
					img, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(c.Image, "data:image/jpeg;base64,"))
					require.NoError(t, err)
					require.LessOrEqual(t, e.imgOff+e.imgLen, len(data))
					assert.Equal(t, data[e.imgOff:e.imgOff+e.imgLen], img, "chapter %d image is the APIC picture", i)
				} else {
					assert.Empty(t, c.Image, "chapter %d image", i)
				}
			}

			// The tag alone, as fetched with a Range request, gives the same.
			n, err := TagSize(data[:10])
			require.NoError(t, err)
			require.Less(t, n, int64(len(data)))
			fromTag, err := ParseID3(data[:n])
			require.NoError(t, err)
			assert.Equal(t, chs, fromTag)

			assertGolden(t, "id3_"+strings.TrimSuffix(file, ".mp3")+".json", chs)
		})
	}
}

func TestParseID3CorpusEnds(t *testing.T) {
	// Auphonic writes end times; the last one is the media length.
	chs, err := ParseID3(readTestdata(t, "embedded-media/auphonic.mp3"))
	require.NoError(t, err)
	require.Len(t, chs, 4)
	for i, end := range []float64{3, 6, 9, 10} {
		assert.InDelta(t, end, chs[i].End, 1e-9)
	}
}

func TestTagSize(t *testing.T) {
	tests := []struct {
		name    string
		header  []byte
		want    int64
		wantErr bool
	}{
		{"auphonic", readTestdata(t, "embedded-media/auphonic.mp3")[:10], 10 + 2886, false},
		{"hindenburg", readTestdata(t, "embedded-media/hindenburg-journalist-pro.mp3")[:10], 10 + 65526, false},
		{"mp3chaps v2.4", readTestdata(t, "embedded-media/mp3chaps-py.mp3")[:10], 10 + 712, false},
		{"v2.4 footer", []byte("ID3\x04\x00\x10\x00\x00\x01\x00"), 10 + 128 + 10, false},
		{"largest", []byte("ID3\x03\x00\x00\x7f\x7f\x7f\x7f"), 10 + 1<<28 - 1, false},
		{"v2.2", []byte("ID3\x02\x00\x00\x00\x00\x00\x01"), 11, false},
		{"short", []byte("ID3\x03\x00\x00"), 0, true},
		{"no tag", []byte("\xff\xfb\x90\x00\x00\x00\x00\x00\x00\x00"), 0, true},
		{"v2.5", []byte("ID3\x05\x00\x00\x00\x00\x00\x01"), 0, true},
		{"size not synchsafe", []byte("ID3\x03\x00\x00\x00\x00\x00\x80"), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TagSize(tt.header)
			if tt.wantErr {
				assert.ErrorIs(t, err, ErrNoID3)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// Building tags by hand covers what the three real files do not.

type tagOpts struct {
	version   byte // 3 or 4
	flags     byte
	ext       []byte // extended header, written as is
	plainSize bool   // v2.4 frames with v2.3-style sizes (the iTunes bug)
}

func (o tagOpts) build(frames ...[]byte) []byte {
	body := append([]byte(nil), o.ext...)
	for _, f := range frames {
		body = append(body, f...)
	}
	body = append(body, make([]byte, 16)...) // padding
	if o.version == 3 && o.flags&tagUnsync != 0 {
		body = unsync(body)
	}
	out := []byte{'I', 'D', '3', o.version, 0, o.flags}
	return append(append(out, synchsafeBytes(len(body))...), body...)
}

// frame builds a frame with the size encoding of the tag's version.
func (o tagOpts) frame(id string, flags byte, data []byte) []byte {
	out := []byte(id)
	if o.version == 4 && !o.plainSize {
		out = append(out, synchsafeBytes(len(data))...)
	} else {
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	}
	out = append(out, 0, flags)
	return append(out, data...)
}

func (o tagOpts) chap(id string, startMs, endMs uint32, sub ...[]byte) []byte {
	data := append([]byte(id), 0)
	data = binary.BigEndian.AppendUint32(data, startMs)
	data = binary.BigEndian.AppendUint32(data, endMs)
	data = append(data, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)
	for _, s := range sub {
		data = append(data, s...)
	}
	return o.frame("CHAP", 0, data)
}

func (o tagOpts) ctoc(id string, flags byte, children ...string) []byte {
	data := append([]byte(id), 0, flags, byte(len(children)))
	for _, c := range children {
		data = append(append(data, c...), 0)
	}
	data = append(data, o.frame("TIT2", 0, text(encLatin1, "toc"))...)
	return o.frame("CTOC", 0, data)
}

func (o tagOpts) title(s string) []byte { return o.frame("TIT2", 0, text(encUTF8, s)) }

// text encodes s with an encoding byte in front.
func text(enc byte, s string) []byte {
	out := []byte{enc}
	switch enc {
	case encLatin1:
		for _, r := range s {
			out = append(out, byte(r))
		}
	case encUTF8:
		out = append(out, s...)
	case encUTF16:
		out = append(out, 0xFF, 0xFE)
		for _, u := range utf16.Encode([]rune(s)) {
			out = binary.LittleEndian.AppendUint16(out, u)
		}
	case encUTF16BE:
		for _, u := range utf16.Encode([]rune(s)) {
			out = binary.BigEndian.AppendUint16(out, u)
		}
	}
	return out
}

func synchsafeBytes(n int) []byte {
	return []byte{byte(n >> 21 & 0x7F), byte(n >> 14 & 0x7F), byte(n >> 7 & 0x7F), byte(n & 0x7F)}
}

// unsync inserts a zero after every 0xFF (more than needed, still valid).
func unsync(b []byte) []byte {
	var out []byte
	for _, c := range b {
		out = append(out, c)
		if c == 0xFF {
			out = append(out, 0)
		}
	}
	return out
}

// jpeg is the start of a JPEG file: enough for content sniffing.
var jpeg = []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")

func apic(o tagOpts, mime string, img []byte) []byte {
	data := append([]byte{encUTF16}, mime...)
	data = append(data, 0, 3)                           // picture type: front cover
	data = append(data, text(encUTF16, "Cover")[1:]...) // description
	data = append(data, 0, 0)
	return o.frame("APIC", 0, append(data, img...))
}

func TestParseID3Synthetic(t *testing.T) {
	v3 := tagOpts{version: 3}
	v4 := tagOpts{version: 4}
	c := func(start, end float64, title string) podcast.Chapter {
		return podcast.Chapter{Start: start, End: end, Title: title, Source: podcast.SourceID3}
	}
	tests := []struct {
		name string
		tag  []byte
		want []podcast.Chapter
	}{
		{"no chapters", v3.build(v3.title("Episode")), nil},
		{"sorted by start without CTOC",
			v3.build(v3.chap("b", 5000, 9000, v3.title("B")), v3.chap("a", 0, 5000, v3.title("A"))),
			[]podcast.Chapter{c(0, 5, "A"), c(5, 9, "B")}},
		{"ordered top-level CTOC order wins",
			v3.build(v3.chap("a", 0, 0, v3.title("A")), v3.chap("b", 5000, 0, v3.title("B")), v3.ctoc("toc", 3, "b", "a")),
			[]podcast.Chapter{c(5, 0, "B"), c(0, 0, "A")}},
		{"unordered CTOC falls back to start order",
			v3.build(v3.chap("b", 5000, 0, v3.title("B")), v3.chap("a", 0, 0, v3.title("A")), v3.ctoc("toc", ctocTopLevel, "b", "a")),
			[]podcast.Chapter{c(0, 0, "A"), c(5, 0, "B")}},
		{"nested CTOC expanded, unlisted appended, cycles and unknown IDs ignored",
			v3.build(
				v3.ctoc("top", 3, "intro", "part2", "nope", "top"),
				v3.ctoc("part2", 1, "y", "x", "top"),
				v3.chap("x", 7000, 0, v3.title("X")),
				v3.chap("y", 6000, 0, v3.title("Y")),
				v3.chap("intro", 0, 0, v3.title("Intro")),
				v3.chap("z2", 20000, 0, v3.title("Z2")),
				v3.chap("z1", 10000, 0, v3.title("Z1")),
			),
			[]podcast.Chapter{c(0, 0, "Intro"), c(6, 0, "Y"), c(7, 0, "X"), c(10, 0, "Z1"), c(20, 0, "Z2")}},
		{"repeated element ID keeps the first",
			v3.build(v3.chap("a", 0, 0, v3.title("A")), v3.chap("a", 1000, 0, v3.title("A again"))),
			[]podcast.Chapter{c(0, 0, "A")}},
		{"end 0xFFFFFFFF and end before start ignored",
			v3.build(v3.chap("a", 1000, 0xFFFFFFFF), v3.chap("b", 3000, 2000)),
			[]podcast.Chapter{c(1, 0, ""), c(3, 0, "")}},
		{"encodings",
			v3.build(
				v3.chap("a", 0, 0, v3.frame("TIT2", 0, append([]byte{encLatin1}, "Caf\xe9 \x93quoted\x94"...))),
				v3.chap("b", 1, 0, v3.frame("TIT2", 0, text(encUTF16, "Grüße ❤️"))),
				v3.chap("c", 2, 0, v3.frame("TIT2", 0, text(encUTF16BE, "爱 😊"))),
				v3.chap("d", 3, 0, v3.frame("TIT2", 0, text(encUTF8, "\uFEFFÄ\x00second value"))),
				v3.chap("e", 4, 0, v3.frame("TIT2", 0, append([]byte{encUTF16}, 'h', 0, 'i', 0))), // no BOM: little-endian
				v3.chap("f", 5, 0, v3.frame("TIT2", 0, []byte{9, 'x'})),                           // unknown encoding
			),
			[]podcast.Chapter{
				c(0, 0, "Café “quoted”"), c(0.001, 0, "Grüße ❤️"), c(0.002, 0, "爱 😊"),
				c(0.003, 0, "Ä"), c(0.004, 0, "hi"), c(0.005, 0, ""),
			}},
		{"v2.4 with synchsafe sizes over 127",
			v4.build(v4.chap("a", 0, 0, v4.title(strings.Repeat("x", 200)))),
			[]podcast.Chapter{c(0, 0, strings.Repeat("x", 200))}},
		{"v2.4 with plain sizes (iTunes)",
			tagOpts{version: 4, plainSize: true}.build(
				tagOpts{version: 4, plainSize: true}.chap("a", 0, 0, tagOpts{version: 4, plainSize: true}.title(strings.Repeat("y", 250))),
				tagOpts{version: 4, plainSize: true}.chap("b", 1000, 0, tagOpts{version: 4, plainSize: true}.title("B"))),
			[]podcast.Chapter{c(0, 0, strings.Repeat("y", 250)), c(1, 0, "B")}},
		{"v2.3 whole-tag unsynchronisation",
			tagOpts{version: 3, flags: tagUnsync}.build(
				v3.chap("a", 0xFF00, 0, v3.frame("TIT2", 0, text(encUTF16, "ÿ-Ā")))),
			[]podcast.Chapter{c(65.28, 0, "ÿ-Ā")}},
		{"v2.4 frame unsynchronisation",
			v4.build(v4.frame("CHAP", v24Unsync, unsync(v4.chap("a", 0xFF00, 0, v4.frame("TIT2", 0, text(encUTF16, "ÿ")))[10:]))),
			[]podcast.Chapter{c(65.28, 0, "ÿ")}},
		{"v2.4 tag unsynchronisation flag",
			tagOpts{version: 4, flags: tagUnsync}.build(v4.frame("CHAP", 0, unsync(v4.chap("a", 0xFF00, 0, v4.title("t"))[10:]))),
			[]podcast.Chapter{c(65.28, 0, "t")}},
		{"v2.3 extended header",
			tagOpts{version: 3, flags: tagExtHeader, ext: []byte{0, 0, 0, 6, 0, 0, 0, 0, 0, 0}}.build(v3.chap("a", 0, 0, v3.title("A"))),
			[]podcast.Chapter{c(0, 0, "A")}},
		{"v2.4 extended header with CRC",
			tagOpts{version: 4, flags: tagExtHeader, ext: []byte{0, 0, 0, 12, 1, 0x20, 5, 1, 2, 3, 4, 5}}.build(v4.chap("a", 0, 0, v4.title("A"))),
			[]podcast.Chapter{c(0, 0, "A")}},
		{"v2.4 data length indicator and grouping",
			v4.build(v4.frame("CHAP", v24Grouped|v24DataLen, append([]byte{7, 0, 0, 0, 40}, v4.chap("a", 0, 0, v4.title("A"))[10:]...))),
			[]podcast.Chapter{c(0, 0, "A")}},
		{"v2.3 compressed frame",
			v3.build(v3.frame("CHAP", v23Compressed, append([]byte{0, 0, 0, 30}, deflate(v3.chap("a", 0, 0, v3.title("Zipped"))[10:])...))),
			[]podcast.Chapter{c(0, 0, "Zipped")}},
		{"v2.4 compressed frame",
			v4.build(v4.frame("CHAP", v24Compress|v24DataLen, append([]byte{0, 0, 0, 30}, deflate(v4.chap("a", 0, 0, v4.title("Zipped"))[10:])...))),
			[]podcast.Chapter{c(0, 0, "Zipped")}},
		{"encrypted frames skipped",
			v3.build(v3.frame("CHAP", v23Encrypted, append([]byte{1}, v3.chap("x", 0, 0)[10:]...)), v3.chap("a", 1000, 0)),
			[]podcast.Chapter{c(1, 0, "")}},
		{"links: WXXX, else another URL frame, only http(s)",
			v3.build(
				v3.chap("a", 0, 0, v3.frame("WXXX", 0, append(text(encUTF16, "desc"), 0, 0, 'h', 't', 't', 'p', 's', ':', '/', '/', 'a', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '/'))),
				v3.chap("b", 1000, 0, v3.frame("WOAR", 0, []byte("https://b.example/\x00"))),
				v3.chap("c", 2000, 0, v3.frame("WXXX", 0, []byte("\x00\x00javascript:alert(1)"))),
			),
			[]podcast.Chapter{
				{Start: 0, URL: "https://a.example/", Source: podcast.SourceID3},
				{Start: 1, URL: "https://b.example/", Source: podcast.SourceID3},
				{Start: 2, Source: podcast.SourceID3},
			}},
		{"picture stored as a link",
			v3.build(v3.chap("a", 0, 0, apic(v3, "-->", []byte("https://img.example/a.png")))),
			[]podcast.Chapter{{Start: 0, Image: "https://img.example/a.png", Source: podcast.SourceID3}}},
		{"picture that is not an image dropped",
			v3.build(v3.chap("a", 0, 0, apic(v3, "image/svg+xml", []byte(`<svg onload="alert(1)"/>`)))),
			[]podcast.Chapter{{Start: 0, Source: podcast.SourceID3}}},
		{"picture over the size limit dropped",
			v3.build(v3.chap("a", 0, 0, apic(v3, "image/jpeg", append(bytes.Clone(jpeg), make([]byte, MaxImageBytes)...)))),
			[]podcast.Chapter{{Start: 0, Source: podcast.SourceID3}}},
		{"truncated frame: earlier frames kept",
			v3.build(v3.chap("a", 0, 0, v3.title("A")), v3.chap("b", 1000, 0, v3.title("B")))[:10+40+20],
			[]podcast.Chapter{c(0, 0, "A")}},
		{"garbage frame ID stops the walk",
			v3.build(v3.chap("a", 0, 0), []byte("xx\x01\x02\x00\x00\x00\x01\x00\x00!"), v3.chap("b", 1000, 0)),
			[]podcast.Chapter{c(0, 0, "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseID3(tt.tag)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			checkInvariants(t, got, podcast.SourceID3)
		})
	}
}

func TestParseID3PictureDataURL(t *testing.T) {
	v4 := tagOpts{version: 4}
	img := append(bytes.Clone(jpeg), 0xFF, 0xD9)
	chs, err := ParseID3(v4.build(v4.chap("a", 0, 0, v4.title("A"), apic(v4, "jpg", img))))
	require.NoError(t, err)
	require.Len(t, chs, 1)
	assert.Equal(t, "data:image/jpeg;base64,"+base64.StdEncoding.EncodeToString(img), chs[0].Image)

	// At the limit exactly, still inlined.
	big := append(bytes.Clone(jpeg), make([]byte, MaxImageBytes-len(jpeg))...)
	chs, err = ParseID3(v4.build(v4.chap("a", 0, 0, apic(v4, "image/jpeg", big))))
	require.NoError(t, err)
	require.Len(t, chs, 1)
	assert.NotEmpty(t, chs[0].Image)
}

func TestParseID3PictureBudget(t *testing.T) {
	v3 := tagOpts{version: 3}
	img := append(bytes.Clone(jpeg), make([]byte, MaxImageBytes-len(jpeg))...)
	var frames [][]byte
	for i := range 12 {
		frames = append(frames, v3.chap("c"+strconv.Itoa(i), uint32(i*1000), 0, apic(v3, "image/jpeg", img)))
	}
	chs, err := ParseID3(v3.build(frames...))
	require.NoError(t, err)
	require.Len(t, chs, 12)
	inlined := 0
	for _, c := range chs {
		if c.Image != "" {
			inlined++
		}
	}
	assert.Equal(t, maxTotalImageBytes/MaxImageBytes, inlined, "pictures beyond the tag budget are dropped")
	assert.NotEmpty(t, chs[0].Image, "the first ones are kept")
}

func TestParseID3Errors(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		target error
	}{
		{"empty", nil, ErrNoID3},
		{"MP3 frame, no tag", []byte("\xff\xfb\x90\x64\x00\x00\x00\x00\x00\x00\x00\x00"), ErrNoID3},
		{"ID3v1 at the start", append([]byte("TAG"), make([]byte, 125)...), ErrNoID3},
		{"v2.2", []byte("ID3\x02\x00\x00\x00\x00\x00\x00"), errors.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chs, err := ParseID3(tt.data)
			assert.ErrorIs(t, err, tt.target)
			assert.Nil(t, chs)
		})
	}
}

func TestParseID3TooManyChapters(t *testing.T) {
	v3 := tagOpts{version: 3}
	var frames [][]byte
	for i := range MaxChapters + 5 {
		frames = append(frames, v3.chap(strconv.Itoa(i), uint32(i), 0))
	}
	chs, err := ParseID3(v3.build(frames...))
	require.NoError(t, err)
	assert.Len(t, chs, MaxChapters)
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

func BenchmarkParseID3(b *testing.B) {
	data := readTestdata(b, "embedded-media/auphonic.mp3")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseID3(data); err != nil {
			b.Fatal(err)
		}
	}
}
