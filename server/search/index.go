// Package search finds moments in a show's archive: episode titles,
// chapter titles, show-note lines and transcript passages, each a time to
// play from. It keeps one bleve index per feed, built in the background
// after a feed's first search (the feed's own text first, then its chapters
// documents and transcripts over the network, with bounded concurrency and
// bytes), refreshed with the feed, and persisted under a directory so that
// a restart resumes instead of refetching every transcript.
//
// bleve is chosen on purpose: fuzzy term matching for typos, per-field
// boosts for ranking, term locations for highlighting, and a persisted
// index, all pure Go. The server uses it; the wasm never imports it.
package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/earshot/earshot/podcast"
)

// Source is where the index reads a show: the feed service.
type Source interface {
	Show(ctx context.Context, feedURL string) (*podcast.Show, error)
	// IndexChapters and IndexTranscript read an episode of a show Show
	// returned: the build works from one show, whatever the feed says
	// meanwhile.
	IndexChapters(ctx context.Context, ep *podcast.Episode) ([]podcast.Chapter, error)
	IndexTranscript(ctx context.Context, ep *podcast.Episode) (*podcast.Transcript, error)
}

// Defaults of Options.
const (
	defaultFeedsAtOnce   = 2
	defaultFetchesAtOnce = 4
	// defaultTranscriptBytes bounds the transcript text one build reads for
	// one feed: 700 one-hour transcripts are about 40 MB.
	defaultTranscriptBytes = 128 << 20
	defaultMaxOpen         = 64
	// defaultMaxOpenInMemory bounds the indexes held in memory without a
	// Dir: a 700-episode show with transcripts is over 100 MB of index.
	defaultMaxOpenInMemory = 8
	// defaultFirstWait is how long a first search waits for the feed's own
	// text to be indexed before it answers with what there is.
	defaultFirstWait = 3 * time.Second
)

// Options configure an Index. Zero values mean the defaults.
type Options struct {
	// Dir persists the indexes (one folder per feed); "" keeps them in
	// memory.
	Dir string
	// FeedsAtOnce is how many feeds fetch their chapters and transcripts at
	// once; FetchesAtOnce how many documents are fetched at once in all.
	FeedsAtOnce   int
	FetchesAtOnce int
	// TranscriptBytes bounds the transcript text read for one feed in one
	// build; the rest waits for the next refresh.
	TranscriptBytes int64
	// MaxOpen bounds the indexes kept open (64, or 8 in memory); the least
	// recently searched is closed first (and, in memory, forgotten, to be
	// built again at its next search).
	MaxOpen int
	// FirstWait bounds how long a search waits for a new index.
	FirstWait time.Duration
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.FeedsAtOnce, defaultFeedsAtOnce)
	def(&o.FetchesAtOnce, defaultFetchesAtOnce)
	if o.Dir == "" {
		def(&o.MaxOpen, defaultMaxOpenInMemory)
	}
	def(&o.MaxOpen, defaultMaxOpen)
	if o.TranscriptBytes <= 0 {
		o.TranscriptBytes = defaultTranscriptBytes
	}
	if o.FirstWait <= 0 {
		o.FirstWait = defaultFirstWait
	}
	return o
}

// Index searches shows. It is safe for concurrent use; Close stops its
// background work.
type Index struct {
	src      Source
	opt      Options
	ctx      context.Context
	stop     context.CancelFunc
	builders chan struct{}
	fetches  chan struct{}
	wg       sync.WaitGroup

	mu    sync.Mutex
	feeds map[string]*feedIndex
	clock uint64 // orders feeds by last use
}

