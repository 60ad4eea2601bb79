// Package warc reads WARC files (ISO 28500), plain or gzip-compressed
// (whole-file or per-record members).
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
)

// Record is one WARC record.
type Record struct {
	// Header holds the WARC named fields (WARC-Type, WARC-Target-URI, ...).
	Header textproto.MIMEHeader
	// Content is the record block.
	Content []byte
	// Offset is the record's position in the uncompressed stream.
	Offset int64
}

// Type is the WARC-Type field.
func (r *Record) Type() string { return r.Header.Get("WARC-Type") }

// TargetURI is the WARC-Target-URI field, without angle brackets.
func (r *Record) TargetURI() string {
	return strings.Trim(r.Header.Get("WARC-Target-URI"), "<>")
}

// HTTPResponse parses the block of a response record as an HTTP response and
// returns its headers and body.
func (r *Record) HTTPResponse() (http.Header, []byte, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(r.Content)), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("record at %d: bad HTTP response: %w", r.Offset, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, nil, fmt.Errorf("record at %d: reading HTTP body: %w", r.Offset, err)
	}
	return resp.Header, body, nil
}

// Reader reads records one at a time.
type Reader struct {
	br       *bufio.Reader
	offset   int64
	maxBlock int64
}

// NewReader returns a Reader of r; gzip input is detected by its magic
// number. Record blocks larger than maxBlock bytes are an error (0: 64 MB).
func NewReader(r io.Reader, maxBlock int64) (*Reader, error) {
	if maxBlock <= 0 {
		maxBlock = 64 << 20
	}
	br := bufio.NewReaderSize(r, 1<<16)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	return &Reader{br: br, maxBlock: maxBlock}, nil
}

// Next returns the next record, or io.EOF at the end.
func (rd *Reader) Next() (*Record, error) {
	// Skip blank lines between records.
	var line string
	for {
		l, err := rd.br.ReadString('\n')
		rd.offset += int64(len(l))
		if err != nil {
			if err == io.EOF && strings.TrimSpace(l) == "" {
				return nil, io.EOF
			}
			if err == io.EOF {
				return nil, fmt.Errorf("offset %d: truncated record header", rd.offset)
			}
			return nil, err
		}
		if strings.TrimSpace(l) != "" {
			line = strings.TrimSpace(l)
			break
		}
	}
	start := rd.offset - int64(len(line)) - 2
	if !strings.HasPrefix(line, "WARC/") {
		return nil, fmt.Errorf("offset %d: not a WARC record (got %q)", start, truncate(line, 40))
	}
	tp := textproto.NewReader(rd.br)
	hdr, err := tp.ReadMIMEHeader()
	if err != nil {
		return nil, fmt.Errorf("offset %d: bad WARC header: %w", start, err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(hdr.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("offset %d: bad Content-Length %q", start, hdr.Get("Content-Length"))
	}
	if n > rd.maxBlock {
		return nil, fmt.Errorf("offset %d: record block of %d bytes exceeds limit %d", start, n, rd.maxBlock)
	}
	content := make([]byte, n)
	if _, err := io.ReadFull(rd.br, content); err != nil {
		return nil, fmt.Errorf("offset %d: truncated record block: %w", start, err)
	}
	rd.offset += n
	return &Record{Header: hdr, Content: content, Offset: start}, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
