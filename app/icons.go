package app

import app "github.com/maxence-charriere/go-app/v10/pkg/app"

// Icons are inline SVG so the prerendered page needs no icon requests.

func iconPlay() app.UI {
	return app.Raw(`<svg class="es-i-play" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M8 5v14l11-7z"/></svg>`)
}

func iconPause() app.UI {
	return app.Raw(`<svg class="es-i-pause" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 5h4v14H6zM14 5h4v14h-4z"/></svg>`)
}
