package search

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"golang.org/x/sync/errgroup"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed"
)

const (
	// batchDocs is how many documents go into one bleve batch.
	batchDocs = 2000
	// retryAfter is how long a transcript that failed to load is left
	// alone: a feed refreshed every few minutes does not hammer a host
	// that keeps failing.
	retryAfter = time.Hour
)

// refresh starts a build when show is newer than what fi was built from.
// A show that arrives during a build is built next, once.
func (x *Index) refresh(fi *feedIndex, show *podcast.Show) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	switch {
	case fi.indexed == show:
		return
	case fi.building:
		fi.next = show
		return
	}
	fi.building, fi.indexed = true, show
	x.wg.Add(1)
	go x.build(fi, show)
}

// build indexes show into fi: its own text at once, then (one of
// FeedsAtOnce) its chapters documents and transcripts.
func (x *Index) build(fi *feedIndex, show *podcast.Show) {
	defer x.wg.Done()
	for show != nil {
		if err := x.indexMeta(fi, show); err != nil {
			slog.Error("search index", "feed", fi.feed, "err", err)
		}
		fi.readyOne.Do(func() { close(fi.ready) })
		select {
		case x.builders <- struct{}{}:
			x.fetchDocs(fi, show)
			<-x.builders
		case <-x.ctx.Done():
		}
		fi.mu.Lock()
		show, fi.next = fi.next, nil
		if x.ctx.Err() != nil {
			show = nil
		}
		if show != nil {
			fi.indexed = show
		} else {
			fi.building = false
		}
		fi.mu.Unlock()
	}
}

// batch collects one change of the index: documents out, documents in.
type batch struct {
	fi *feedIndex
	b  *bleve.Batch
}

func (fi *feedIndex) newBatch() (*batch, bool) {
	fi.live.RLock()
	defer fi.live.RUnlock()
	if fi.idx == nil {
		return nil, false
	}
	return &batch{fi: fi, b: fi.idx.NewBatch()}, true
}

func (b *batch) remove(guid string, part byte, n int) {
	for i := range n {
		b.b.Delete(docID(guid, part, i))
	}
}

func (b *batch) add(docs []doc) error {
	for _, d := range docs {
		if err := b.b.Index(d.id, d.fields); err != nil {
			return err
		}
	}
	return nil
}

// commit writes the batch with the index's state, so that a restart sees
// exactly the documents the state describes. The caller holds fi.mu.
func (b *batch) commit() error {
	st, err := json.Marshal(b.fi.st)
	if err != nil {
		return err
	}
	b.b.SetInternal(stateKey, st)
	b.fi.live.RLock()
	defer b.fi.live.RUnlock()
	if b.fi.idx == nil {
		return nil // closed meanwhile: the next open rebuilds what is missing
	}
	return b.fi.idx.Batch(b.b)
}

// indexMeta indexes the episodes' titles, show notes and the chapters the
// feed carries, for episodes that are new or changed, and removes episodes
// that left the feed. It reads nothing over the network.
func (x *Index) indexMeta(fi *feedIndex, show *podcast.Show) error {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	b, ok := fi.newBatch()
	if !ok {
		return nil
	}
	seen := make(map[string]bool, len(show.Episodes))
	for i := range show.Episodes {
		ep := &show.Episodes[i]
		if ep.GUID == "" || seen[ep.GUID] {
			continue
		}
		seen[ep.GUID] = true
		if err := fi.indexEpisode(b, ep); err != nil {
			return err
		}
		if b.b.Size() >= batchDocs {
			if err := b.commit(); err != nil {
				return err
			}
			b, _ = fi.newBatch()
			if b == nil {
				return nil
			}
		}
	}
	for guid, es := range fi.st.Episodes {
		if !seen[guid] {
			b.remove(guid, 'm', es.Meta)
			b.remove(guid, 'c', es.Chapters)
			b.remove(guid, 't', es.Transcript)
			delete(fi.st.Episodes, guid)
		}
	}
	return b.commit()
}

// indexEpisode puts an episode's own text into b when it changed since
// the last build. The caller holds fi.mu.
func (fi *feedIndex) indexEpisode(b *batch, ep *podcast.Episode) error {
	es := fi.st.Episodes[ep.GUID]
	if es == nil {
		es = &epState{}
		fi.st.Episodes[ep.GUID] = es
	}
	if tu := feed.TranscriptURL(ep); tu != es.TranscriptURL {
		b.remove(ep.GUID, 't', es.Transcript)
		es.TranscriptURL, es.Transcript, es.TranscriptDone = tu, 0, false
	}
	fp := fingerprint(ep)
	if es.FP == fp && es.Meta > 0 {
		return nil
	}
	es.FP = fp
	b.remove(ep.GUID, 'm', es.Meta)
	meta := metaDocs(ep)
	es.Meta = len(meta)
	if err := b.add(meta); err != nil {
		return err
	}
	// The feed's chapters stand until the chapters document replaces them.
	b.remove(ep.GUID, 'c', es.Chapters)
	chs := chapterDocs(ep, ep.Chapters)
	es.Chapters, es.ChaptersDone = len(chs), ep.ChaptersURL == ""
	return b.add(chs)
}

