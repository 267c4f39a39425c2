// Command precompress writes FILE.br and FILE.gz next to FILE. The Makefile
// prefers the brotli command-line tool (much faster at quality 11) and falls
// back to this when it is missing, so a fresh machine with only Go can build.
package main

import (
	"compress/gzip"
	"fmt"
	"os"

	"github.com/andybalholm/brotli"
)

// brotliLevel trades a few percent of size for minutes of build time against
// quality 11 in pure Go.
const brotliLevel = 9

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}

func run(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	br, err := os.Create(name + ".br")
	if err != nil {
		return err
	}
	bw := brotli.NewWriterLevel(br, brotliLevel)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	if err := bw.Close(); err != nil {
		return err
	}
	if err := br.Close(); err != nil {
		return err
	}
	gz, err := os.Create(name + ".gz")
	if err != nil {
		return err
	}
	gw, _ := gzip.NewWriterLevel(gz, gzip.BestCompression)
	if _, err := gw.Write(b); err != nil {
		return err
	}
	if err := gw.Close(); err != nil {
		return err
	}
	return gz.Close()
}
