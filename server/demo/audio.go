package demo

import (
	"encoding/binary"
	"math"
)

// Audio format of the generated episodes: 8 kHz, 16-bit mono PCM WAV. Small
// (16 KB per second) yet real audio every browser plays and seeks.
const (
	sampleRate    = 8000
	bitsPerSample = 16
	wavHeaderSize = 44
)

// tone is a stretch of generated sound: a soft two-note chord that pulses,
// distinct per chapter so a listener hears chapters change.
type tone struct {
	start float64 // seconds
	freq  float64 // Hz of the lower note
}

// synthesize renders seconds of audio as a WAV file. Each tone plays from its
// start until the next one; the chord is root + fifth with a gentle 2 Hz
// pulse and short fades, so it is pleasant at low volume and obviously alive
// when a test (or a person) listens.
func synthesize(seconds float64, tones []tone) []byte {
	n := int(seconds * sampleRate)
	data := make([]byte, wavHeaderSize+2*n)
	writeWAVHeader(data, n)
	ti := 0
	for i := 0; i < n; i++ {
		t := float64(i) / sampleRate
		for ti+1 < len(tones) && t >= tones[ti+1].start {
			ti++
		}
		f := 220.0
		if len(tones) > 0 {
			f = tones[ti].freq
		}
		pulse := 0.55 + 0.45*math.Sin(2*math.Pi*2*t)
		v := 0.22 * pulse * (math.Sin(2*math.Pi*f*t) + 0.6*math.Sin(2*math.Pi*f*1.5*t))
		// 20 ms fades at the ends avoid clicks.
		if edge := math.Min(t, seconds-t); edge < 0.02 {
			v *= edge / 0.02
		}
		binary.LittleEndian.PutUint16(data[wavHeaderSize+2*i:], uint16(int16(v*math.MaxInt16)))
	}
	return data
}

func writeWAVHeader(b []byte, samples int) {
	dataSize := uint32(2 * samples)
	copy(b[0:], "RIFF")
	binary.LittleEndian.PutUint32(b[4:], 36+dataSize)
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16) // fmt chunk size
	binary.LittleEndian.PutUint16(b[20:], 1)  // PCM
	binary.LittleEndian.PutUint16(b[22:], 1)  // mono
	binary.LittleEndian.PutUint32(b[24:], sampleRate)
	binary.LittleEndian.PutUint32(b[28:], sampleRate*bitsPerSample/8)
	binary.LittleEndian.PutUint16(b[32:], bitsPerSample/8)
	binary.LittleEndian.PutUint16(b[34:], bitsPerSample)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], dataSize)
}
