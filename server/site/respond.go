package site

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// Cache policies, built so a CDN or caching proxy can carry the traffic.
// Browsers revalidate pages every time (the ETag makes that a 304) while
// shared caches keep them a minute and may serve a stale copy while they
// refetch; API answers follow the feed cache's rhythm. Hashed assets are
// immutable; errors are never stored.
const (
	cacheRevalidate = "public, max-age=0, s-maxage=60, stale-while-revalidate=600"
	cacheShortAPI   = "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
	cacheNoStore    = "no-store"
)

// minCompressBytes: smaller bodies are not worth a compression round.
const minCompressBytes = 512

// writeBody answers with body, an ETag computed from it, a 304 when the
// client already has it, and brotli or gzip compression when accepted.
func writeBody(w http.ResponseWriter, r *http.Request, status int, ctype, cacheControl string, body []byte) {
	writeBodyTagged(w, r, status, ctype, cacheControl, body, etagOf)
}

// writeBodyTagged is writeBody with the ETag computed by etag.
func writeBodyTagged(w http.ResponseWriter, r *http.Request, status int, ctype, cacheControl string, body []byte, etag func([]byte) string) {
	h := w.Header()
	if status >= http.StatusBadRequest {
		// Errors are never stored: a shared cache would go on serving one
		// (go-app's 404 page, say) after its cause is gone.
		cacheControl = cacheNoStore
	}
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cacheControl)
	h.Add("Vary", "Accept-Encoding")
	if status == http.StatusOK {
		tag := etag(body)
		h.Set("ETag", tag)
		if etagMatch(r.Header.Get("If-None-Match"), tag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	enc := ""
	if len(body) >= minCompressBytes {
		switch {
		case accepts(r, "br"):
			body, enc = brotliFast(body), "br"
		case accepts(r, "gzip"):
			body, enc = gzipBytes(body), "gzip"
		}
	}
	send(w, r, status, body, enc)
}

// send writes the status and body, in content coding enc ("" for none);
// a HEAD request gets the headers only.
func send(w http.ResponseWriter, r *http.Request, status int, body []byte, enc string) {
	h := w.Header()
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, cacheControl string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, r, errInternal)
		return
	}
	writeBody(w, r, status, "application/json; charset=utf-8", cacheControl, b)
}

// recorder buffers a handler's response so that it can be given an ETag and
// compressed before it is sent.
type recorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}, status: http.StatusOK} }

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.buf.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }
