// Command earshot serves the Earshot podcast player: prerendered pages, the
// wasm app, the embed widget, the JSON API and a built-in demo show, all
// from this one binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/earshot/earshot/server/demo"
	"github.com/earshot/earshot/server/feed"
	"github.com/earshot/earshot/server/search"
	"github.com/earshot/earshot/server/site"
	"github.com/earshot/earshot/web"
)

// Server timeouts. Audio is not served from here except the demo, and the
// demo's files are small, so writes are bounded generously but finitely.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 5 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 20 * time.Second
)

type config struct {
	addr        string
	baseURL     string
	defaultFeed string
	feedTTL     time.Duration
	frameAnc    string
	dataDir     string
	logLevel    string
	apiRate     float64 // API requests a second per client; 0 default, <0 no limit
	apiBurst    int     // API burst per client; 0 default, <0 no limit
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "export" {
		if err := exportMain(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	cfg, err := parseConfig(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := run(context.Background(), cfg); err != nil {
		slog.Error("earshot stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags, each with an EARSHOT_* environment variable as
// its default.
func parseConfig(args []string) (config, error) {
	fs := flag.NewFlagSet("earshot", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.addr, "addr", env("EARSHOT_ADDR", ":8080"), "listen address (env EARSHOT_ADDR)")
	fs.StringVar(&c.baseURL, "base-url", env("EARSHOT_BASE_URL", ""), "public URL of this server, for links in feeds, previews and embeds (env EARSHOT_BASE_URL; default http://localhost:PORT)")
	fs.StringVar(&c.defaultFeed, "default-feed", env("EARSHOT_DEFAULT_FEED", ""), "feed shown at / (env EARSHOT_DEFAULT_FEED; default: the built-in demo show)")
	ttl, err := time.ParseDuration(env("EARSHOT_FEED_TTL", feed.DefaultTTL.String()))
	if err != nil {
		return c, fmt.Errorf("EARSHOT_FEED_TTL: %w", err)
	}
	fs.DurationVar(&c.feedTTL, "feed-ttl", ttl, "how long a fetched feed is served before it is revalidated (env EARSHOT_FEED_TTL)")
	fs.StringVar(&c.frameAnc, "frame-ancestors", env("EARSHOT_FRAME_ANCESTORS", "*"), "who may embed /embed in a frame: a CSP frame-ancestors list, e.g. \"https://blog.example https://*.example.org\" (env EARSHOT_FRAME_ANCESTORS)")
	fs.StringVar(&c.dataDir, "data-dir", env("EARSHOT_DATA_DIR", ""), "folder for what should survive a restart (the search indexes); empty: keep them in memory (env EARSHOT_DATA_DIR)")
	fs.StringVar(&c.logLevel, "log-level", env("EARSHOT_LOG_LEVEL", "info"), "debug, info, warn or error (env EARSHOT_LOG_LEVEL)")
	rate, err := strconv.ParseFloat(env("EARSHOT_API_RATE", "0"), 64)
	if err != nil {
		return c, fmt.Errorf("EARSHOT_API_RATE: %w", err)
	}
	fs.Float64Var(&c.apiRate, "api-rate", rate, "API requests a second per client address; 0: the default (10), negative: no limit, e.g. behind a proxy that limits (env EARSHOT_API_RATE)")
	burst, err := strconv.Atoi(env("EARSHOT_API_BURST", "0"))
	if err != nil {
		return c, fmt.Errorf("EARSHOT_API_BURST: %w", err)
	}
	fs.IntVar(&c.apiBurst, "api-burst", burst, "API requests a client may make at once before -api-rate applies; 0: the default (40), negative: no limit (env EARSHOT_API_BURST)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.baseURL == "" {
		_, port, err := net.SplitHostPort(c.addr)
		if err != nil {
			return c, fmt.Errorf("-addr %q: %w", c.addr, err)
		}
		c.baseURL = "http://localhost:" + port
	}
	c.baseURL = strings.TrimRight(c.baseURL, "/")
	return c, nil
}

// dataPath is folder name under the data directory, or "" without one.
func dataPath(dataDir, name string) string {
	if dataDir == "" {
		return ""
	}
	return filepath.Join(dataDir, name)
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

// run serves until ctx is done or SIGINT/SIGTERM arrives, then shuts down
// gracefully. It is main without the exit codes; the work is in serve, which
// tests drive on a listener of their own.
func run(ctx context.Context, cfg config) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})))

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, cfg, ln)
}

// serve wires the site (demo show, feed service, pages, API) and serves it on
// ln until ctx is done. Then it stops accepting connections, lets every
// request in flight finish within shutdownTimeout (a listener halfway
// through an episode's audio keeps its bytes), and returns nil. serve owns
// ln and closes it on every path.
func serve(ctx context.Context, cfg config, ln net.Listener) error {
	show, err := demo.New(cfg.baseURL)
	if err != nil {
		ln.Close()
		return err
	}
	if cfg.defaultFeed == "" {
		cfg.defaultFeed = show.FeedURL()
	}
	feeds := feed.New(feed.Options{TTL: cfg.feedTTL, Trusted: []string{cfg.baseURL}})
	index, err := search.New(feeds, search.Options{Dir: dataPath(cfg.dataDir, "search")})
	if err != nil {
		ln.Close()
		return err
	}
	defer index.Close()
	s, err := site.New(site.Config{
		Feeds:            feeds,
		Search:           index,
		DefaultFeed:      cfg.defaultFeed,
		Web:              web.Files,
		Demo:             show,
		BaseURL:          cfg.baseURL,
		FrameAncestors:   cfg.frameAnc,
		APIRatePerSecond: cfg.apiRate,
		APIBurst:         cfg.apiBurst,
	})
	if err != nil {
		ln.Close()
		return err
	}

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	slog.Info("earshot is listening", "addr", ln.Addr().String(), "url", cfg.baseURL, "default_feed", cfg.defaultFeed)

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	slog.Info("shutting down; finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// Serve returns ErrServerClosed as soon as Shutdown closes the listener;
	// reading it here ends its goroutine.
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	slog.Info("earshot stopped")
	return nil
}