// fetchDocs reads the chapters documents and transcripts the index lacks,
// newest episode first, FetchesAtOnce at a time across all feeds, until
// the feed's byte budget is spent. What fails is tried again at the next
// refresh of the feed.
func (x *Index) fetchDocs(fi *feedIndex, show *podcast.Show) {
	var (
		g      errgroup.Group
		bmu    sync.Mutex
		budget = x.opt.TranscriptBytes
	)
	g.SetLimit(x.opt.FetchesAtOnce)
	for i := range show.Episodes {
		ep := &show.Episodes[i]
		fi.mu.Lock()
		es := fi.st.Episodes[ep.GUID]
		needChapters := es != nil && !es.ChaptersDone
		needTranscript := es != nil && !es.TranscriptDone && es.TranscriptURL != "" &&
			time.Since(time.Unix(es.Failed, 0)) > retryAfter
		fi.mu.Unlock()
		if !needChapters && !needTranscript {
			continue
		}
		bmu.Lock()
		spent := budget <= 0
		bmu.Unlock()
		if spent {
			slog.Info("search index: transcript budget spent; the rest waits for the next refresh", "feed", fi.feed)
			break
		}
		if x.ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			bmu.Lock()
			spent := budget <= 0
			bmu.Unlock()
			if spent {
				return nil
			}
			if needChapters {
				x.fetchChapters(fi, ep)
			}
			if needTranscript {
				n := x.fetchTranscript(fi, ep)
				bmu.Lock()
				budget -= int64(n)
				bmu.Unlock()
			}
			return nil
		})
	}
	g.Wait()
}

// fetched runs fetch holding one of the FetchesAtOnce slots.
func (x *Index) fetched(fetch func(ctx context.Context)) {
	select {
	case x.fetches <- struct{}{}:
		defer func() { <-x.fetches }()
		fetch(x.ctx)
	case <-x.ctx.Done():
	}
}

func (x *Index) fetchChapters(fi *feedIndex, ep *podcast.Episode) {
	guid := ep.GUID
	var chs []podcast.Chapter
	var err error
	x.fetched(func(ctx context.Context) { chs, err = x.src.IndexChapters(ctx, ep) })
	if x.ctx.Err() != nil {
		return
	}
	if err != nil {
		slog.Info("search index: chapters unavailable", "feed", fi.feed, "guid", guid, "err", err)
	}
	fi.replace(guid, 'c', chapterDocs(ep, chs), err == nil, func(es *epState, n int) {
		es.Chapters, es.ChaptersDone = n, true
	})
}

// fetchTranscript indexes one transcript and returns its text's size.
func (x *Index) fetchTranscript(fi *feedIndex, ep *podcast.Episode) int {
	guid := ep.GUID
	var t *podcast.Transcript
	var err error
	x.fetched(func(ctx context.Context) { t, err = x.src.IndexTranscript(ctx, ep) })
	if x.ctx.Err() != nil {
		return 0
	}
	if err != nil || t == nil {
		slog.Info("search index: transcript unavailable", "feed", fi.feed, "guid", guid, "err", err)
		fi.replace(guid, 't', nil, false, func(es *epState, _ int) { es.Failed = time.Now().Unix() })
		return 0
	}
	docs := transcriptDocs(ep, t)
	size := 0
	for _, d := range docs {
		size += len(d.fields[podcast.MomentTranscript].(string))
	}
	fi.replace(guid, 't', docs, true, func(es *epState, n int) {
		es.Transcript, es.TranscriptDone = n, true
	})
	return size
}

// replace swaps one part of an episode's documents for docs and records it
// with done, unless the episode left the index meanwhile. With ok false
// the old documents stay and only done runs with their count.
func (fi *feedIndex) replace(guid string, part byte, docs []doc, ok bool, done func(es *epState, n int)) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	es := fi.st.Episodes[guid]
	if es == nil {
		return
	}
	b, open := fi.newBatch()
	if !open {
		return
	}
	old := map[byte]int{'c': es.Chapters, 't': es.Transcript}[part]
	if !ok {
		done(es, old)
	} else {
		b.remove(guid, part, old)
		if err := b.add(docs); err != nil {
			slog.Error("search index", "feed", fi.feed, "err", err)
			return
		}
		done(es, len(docs))
	}
	if err := b.commit(); err != nil {
		slog.Error("search index", "feed", fi.feed, "err", err)
	}
}
