package site

import (
	"encoding/json"
	"net/http"
	"sync"
)

// encoded is a response body held plain and compressed, so that no
// request pays for compression: static assets, cached API answers and
// rendered pages.
type encoded struct {
	ctype  string
	etag   string
	plain  []byte // nil for the wasm, which is embedded compressed only
	br, gz []byte
}

// newEncoded compresses body once, for every client to come.
func newEncoded(ctype string, body []byte, etag string) *encoded {
	e := &encoded{ctype: ctype, etag: etag, plain: body}
	if len(body) >= minCompressBytes {
		e.br, e.gz = brotliFast(body), gzipBytes(body)
	}
	return e
}

// header sets the headers every answer with e carries.
func (e *encoded) header(w http.ResponseWriter, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", e.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", e.etag)
	if e.br != nil || e.gz != nil {
		h.Add("Vary", "Accept-Encoding")
	}
}

// pick returns the form of e the client accepts and its content coding;
// nil when only compressed forms exist and the client takes none.
func (e *encoded) pick(r *http.Request) ([]byte, string) {
	switch {
	case e.br != nil && accepts(r, "br"):
		return e.br, "br"
	case e.gz != nil && accepts(r, "gzip"):
		return e.gz, "gzip"
	}
	return e.plain, ""
}

// write answers with e: a 304 when the client has it, else the encoding it
// accepts.
func (e *encoded) write(w http.ResponseWriter, r *http.Request, cacheControl string) {
	e.header(w, cacheControl)
	if etagMatch(r.Header.Get("If-None-Match"), e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, enc := e.pick(r)
	send(w, r, http.StatusOK, body, enc)
}

// maxEncoded bounds the cache of encoded API answers (one per feed).
const maxEncoded = 256

// encodedCache keeps API answers serialized and compressed by key: a large
// show is hundreds of kilobytes of JSON, and marshalling plus brotli on
// every request would cost tens of milliseconds each. An entry is rebuilt
// when the feed service hands out a different value (it returns the same
// *Show while its cache is fresh, so pointer identity is the version).
type encodedCache struct {
	mu    sync.Mutex
	items map[string]*cachedAnswer
	tick  uint64
}

type cachedAnswer struct {
	*encoded
	version    any // the value it was made from
	lastServed uint64
}

func newEncodedCache() *encodedCache { return &encodedCache{items: map[string]*cachedAnswer{}} }

// get returns the encoded form of v under key, building it when v changed.
func (c *encodedCache) get(key string, v any) (*encoded, error) {
	c.mu.Lock()
	c.tick++
	if e, ok := c.items[key]; ok && e.version == v {
		e.lastServed = c.tick
		c.mu.Unlock()
		return e.encoded, nil
	}
	c.mu.Unlock()
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	e := &cachedAnswer{encoded: newEncoded("application/json; charset=utf-8", b, etagOf(b)), version: v}
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
	return e.encoded, nil
}
