package search

import (
	"context"
	"errors"
	"fmt"
)

// docCount is how many documents the feed's index holds (every title,
// show-notes line, chapter and transcript passage): the benchmarks report
// it beside the index's size, so that a change in either is explained.
func (x *Index) docCount(ctx context.Context, feedURL string) (uint64, error) {
	_, fi, err := x.current(ctx, feedURL)
	if err != nil {
		return 0, err
	}
	fi.live.RLock()
	defer fi.live.RUnlock()
	if fi.idx == nil {
		return 0, errors.New("search index closed")
	}
	n, err := fi.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search index document count: %w", err)
	}
	return n, nil
}
