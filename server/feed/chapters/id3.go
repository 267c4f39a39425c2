package chapters

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/earshot/earshot/podcast"
)

// ID3v2 layout constants (id3.org/id3v2.3.0, id3v2.4.0-structure,
// id3v2-chapters-1.0).
const (
	id3HeaderLen   = 10
	id3FrameHdrLen = 10

	// Tag header flags.
	tagUnsync    = 0x80
	tagExtHeader = 0x40
	tagFooter    = 0x10 // v2.4 only

	// Frame format flags (second flag byte), v2.3.
	v23Compressed = 0x80
	v23Encrypted  = 0x40
	v23Grouped    = 0x20

	// Frame format flags (second flag byte), v2.4.
	v24Grouped   = 0x40
	v24Compress  = 0x08
	v24Encrypted = 0x04
	v24Unsync    = 0x02
	v24DataLen   = 0x01

	// CTOC flags.
	ctocTopLevel = 0x02
	ctocOrdered  = 0x01

	// Text encodings.
	encLatin1  = 0
	encUTF16   = 1
	encUTF16BE = 2
	encUTF8    = 3

	// maxTOCDepth bounds the walk through nested tables of contents, and
	// maxTOCs their number.
	maxTOCDepth = 8
	maxTOCs     = 256
	// maxInflatedFrameBytes bounds a compressed frame once inflated.
	maxInflatedFrameBytes = MaxImageBytes * 2
)

// TagSize reads the 10-byte ID3v2 header at the start of a file and returns
// the length of the whole tag in bytes, header and footer included, so that
// a caller can fetch exactly the tag with an HTTP Range request
// ("bytes=0-<n-1>", capped at MaxTagBytes) and pass it to ParseID3. It
// returns an error wrapping ErrNoID3 when header does not start with an
// ID3v2 tag.
func TagSize(header []byte) (int64, error) {
	h, err := parseTagHeader(header)
	if err != nil {
		return 0, err
	}
	return h.total(), nil
}

type tagHeader struct {
	version byte // 2, 3 or 4
	flags   byte
	size    int64 // bytes after the header, excluding a footer
}

func (h tagHeader) total() int64 {
	n := id3HeaderLen + h.size
	if h.version == 4 && h.flags&tagFooter != 0 {
		n += id3HeaderLen
	}
	return n
}

func parseTagHeader(b []byte) (tagHeader, error) {
	if len(b) < id3HeaderLen || string(b[:3]) != "ID3" {
		return tagHeader{}, ErrNoID3
	}
	h := tagHeader{version: b[3], flags: b[5]}
	if h.version < 2 || h.version > 4 || b[4] == 0xFF {
		return tagHeader{}, fmt.Errorf("chapters: ID3v2.%d.%d: %w", b[3], b[4], ErrNoID3)
	}
	size, ok := synchsafe(b[6:10])
	if !ok {
		return tagHeader{}, fmt.Errorf("chapters: ID3 tag size is not synchsafe: %w", ErrNoID3)
	}
	h.size = int64(size)
	return h, nil
}

