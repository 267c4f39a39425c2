package feed

import (
	"context"
	"fmt"

	"github.com/earshot/earshot/podcast"
	"github.com/earshot/earshot/server/feed/chapters"
)

// What search indexing reads. An archive is read episode by episode, so
// these differ from Episode and Transcript on purpose: they never touch the
// media (ID3 chapters would read up to 2 MB of every MP3 in the archive)
// and never fill the document cache (hundreds of transcripts would push out
// what listeners are using).

// IndexChapters returns the chapters of an episode (of a show this service
// returned) from the feed and its podcast:chapters document, fetched
// without caching.
func (s *Service) IndexChapters(ctx context.Context, ep *podcast.Episode) ([]podcast.Chapter, error) {
	var fromJSON []podcast.Chapter
	if ep.ChaptersURL != "" {
		d := s.fetchChapters(ctx, ep.ChaptersURL)
		if d.err != nil && len(ep.Chapters) == 0 {
			return nil, d.err
		}
		fromJSON = d.chapters
	}
	return chapters.Select(chapters.Normalize(fromJSON, ep.Duration), ep.Chapters), nil
}

// IndexTranscript returns the parsed transcript of an episode (of a show
// this service returned), fetched without caching.
func (s *Service) IndexTranscript(ctx context.Context, ep *podcast.Episode) (*podcast.Transcript, error) {
	ref, ok := bestTranscript(ep.Transcripts)
	if !ok {
		return nil, fmt.Errorf("episode %q has no transcript: %w", ep.GUID, ErrNotFound)
	}
	d := s.fetchTranscript(ctx, ref)
	return d.transcript, d.err
}

// TranscriptURL is the transcript an episode's search index reads: the
// best the feed offers, or "" for none.
func TranscriptURL(ep *podcast.Episode) string {
	ref, _ := bestTranscript(ep.Transcripts)
	return ref.URL
}
