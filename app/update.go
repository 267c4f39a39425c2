package app

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// updateBanner announces a new version of Earshot. The service worker
// (web/worker.js) installs a new version in the background and takes over
// at once; go-app then calls OnAppUpdate, and this page, still running the
// old wasm, offers a reload rather than reloading under the listener (who
// may be mid-episode).
//
// go-app also calls OnAppUpdate when the first service worker of a first
// visit takes over: that worker is this page's own version, whose shell
// cache ("earshot-" + version) is then present; a newer one deletes it.
//
// The role=status element is always there, empty until an update arrives:
// screen readers announce what is added to a live region that already
// exists, and may miss one inserted together with its text. Empty, it takes
// no space.
type updateBanner struct {
	app.Compo

	ready bool
	lang  lang
}

func (b *updateBanner) OnMount(ctx app.Context) {
	b.check(ctx)
}

// OnAppUpdate implements app.AppUpdater.
func (b *updateBanner) OnAppUpdate(ctx app.Context) {
	b.check(ctx)
}

func (b *updateBanner) check(ctx app.Context) {
	cs, ok := cacheStorage()
	if !ctx.AppUpdateAvailable() || !ok {
		return
	}
	ctx.Async(func() {
		own, err := await(ctx, cs.Call("has", "earshot-"+app.Getenv("GOAPP_VERSION")))
		if err == nil && flag(own) {
			return // the worker that took over is this page's version
		}
		ctx.Dispatch(func(ctx app.Context) {
			b.ready = true
			b.lang = pickLang(ctx.Page().URL().Query().Get("lang"), browserLanguages()...)
		})
	})
}

func (b *updateBanner) Render() app.UI {
	return app.Div().Class("es-update").Attr("role", "status").Body(
		app.If(b.ready, func() app.UI {
			return app.P().Body(
				app.Text(b.lang.t("updateReady")+" "),
				app.Button().Type("button").Text(b.lang.t("reload")).OnClick(b.reload),
			)
		}),
	)
}

func (b *updateBanner) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}
