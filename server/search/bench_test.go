package search

// Benchmarks of issue 14 "Find the moment": how long an index takes to
// build and how large it is, for the largest feed of the corpus and for a
// synthetic 700-episode show with one-hour transcripts, and how fast it
// answers, alone and under load. The goal: a query answers in at most
// queryGoal at the 99th percentile on the 700-episode show.
//
// Every benchmark here builds (or queries) once per iteration and an
// iteration takes seconds to minutes, so run them once:
//
//	go test -run '^$' -bench . -benchtime 1x -timeout 60m ./server/search/
//
// make bench's default -benchtime (1s) also runs the synthetic show's
// once, since one iteration outlasts it (the corpus feed's build, a
// fraction of a second, is repeated for a second): about two minutes in
// all. EARSHOT_BENCH_EPISODES sets the synthetic show's size for a quick
// run (EARSHOT_BENCH_EPISODES=40).
//
// The figures are for comparing runs on one machine: the show's server,
// the index and (for the load) wrk share its CPUs.

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/earshot/earshot/internal/wrk"
	"github.com/earshot/earshot/server/feed"
)

// The synthetic show: the 700 episodes of one hour, a cue every
// five seconds (720 cues, about 60 KB of WebVTT an episode).
const (
	benchEpisodes    = 700
	benchEpisodesEnv = "EARSHOT_BENCH_EPISODES"
	benchLength      = 3600
	benchCueEvery    = 5
)

// The synthetic speech (see speech).
const (
	// vocabWords is about the vocabulary of a long-running show's
	// transcripts: tens of thousands of distinct words, names included.
	vocabWords = 20000
	// wordsPerCue is what a speaker says in five seconds (~145 words a
	// minute), give or take wordsPerCueSpread.
	wordsPerCue       = 12
	wordsPerCueSpread = 3
	// zipfS and zipfV shape word frequencies (Zipf–Mandelbrot, as
	// rand.Zipf draws them): the most frequent word is 5.5% of what is
	// said, the ten most frequent 25%, the hundred 52%, as in English.
	zipfS = 1.1
	zipfV = 3
	// speechSeed fixes the speech: every run indexes the same words.
	speechSeed = 14
)

// The queries' limits.
const (
	// queryGoal is the goal for the 99th percentile.
	queryGoal = 50 * time.Millisecond
	// queryRounds is how many times one iteration of the in-process
	// benchmark asks every query: enough answers for a 99th percentile.
	queryRounds = 100
	// The ranks of the vocabulary the queries take their words from (see
	// benchQueries); rareRank's word is said a few dozen times in the
	// 700-episode show.
	twoWordsRankA = 30
	twoWordsRankB = 300
	typoRank      = 100
	prefixRank    = 500
	rareRank      = vocabWords * 3 / 4
	// prefixTyped is how much of a word the prefix query types: as much
	// as a word matched with a typo, so that it is matched both ways.
	prefixTyped = fuzzyRunes
)

// The load wrk makes: two threads (wrk must leave CPU to the server it
// measures) holding keep-alive connections: two, about one search at a
// time per core (latency under a steady load), and 64, many listeners
// searching at once on a small server (throughput; latency there is
// mostly waiting in line).
const (
	wrkThreads  = "2"
	wrkDuration = 10 * time.Second
	// wrkTimeout is how long wrk waits for an answer: as long as it runs,
	// since wrk leaves an answer it gave up on out of its percentiles
	// (its default, 2s, would hide the slowest answers of a saturated
	// server) and counts it as an error.
	wrkTimeout = wrkDuration
	// wrkSlack is how much longer than wrkDuration wrk may take to start,
	// finish its requests and report.
	wrkSlack = time.Minute
)

// mb is the unit of the benchmarks' -MB figures: 10⁶ bytes.
const mb = 1e6

// benchEpisodeCount is the synthetic show's size: benchEpisodes, or
// EARSHOT_BENCH_EPISODES.
func benchEpisodeCount(b *testing.B) int {
	s := os.Getenv(benchEpisodesEnv)
	if s == "" {
		return benchEpisodes
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a number of episodes", benchEpisodesEnv, s)
	}
	return n
}

// speech is a synthetic language for transcripts: vocabWords pseudo-words
// ranked by frequency, drawn with Zipf's law as words are in speech. The
// index then holds what a real archive's does, a few terms in nearly every
// passage and a long tail of rare ones, which "episode N line K" (a
// handful of words and numbers) is not.
type speech struct {
	words []string // most frequent first
}

