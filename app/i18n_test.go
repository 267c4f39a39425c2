package app

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// verbs are the format verbs of a message, in order.
var verbRE = regexp.MustCompile(`%[a-z%]`)

// Every language has exactly English's keys, none empty, with the same
// format verbs in the same order, twelve month names and a date format: a
// listener never sees a key, an English fallback or a "%!s(MISSING)".
// Adding a language is adding a block to messageTable; this test says what
// the block lacks.
func TestMessageTable(t *testing.T) {
	require.Equal(t, "en", languages[0], "English is the reference and the fallback")
	require.GreaterOrEqual(t, len(languages), 7)
	assert.Subset(t, languages, []string{"en", "de", "fr", "es", "it", "nl", "pt"})
	seen := map[string]bool{}
	for _, l := range languages {
		assert.False(t, seen[l], "language %s has one block", l)
		seen[l] = true
		assert.Regexp(t, `^[a-z]{2}$`, l)
	}
	for key, m := range messages {
		assert.NotContains(t, key, " ", "key %q", key)
		for _, l := range languages {
			text, ok := m[l]
			if !assert.True(t, ok, "%s lacks %q (English: %q)", l, key, m["en"]) {
				continue
			}
			assert.NotEmpty(t, strings.TrimSpace(text), "%s: %s", l, key)
			assert.Equal(t, verbRE.FindAllString(m["en"], -1), verbRE.FindAllString(text, -1), "format verbs of %s in %s: %q", key, l, text)
		}
		for l := range m {
			assert.True(t, seen[l], "%q has a text for %s, which has no block", key, l)
		}
	}
	for _, l := range languages {
		assert.Len(t, strings.Split(lang(l).t("_months"), "|"), 12, "month names of %s", l)
		for _, part := range []string{"{d}", "{m}", "{y}"} {
			assert.Contains(t, lang(l).t("_date"), part, "date format of %s", l)
		}
	}
	// Every line of the table is a language header or a key and a text:
	// a line with a lost tab would silently vanish otherwise.
	for _, line := range strings.Split(messageTable, "\n") {
		if line == "" || strings.HasPrefix(line, "== ") {
			continue
		}
		assert.Equal(t, 1, strings.Count(line, "\t"), "line %q", line)
	}
}

func TestPickLang(t *testing.T) {
	for _, tc := range []struct {
		explicit  string
		preferred []string
		want      lang
	}{
		{"de", []string{"fr"}, "de"},
		{"", []string{"fr-CA", "en"}, "fr"},
		{"xx", []string{"es-419"}, "es"},
		{"", []string{"ja", "zh"}, "en"},
		{"DE-at", nil, "de"},
		{"", []string{"pt-BR"}, "pt"},
		{"nl", nil, "nl"},
		{"it-CH", nil, "it"},
	} {
		assert.Equal(t, tc.want, pickLang(tc.explicit, tc.preferred...), "%q %v", tc.explicit, tc.preferred)
	}
}

func TestTranslate(t *testing.T) {
	assert.Equal(t, "Abspielen", lang("de").t("play"))
	assert.Equal(t, "Staffel 2", lang("de").t("season", "2"))
	assert.Equal(t, "Riproduci", lang("it").t("play"))
	assert.Equal(t, "Play", lang("xx").t("play"), "unknown language falls back to English")
	assert.Equal(t, "nope", lang("en").t("nope"), "unknown key shows itself")
	assert.Equal(t, "3 neue Folgen", lang("de").count(3, "newEpisodes"))
	assert.Equal(t, "1 nieuwe aflevering", lang("nl").count(1, "newEpisodes"))
	assert.Equal(t, "Gast", lang("de").role("Guest"))
	assert.Equal(t, "Sound design", lang("de").role("Sound design"), "a role the table lacks is kept")
	assert.Equal(t, "Leertaste / K", lang("de").keyNames("{space} / K"))
}

// Sentences made in English by code without a language (the player's
// download note) are translated by matching the table's English.
func TestTranslateEnglishSentence(t *testing.T) {
	assert.Equal(t, "Offline-Folgen und die App belegen 12.5 MB.", lang("de").translate("Offline episodes and the app use 12.5 MB."))
	assert.Equal(t, "Der Host der Folge antwortete mit HTTP 403. Versuche es später erneut.",
		lang("de").translate((&Error{Code: codeDownloadHTTP, HostStatus: 403}).Error()))
	assert.Equal(t, "not in the table", lang("de").translate("not in the table"))
	assert.Equal(t, "Offline episodes and the app use 1 MB.", lang("en").translate("Offline episodes and the app use 1 MB."))
}

func TestSpoken(t *testing.T) {
	assert.Equal(t, "0 seconds", lang("en").spoken(0))
	assert.Equal(t, "1 minute 30 seconds", lang("en").spoken(90))
	assert.Equal(t, "1 Stunde 2 Minuten 3 Sekunden", lang("de").spoken(3723))
	assert.Equal(t, "2 heures", lang("fr").spoken(7200))
	assert.Equal(t, "0 seconds", lang("en").spoken(-5))
}

func TestDate(t *testing.T) {
	d := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	assert.Equal(t, "Nov 25, 2026", lang("en").date(d))
	assert.Equal(t, "25. November 2026", lang("de").date(d))
	assert.Equal(t, "25 novembre 2026", lang("fr").date(d))
	assert.Equal(t, "25 de noviembre de 2026", lang("es").date(d))
	assert.Equal(t, "25 novembre 2026", lang("it").date(d))
	assert.Equal(t, "25 november 2026", lang("nl").date(d))
	assert.Equal(t, "25 de novembro de 2026", lang("pt").date(d))
	assert.Equal(t, "", lang("en").date(time.Time{}))
}

func TestErrText(t *testing.T) {
	assert.Contains(t, lang("en").errText(&Error{Code: "blocked_address"}), "private network")
	assert.Contains(t, lang("it").errText(&Error{Code: "blocked_address"}), "rete privata")
	assert.Equal(t, "Der Host des Feeds hat mit einem Fehler geantwortet. Versuche es später erneut. (Der Host antwortete mit HTTP 503.)",
		lang("de").errText(&Error{Code: "upstream_error", Message: "The feed's host answered with an error. Try again later. (The host answered HTTP 503.)"}),
		"the host's status the server quotes is kept")
	assert.Equal(t, "A newer server's sentence.", lang("de").errText(&Error{Code: "new_code", Message: "A newer server's sentence."}))
	assert.Equal(t, lang("fr").t("err_internal"), lang("fr").errText(&Error{Code: "new_code"}))
	assert.Equal(t, lang("en").t("err_internal"), lang("en").errText(errorOf(assert.AnError)), "a Go error's text never shows")
	assert.Equal(t, "opml_too_large", apiError(413, `{"error":{"code":"opml_too_large","message":"x"}}`).Code)
	assert.Equal(t, codeBadAnswer, apiError(400, `<html>`).Code)
	assert.Equal(t, "internal", apiError(502, ``).Code)
}
