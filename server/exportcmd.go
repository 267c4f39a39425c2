package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"

	"github.com/earshot/earshot/server/export"
	"github.com/earshot/earshot/server/feed"
	"github.com/earshot/earshot/server/search"
	"github.com/earshot/earshot/server/site"
	"github.com/earshot/earshot/web"
)

// exportMain is `earshot export -feed URL -out DIR`: a static copy of the
// player for one feed (see package export).
func exportMain(args []string) error {
	fs := flag.NewFlagSet("earshot export", flag.ContinueOnError)
	feedURL := fs.String("feed", "", "the feed to export (required)")
	out := fs.String("out", "", "the directory to write the static site into (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *feedURL == "" || *out == "" {
		fs.Usage()
		return errors.New("export: -feed and -out are required")
	}
	u, err := url.Parse(*feedURL)
	if err != nil || u.Host == "" {
		return fmt.Errorf("export: -feed %q is not a feed URL", *feedURL)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// The feed named on the command line is trusted even on this machine's
	// own addresses (exporting from a local server); what it links to is not.
	feeds := feed.New(feed.Options{Trusted: []string{u.Scheme + "://" + u.Host}})
	s, err := site.New(site.Config{Feeds: feeds, DefaultFeed: *feedURL, Web: web.Files, Static: true, APIRatePerSecond: -1})
	if err != nil {
		return err
	}
	index, err := search.New(feeds, search.Options{})
	if err != nil {
		return err
	}
	defer index.Close()
	st, err := export.Export(ctx, s, index, *out)
	if err != nil {
		return err
	}
	slog.Info("exported", "feed", *feedURL, "dir", *out, "episodes", st.Episodes, "files", st.Files, "bytes", st.Bytes)
	return nil
}