// Syllables of the pseudo-words. No q, x or y: the query of words nobody
// said spells them.
var (
	onsets = []string{"", "", "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
		"br", "dr", "gr", "kl", "pl", "st", "tr", "sh", "ch", "th"}
	vowels = []string{"a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou", "ee"}
	codas  = []string{"", "", "", "n", "r", "s", "t", "l", "m", "k", "nd", "st"}
	// syllableWeights are the odds of a word of 1, 2, 3 and 4 syllables.
	syllableWeights = []int{25, 40, 25, 10}
)

func newSpeech() *speech {
	r := rand.New(rand.NewPCG(speechSeed, 0))
	type word struct {
		s         string
		syllables int
	}
	seen := map[string]bool{}
	words := make([]word, 0, vocabWords)
	for len(words) < vocabWords {
		n := pick(r, syllableWeights) + 1
		var b strings.Builder
		for range n {
			b.WriteString(onsets[r.IntN(len(onsets))] + vowels[r.IntN(len(vowels))] + codas[r.IntN(len(codas))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, word{w, n})
		}
	}
	// Frequent words are short in every language: rank by syllables, the
	// draw's order within.
	slices.SortStableFunc(words, func(a, b word) int { return cmp.Compare(a.syllables, b.syllables) })
	sp := &speech{words: make([]string, len(words))}
	for i, w := range words {
		sp.words[i] = w.s
	}
	return sp
}

// pick draws an index of weights with their odds.
func pick(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// cue is what is said at second sec of episode n: the same words every
// time it is asked, in whatever order transcripts are fetched.
func (sp *speech) cue(n, sec int) string {
	r := rand.New(rand.NewPCG(speechSeed, mix(uint64(n)<<32|uint64(sec))))
	z := rand.NewZipf(r, zipfS, zipfV, uint64(len(sp.words)-1))
	k := wordsPerCue - wordsPerCueSpread + r.IntN(2*wordsPerCueSpread+1)
	var b strings.Builder
	for i := range k {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sp.words[z.Uint64()])
	}
	return b.String()
}

// mix is SplitMix64's finalizer: neighbouring cues get unrelated seeds.
func mix(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// benchQuery is one query of the mixed set the query benchmarks ask.
type benchQuery struct{ name, q string }

// benchQueries are what listeners type, each a different path through the
// index: a word in most passages (exact, typo and prefix matches over long
// posting lists), a rare word, two words that must share a passage, a
// word with a typo, a word half typed, a word of one episode's title, and
// words nobody said (both of find's passes, to find nothing).
func (sp *speech) benchQueries() []benchQuery {
	// The first word long enough to be matched with a typo and as a
	// prefix: the heaviest common word.
	common := sp.first(0, func(w string) bool { return utf8.RuneCountInString(w) >= fuzzyRunes })
	typo := []byte(sp.first(typoRank, func(w string) bool { return len(w) >= 5 }))
	// One substitution in the middle, to a letter that makes no word of
	// the vocabulary.
	mid := len(typo) / 2
	for _, c := range []byte("zkvwbdfg") {
		if typo[mid] != c && !slices.Contains(sp.words, string(typo[:mid])+string(c)+string(typo[mid+1:])) {
			typo[mid] = c
			break
		}
	}
	prefix := sp.first(prefixRank, func(w string) bool { return len(w) >= 2*prefixTyped })[:prefixTyped]
	return []benchQuery{
		{"common", common},
		{"rare", sp.words[rareRank]},
		{"two-words", sp.words[twoWordsRankA] + " " + sp.words[twoWordsRankB]},
		{"typo", string(typo)},
		{"prefix", prefix},
		{"title", "volcanoes"}, // testShow's title of episode 2
		{"nobody-said", "quantum entanglement"},
	}
}

// first is the most frequent word from rank on that ok accepts.
func (sp *speech) first(rank int, ok func(string) bool) string {
	for _, w := range sp.words[rank:] {
		if ok(w) {
			return w
		}
	}
	panic("search: no such word in the synthetic vocabulary")
}

// syntheticShow is the benchmarks' show of episodes one-hour episodes
// spoken in sp.
func syntheticShow(b *testing.B, sp *speech, episodes int) *testShow {
	s := newTestShow(b, episodes)
	s.length, s.cueEvery, s.cue = benchLength, benchCueEvery, sp.cue
	b.Logf("synthetic show: %d episodes, %d KB of WebVTT each, %d-word vocabulary", episodes, len(s.vtt(1))/1000, vocabWords)
	return s
}

// corpusShow serves the largest feed of the corpus (Software Engineering
// Radio, 249 episodes, show notes but neither chapters documents nor
// transcripts) and returns its URL and origin.
func corpusShow(b *testing.B) (feedURL, origin string) {
	data, err := os.ReadFile(filepath.Join("..", "feed", "testdata", "se-radio.xml"))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(data)
	}))
	b.Cleanup(srv.Close)
	return srv.URL + "/feed.xml", srv.URL
}

// buildStart readies a build of feedURL's index: a feed service that has
// the show (a build starts from a fetched feed, and feed ingestion has its
// own benchmarks in server/feed) and an empty Index persisted in a fresh
// folder, as the server's with -data-dir. The caller closes it.
func buildStart(b *testing.B, feedURL, origin string) (x *Index, dir string) {
	b.Helper()
	svc := feed.New(feed.Options{TTL: time.Hour, Trusted: []string{origin}})
	if _, err := svc.Show(b.Context(), feedURL); err != nil {
		b.Fatal(err)
	}
	dir = b.TempDir()
	x, err := New(svc, Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	return x, dir
}

// build builds feedURL's index and waits until it is complete.
func build(b *testing.B, feedURL, origin string) (*Index, string) {
	b.Helper()
	x, dir := buildStart(b, feedURL, origin)
	b.Cleanup(func() { x.Close() })
	if err := x.Wait(b.Context(), feedURL); err != nil {
		b.Fatal(err)
	}
	return x, dir
}

// BenchmarkIndexBuild is the build of a whole index, from the fetched
// feed to the last transcript passage on disk, reported as build-s, with
// the index's size on disk (disk-MB), its documents (docs) and the heap in
// use once it is built (heap-MB, after a GC: the show, the open index and
// the benchmark's own servers). An iteration is one build; make bench's
// default -benchtime runs a long build once.
func BenchmarkIndexBuild(b *testing.B) {
	b.Run("corpus-se-radio", func(b *testing.B) {
		feedURL, origin := corpusShow(b)
		benchmarkBuild(b, feedURL, origin)
	})
	b.Run(fmt.Sprintf("synthetic-%dx1h", benchEpisodeCount(b)), func(b *testing.B) {
		s := syntheticShow(b, newSpeech(), benchEpisodeCount(b))
		benchmarkBuild(b, s.feedURL(), s.srv.URL)
	})
}

func benchmarkBuild(b *testing.B, feedURL, origin string) {
	var (
		x   *Index
		dir string
	)
	// Only the last build stays open (and referenced: heap-MB is one
	// build's).
	b.Cleanup(func() {
		if x != nil {
			x.Close()
		}
	})
	for b.Loop() {
		b.StopTimer()
		if x != nil {
			x.Close()
		}
		x, dir = buildStart(b, feedURL, origin)
		b.StartTimer()
		if err := x.Wait(b.Context(), feedURL); err != nil {
			b.Fatal(err)
		}
	}
	docs, err := x.docCount(b.Context(), feedURL)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "build-s")
	b.ReportMetric(float64(dirSize(b, dir))/mb, "disk-MB")
	b.ReportMetric(float64(docs), "docs")
	b.ReportMetric(float64(ms.HeapInuse)/mb, "heap-MB")
}