// ParseID3 reads the chapters of the ID3v2.3 or v2.4 tag at the start of
// data (the first TagSize bytes of an MP3 suffice; more is ignored, less is
// parsed as far as whole frames go).
//
// Each CHAP frame becomes a chapter: its start and end times, its TIT2 title,
// its WXXX link (or another W*** URL frame), and its APIC picture: an image
// link when the picture is stored as a URL, otherwise a data:image URL when
// the picture is an image of at most MaxImageBytes (and the tag's inlined
// pictures stay within a total budget), otherwise none. The order is that of
// the ordered top-level CTOC frame, nested tables expanded, followed by any
// chapter it does not list; without one, chapters are sorted by start time.
// Byte offsets in CHAP frames are ignored: players seek by time.
//
// The tag may use unsynchronisation, an extended header, and v2.4
// synchsafe frame sizes (or the plain sizes some writers put in v2.4 tags);
// compressed frames are inflated and encrypted ones skipped. Text may be
// ISO-8859-1 (read as Windows-1252, as browsers do), UTF-16 with a byte
// order mark, UTF-16BE or UTF-8.
//
// ParseID3 returns an error wrapping ErrNoID3 when data does not start with
// an ID3v2 tag, and one wrapping errors.ErrUnsupported for ID3v2.2, which has
// no chapter frames. A tag without chapters gives no chapters and no error.
// Hostile input gives garbage or nothing, never a panic.
func ParseID3(data []byte) ([]podcast.Chapter, error) {
	h, err := parseTagHeader(data)
	if err != nil {
		return nil, err
	}
	if h.version == 2 {
		return nil, fmt.Errorf("chapters: ID3v2.2 has no chapter frames: %w", errors.ErrUnsupported)
	}
	body := data[id3HeaderLen:]
	if int64(len(body)) > h.size {
		body = body[:h.size]
	}
	if len(body) > MaxTagBytes {
		body = body[:MaxTagBytes]
	}
	if h.version == 3 && h.flags&tagUnsync != 0 {
		// v2.3 unsynchronises the whole tag after the header.
		body = deunsync(body)
	}
	if h.flags&tagExtHeader != 0 {
		body = skipExtHeader(body, h.version)
	}
	r := id3Reader{version: h.version, tagUnsync: h.flags&tagUnsync != 0, imageBudget: maxTotalImageBytes}
	var (
		chaps []id3Chapter
		tocs  []id3TOC
		seen  = make(map[string]bool) // element IDs are unique; keep the first
	)
	r.frames(body, func(id string, data []byte) bool {
		switch id {
		case "CHAP":
			if c, ok := r.chap(data); ok && !seen[c.id] {
				seen[c.id] = true
				chaps = append(chaps, c)
			}
		case "CTOC":
			if t, ok := parseCTOC(data); ok && !seen[t.id] && len(tocs) < maxTOCs {
				seen[t.id] = true
				tocs = append(tocs, t)
			}
		}
		return len(chaps) < MaxChapters
	})
	chaps = orderChapters(chaps, tocs)
	out := make([]podcast.Chapter, 0, len(chaps))
	for _, c := range chaps {
		out = append(out, c.Chapter)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

type id3Chapter struct {
	podcast.Chapter
	id string
}

type id3TOC struct {
	id       string
	topLevel bool
	ordered  bool
	children []string
}

// id3Reader walks the frames of one tag.
type id3Reader struct {
	version     byte
	tagUnsync   bool // v2.4: every frame is unsynchronised
	imageBudget int  // bytes of pictures that may still be inlined
}

// frames calls fn with the ID and decoded data of each frame in b until fn
// returns false, the padding starts, or a frame does not fit.
func (r *id3Reader) frames(b []byte, fn func(id string, data []byte) bool) {
	for len(b) >= id3FrameHdrLen {
		if b[0] == 0 { // padding
			return
		}
		id := b[:4]
		if !validFrameID(id) {
			return
		}
		size, ok := r.frameSize(b)
		if !ok || size > len(b)-id3FrameHdrLen {
			return
		}
		flags := b[9]
		data := b[id3FrameHdrLen : id3FrameHdrLen+size]
		b = b[id3FrameHdrLen+size:]
		data, ok = r.frameData(data, flags)
		if !ok {
			continue
		}
		if !fn(string(id), data) {
			return
		}
	}
}

// frameSize reads the size of the frame whose header starts b. v2.4 sizes
// are synchsafe, but some writers (iTunes among them) put plain v2.3-style
// sizes in v2.4 tags. Like TagLib and mutagen, use the plain reading when
// the synchsafe one is impossible or lands on garbage while the plain one
// lands on a frame, the padding or the end.
func (r *id3Reader) frameSize(b []byte) (int, bool) {
	plain := int(binary.BigEndian.Uint32(b[4:8]))
	if plain < 0 { // 32-bit platforms
		return 0, false
	}
	if r.version != 4 {
		return plain, true
	}
	safe, ok := synchsafe(b[4:8])
	if !ok {
		return plain, true
	}
	if int(safe) == plain || frameBoundary(b, int(safe)) || !frameBoundary(b, plain) {
		return int(safe), true
	}
	return plain, true
}

// frameBoundary reports whether a frame of the given size at the start of b
// would be followed by the end of b, padding or another frame header.
func frameBoundary(b []byte, size int) bool {
	next := id3FrameHdrLen + size
	switch {
	case next < id3FrameHdrLen || next > len(b):
		return false
	case next == len(b) || b[next] == 0:
		return true
	case len(b)-next < 4:
		return false
	}
	return validFrameID(b[next : next+4])
}

// frameData undoes what the frame's format flags did to its data. ok is
// false for frames that cannot be read (encrypted, broken).
func (r *id3Reader) frameData(data []byte, flags byte) ([]byte, bool) {
	var compressed bool
	switch r.version {
	case 3:
		if flags&v23Encrypted != 0 {
			return nil, false
		}
		compressed = flags&v23Compressed != 0
		n := 0
		if compressed {
			n += 4 // decompressed size
		}
		if flags&v23Grouped != 0 {
			n++
		}
		if n > len(data) {
			return nil, false
		}
		data = data[n:]
	case 4:
		if flags&v24Encrypted != 0 {
			return nil, false
		}
		compressed = flags&v24Compress != 0
		n := 0
		if flags&v24Grouped != 0 {
			n++
		}
		if flags&v24DataLen != 0 {
			n += 4
		}
		if n > len(data) {
			return nil, false
		}
		data = data[n:]
		if r.tagUnsync || flags&v24Unsync != 0 {
			data = deunsync(data)
		}
	}
	if compressed {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, false
		}
		out, err := io.ReadAll(io.LimitReader(zr, maxInflatedFrameBytes+1))
		if err != nil || len(out) > maxInflatedFrameBytes {
			return nil, false
		}
		data = out
	}
	return data, true
}

// chap parses a CHAP frame: element ID, start and end time (ms), start and
// end byte offset, then embedded frames.
func (r *id3Reader) chap(b []byte) (id3Chapter, bool) {
	id, rest, ok := cutLatin1(b)
	if !ok || len(rest) < 16 {
		return id3Chapter{}, false
	}
	startMs := binary.BigEndian.Uint32(rest[0:4])
	endMs := binary.BigEndian.Uint32(rest[4:8])
	c := id3Chapter{id: id, Chapter: podcast.Chapter{
		Start:  float64(startMs) / 1000,
		Source: podcast.SourceID3,
	}}
	if !validStart(c.Start) {
		return id3Chapter{}, false
	}
	if endMs > startMs && endMs != 0xFFFFFFFF {
		c.End = float64(endMs) / 1000
	}
	var otherURL string
	sub := id3Reader{version: r.version, tagUnsync: false, imageBudget: r.imageBudget}
	sub.frames(rest[16:], func(fid string, data []byte) bool {
		switch {
		case fid == "TIT2" && c.Title == "":
			c.Title = cleanTitle(textFrame(data))
		case fid == "WXXX":
			if c.URL == "" {
				c.URL = cleanURL(wxxxFrame(data), nil)
			}
		case fid[0] == 'W':
			if otherURL == "" {
				otherURL = cleanURL(latin1(trimNul(data)), nil)
			}
		case fid == "APIC" && c.Image == "":
			c.Image = sub.picture(data)
		}
		return true
	})
	r.imageBudget = sub.imageBudget
	if c.URL == "" {
		c.URL = otherURL
	}
	return c, true
}

// picture turns an APIC frame into an image reference: the URL when the
// picture is stored as a link (MIME type "-->"), a data: URL for small
// images, or "".
func (r *id3Reader) picture(b []byte) string {
	if len(b) < 1 {
		return ""
	}
	enc := b[0]
	mime, rest, ok := cutLatin1(b[1:])
	if !ok || len(rest) < 1 {
		return ""
	}
	_, img, ok := cutText(enc, rest[1:]) // picture type byte, then description
	if !ok {
		return ""
	}
	if mime == "-->" {
		return cleanURL(latin1(trimNul(img)), nil)
	}
	if len(img) == 0 || len(img) > MaxImageBytes || len(img) > r.imageBudget {
		return ""
	}
	// Trust the bytes, not the declared type: only raster formats a browser
	// shows in <img> get through (no SVG, no HTML).
	typ := http.DetectContentType(img)
	switch typ {
	case "image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp":
	default:
		return ""
	}
	r.imageBudget -= len(img)
	return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(img)
}

// parseCTOC parses a CTOC frame: element ID, flags, entry count, child
// element IDs, then embedded frames (ignored).
func parseCTOC(b []byte) (id3TOC, bool) {
	id, rest, ok := cutLatin1(b)
	if !ok || len(rest) < 2 {
		return id3TOC{}, false
	}
	t := id3TOC{id: id, topLevel: rest[0]&ctocTopLevel != 0, ordered: rest[0]&ctocOrdered != 0}
	n := int(rest[1])
	rest = rest[2:]
	for range n {
		child, r, ok := cutLatin1(rest)
		if !ok {
			break
		}
		t.children = append(t.children, child)
		rest = r
	}
	return t, true
}

// orderChapters puts chapters in the order of the first ordered top-level
// table of contents, nested tables expanded, then appends those it does not
// reference by start time; without such a table, it sorts all by start
// time. Element IDs are unique (ParseID3 keeps the first of a repeated one).
func orderChapters(chaps []id3Chapter, tocs []id3TOC) []id3Chapter {
	byStart := func(a, b id3Chapter) int { return cmp.Compare(a.Start, b.Start) }
	chapAt := make(map[string]int, len(chaps))
	for i, c := range chaps {
		chapAt[c.id] = i
	}
	tocAt := make(map[string]int, len(tocs))
	top := -1
	for i, t := range tocs {
		tocAt[t.id] = i
		if top < 0 && t.topLevel && t.ordered {
			top = i
		}
	}
	if top < 0 {
		slices.SortStableFunc(chaps, byStart)
		return chaps
	}
	used := make([]bool, len(chaps))
	seenTOC := make([]bool, len(tocs))
	out := make([]id3Chapter, 0, len(chaps))
	var walk func(t, depth int)
	walk = func(t, depth int) {
		if depth > maxTOCDepth || seenTOC[t] {
			return
		}
		seenTOC[t] = true
		for _, child := range tocs[t].children {
			if i, ok := chapAt[child]; ok {
				if !used[i] {
					used[i] = true
					out = append(out, chaps[i])
				}
			} else if j, ok := tocAt[child]; ok {
				walk(j, depth+1)
			}
		}
	}
	walk(top, 0)
	var rest []id3Chapter
	for i, c := range chaps {
		if !used[i] {
			rest = append(rest, c)
		}
	}
	slices.SortStableFunc(rest, byStart)
	return append(out, rest...)
}

// skipExtHeader drops the extended header from the start of the tag body.
// v2.3 gives its size without the 4 size bytes, v2.4 (synchsafe) with them.
func skipExtHeader(b []byte, version byte) []byte {
	if len(b) < 4 {
		return nil
	}
	var n int
	if version == 3 {
		n = int(binary.BigEndian.Uint32(b[:4])) + 4
	} else {
		size, ok := synchsafe(b[:4])
		if !ok {
			return nil
		}
		n = int(size)
	}
	if n < 4 || n > len(b) {
		return nil
	}
	return b[n:]
}

// synchsafe decodes a 4-byte synchsafe integer (7 bits per byte).
func synchsafe(b []byte) (uint32, bool) {
	var v uint32
	for _, c := range b[:4] {
		if c&0x80 != 0 {
			return 0, false
		}
		v = v<<7 | uint32(c)
	}
	return v, true
}

// deunsync undoes unsynchronisation: every 0xFF 0x00 becomes 0xFF.
func deunsync(b []byte) []byte {
	if bytes.Index(b, []byte{0xFF, 0x00}) < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		out = append(out, b[i])
		if b[i] == 0xFF && i+1 < len(b) && b[i+1] == 0x00 {
			i++
		}
	}
	return out
}

