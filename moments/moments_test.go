package moments

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/earshot/earshot/podcast"
)

func TestTokenize(t *testing.T) {
	terms := func(s string) []string {
		var out []string
		for _, tok := range Tokenize(s) {
			assert.Equal(t, tok.Term, strings.ToLower(s[tok.From:tok.To]))
			out = append(out, tok.Term)
		}
		return out
	}
	assert.Equal(t, []string{"written", "in", "go", "1", "30"}, terms("Written in Go — (1:30)!"))
	assert.Equal(t, []string{"café", "zürich", "москва"}, terms("Café, Zürich; Москва"))
	assert.Equal(t, []string{"東", "京", "に", "つ", "い", "て"}, terms("東京について"), "one word per character: these scripts have no spaces")
	assert.Empty(t, terms(".*(|)[]+?"))
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"photosynthesis", "photosynthesis", true},
		{"photosynthesis", "photosynthsis", true},   // deletion
		{"photosynthesis", "photosynthesiss", true}, // insertion
		{"photosynthesis", "photosynthesys", true},  // replacement
		{"photosynthesis", "fotosynthesis", false},  // two edits
		{"café", "cafe", true},
		{"abcd", "abdc", false}, // a transposition is two edits
		{"abc", "abcde", false},
	} {
		assert.Equal(t, c.want, oneEdit(c.a, c.b), "%s %s", c.a, c.b)
		assert.Equal(t, c.want, oneEdit(c.b, c.a), "%s %s", c.b, c.a)
	}
}

func TestCheckQuery(t *testing.T) {
	for _, q := range []string{"", "  \t", "\xff"} {
		_, err := Terms(q)
		assert.ErrorIs(t, err, ErrEmptyQuery, "%q", q)
	}
	_, err := Terms(strings.Repeat("ü", podcast.MaxSearchRunes+1))
	assert.ErrorIs(t, err, ErrLongQuery)
	q, err := CheckQuery(strings.Repeat("ü", podcast.MaxSearchRunes))
	require.NoError(t, err)
	assert.Len(t, []rune(q), podcast.MaxSearchRunes)
	terms, err := Terms("Go go GO (a|b)")
	require.NoError(t, err)
	assert.Equal(t, []string{"go", "a", "b"}, terms)
}

func TestSnippet(t *testing.T) {
	text := "Every chapter has a link."
	assert.Equal(t, []podcast.TextPart{{Text: "Every "}, {Text: "chapter", Mark: true}, {Text: " has a "}, {Text: "link", Mark: true}, {Text: "."}},
		Snippet(text, []Span{{6, 13}, {20, 24}}))
	long := strings.Repeat("word ", 60) + "needle " + strings.Repeat("ünïcode ", 60)
	at := strings.Index(long, "needle")
	parts := Snippet(long, []Span{{at, at + 6}})
	require.Greater(t, len(parts), 3)
	assert.Equal(t, "…", parts[0].Text)
	assert.Equal(t, "…", parts[len(parts)-1].Text)
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	assert.True(t, strings.HasPrefix(b.String(), "…word"), "cut at a word: %q", b.String())
	assert.LessOrEqual(t, len(b.String()), snippetBytes+8)
	assert.Contains(t, b.String(), "needle")
}

func TestOffsets(t *testing.T) {
	var o Offsets
	o.Add(0, 10)
	o.Add(40, 15.5)
	o.Add(90, 21)
	for at, want := range map[int]float64{0: 10, 39: 10, 40: 15.5, 89: 15.5, 500: 21} {
		assert.Equal(t, want, o.StartAt(at, -1), "%d", at)
	}
	assert.Equal(t, 7.0, Offsets("bogus 3:x").StartAt(5, 7))
}

func TestStaticSearch(t *testing.T) {
	x := NewStatic(map[string]string{"a": "Episode A", "b": "Episode B"}, []Doc{
		{GUID: "a", Kind: podcast.MomentTitle, Text: "Episode A"},
		{GUID: "b", Kind: podcast.MomentTitle, Text: "Volcanoes"},
		{GUID: "a", Kind: podcast.MomentTranscript, Start: 60, Text: "we climbed volcanoes. then the photosynthesis of plants", Offsets: "0:60.0 22:65.0"},
		{GUID: "a", Kind: podcast.MomentChapter, Start: 120, Text: "Plants and volcanoes"},
		{GUID: "gone", Kind: podcast.MomentTitle, Text: "Volcanoes gone"},
	})
	got, err := x.Search("volcanoes", 0)
	require.NoError(t, err)
	require.Len(t, got, 3, "the episode that left the feed is not listed")
	assert.Equal(t, []string{podcast.MomentTitle, podcast.MomentChapter, podcast.MomentTranscript}, []string{got[0].Kind, got[1].Kind, got[2].Kind})

	got, err = x.Search("photosynthsis", 0) // a typo
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, 65.0, got[0].Start, "the cue that holds the word")
	assert.Contains(t, got[0].Parts, podcast.TextPart{Text: "photosynthesis", Mark: true})

	got, err = x.Search("plants volc", 0) // the last word as a prefix
	require.NoError(t, err)
	require.NotEmpty(t, got)
	assert.Equal(t, podcast.MomentChapter, got[0].Kind)

	got, err = x.Search("plants xylophone", 0) // not every word: any word
	require.NoError(t, err)
	assert.NotEmpty(t, got)

	got, err = x.Search("xylophone", 0)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.NotNil(t, got)

	_, err = x.Search("***", 0)
	assert.True(t, errors.Is(err, ErrEmptyQuery))
}
