// Package export writes a static copy of Earshot for one feed: the show
// page, a page and an embed per episode, their data as JSON, and every
// asset with the wasm, ready for any static host or CDN. The pages come from
// the same handler that serves them live (built with site.Config.Static),
// so a static page is the same prerendered, playable-at-first-paint page.
// Audio stays where the feed says: enclosure URLs are never rewritten.
package export

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/earshot/earshot/embed"
	"github.com/earshot/earshot/moments"
	"github.com/earshot/earshot/podcast"
)

// Site is what the export reads from: the live site's handler, rendering
// static pages, and the list of its assets.
type Site interface {
	http.Handler
	AssetPaths() []string
}

// appFiles are the files go-app serves besides the assets.
var appFiles = []string{"/app.js", "/wasm_exec.js", "/app.css", "/manifest.webmanifest", "/app-worker.js"}

// Moments builds the prebuilt search index of a feed (server/search),
// which the static show page queries without a server.
type Moments interface {
	Static(ctx context.Context, feedURL string) (*moments.Static, error)
}

// Stats says what an export wrote.
type Stats struct {
	Episodes int
	Files    int
	Bytes    int64
}

// Export writes the static site for the site's default feed into dir,
// with the feed's search index from m (none when m is nil).
func Export(ctx context.Context, s Site, m Moments, dir string) (Stats, error) {
	w := writer{site: s, dir: dir, ctx: ctx}
	showJSON, err := w.get("/api/feed", "")
	if err != nil {
		return w.stats, fmt.Errorf("export: the feed: %w", err)
	}
	var show podcast.Show
	if err := json.Unmarshal(showJSON, &show); err != nil {
		return w.stats, fmt.Errorf("export: the feed: %w", err)
	}
	if err := w.file(embed.StaticShowData, showJSON); err != nil {
		return w.stats, err
	}
	if err := w.copy("/", "/index.html", true); err != nil {
		return w.stats, err
	}
	for _, ep := range show.Episodes {
		if err := ctx.Err(); err != nil {
			return w.stats, err
		}
		if err := w.episode(ep.GUID); err != nil {
			return w.stats, err
		}
		w.stats.Episodes++
	}
	if m != nil {
		if err := w.searchIndex(m, show.FeedURL); err != nil {
			return w.stats, err
		}
	}
	for _, p := range append(s.AssetPaths(), appFiles...) {
		if err := w.copy(p, p, true); err != nil {
			return w.stats, err
		}
	}
	return w.stats, nil
}

type writer struct {
	site  Site
	dir   string
	ctx   context.Context
	stats Stats
}

// episode writes an episode's page, embed and data.
func (w *writer) episode(guid string) error {
	q := "?guid=" + url.QueryEscape(guid)
	data, err := w.get("/api/episode"+q, "")
	if err != nil {
		return fmt.Errorf("export: episode %q: %w", guid, err)
	}
	if err := w.file(embed.StaticEpisodeData(guid), data); err != nil {
		return err
	}
	if tr, err := w.get("/api/transcript"+q, ""); err == nil {
		if err := w.file(embed.StaticTranscriptData(guid), tr); err != nil {
			return err
		}
	}
	t := embed.Target{GUID: guid}
	page := embed.StaticEpisodePath(t)
	if err := w.copy(page, strings.SplitN(page, "?", 2)[0]+"index.html", true); err != nil {
		return err
	}
	em := embed.StaticEmbedPath(t, embed.Options{})
	return w.copy(em, strings.SplitN(em, "?", 2)[0]+"index.html", true)
}

// searchIndex writes the feed's prebuilt search index, and a gzip copy:
// it is the largest data file of a show with transcripts, and compresses
// about tenfold.
func (w *writer) searchIndex(m Moments, feedURL string) error {
	st, err := m.Static(w.ctx, feedURL)
	if err != nil {
		return fmt.Errorf("export: the search index: %w", err)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("export: the search index: %w", err)
	}
	if err := w.file(embed.StaticSearchData, b); err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression) // a valid level: no error
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return fmt.Errorf("export: the search index: %w", err)
	}
	return w.file(embed.StaticSearchData+".gz", gz.Bytes())
}

// get answers path from the site, decoded, or an error for any status but
// 200.
func (w *writer) get(path, acceptEncoding string) ([]byte, error) {
	res := w.do(path, acceptEncoding)
	if res.Code != http.StatusOK {
		return nil, fmt.Errorf("GET %s: HTTP %d: %s", path, res.Code, bytes.TrimSpace(res.Body.Bytes()))
	}
	return res.Body.Bytes(), nil
}

func (w *writer) do(path, acceptEncoding string) *httptest.ResponseRecorder {
	req := httptest.NewRequestWithContext(w.ctx, http.MethodGet, path, nil)
	req.RemoteAddr = "127.0.0.1:1" // the export is the only client
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	res := httptest.NewRecorder()
	w.site.ServeHTTP(res, req)
	return res
}

// copy writes the answer to path as the file name, and with precompressed
// it also writes name.br and name.gz when the site compresses it, for
// hosts that serve precompressed files (nginx gzip_static, most CDNs).
func (w *writer) copy(path, name string, precompressed bool) error {
	body, err := w.get(path, "")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := w.file(name, body); err != nil {
		return err
	}
	if !precompressed {
		return nil
	}
	for _, enc := range []struct{ accept, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		res := w.do(path, enc.accept)
		if res.Code == http.StatusOK && res.Header().Get("Content-Encoding") == enc.accept {
			if err := w.file(name+enc.ext, res.Body.Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}

// file writes b to name (a URL path) under the export directory.
func (w *writer) file(name string, b []byte) error {
	clean := filepath.Clean("/" + name)
	if strings.HasSuffix(name, "/") {
		clean += "/index.html"
	}
	full := filepath.Join(w.dir, filepath.FromSlash(clean))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.WriteFile(full, b, 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	w.stats.Files++
	w.stats.Bytes += int64(len(b))
	return nil
}
