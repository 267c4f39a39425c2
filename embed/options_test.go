package embed_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/podcast"
)

func TestLayoutHeights(t *testing.T) {
	assert.Equal(t, 560, embed.LayoutFull.Height())
	assert.Equal(t, 200, embed.LayoutCompact.Height())
	assert.Equal(t, 96, embed.LayoutMini.Height())
	assert.Equal(t, 480, embed.LayoutShow.Height())
	assert.Equal(t, 560, embed.Layout("").Height(), "the default layout")
	assert.Equal(t, 560, embed.Layout("huge").Height())
	prev := 1 << 30
	for _, l := range embed.Layouts() {
		assert.Less(t, l.Height(), prev, "largest first")
		assert.GreaterOrEqual(t, l.Height(), embed.MinFrameHeight)
		prev = l.Height()
	}
}

func TestOptionsRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		o     embed.Options
		query string
	}{
		{"default", embed.Options{}, ""},
		{"defaults spelled out", embed.Options{Layout: embed.LayoutFull, Theme: embed.ThemeAuto}, ""},
		{"everything", embed.Options{Layout: embed.LayoutMini, Theme: embed.ThemeDark, Color: "c2410c", Lang: "pt-BR",
			Time: podcast.Range{Start: 90, End: 120.5}, Autoplay: true},
			"autoplay=1&color=c2410c&lang=pt-BR&layout=mini&t=1%3A30%2C2%3A00.5&theme=dark"},
		{"compact light", embed.Options{Layout: embed.LayoutCompact, Theme: embed.ThemeLight}, "layout=compact&theme=light"},
		{"start only", embed.Options{Time: podcast.Range{Start: 3723}}, "t=1%3A02%3A03"},
		{"show list", embed.Options{Layout: embed.LayoutShow, Season: 3, Limit: 10, Order: embed.OrderOldest}, "layout=show&limit=10&order=oldest&season=3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.o.Query()
			assert.Equal(t, tc.query, q.Encode())
			assert.Equal(t, tc.o.Normalize(), embed.ParseOptions(q))
		})
	}
}

// Bad values never fail: they fall back to the defaults.
func TestParseOptionsLenient(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  embed.Options
	}{
		{"layout=huge&theme=neon&color=red&lang=!!&t=bogus&autoplay=maybe", embed.Options{}},
		{"layout=MINI&theme=Dark", embed.Options{Layout: embed.LayoutMini, Theme: embed.ThemeDark}},
		{"layout=full&theme=auto", embed.Options{}},
		{"color=%23C2410C", embed.Options{Color: "c2410c"}},
		{"color=f80", embed.Options{Color: "ff8800"}},
		{"color=12345", embed.Options{}},
		{"color=gggggg", embed.Options{}},
		{"color=c2410c%22%3E%3Cscript%3E", embed.Options{}},
		{"lang=de", embed.Options{Lang: "de"}},
		{"lang=en_US", embed.Options{Lang: "en-US"}},
		{"lang=zh-Hant-TW", embed.Options{Lang: "zh-Hant-TW"}},
		{"lang=e", embed.Options{}},
		{"lang=1de", embed.Options{}},
		{"lang=de--x", embed.Options{}},
		{"lang=de%22%3E", embed.Options{}},
		{"lang=averyveryverylongprimary", embed.Options{}},
		{"t=90", embed.Options{Time: podcast.Range{Start: 90}}},
		{"t=1:30,2:00", embed.Options{Time: podcast.Range{Start: 90, End: 120}}},
		{"t=20,10", embed.Options{}},
		{"t=0", embed.Options{}},
		{"t=10&t=bogus", embed.Options{Time: podcast.Range{Start: 10}}}, // the last valid t
		{"t=10&t=20", embed.Options{Time: podcast.Range{Start: 20}}},
		{"t=3:7", embed.Options{}}, // seconds of a clock time have two digits
		{"autoplay=1", embed.Options{Autoplay: true}},
		{"autoplay=true", embed.Options{Autoplay: true}},
		{"autoplay=0", embed.Options{}},
	} {
		q, err := url.ParseQuery(tc.query)
		if !assert.NoError(t, err, tc.query) {
			continue
		}
		got := embed.ParseOptions(q)
		assert.Equal(t, tc.want, got, tc.query)
	}
}

