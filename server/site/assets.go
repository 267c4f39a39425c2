package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// asset is one static file, held compressed as well as plain.
type asset struct {
	*encoded
	immutable bool // served under a content-hashed name
}

// assets serves /web/… from memory and resolves resource paths for go-app:
// each file is reachable under its plain name (revalidated with an ETag) and
// under a content-hashed name ("earshot.3f9a1c2b.css") that may be cached
// forever. It implements app.ResourceResolver and http.Handler.
type assets struct {
	files  map[string]*asset // by URL path
	hashed map[string]string // plain path → hashed path
	// WasmSize is the uncompressed size of app.wasm, for go-app's progress.
	wasmSize int64
	version  string
}

// Paths of the wasm build outputs inside the web filesystem.
const (
	wasmBrotli = "gen/app.wasm.br"
	wasmGzip   = "gen/app.wasm.gz"
	wasmPath   = "/web/app.wasm"
)

// newAssets loads every file of web (the web package's embedded files) and
// the generated icons. The version is a hash over all of them, so it changes
// exactly when a deployed byte changes.
func newAssets(web fs.FS, extra map[string][]byte) (*assets, error) {
	a := &assets{files: map[string]*asset{}, hashed: map[string]string{}}
	all := sha256.New()
	err := fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path.Base(p), ".") || strings.HasPrefix(p, "gen/") || strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := fs.ReadFile(web, p)
		if err != nil {
			return err
		}
		if p == "bridge.js" {
			b = stripLineComments(b)
		}
		all.Write(b)
		return a.add("/web/"+p, b)
	})
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	for p, b := range extra {
		all.Write(b)
		if err := a.add(p, b); err != nil {
			return nil, err
		}
	}
	if err := a.addWasm(web, all); err != nil {
		return nil, err
	}
	a.version = hex.EncodeToString(all.Sum(nil))[:16]
	return a, nil
}

// stripLineComments drops the lines of a script that hold only a // comment.
// The bridge is in every embed's first bytes (4 KB brotli at most, issue
// 11): its source keeps the comments that explain it, visitors do not pay
// for them. Only whole comment lines go, so no string or regular expression
// can be cut.
func stripLineComments(b []byte) []byte {
	var out bytes.Buffer
	for line := range bytes.Lines(b) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("//")) {
			out.Write(line)
		}
	}
	return out.Bytes()
}

func (a *assets) add(p string, b []byte) error {
	ctype := mime.TypeByExtension(path.Ext(p))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	e := &encoded{ctype: ctype, plain: b, etag: etagOf(b)}
	if compressible(ctype) {
		e.gz = gzipBytes(b)
		e.br = brotliBytes(b)
	}
	a.files[p] = &asset{encoded: e}
	hp := hashedName(p, e.etag)
	a.files[hp] = &asset{encoded: e, immutable: true}
	a.hashed[p] = hp
	return nil
}

// addWasm registers the precompressed app.wasm made by `make`. Without it
// (a server built before the wasm) pages are still served prerendered, and
// playable through the audio bridge.
func (a *assets) addWasm(web fs.FS, all io.Writer) error {
	br, errBr := fs.ReadFile(web, wasmBrotli)
	gz, errGz := fs.ReadFile(web, wasmGzip)
	if errBr != nil || errGz != nil || len(gz) < 4 {
		return nil
	}
	all.Write(br)
	f := &asset{encoded: &encoded{ctype: "application/wasm", br: br, gz: gz, etag: etagOf(gz)}, immutable: true}
	// gzip's trailer holds the uncompressed size (mod 4 GiB).
	a.wasmSize = int64(binary.LittleEndian.Uint32(gz[len(gz)-4:]))
	hp := hashedName(wasmPath, f.etag)
	a.files[hp] = f
	a.hashed[wasmPath] = hp
	return nil
}

// hasWasm reports whether app.wasm was built into the binary.
func (a *assets) hasWasm() bool { _, ok := a.hashed[wasmPath]; return ok }

// URL returns the content-hashed URL of a plain asset path, or p itself.
func (a *assets) URL(p string) string {
	if hp, ok := a.hashed[p]; ok {
		return hp
	}
	return p
}

// Resolve implements app.ResourceResolver. go-app asks it for the wasm's URL
// and other /web/ paths.
func (a *assets) Resolve(location string) string {
	if location == "" || location == "/" {
		return "/"
	}
	if strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "https://") {
		return location
	}
	if !strings.HasPrefix(location, "/") {
		location = "/" + location
	}
	return a.URL(location)
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := a.files[r.URL.Path]
	if !ok {
		// Not stored: during a rolling deploy a page from a new instance
		// may ask an old one for a hash it does not have yet, and a CDN
		// that kept that 404 would break the page at its edge.
		w.Header().Set("Cache-Control", cacheNoStore)
		http.NotFound(w, r)
		return
	}
	cacheControl := "public, max-age=0, must-revalidate"
	if f.immutable {
		cacheControl = "public, max-age=31536000, immutable"
	}
	if body, _ := f.pick(r); body == nil && !etagMatch(r.Header.Get("If-None-Match"), f.etag) {
		// The wasm is embedded compressed only; inflate it for the rare
		// client that accepts neither encoding.
		f.header(w, cacheControl)
		a.serveInflated(w, r, f)
		return
	}
	f.write(w, r, cacheControl)
}

func (a *assets) serveInflated(w http.ResponseWriter, r *http.Request, f *asset) {
	zr, err := gzip.NewReader(bytes.NewReader(f.gz))
	if err != nil {
		http.Error(w, "asset unavailable", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Length", strconv.FormatInt(a.wasmSize, 10))
	if r.Method == http.MethodHead {
		return
	}
	io.Copy(w, zr)
}

func hashedName(p, etag string) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + strings.Trim(etag, `"`)[:10] + ext
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// etagMatch reports whether an If-None-Match header matches etag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// accepts reports whether the request accepts the content coding enc.
func accepts(r *http.Request, enc string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
		strings.Contains(ctype, "json") || strings.Contains(ctype, "xml") || strings.Contains(ctype, "svg")
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	bw.Write(b)
	bw.Close()
	return buf.Bytes()
}

// brotliFast compresses dynamic responses: a middle level costs little CPU
// and gets most of brotli's gain over gzip.
func brotliFast(b []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, 5)
	bw.Write(b)
	bw.Close()
	return buf.Bytes()
}
