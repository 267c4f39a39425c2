package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a "Name: " speaker prefix.
const (
	maxSpeakerBytes = 48 // "Dr. Maria-Luisa Rodriguez de la Fuente" fits
	maxSpeakerWords = 5
)

// notSpeakers are capitalized words that end in a colon at the start of a
// line without naming anyone ("Note: the time is 10:30", "So: …"). Compared
// in lower case with the whole prefix.
var notSpeakers = map[string]bool{
	"note": true, "notes": true, "nb": true, "n.b.": true, "ps": true, "p.s.": true,
	"warning": true, "caution": true, "important": true, "tip": true, "disclaimer": true,
	"update": true, "edit": true, "correction": true, "fyi": true, "re": true,
	"example": true, "e.g.": true, "i.e.": true, "see": true, "source": true, "sources": true,
	"link": true, "links": true, "url": true, "http": true, "https": true, "email": true,
	"time": true, "date": true, "subject": true, "summary": true, "transcript": true,
	"chapter": true, "chapters": true, "episode": true, "part": true, "step": true,
	"translation": true, "spoiler": true, "credits": true, "music": true, "sponsor": true,
	"sponsors": true, "ad": true, "advertisement": true, "quote": true, "definition": true,
	// Words that start sentences: "So: what now?", "Remember: …".
	"so": true, "yes": true, "no": true, "well": true, "now": true, "okay": true, "ok": true,
	"and": true, "but": true, "then": true, "also": true, "here": true, "there": true,
	"this": true, "that": true, "remember": true,
	"result": true, "reason": true, "problem": true, "solution": true, "bonus": true,
	"first": true, "second": true, "third": true, "finally": true, "today": true,
}

// nameParticles are lower-case words allowed inside a name ("Ursula von der
// Leyen", "Luiz da Silva").
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "do": true, "dos": true, "das": true, "del": true,
	"della": true, "der": true, "den": true, "van": true, "von": true, "zu": true, "du": true,
	"la": true, "le": true, "y": true, "bin": true, "ibn": true, "al": true, "el": true,
	"ter": true, "ten": true, "af": true,
}

// splitSpeaker splits a "Name: text" line into the speaker and the text.
// It accepts only a short name-like prefix: at most maxSpeakerWords words
// and maxSpeakerBytes bytes of letters, digits and . - ' ’ _ ( ) &, the
// first word capitalized (or in a script without case), the others
// capitalized, numbers ("Speaker 2"), name particles or in parentheses
// ("Travis (host)"), followed by a colon
// and a space or the end of the line. Labels such as "Note:" are not names.
func splitSpeaker(line string) (name, rest string, ok bool) {
	line = strings.TrimLeft(line, " \t")
	i := strings.IndexByte(line, ':')
	if i <= 0 || i > maxSpeakerBytes {
		return "", line, false
	}
	after := line[i+1:]
	if after != "" && after[0] != ' ' && after[0] != '\t' && after[0] != '\n' {
		return "", line, false // "10:30", "http://…"
	}
	name = strings.TrimSpace(line[:i])
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > maxSpeakerWords || notSpeakers[strings.ToLower(name)] {
		return "", line, false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !strings.ContainsRune(" \t.-'’_()&", r) {
			return "", line, false
		}
	}
	for n, w := range words {
		if n > 0 && strings.HasPrefix(w, "(") {
			continue // "Travis (host)"
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
		case unicode.IsLetter(r) && !unicode.IsLower(r): // no case: 中文, العربية
		case n > 0 && unicode.IsDigit(r):
		case n > 0 && nameParticles[strings.ToLower(w)]:
		default:
			return "", line, false
		}
	}
	return strings.Join(words, " "), strings.TrimSpace(after), true
}
