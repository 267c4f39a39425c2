package moments

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/earshot/earshot/podcast"
)

// Doc is one moment of a show as an index holds it.
type Doc struct {
	GUID    string  `json:"g"`
	Kind    string  `json:"k"`
	Start   float64 `json:"s,omitempty"`
	Text    string  `json:"x"`
	Offsets Offsets `json:"o,omitempty"`
}

// Static is the prebuilt index of a static export: the show's moments and,
// for each word, the moments that hold it.
type Static struct {
	// Titles are the episodes' titles by GUID.
	Titles map[string]string `json:"titles"`
	Docs   []Doc             `json:"docs"`
	// Terms lists, for each word, the indexes of the Docs that hold it,
	// ascending.
	Terms map[string][]int32 `json:"terms"`
	// norms are 1/√(words) per doc: a word in a short title weighs more
	// than the same word in a long passage. Computed on first use.
	norms []float64
}

// NewStatic indexes docs.
func NewStatic(titles map[string]string, docs []Doc) *Static {
	x := &Static{Titles: titles, Docs: docs, Terms: map[string][]int32{}}
	for i, d := range docs {
		for _, t := range Tokenize(d.Text) {
			p := x.Terms[t.Term]
			if n := len(p); n == 0 || p[n-1] != int32(i) {
				x.Terms[t.Term] = append(p, int32(i))
			}
		}
	}
	return x
}

// Token is a word of a text and where it is.
type Token struct {
	Term     string // lower case
	From, To int    // byte offsets
}

// Tokenize splits text into lower-case words: runs of letters, digits and
// marks, except that each Han, Hiragana or Katakana character is a word of
// its own (those scripts do not separate words with spaces).
func Tokenize(text string) []Token {
	var toks []Token
	start := -1
	flush := func(end int) {
		if start >= 0 {
			toks = append(toks, Token{Term: strings.ToLower(text[start:end]), From: start, To: end})
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case isIdeographic(r):
			flush(i)
			toks = append(toks, Token{Term: string(r), From: i, To: i + utf8.RuneLen(r)})
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return toks
}

// isIdeographic reports whether r is Han, Hiragana or Katakana, by the
// blocks' ranges (unicode.In's tables would add to the wasm).
func isIdeographic(r rune) bool {
	return r >= 0x3040 && r <= 0x30ff || // Hiragana, Katakana
		r >= 0x3400 && r <= 0x4dbf || r >= 0x4e00 && r <= 0x9fff || // CJK ideographs
		r >= 0xf900 && r <= 0xfaff || r >= 0x20000 && r <= 0x3134f
}

// Terms are the distinct words of a query, at most MaxTerms.
func Terms(q string) ([]string, error) {
	q, err := CheckQuery(q)
	if err != nil {
		return nil, err
	}
	var terms []string
	for _, t := range Tokenize(q) {
		if !slices.Contains(terms, t.Term) && len(terms) < MaxTerms {
			terms = append(terms, t.Term)
		}
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("%w: %q has no words", ErrEmptyQuery, q)
	}
	return terms, nil
}

// Search returns the moments of the index that match q, best first, at
// most limit (DefaultLimit for 0). Their links are left to the caller.
func (x *Static) Search(q string, limit int) ([]podcast.Moment, error) {
	terms, err := Terms(q)
	if err != nil {
		return nil, err
	}
	limit = Limit(limit)
	x.computeNorms()
	matches := make([]map[string]float64, len(terms)) // per query word: index word → weight
	for i, t := range terms {
		matches[i] = x.match(t, i == len(terms)-1)
	}
	ranked := x.rank(matches, true)
	if len(ranked) == 0 && len(terms) > 1 {
		ranked = x.rank(matches, false)
	}
	return x.moments(ranked, matches, limit), nil
}

// match finds the index's words a query word matches, with their weight:
// itself, those one typo away (four letters or more, same first letter),
// and, for the last word, those it starts; a common word only itself.
func (x *Static) match(t string, last bool) map[string]float64 {
	m := map[string]float64{}
	if _, ok := x.Terms[t]; ok {
		m[t] = ExactWeight
	}
	n := utf8.RuneCountInString(t)
	if n < FuzzyRunes && (!last || n < PrefixRunes) || len(x.Terms[t]) >= CommonDocs {
		return m
	}
	for v := range x.Terms {
		w := 0.0
		if n >= FuzzyRunes && v[0] == t[0] && oneEdit(v, t) {
			w = FuzzyWeight
		}
		if last && n >= PrefixRunes && strings.HasPrefix(v, t) {
			w = max(w, PrefixWeight)
		}
		if w > m[v] {
			m[v] = w
		}
	}
	return m
}

// oneEdit reports whether a and b differ by at most one inserted, deleted
// or replaced rune.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return i >= len(ra)-1 || slices.Equal(ra[i+1:], rb[i+1:])
	}
	return slices.Equal(ra[i+1:], rb[i:])
}

func (x *Static) computeNorms() {
	if len(x.norms) == len(x.Docs) {
		return
	}
	x.norms = make([]float64, len(x.Docs))
	for i, d := range x.Docs {
		x.norms[i] = 1 / math.Sqrt(float64(max(1, len(Tokenize(d.Text)))))
	}
}

// scored is a doc and its score.
type scored struct {
	doc   int
	score float64
}

// rank scores the docs that hold every query word (all), or any.
func (x *Static) rank(matches []map[string]float64, all bool) []scored {
	scores := map[int]float64{}
	hits := map[int]int{}
	for _, m := range matches {
		best := map[int]float64{}
		for v, w := range m {
			p := x.Terms[v]
			idf := 1 + math.Log(float64(len(x.Docs))/float64(1+len(p)))
			for _, d := range p {
				best[int(d)] = max(best[int(d)], w*idf)
			}
		}
		for d, s := range best {
			scores[d] += s
			hits[d]++
		}
	}
	var out []scored
	for d, s := range scores {
		if all && hits[d] < len(matches) {
			continue
		}
		out = append(out, scored{d, s * Boost[x.Docs[d].Kind] * x.norms[d]})
	}
	slices.SortFunc(out, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	return out
}

// moments turns ranked docs into moments, at most PerEpisode per episode
// and limit in all, their matched words marked.
func (x *Static) moments(ranked []scored, matches []map[string]float64, limit int) []podcast.Moment {
	out := []podcast.Moment{}
	per := map[string]int{}
	for _, r := range ranked {
		d := x.Docs[r.doc]
		title, known := x.Titles[d.GUID]
		if !known || per[d.GUID] >= PerEpisode {
			continue
		}
		per[d.GUID]++
		var marks []Span
		for _, t := range Tokenize(d.Text) {
			for _, m := range matches {
				if _, ok := m[t.Term]; ok {
					marks = append(marks, Span{t.From, t.To})
					break
				}
			}
		}
		marks = Merge(marks)
		m := podcast.Moment{GUID: d.GUID, Episode: title, Kind: d.Kind, Start: d.Start, Parts: Snippet(d.Text, marks)}
		if len(marks) > 0 && d.Offsets != "" {
			m.Start = d.Offsets.StartAt(marks[0].From, m.Start)
		}
		out = append(out, m)
		if len(out) == limit {
			break
		}
	}
	return out
}
