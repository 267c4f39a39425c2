package app

import app "github.com/maxence-charriere/go-app/v10/pkg/app"

// Icons are inline SVG so the prerendered page needs no icon requests. They
// are decorative: the buttons that hold them carry the accessible name.

func svgIcon(class, path string) app.UI {
	return app.Raw(`<svg class="` + class + `" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="` + path + `"/></svg>`)
}

func iconPlay() app.UI  { return svgIcon("es-i-play", "M8 5v14l11-7z") }
func iconPause() app.UI { return svgIcon("es-i-pause", "M6 5h4v14H6zM14 5h4v14h-4z") }
func iconBack() app.UI {
	return svgIcon("es-i", "M12 5V1L7 6l5 5V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z")
}
func iconFwd() app.UI {
	return svgIcon("es-i", "M12 5V1l5 5-5 5V7a6 6 0 1 0 6 6h2a8 8 0 1 1-8-8z")
}
func iconPrev() app.UI { return svgIcon("es-i", "M6 6h2v12H6zm3.5 6 8.5 6V6z") }
func iconNext() app.UI { return svgIcon("es-i", "M16 6h2v12h-2zM6 18l8.5-6L6 6z") }
func iconVolume() app.UI {
	return svgIcon("es-i", "M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z")
}
func iconMuted() app.UI {
	return svgIcon("es-i", "M16.5 12 19 9.5 17.5 8 15 10.5 12.5 8 11 9.5l2.5 2.5L11 14.5l1.5 1.5 2.5-2.5 2.5 2.5 1.5-1.5zM3 9v6h4l5 5V4L7 9z")
}