func TestOptionsDefaults(t *testing.T) {
	var o embed.Options
	assert.Equal(t, embed.LayoutFull, o.LayoutOrDefault())
	assert.Equal(t, embed.ThemeAuto, o.ThemeOrDefault())
	o = embed.Options{Layout: "bogus", Theme: "bogus"}
	assert.Equal(t, embed.LayoutFull, o.LayoutOrDefault())
	assert.Equal(t, embed.ThemeAuto, o.ThemeOrDefault())
}

// FuzzParseOptions: any query gives options that are already normal, that
// survive a round trip through Query, and whose values are safe in a URL
// and an attribute.
func FuzzParseOptions(f *testing.F) {
	for _, s := range []string{
		"", "layout=mini&theme=dark&color=c2410c&lang=de&t=1:30&autoplay=1",
		"color=%23fff", "t=,20", "t=npt:10,20", "lang=en_US", "layout=%00", "t=1h2m3s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw)
		o := embed.ParseOptions(q)
		if o != o.Normalize() {
			t.Fatalf("%q: not normal: %+v", raw, o)
		}
		if back := embed.ParseOptions(o.Query()); back != o {
			t.Fatalf("%q: round trip %+v → %q → %+v", raw, o, o.Query().Encode(), back)
		}
		if h := o.LayoutOrDefault().Height(); h < embed.MinFrameHeight || h > embed.MaxFrameHeight {
			t.Fatalf("height %d", h)
		}
		for _, s := range []string{o.Color, o.Lang} {
			for _, c := range s {
				if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
					t.Fatalf("%q: unsafe character %q", s, c)
				}
			}
		}
	})
}

// The play icon stays visible on any accent: the on-accent colour is the
// one with the higher WCAG contrast, and at least AA for large elements.
func TestOnAccent(t *testing.T) {
	for _, tc := range []struct{ accent, want string }{
		{"c2410c", "#ffffff"}, // the default orange
		{"ffffff", "#1c1917"},
		{"fde047", "#1c1917"}, // light yellow
		{"a3e635", "#1c1917"}, // lime
		{"1e3a8a", "#ffffff"}, // dark blue
		{"000000", "#ffffff"},
		{"#FDE047", "#1c1917"},
		{"nope", ""},
	} {
		if got := embed.OnAccent(tc.accent); got != tc.want {
			t.Errorf("OnAccent(%q) = %q, want %q", tc.accent, got, tc.want)
		}
	}
}

// The show layout's list settings: bad values fall back to every episode,
// newest first.
func TestShowList(t *testing.T) {
	eps := []podcast.Episode{{GUID: "e4", Season: 2}, {GUID: "e3", Season: 2}, {GUID: "e2", Season: 1}, {GUID: "e1", Season: 1}}
	guids := func(eps []podcast.Episode) (out []string) {
		for _, ep := range eps {
			out = append(out, ep.GUID)
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"e4", "e3", "e2", "e1"}},
		{"season=1", []string{"e2", "e1"}},
		{"season=1&order=oldest", []string{"e1", "e2"}},
		{"order=OLDEST&limit=3", []string{"e1", "e2", "e3"}},
		{"limit=1", []string{"e4"}},
		{"season=9", nil},
		{"season=-1&limit=banana&order=random", []string{"e4", "e3", "e2", "e1"}},
		{"limit=99999999", []string{"e4", "e3", "e2", "e1"}},
	} {
		q, err := url.ParseQuery(tc.query)
		require.NoError(t, err)
		assert.Equal(t, tc.want, guids(embed.ShowList(eps, embed.ParseOptions(q))), tc.query)
	}
	assert.Equal(t, []string{"e4", "e3", "e2", "e1"}, guids(eps), "the show's own list is untouched")
}