func validFrameID(id []byte) bool {
	if len(id) < 4 {
		return false
	}
	for _, c := range id[:4] {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// textFrame reads a T*** frame: encoding byte, then one or more strings;
// the first one is returned.
func textFrame(b []byte) string {
	if len(b) < 1 {
		return ""
	}
	s, _, _ := cutText(b[0], b[1:])
	return decodeText(b[0], s)
}

// wxxxFrame reads the URL of a WXXX frame: encoding byte, description in
// that encoding, then the URL, always ISO-8859-1.
func wxxxFrame(b []byte) string {
	if len(b) < 1 {
		return ""
	}
	_, u, ok := cutText(b[0], b[1:])
	if !ok {
		return ""
	}
	return latin1(trimNul(u))
}

// cutText splits b after the first string terminator of the encoding: one
// NUL byte, or two aligned NUL bytes for UTF-16. Without a terminator the
// whole of b is the string. ok is false for an unknown encoding.
func cutText(enc byte, b []byte) (s, rest []byte, ok bool) {
	switch enc {
	case encLatin1, encUTF8:
		if i := bytes.IndexByte(b, 0); i >= 0 {
			return b[:i], b[i+1:], true
		}
		return b, nil, true
	case encUTF16, encUTF16BE:
		for i := 0; i+1 < len(b); i += 2 {
			if b[i] == 0 && b[i+1] == 0 {
				return b[:i], b[i+2:], true
			}
		}
		return b, nil, true
	}
	return nil, nil, false
}

// cutLatin1 splits a NUL-terminated ISO-8859-1 string off b. ok is false
// when there is no terminator.
func cutLatin1(b []byte) (string, []byte, bool) {
	i := bytes.IndexByte(b, 0)
	if i < 0 {
		return "", nil, false
	}
	return latin1(b[:i]), b[i+1:], true
}

func trimNul(b []byte) []byte {
	return bytes.TrimRight(b, "\x00")
}

// decodeText decodes one string (without its terminator).
func decodeText(enc byte, b []byte) string {
	switch enc {
	case encLatin1:
		return latin1(b)
	case encUTF8:
		return strings.TrimPrefix(string(b), "\uFEFF")
	case encUTF16, encUTF16BE:
		// Encoding 1 needs a byte order mark; writers that forget it are
		// mostly on Windows, so assume little-endian. Encoding 2 is
		// big-endian, but honour a mark if there is one.
		little := enc == encUTF16
		if len(b) >= 2 {
			switch {
			case b[0] == 0xFF && b[1] == 0xFE:
				little, b = true, b[2:]
			case b[0] == 0xFE && b[1] == 0xFF:
				little, b = false, b[2:]
			}
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			if little {
				u[i] = binary.LittleEndian.Uint16(b[2*i:])
			} else {
				u[i] = binary.BigEndian.Uint16(b[2*i:])
			}
		}
		return string(utf16.Decode(u))
	}
	return ""
}

// latin1 decodes ISO-8859-1 the way browsers do, as Windows-1252: the C1
// range holds the curly quotes, dashes and euro sign that tagging tools on
// Windows write. Its five undefined bytes decode to C1 controls, which are
// later removed from titles.
func latin1(b []byte) string {
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil { // a single-byte decoder has no invalid input
		return string(b)
	}
	return string(s)
}
