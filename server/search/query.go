package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/moments"
	"github.com/earshot/earshot/podcast"
)

// Errors of a query (the moments package's, which the app shares).
var (
	ErrEmptyQuery = moments.ErrEmptyQuery
	ErrLongQuery  = moments.ErrLongQuery
)

// Limits of a query and its answer, and how words match: the moments
// package's, so that a static export's index answers as this one does.
// Words of at least fuzzyRunes runes also match with one typo; the last
// word of at least prefixRunes runes also matches as a prefix (the listener
// may still be typing it).
const (
	MaxQueryRunes = podcast.MaxSearchRunes
	maxTerms      = moments.MaxTerms
	DefaultLimit  = moments.DefaultLimit
	MaxLimit      = moments.MaxLimit
	perEpisode    = moments.PerEpisode
	fuzzyRunes    = moments.FuzzyRunes
	prefixRunes   = moments.PrefixRunes
	exactBoost    = moments.ExactWeight
	fuzzyBoost    = moments.FuzzyWeight
	prefixBoost   = moments.PrefixWeight
)

const analyzerName = "earshot"

// indexMapping describes every feed's index: one text field per kind of
// moment, split into words at Unicode word boundaries (so every script is
// searchable) and lower-cased; no stemming or stop words, since a show's
// language is often not what its feed says and fuzzy matching already
// bridges "episode" and "episodes".
var indexMapping = newMapping()

func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		panic(err) // a programming error: the names above are bleve's
	}
	im.DefaultAnalyzer = analyzerName
	dm := bleve.NewDocumentStaticMapping()
	for field := range fieldBoost {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer, fm.Store, fm.IncludeTermVectors, fm.IncludeInAll = analyzerName, true, true, false
		dm.AddFieldMappingsAt(field, fm)
	}
	for _, field := range []string{fieldEpisode, fieldKind, fieldOffsets} {
		fm := bleve.NewKeywordFieldMapping()
		fm.Index, fm.Store, fm.IncludeInAll, fm.DocValues = false, true, false, false
		dm.AddFieldMappingsAt(field, fm)
	}
	fm := bleve.NewNumericFieldMapping()
	fm.Index, fm.Store, fm.IncludeInAll, fm.DocValues = false, true, false, false
	dm.AddFieldMappingsAt(fieldStart, fm)
	pub := bleve.NewNumericFieldMapping()
	pub.Index, pub.Store, pub.IncludeInAll, pub.DocValues = false, true, false, false
	dm.AddFieldMappingsAt(fieldPublished, pub)
	im.DefaultMapping = dm
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	return im
}

var queryAnalyzer = func() analysis.Analyzer {
	a := indexMapping.AnalyzerNamed(analyzerName)
	if a == nil {
		panic("search: no analyzer " + analyzerName)
	}
	return a
}()

