package app

import (
	"context"
	"errors"
	"fmt"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// audioCache is the Cache Storage cache of episodes downloaded for offline
// listening. The service worker never serves from it (it leaves audio
// alone); the player plays a downloaded episode from a blob URL itself.
const audioCache = "earshot-audio-v1"

// await waits for a JavaScript promise.
func await(ctx context.Context, p app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	done := make(chan result, 1)
	var ok, fail app.Func
	ok = app.FuncOf(func(_ app.Value, args []app.Value) any {
		var v app.Value = app.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	fail = app.FuncOf(func(_ app.Value, args []app.Value) any {
		msg := "failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func cacheStorage() (app.Value, bool) {
	if !app.IsClient {
		return nil, false
	}
	c := app.Window().Get("caches")
	return c, c.Truthy()
}

// openAudioCache opens the cache of downloaded episodes.
func openAudioCache(ctx context.Context) (app.Value, error) {
	cs, ok := cacheStorage()
	if !ok {
		return nil, &Error{Code: codeDownloadNoAPI}
	}
	return await(ctx, cs.Call("open", audioCache))
}

// downloadEpisode stores the episode's media for offline listening. Hosts
// that send no CORS headers cannot be read by the page: that is reported.
func downloadEpisode(ctx context.Context, url string) error {
	cache, err := openAudioCache(ctx)
	if err != nil {
		return err
	}
	// The browser's reasons (a TypeError for a refused CORS request, a
	// QuotaExceededError) are not for listeners: each becomes a code.
	res, err := await(ctx, app.Window().Call("fetch", url))
	if err != nil {
		return &Error{Code: codeDownloadCORS}
	}
	if !flag(res.Get("ok")) {
		return &Error{Code: codeDownloadHTTP, HostStatus: integer(res.Get("status"))}
	}
	if _, err := await(ctx, cache.Call("put", url, res)); err != nil {
		return &Error{Code: codeDownloadSpace}
	}
	tellWorker()
	return nil
}

// downloaded reports whether the episode is stored for offline listening.
func downloaded(ctx context.Context, url string) bool {
	cache, err := openAudioCache(ctx)
	if err != nil {
		return false
	}
	res, err := await(ctx, cache.Call("match", url))
	return err == nil && res.Truthy()
}

// offlineURL returns a blob URL of the stored episode, "" when there is
// none.
func offlineURL(ctx context.Context, url string) string {
	cache, err := openAudioCache(ctx)
	if err != nil {
		return ""
	}
	res, err := await(ctx, cache.Call("match", url))
	if err != nil || !res.Truthy() {
		return ""
	}
	blob, err := await(ctx, res.Call("blob"))
	if err != nil {
		return ""
	}
	return app.Window().Get("URL").Call("createObjectURL", blob).String()
}

// removeDownload deletes a stored episode.
func removeDownload(ctx context.Context, url string) error {
	cache, err := openAudioCache(ctx)
	if err != nil {
		return err
	}
	_, err = await(ctx, cache.Call("delete", url))
	tellWorker()
	return err
}

// storageUsed is the space the app uses (downloads mostly) and may use, in
// bytes.
func storageUsed(ctx context.Context) (used, quota float64) {
	st := app.Window().Get("navigator").Get("storage")
	if !app.IsClient || !st.Truthy() || !st.Get("estimate").Truthy() {
		return 0, 0
	}
	est, err := await(ctx, st.Call("estimate"))
	if err != nil || !est.Truthy() {
		return 0, 0
	}
	return num(est.Get("usage")), num(est.Get("quota"))
}

// megabytes formats bytes for people.
func megabytes(b float64) string {
	return fmt.Sprintf("%.1f MB", b/1e6)
}

// tellWorker has the service worker reload its list of downloads (it never
// answers requests for them).
func tellWorker() {
	if c := app.Window().Get("navigator").Get("serviceWorker").Get("controller"); c.Truthy() {
		c.Call("postMessage", "earshot:downloads")
	}
}
