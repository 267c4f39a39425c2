package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"

	"github.com/earshot/earshot/moments"
)

// staticPage is how many documents one read of the index returns when the
// static index is written.
const staticPage = 5000

// Static builds the feed's index (waiting for it to complete) and returns
// its documents as the prebuilt index of a static export, which the app
// queries without a server: the same moments, in the feed's order.
func (x *Index) Static(ctx context.Context, feedURL string) (*moments.Static, error) {
	if err := x.Wait(ctx, feedURL); err != nil {
		return nil, err
	}
	show, fi, err := x.current(ctx, feedURL)
	if err != nil {
		return nil, err
	}
	docs, err := fi.all(ctx)
	if err != nil {
		return nil, err
	}
	titles := make(map[string]string, len(show.Episodes))
	order := make(map[string]int, len(show.Episodes))
	for i, ep := range show.Episodes {
		titles[ep.GUID], order[ep.GUID] = ep.Title, i
	}
	slices.SortStableFunc(docs, func(a, b moments.Doc) int { return cmp.Compare(order[a.GUID], order[b.GUID]) })
	return moments.NewStatic(titles, docs), nil
}

// all reads every document of the index, in ID order.
func (fi *feedIndex) all(ctx context.Context) ([]moments.Doc, error) {
	fi.live.RLock()
	defer fi.live.RUnlock()
	if fi.idx == nil {
		return nil, errors.New("search index closed")
	}
	var docs []moments.Doc
	for from := 0; ; from += staticPage {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), staticPage, from, false)
		req.Fields = []string{"*"}
		req.SortBy([]string{"_id"})
		res, err := fi.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		for _, h := range res.Hits {
			if d, ok := docOf(h); ok {
				docs = append(docs, d)
			}
		}
		if len(res.Hits) < staticPage {
			return docs, nil
		}
	}
}
