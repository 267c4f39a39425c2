package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// languages are the UI's languages, in the table's order; the first
// (English) is the fallback. messages is the table by key, then language.
var languages, messages = parseMessages(messageTable)

// parseMessages reads messageTable (see there).
func parseMessages(table string) ([]string, map[string]map[string]string) {
	var langs []string
	out := make(map[string]map[string]string)
	cur := ""
	for _, line := range strings.Split(table, "\n") {
		if code, ok := strings.CutPrefix(line, "== "); ok {
			cur = strings.TrimSpace(code)
			langs = append(langs, cur)
			continue
		}
		key, text, ok := strings.Cut(line, "\t")
		if !ok || cur == "" {
			continue
		}
		m := out[key]
		if m == nil {
			m = make(map[string]string, 8)
			out[key] = m
		}
		m[cur] = text
	}
	return langs, out
}

// lang is a UI language: one of languages ("en", "de", …).
type lang string

// pickLang chooses the UI language: an explicit ?lang= wins, then the
// browser's preferences, then English. Regional tags ("de-AT") match their
// language.
func pickLang(explicit string, preferred ...string) lang {
	for _, cand := range append([]string{explicit}, preferred...) {
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(cand)), "-")
		for _, l := range languages {
			if base == l {
				return lang(l)
			}
		}
	}
	return "en"
}

// t returns the translated string for key, formatted with args.
func (l lang) t(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s, ok := m[string(l)]
	if !ok {
		s = m["en"]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// spoken renders seconds for screen readers in l: "1 hour 2 minutes 5
// seconds", "12 Minuten 5 Sekunden".
func (l lang) spoken(sec float64) string {
	if sec < 0 || sec != sec || sec > 1e9 {
		sec = 0
	}
	t := int64(sec)
	h, m, s := t/3600, (t/60)%60, t%60
	var parts []string
	add := func(n int64, one, many string) {
		unit := l.t(many)
		if n == 1 {
			unit = l.t(one)
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, unit))
	}
	if h > 0 {
		add(h, "hour", "hours")
	}
	if m > 0 {
		add(m, "minute", "minutes")
	}
	if s > 0 || len(parts) == 0 {
		add(s, "second", "seconds")
	}
	return strings.Join(parts, " ")
}

// date formats a publication date the way l writes it.
func (l lang) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	months := strings.Split(l.t("_months"), "|")
	if len(months) != 12 {
		months = strings.Split(lang("en").t("_months"), "|")
	}
	return strings.NewReplacer(
		"{d}", strconv.Itoa(t.Day()),
		"{m}", months[t.Month()-1],
		"{y}", strconv.Itoa(t.Year()),
	).Replace(l.t("_date"))
}

// count is the key's singular ("…One") or plural ("…Many") form for n,
// with n in it: "1 new episode", "3 new episodes". (Every language of the
// table has these two forms for the counts Earshot shows.)
func (l lang) count(n int, key string) string {
	if n == 1 {
		return l.t(key+"One", n)
	}
	return l.t(key+"Many", n)
}

// role is a podcast:person role ("host", "guest") in l; a role the table
// does not know is shown as the feed wrote it.
func (l lang) role(r string) string {
	key := "role_" + strings.ToLower(strings.TrimSpace(r))
	if _, ok := messages[key]; ok {
		return l.t(key)
	}
	return r
}

// keyNames writes the names of the keys in a shortcut ("{space} / K",
// "{shift} + , / .") in l.
func (l lang) keyNames(s string) string {
	return strings.NewReplacer("{space}", l.t("keySpace"), "{shift}", l.t("keyShift"), "{alt}", l.t("keyAlt")).Replace(s)
}

// pageLang is the language of the page being rendered, from ?lang= or the
// browser's preferences, and makes it the document's (<html lang>; the
// server writes it into the prerendered page, the browser sets it when the
// app navigates).
func pageLang(ctx app.Context) lang {
	l := pickLang(ctx.Page().URL().Query().Get("lang"), browserLanguages()...)
	ctx.Page().SetLang(string(l))
	return l
}

// explicitLang is the ?lang= of the page when it names a language of the
// UI, "" otherwise.
func explicitLang(ctx app.Context) string {
	q := ctx.Page().URL().Query().Get("lang")
	if q == "" {
		return ""
	}
	if l := pickLang(q); l != "en" || strings.HasPrefix(strings.ToLower(q), "en") {
		return string(l)
	}
	return ""
}

// translate is the English sentence s in l, when s is the English text of
// a key of the table (format verbs match any text: "Offline episodes and
// the app use 12.3 MB." is dlUsed with "12.3 MB"); else s. It is for
// sentences made in English by code that has no language at hand.
func (l lang) translate(s string) string {
	if l == "en" || s == "" {
		return s
	}
	// The template with the most literal text wins ("%s of %s" matches
	// much that is not a time of a length).
	best, bestArgs, bestLen := "", []any(nil), -1
	for key, m := range messages {
		args, ok := matchFormat(m["en"], s)
		if n := len(m["en"]) - 2*len(args); ok && !strings.HasPrefix(key, "_") && (n > bestLen || n == bestLen && key < best) {
			best, bestArgs, bestLen = key, args, n
		}
	}
	if best == "" {
		return s
	}
	return l.t(best, bestArgs...)
}

// matchFormat matches s against a format with %s and %d verbs, returning
// what each verb stood for (an int for %d).
func matchFormat(format, s string) ([]any, bool) {
	var args []any
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 || i+1 >= len(format) {
			return args, format == s
		}
		if !strings.HasPrefix(s, format[:i]) {
			return nil, false
		}
		verb := format[i+1]
		s, format = s[i:], format[i+2:]
		// The verb's text runs up to the format's next literal text.
		next, last := format, true
		if j := strings.IndexByte(next, '%'); j >= 0 {
			next, last = next[:j], false
		}
		end := len(s)
		switch {
		case last: // the rest of the format is the sentence's end
			if !strings.HasSuffix(s, next) {
				return nil, false
			}
			end = len(s) - len(next)
		case next != "":
			if end = strings.Index(s, next); end < 0 {
				return nil, false
			}
		}
		if verb == 'd' {
			n, err := strconv.Atoi(s[:end])
			if err != nil {
				return nil, false
			}
			args = append(args, n)
		} else {
			args = append(args, s[:end])
		}
		s = s[end:]
	}
}
