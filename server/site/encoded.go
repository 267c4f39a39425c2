package site

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// maxEncoded bounds the cache of encoded API answers (one per feed).
const maxEncoded = 256

// encoded is one API answer, serialized and compressed once: a large show
// is hundreds of kilobytes of JSON, and marshalling plus brotli on every
// request would cost tens of milliseconds each.
type encoded struct {
	version    any // the value it was made from; a new value means a new answer
	ctype      string
	etag       string
	plain      []byte
	br, gz     []byte
	lastServed uint64
}

// encodedCache keeps encoded answers by key. Entries are rebuilt when the
// feed service hands out a different value (it returns the same *Show while
// its cache is fresh, so pointer identity is the version).
type encodedCache struct {
	mu    sync.Mutex
	items map[string]*encoded
	tick  uint64
}

func newEncodedCache() *encodedCache { return &encodedCache{items: map[string]*encoded{}} }

// get returns the encoded form of v under key, building it when v changed.
func (c *encodedCache) get(key string, v any) (*encoded, error) {
	c.mu.Lock()
	c.tick++
	if e, ok := c.items[key]; ok && e.version == v {
		e.lastServed = c.tick
		c.mu.Unlock()
		return e, nil
	}
	c.mu.Unlock()
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	e := newEncoded("application/json; charset=utf-8", b, etagOf(b))
	e.version = v
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= maxEncoded {
		var oldKey string
		oldest := c.tick + 1
		for k, it := range c.items {
			if it.lastServed < oldest {
				oldKey, oldest = k, it.lastServed
			}
		}
		delete(c.items, oldKey)
	}
	e.lastServed = c.tick
	c.items[key] = e
	return e, nil
}

// newEncoded compresses body once, for every client to come.
func newEncoded(ctype string, body []byte, etag string) *encoded {
	e := &encoded{ctype: ctype, etag: etag, plain: body}
	if len(body) >= minCompressBytes {
		e.br, e.gz = brotliFast(body), gzipBytes(body)
	}
	return e
}

// write answers with e, choosing the encoding the client accepts.
func (e *encoded) write(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", e.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cacheControl)
	h.Add("Vary", "Accept-Encoding")
	h.Set("ETag", e.etag)
	if etagMatch(r.Header.Get("If-None-Match"), e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := e.plain
	switch {
	case e.br != nil && accepts(r, "br"):
		body = e.br
		h.Set("Content-Encoding", "br")
	case e.gz != nil && accepts(r, "gzip"):
		body = e.gz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