// New returns an Index over src.
func New(src Source, opt Options) (*Index, error) {
	opt = opt.withDefaults()
	if opt.Dir != "" {
		if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("search index folder: %w", err)
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	return &Index{
		src: src, opt: opt, ctx: ctx, stop: stop,
		builders: make(chan struct{}, opt.FeedsAtOnce),
		fetches:  make(chan struct{}, opt.FetchesAtOnce),
		feeds:    map[string]*feedIndex{},
	}, nil
}

// Close stops background indexing and closes every index.
func (x *Index) Close() error {
	x.stop()
	x.wg.Wait()
	x.mu.Lock()
	defer x.mu.Unlock()
	var errs []error
	for k, fi := range x.feeds {
		errs = append(errs, fi.close())
		delete(x.feeds, k)
	}
	return errors.Join(errs...)
}

// stateVersion changes when documents change shape; an index persisted by
// another version is rebuilt.
const stateVersion = 3

// stateKey is where an index keeps its state (bleve's internal storage),
// written in the same batch as the documents it describes.
var stateKey = []byte("earshot.state")

// state is what an index holds for each episode.
type state struct {
	Version  int                 `json:"version"`
	Feed     string              `json:"feed"`
	Episodes map[string]*epState `json:"episodes"`
}

// epState counts an episode's documents per part (so they are replaced by
// ID) and says which parts are done.
type epState struct {
	FP             uint64 `json:"fp"`
	Meta           int    `json:"m"`
	Chapters       int    `json:"c"`
	ChaptersDone   bool   `json:"cd"`
	TranscriptURL  string `json:"tu,omitempty"`
	Transcript     int    `json:"t"`
	TranscriptDone bool   `json:"td"`
	Failed         int64  `json:"f,omitempty"` // Unix time the transcript last failed to load
}

// feedIndex is the index of one feed and its build state.
type feedIndex struct {
	feed string
	path string // "" in memory
	used uint64

	// live guards idx against Close while a search reads it.
	live sync.RWMutex
	idx  bleve.Index

	mu       sync.Mutex
	st       state
	indexed  *podcast.Show // the show the last build started from
	next     *podcast.Show // a newer show that arrived during a build
	building bool
	ready    chan struct{} // closed when the feed's own text is indexed
	readyOne sync.Once
}

// feed returns the open index of feedURL, opening or creating it.
func (x *Index) feed(feedURL string) (*feedIndex, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.clock++
	if fi := x.feeds[feedURL]; fi != nil {
		fi.used = x.clock
		return fi, nil
	}
	if len(x.feeds) >= x.opt.MaxOpen {
		x.evict()
	}
	fi, err := x.open(feedURL)
	if err != nil {
		return nil, err
	}
	fi.used = x.clock
	x.feeds[feedURL] = fi
	return fi, nil
}

// evict closes the least recently used index that is not being built.
func (x *Index) evict() {
	var old *feedIndex
	for _, fi := range x.feeds {
		fi.mu.Lock()
		busy := fi.building
		fi.mu.Unlock()
		if !busy && (old == nil || fi.used < old.used) {
			old = fi
		}
	}
	if old != nil {
		delete(x.feeds, old.feed)
		if err := old.close(); err != nil {
			slog.Warn("search index close", "feed", old.feed, "err", err)
		}
	}
}

// open opens the persisted index of feedURL, or creates it. An index that
// cannot be read, or was written by another version, is rebuilt.
func (x *Index) open(feedURL string) (*feedIndex, error) {
	fi := &feedIndex{feed: feedURL, ready: make(chan struct{})}
	fi.st = state{Version: stateVersion, Feed: feedURL, Episodes: map[string]*epState{}}
	if x.opt.Dir == "" {
		idx, err := bleve.NewMemOnly(indexMapping)
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		fi.idx = idx
		return fi, nil
	}
	sum := sha256.Sum256([]byte(feedURL))
	fi.path = filepath.Join(x.opt.Dir, hex.EncodeToString(sum[:16]))
	if idx, err := bleve.Open(fi.path); err == nil {
		if st, ok := readState(idx, feedURL); ok {
			fi.idx, fi.st = idx, st
			if len(st.Episodes) > 0 {
				fi.readyOne.Do(func() { close(fi.ready) })
			}
			return fi, nil
		}
		idx.Close()
	} else if !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		slog.Warn("search index unreadable; rebuilding", "feed", feedURL, "err", err)
	}
	if err := os.RemoveAll(fi.path); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	idx, err := bleve.New(fi.path, indexMapping)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	fi.idx = idx
	return fi, nil
}

func readState(idx bleve.Index, feedURL string) (state, bool) {
	var st state
	b, err := idx.GetInternal(stateKey)
	if err != nil || b == nil || json.Unmarshal(b, &st) != nil {
		return st, false
	}
	if st.Version != stateVersion || st.Feed != feedURL || st.Episodes == nil {
		return st, false
	}
	return st, true
}

func (fi *feedIndex) close() error {
	fi.live.Lock()
	defer fi.live.Unlock()
	if fi.idx == nil {
		return nil
	}
	err := fi.idx.Close()
	fi.idx = nil
	return err
}

// progress reports how far the index is: its episodes, and its
// transcripts read of those there are.
func (fi *feedIndex) progress(r *podcast.SearchResult) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	r.Complete = !fi.building
	r.Episodes = len(fi.st.Episodes)
	for _, es := range fi.st.Episodes {
		if es.TranscriptURL != "" {
			r.TranscriptsTotal++
			if es.TranscriptDone {
				r.Transcripts++
			}
		}
	}
}
