package syntax

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// encoder writes the binary model format (inside a gzip stream).
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}
func (e *encoder) byte(b byte) {
	if e.err == nil {
		e.err = e.w.WriteByte(b)
	}
}
func (e *encoder) uvarint(v uint64) {
	n := binary.PutUvarint(e.buf[:], v)
	e.write(e.buf[:n])
}
func (e *encoder) float32(f float32) { e.uvarint(uint64(math.Float32bits(f))) }
func (e *encoder) string(s string) {
	e.uvarint(uint64(len(s)))
	e.write([]byte(s))
}
func (e *encoder) strings(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.string(s)
	}
}

// writeModel gzips what enc writes to w.
func writeModel(w io.Writer, magic string, enc func(*encoder)) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := &encoder{w: bufio.NewWriter(zw)}
	e.string(magic)
	enc(e)
	if e.err == nil {
		e.err = e.w.Flush()
	}
	if e.err != nil {
		return e.err
	}
	return zw.Close()
}

// decoder reads the binary model format; the first error sticks and all
// later reads return zero values.
type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		d.err = err
	}
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	b, err := d.r.ReadByte()
	if err != nil {
		d.fail(err)
	}
	return b
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.fail(err)
	}
	return v
}

func (d *decoder) float32() float32 { return math.Float32frombits(uint32(d.uvarint())) }

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > 1<<20 {
		d.fail(fmt.Errorf("string too long (%d)", n))
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail(err)
		return ""
	}
	return string(b)
}

func (d *decoder) strings() []string {
	n := d.uvarint()
	if n > 1<<24 {
		d.fail(fmt.Errorf("list too long (%d)", n))
		return nil
	}
	var out []string
	for i := uint64(0); i < n && d.err == nil; i++ {
		out = append(out, d.string())
	}
	return out
}

// readModel opens a gzip'd model and checks its magic string.
func readModel(r io.Reader, magic string, dec func(*decoder) error) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("model is not gzip: %w", err)
	}
	defer zr.Close()
	d := &decoder{r: bufio.NewReader(zr)}
	if m := d.string(); d.err != nil || m != magic {
		if d.err != nil {
			return fmt.Errorf("reading model header: %w", d.err)
		}
		return fmt.Errorf("model kind %q, want %q", m, magic)
	}
	if err := dec(d); err != nil {
		return err
	}
	return d.err
}

// encodeLexicon writes a hash -> hash map (the ambiguity lexicons) in key
// order.
func encodeLexicon(e *encoder, m map[uint64]uint64) {
	e.uvarint(uint64(len(m)))
	for _, kv := range sortedU64(m) {
		e.uvarint(kv[0])
		e.uvarint(kv[1])
	}
}

// decodeLexicon reads what encodeLexicon wrote.
func decodeLexicon(d *decoder) (map[uint64]uint64, error) {
	n := d.uvarint()
	if n > 1<<24 {
		return nil, fmt.Errorf("bad lexicon size %d", n)
	}
	m := make(map[uint64]uint64, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		k := d.uvarint()
		m[k] = d.uvarint()
	}
	return m, d.err
}

// decodeLabels reads the dependency labels of a model (what names it in
// errors): between 2 and 65535 of them.
func decodeLabels(d *decoder, what string) ([]string, error) {
	labels := d.strings()
	if d.err != nil {
		return nil, d.err
	}
	if len(labels) < 2 || len(labels) > 65535 {
		return nil, fmt.Errorf("%s model: bad label count %d", what, len(labels))
	}
	return labels, nil
}