// Terms splits a query into the words the index matches, or says why it
// cannot be searched.
func Terms(q string) ([]string, error) {
	q, err := moments.CheckQuery(q)
	if err != nil {
		return nil, err
	}
	var terms []string
	for _, tok := range queryAnalyzer.Analyze([]byte(q)) {
		if t := string(tok.Term); !slices.Contains(terms, t) && len(terms) < maxTerms {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("%w: %q has no words", ErrEmptyQuery, q)
	}
	return terms, nil
}

// firstRestWait is how long a search waits, once the feed's own text is
// indexed, for a build to finish (the chapters and transcripts of a small
// show): the answer is complete without the listener asking again.
const firstRestWait = time.Second

// Search returns the moments of the feed's show that match q, best first,
// at most limit (DefaultLimit for 0). A feed's first search starts its
// index and waits at most Options.FirstWait for the feed's own text (and
// firstRestWait more for the rest); the result says when the index is not
// yet complete.
func (x *Index) Search(ctx context.Context, feedURL, q string, limit int) (*podcast.SearchResult, error) {
	terms, err := Terms(q)
	if err != nil {
		return nil, err
	}
	limit = moments.Limit(limit)
	show, fi, err := x.current(ctx, feedURL)
	if err != nil {
		return nil, err
	}
	wait := time.NewTimer(x.opt.FirstWait)
	defer wait.Stop()
	select {
	case <-fi.ready:
		// A small show's transcripts are read in a moment: wait for them
		// briefly rather than answer without them.
		fi.settle(ctx, firstRestWait)
	case <-wait.C:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	res := &podcast.SearchResult{Query: strings.TrimSpace(q), Moments: []podcast.Moment{}}
	// Most answers fill from a first page of twice the moments asked for;
	// one that does not (an episode with many hits takes PerEpisode) reads
	// enough for any spread. Reading hits (text and locations) is most of
	// a common word's cost.
	for _, size := range []int{limit * 2, limit * perEpisode} {
		hits, total, err := fi.find(ctx, terms, size)
		if err != nil {
			return nil, err
		}
		res.Moments = toMoments(show, hits, limit)
		if len(res.Moments) == limit || total <= uint64(len(hits)) {
			break
		}
	}
	fi.progress(res)
	return res, nil
}

// Wait blocks until the feed's index is complete (every document fetched
// or tried), or ctx ends. Tests, benchmarks and the static export use it.
func (x *Index) Wait(ctx context.Context, feedURL string) error {
	_, fi, err := x.current(ctx, feedURL)
	if err != nil {
		return err
	}
	if !fi.settle(ctx, 0) {
		return ctx.Err()
	}
	return nil
}

// current returns the feed's show and its index, and starts a build when
// the show is newer than the index.
func (x *Index) current(ctx context.Context, feedURL string) (*podcast.Show, *feedIndex, error) {
	show, err := x.src.Show(ctx, feedURL)
	if err != nil {
		return nil, nil, err
	}
	fi, err := x.feed(show.FeedURL)
	if err != nil {
		return nil, nil, err
	}
	x.refresh(fi, show)
	return show, fi, nil
}

// settle waits until no build runs, at most d (0: no limit), and says
// whether none does.
func (fi *feedIndex) settle(ctx context.Context, d time.Duration) bool {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	var limit <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		limit = t.C
	}
	for {
		fi.mu.Lock()
		done := !fi.building
		fi.mu.Unlock()
		if done {
			return true
		}
		select {
		case <-tick.C:
		case <-limit:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

// find runs the query: every word in one field (all words of a query in
// one chapter title, say); when nothing has them all, any of them. Equally
// good moments are ordered newest episode first here rather than by a
// bleve sort, which costs a quarter more on a large archive.
func (fi *feedIndex) find(ctx context.Context, terms []string, size int) (search.DocumentMatchCollection, uint64, error) {
	fi.live.RLock()
	defer fi.live.RUnlock()
	if fi.idx == nil {
		return nil, 0, errors.New("search index closed")
	}
	common, err := fi.common(ctx, terms)
	if err != nil {
		return nil, 0, err
	}
	for _, all := range []bool{true, false} {
		req := bleve.NewSearchRequestOptions(buildQuery(terms, common, all), size, 0, false)
		req.Fields = []string{fieldEpisode, fieldKind, fieldStart, fieldOffsets, fieldPublished,
			podcast.MomentTitle, podcast.MomentChapter, podcast.MomentNotes, podcast.MomentTranscript}
		req.IncludeLocations = true
		res, err := fi.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		if len(res.Hits) > 0 || len(terms) == 1 {
			hits := res.Hits
			slices.SortStableFunc(hits, func(a, b *search.DocumentMatch) int {
				if c := cmp.Compare(b.Score, a.Score); c != 0 {
					return c
				}
				pa, _ := a.Fields[fieldPublished].(float64)
				pb, _ := b.Fields[fieldPublished].(float64)
				return cmp.Compare(pb, pa)
			})
			return hits, res.Total, nil
		}
	}
	return nil, 0, nil
}

// common says which query words the show already says often
// (moments.CommonDocs moments or more): those match only as typed.
func (fi *feedIndex) common(ctx context.Context, terms []string) (map[string]bool, error) {
	ai, err := fi.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r, err := ai.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer r.Close()
	common := map[string]bool{}
	for _, t := range terms {
		n := uint64(0)
		for field := range fieldBoost {
			tfr, err := r.TermFieldReader(ctx, []byte(t), field, false, false, false)
			if err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			n += tfr.Count()
			tfr.Close()
		}
		common[t] = n >= moments.CommonDocs
	}
	return common, nil
}

// buildQuery matches the words in each field. The field's weight is set
// on every word's query: bleve ignores the boost of a conjunction or
// disjunction, and applies only its leaves'.
func buildQuery(terms []string, common map[string]bool, all bool) query.Query {
	var fields []query.Query
	for field, boost := range fieldBoost {
		words := make([]query.Query, 0, len(terms))
		for i, t := range terms {
			words = append(words, wordQuery(field, t, i == len(terms)-1 && !common[t], !common[t], boost))
		}
		if all {
			fields = append(fields, bleve.NewConjunctionQuery(words...))
		} else {
			fields = append(fields, bleve.NewDisjunctionQuery(words...))
		}
	}
	return bleve.NewDisjunctionQuery(fields...)
}

// wordQuery matches one word in field exactly, with one typo when it is
// long enough and variants are wanted, and as a prefix when it is the
// last (and variants are wanted), weighted by boost.
func wordQuery(field, t string, last, variants bool, boost float64) query.Query {
	exact := bleve.NewTermQuery(t)
	exact.SetField(field)
	exact.SetBoost(boost * exactBoost)
	alts := []query.Query{exact}
	n := utf8.RuneCountInString(t)
	if variants && n >= fuzzyRunes {
		f := bleve.NewFuzzyQuery(t)
		f.SetField(field)
		f.SetFuzziness(1)
		f.SetPrefix(1)
		f.SetBoost(boost * fuzzyBoost)
		alts = append(alts, f)
	}
	if last && n >= prefixRunes {
		p := bleve.NewPrefixQuery(t)
		p.SetField(field)
		p.SetBoost(boost * prefixBoost)
		alts = append(alts, p)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// toMoments turns hits into moments of show, at most perEpisode per episode
// and limit in all. Hits of episodes that left the feed are dropped.
func toMoments(show *podcast.Show, hits search.DocumentMatchCollection, limit int) []podcast.Moment {
	titles := make(map[string]string, len(show.Episodes))
	for _, ep := range show.Episodes {
		titles[ep.GUID] = ep.Title
	}
	out := []podcast.Moment{}
	per := map[string]int{}
	for _, h := range hits {
		m, ok := moment(h)
		title, known := titles[m.GUID]
		if !ok || !known || per[m.GUID] >= perEpisode {
			continue
		}
		per[m.GUID]++
		m.Episode = title
		m.Link = embed.EpisodePath(embed.Target{Feed: show.FeedURL, GUID: m.GUID, Time: podcast.Range{Start: m.Start}})
		out = append(out, m)
		if len(out) == limit {
			break
		}
	}
	return out
}

// moment reads one hit: its episode, kind, time and highlighted text.
func moment(h *search.DocumentMatch) (podcast.Moment, bool) {
	d, ok := docOf(h)
	if !ok {
		return podcast.Moment{}, false
	}
	m := podcast.Moment{GUID: d.GUID, Kind: d.Kind, Start: d.Start}
	marks := marksOf(h.Locations[d.Kind], len(d.Text))
	if len(marks) > 0 && d.Offsets != "" {
		m.Start = d.Offsets.StartAt(marks[0].From, m.Start)
	}
	m.Parts = moments.Snippet(d.Text, marks)
	return m, true
}

// docOf reads a hit's stored fields back into the document they came
// from; ok is false for one that is not a moment.
func docOf(h *search.DocumentMatch) (d moments.Doc, ok bool) {
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	d = moments.Doc{GUID: str(fieldEpisode), Kind: str(fieldKind), Offsets: moments.Offsets(str(fieldOffsets))}
	d.Start, _ = h.Fields[fieldStart].(float64)
	d.Text = str(d.Kind)
	_, known := fieldBoost[d.Kind]
	return d, known && d.GUID != "" && d.Text != ""
}

// marksOf returns the matched ranges of a field, sorted and merged.
func marksOf(terms search.TermLocationMap, size int) []moments.Span {
	var marks []moments.Span
	for _, locs := range terms {
		for _, l := range locs {
			if from, to := int(l.Start), int(l.End); from < to && to <= size {
				marks = append(marks, moments.Span{From: from, To: to})
			}
		}
	}
	return moments.Merge(marks)
}
