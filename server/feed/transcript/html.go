package transcript

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/earshot/earshot/podcast"
)

// ParseHTML parses an HTML transcript in the Podcasting 2.0 layout: a
// <cite> with the speaker ("Travis:"), a <time> with the start ("0:53",
// "1:02:03", or a datetime attribute), then one or more <p> with what was
// said, either side by side or with <cite> and <time> inside the <p>.
//
// Every <p> becomes a segment. It takes the last <cite> before it as its
// speaker and the <time> before it as its start (or the start of the
// previous paragraph when it has no <time> of its own). The HTML does not
// give ends: End is 0. In documents without any <cite>, a "Name: " prefix
// on a paragraph names the speaker. Text outside <p> is ignored, and so is
// everything inside <script>, <style> and <template>.
func ParseHTML(data []byte) (podcast.Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return podcast.Transcript{}, err
	}
	return parseHTML(text)
}

// htmlCapture is what the parser is collecting text for.
type htmlCapture int

const (
	captureNone htmlCapture = iota
	captureCite
	captureTime
)

func parseHTML(text string) (podcast.Transcript, error) {
	z := html.NewTokenizer(strings.NewReader(text))
	var (
		segs      []podcast.Segment
		speaker   string // from the last <cite> or "Name:" prefix
		anyCite   bool
		start     float64 // from the last <time>
		hasStart  bool
		lastStart float64

		inP      bool
		pText    strings.Builder
		pHasText bool // pText has more than white space
		sub      htmlCapture
		subText  strings.Builder
		timeAttr string
		skip     atom.Atom // inside <script>, <style>, <template>
	)
	endP := func() {
		if !inP {
			return
		}
		inP = false
		t := pText.String()
		pText.Reset()
		pHasText = false
		if !anyCite {
			if name, rest, ok := splitSpeaker(t); ok {
				speaker, t = name, rest
			}
		}
		if strings.TrimSpace(t) == "" {
			return
		}
		s := podcast.Segment{Start: lastStart, Speaker: speaker, Text: t}
		if hasStart {
			s.Start, lastStart, hasStart = start, start, false
		}
		segs = append(segs, s)
	}
	endSub := func() {
		t := strings.TrimSpace(subText.String())
		subText.Reset()
		switch sub {
		case captureCite:
			speaker = strings.TrimSpace(strings.TrimSuffix(t, ":"))
			anyCite = true
		case captureTime:
			v, ok := parseCueTime(t)
			if !ok {
				v, ok = parseCueTime(timeAttr)
			}
			if ok {
				start, hasStart = v, true
			}
		}
		sub = captureNone
	}

	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF: the tokenizer reads from memory
		}
		var (
			a       atom.Atom
			hasAttr bool
		)
		if tt != html.TextToken {
			var name []byte
			name, hasAttr = z.TagName()
			a = atom.Lookup(name)
		}
		switch tt {
		case html.TextToken:
			switch {
			case skip != 0:
			case sub != captureNone:
				subText.Write(z.Text())
			case inP:
				txt := z.Text()
				pText.Write(txt)
				pHasText = pHasText || len(bytes.TrimSpace(txt)) > 0
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			if skip != 0 {
				continue
			}
			switch a {
			case atom.Script, atom.Style, atom.Template:
				if tt == html.StartTagToken {
					skip = a
				}
			case atom.P:
				endSub()
				endP()
				inP = tt == html.StartTagToken
			case atom.Br:
				if sub != captureNone {
					subText.WriteByte(' ')
				} else if inP {
					pText.WriteByte(' ')
				}
			case atom.Cite, atom.Time:
				endSub()
				if pHasText {
					endP() // a new turn starts: the paragraph ended
				}
				sub = captureCite
				if a == atom.Time {
					sub = captureTime
					timeAttr = ""
					for hasAttr {
						var k, v []byte
						k, v, hasAttr = z.TagAttr()
						if string(k) == "datetime" {
							timeAttr = string(v)
						}
					}
				}
				if tt == html.SelfClosingTagToken {
					endSub()
				}
			default:
				if closesP(a) {
					endSub()
					endP()
				}
			}
		case html.EndTagToken:
			if skip != 0 {
				if a == skip {
					skip = 0
				}
				continue
			}
			switch {
			case a == atom.Cite && sub == captureCite, a == atom.Time && sub == captureTime:
				endSub()
			case a == atom.P:
				endSub()
				endP()
			case closesP(a):
				endSub()
				endP()
			}
		}
		if len(segs) > MaxSegments {
			break
		}
	}
	endSub()
	endP()
	return finish(segs, formatHTML)
}

// closesP reports whether a start or end tag ends an open paragraph.
func closesP(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Div,
		atom.Dl, atom.Fieldset, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr, atom.Li, atom.Main, atom.Nav,
		atom.Ol, atom.Pre, atom.Section, atom.Table, atom.Ul, atom.Html:
		return true
	}
	return false
}
