package site

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// appIcons draws the PNG app icons the web manifest needs (192 and 512 px,
// also used as maskable: the mark stays inside the safe zone). Drawing them
// at startup keeps binary files out of the repository.
func appIcons() map[string][]byte {
	return map[string][]byte{
		"/web/icon-192.png": drawIcon(192),
		"/web/icon-512.png": drawIcon(512),
	}
}

func drawIcon(size int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	bg := color.RGBA{0xc2, 0x41, 0x0c, 0xff}
	fg := color.RGBA{0xff, 0xf7, 0xed, 0xff}
	c := float64(size) / 2
	stroke := float64(size) * 0.06
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			img.Set(x, y, bg)
			dx, dy := float64(x)+0.5-c, float64(y)+0.5-c
			r := math.Hypot(dx, dy)
			ang := math.Abs(math.Atan2(dy, math.Abs(dx)))
			// a dot and two pairs of arcs: sound going both ways
			if r < float64(size)*0.045 {
				img.Set(x, y, fg)
			}
			for _, rr := range []float64{0.16, 0.27} {
				if math.Abs(r-rr*float64(size)) < stroke/2 && ang < math.Pi/4 {
					img.Set(x, y, fg)
				}
			}
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