// BenchmarkQuery asks the synthetic show's index (built once, persisted)
// the mixed set of benchQueries: one after another in this process
// (in-process: p50-ms and p99-ms of single queries, ns/op their mean,
// B/query what one allocates), and over HTTP under wrk's load (wrk: req/s,
// p50-ms, p99-ms, errors). An in-process iteration asks queryRounds rounds
// of the set, so -benchmem's B/op and allocs/op are those rounds'.
func BenchmarkQuery(b *testing.B) {
	sp := newSpeech()
	s := syntheticShow(b, sp, benchEpisodeCount(b))
	start := time.Now()
	x, _ := build(b, s.feedURL(), s.srv.URL)
	b.Logf("index built in %s", time.Since(start).Round(time.Millisecond))
	queries := sp.benchQueries()
	feedURL := s.feedURL()

	b.Run("in-process", func(b *testing.B) {
		// A round before the clock starts: the index's first reads of
		// its files, as any server that has answered once.
		for _, q := range queries {
			res, err := x.Search(b.Context(), feedURL, q.q, 0)
			if err != nil {
				b.Fatalf("%s %q: %v", q.name, q.q, err)
			}
			if q.name == "nobody-said" && len(res.Moments) > 0 {
				b.Fatalf("%q was said: %s", q.q, text(res.Moments[0]))
			}
		}
		all := make([]time.Duration, 0, queryRounds*len(queries))
		per := make([][]time.Duration, len(queries))
		hits := make([]int, len(queries))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for b.Loop() {
			for range queryRounds {
				for i, q := range queries {
					t := time.Now()
					res, err := x.Search(b.Context(), feedURL, q.q, 0)
					d := time.Since(t)
					if err != nil {
						b.Fatalf("%s %q: %v", q.name, q.q, err)
					}
					all = append(all, d)
					per[i] = append(per[i], d)
					hits[i] = len(res.Moments)
				}
			}
		}
		runtime.ReadMemStats(&after)
		for i, q := range queries {
			slices.Sort(per[i])
			b.Logf("%-11s %-22q %2d moments  p50 %6.2f ms  max %6.2f ms", q.name, q.q, hits[i],
				ms(percentile(per[i], 50)), ms(per[i][len(per[i])-1]))
		}
		slices.Sort(all)
		var sum time.Duration
		for _, d := range all {
			sum += d
		}
		b.ReportMetric(float64(sum.Nanoseconds())/float64(len(all)), "ns/op")
		b.ReportMetric(ms(percentile(all, 50)), "p50-ms")
		b.ReportMetric(ms(percentile(all, 99)), "p99-ms")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(len(all)), "B/query")
		if p99 := percentile(all, 99); p99 > queryGoal {
			b.Logf("p99 %s is above the goal of %s", p99.Round(time.Millisecond/10), queryGoal)
		}
	})

	for _, conns := range []string{"2", "64"} {
		b.Run("wrk-c"+conns, func(b *testing.B) { benchWrk(b, x, feedURL, queries, conns) })
	}
}

// benchWrk loads Index.Search behind an HTTP handler with wrk, holding
// conns connections.
func benchWrk(b *testing.B, x *Index, feedURL string, queries []benchQuery, conns string) {
	{
		if _, err := wrk.LookPath(); err != nil {
			b.Skip(err)
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			res, err := x.Search(r.Context(), feedURL, r.URL.Query().Get("q"), 0)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(res) // an error is the client's: it left
		}))
		defer srv.Close()
		script := filepath.Join(b.TempDir(), "queries.lua")
		if err := os.WriteFile(script, []byte(wrkScript(queries)), 0o644); err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(b.Context(), wrkDuration+wrkSlack)
		defer cancel()
		// wrk decides the duration: one run whatever b.N is.
		r, err := wrk.Run(ctx, "-t"+wrkThreads, "-c"+conns, "-d"+wrkDuration.String(),
			"--timeout", wrkTimeout.String(), "-s", script, srv.URL+"/")
		if errors.Is(err, wrk.ErrNotInstalled) {
			b.Skip(err)
		}
		if err != nil {
			b.Fatal(err)
		}
		b.Log(r.Summary)
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(r.ReqPerSec, "req/s")
		b.ReportMetric(ms(r.P50), "p50-ms")
		b.ReportMetric(ms(r.P99), "p99-ms")
		b.ReportMetric(float64(r.Errors), "errors")
		if r.Errors > 0 {
			b.Fatalf("%d requests failed: %s", r.Errors, r.Summary)
		}
	}
}

// wrkScript is a wrk script whose every request asks the next of queries
// (each of wrk's threads goes round them on its own).
func wrkScript(queries []benchQuery) string {
	var b strings.Builder
	b.WriteString("local paths = {\n")
	for _, q := range queries {
		// Escaped for a URL, the path is plain ASCII without quotes or
		// backslashes: a Lua string as it stands.
		fmt.Fprintf(&b, "  %q,\n", "/search?q="+url.QueryEscape(q.q))
	}
	b.WriteString(`}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`)
	return b.String()
}

// percentile is the p-th percentile of sorted (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100 // ceil(len·p/100), 1-based
	return sorted[max(i, 1)-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
