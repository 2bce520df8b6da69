package report

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
)

// encodePNG writes a chart image as PNG. The charts are opaque, so it
// writes 8-bit RGB with the "up" filter on every row and the fastest
// deflate: about twice as fast as image/png, whose adaptive filter tries
// five filters on every row, for files of about the same size (the PNGs
// are the report's slowest step). An image with any transparency goes
// through image/png instead.
func encodePNG(w io.Writer, m image.Image) error {
	rgba, ok := m.(*image.RGBA)
	if !ok || !rgba.Opaque() || rgba.Bounds().Empty() {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, m)
	}
	bw := bufio.NewWriter(w)
	b := rgba.Bounds()
	width, height := b.Dx(), b.Dy()
	bw.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bits per channel
	ihdr[9] = 2 // colour type: RGB
	// compression, filter and interlace methods: 0
	writePNGChunk(bw, "IHDR", ihdr)

	idat := &pngChunkWriter{w: bw, typ: "IDAT"}
	zw, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	n := 3 * width
	prev, cur, row := make([]byte, n), make([]byte, n), make([]byte, 1+n)
	row[0] = 2 // filter "up": each byte minus the byte above it
	for y := 0; y < height; y++ {
		off := rgba.PixOffset(b.Min.X, b.Min.Y+y)
		pix := rgba.Pix[off : off+4*width]
		for x := 0; x < width; x++ {
			cur[3*x], cur[3*x+1], cur[3*x+2] = pix[4*x], pix[4*x+1], pix[4*x+2]
		}
		for i := 0; i < n; i++ {
			row[1+i] = cur[i] - prev[i]
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
		prev, cur = cur, prev
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	writePNGChunk(bw, "IEND", nil)
	return bw.Flush()
}

// writePNGChunk writes one chunk: length, type, data, CRC of type and data.
func writePNGChunk(w *bufio.Writer, typ string, data []byte) {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	w.Write(hdr[:])
	w.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	w.Write(sum[:])
}

// pngChunkWriter cuts a stream into chunks of one type (IDAT) of up to
// 256 KiB each.
type pngChunkWriter struct {
	w   *bufio.Writer
	typ string
	buf []byte
}

func (c *pngChunkWriter) Write(p []byte) (int, error) {
	const max = 256 << 10
	c.buf = append(c.buf, p...)
	for len(c.buf) >= max {
		writePNGChunk(c.w, c.typ, c.buf[:max])
		c.buf = append(c.buf[:0], c.buf[max:]...)
	}
	return len(p), nil
}

func (c *pngChunkWriter) flush() error {
	if len(c.buf) > 0 {
		writePNGChunk(c.w, c.typ, c.buf)
		c.buf = c.buf[:0]
	}
	return nil
}
