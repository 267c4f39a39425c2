package app

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every key has all four languages, so no listener ever sees a key or an
// English fallback by accident.
func TestMessagesComplete(t *testing.T) {
	lines := strings.Split(messageTable, "\n")
	require.Len(t, messages, len(lines), "every line of the table parses (4 translations, tab-separated)")
	for key, m := range messages {
		for _, l := range languages {
			assert.NotEmpty(t, m[l], "%s in %s", key, l)
		}
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
		{"", []string{"ja", "pt"}, "en"},
		{"DE-at", nil, "de"},
	} {
		assert.Equal(t, tc.want, pickLang(tc.explicit, tc.preferred...), "%q %v", tc.explicit, tc.preferred)
	}
}

func TestTranslate(t *testing.T) {
	assert.Equal(t, "Abspielen", lang("de").t("play"))
	assert.Equal(t, "Staffel 2", lang("de").t("season", "2"))
	assert.Equal(t, "Play", lang("xx").t("play"), "unknown language falls back to English")
	assert.Equal(t, "nope", lang("en").t("nope"), "unknown key shows itself")
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
	assert.Equal(t, "", lang("en").date(time.Time{}))
}
