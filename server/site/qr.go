package site

import (
	"fmt"
	"net/http"
	"strings"

	"rsc.io/qr"
)

// maxQRText bounds what /api/qr encodes; share links are far shorter.
const maxQRText = 1024

// apiQR is GET /api/qr?url=…: an SVG QR code for a share link. It is drawn
// on the server so the encoder stays out of the wasm.
func (s *Site) apiQR(w http.ResponseWriter, r *http.Request) {
	text := r.URL.Query().Get("url")
	if text == "" || len(text) > maxQRText {
		writeJSON(w, r, http.StatusBadRequest, cacheNoStore, map[string]apiError{"error": {
			Code: "bad_request", Message: fmt.Sprintf("Give the link to encode as url= (at most %d characters).", maxQRText)}})
		return
	}
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		writeJSON(w, r, http.StatusBadRequest, cacheNoStore, map[string]apiError{"error": {
			Code: "bad_request", Message: "That link cannot be encoded as a QR code."}})
		return
	}
	writeBody(w, r, http.StatusOK, "image/svg+xml", "public, max-age=86400, immutable", qrSVG(code))
}

// qrSVG draws the code as one path with a four-module quiet zone.
func qrSVG(code *qr.Code) []byte {
	const quiet = 4
	n := code.Size + 2*quiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; x++ {
			if code.Black(x, y) {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return []byte(b.String())
}
