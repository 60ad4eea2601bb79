package warc

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

func record(typ, block string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: <https://example.org/a>\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", typ, len(block), block)
}

func TestReader(t *testing.T) {
	in := record("warcinfo", "x: y\r\n") + record("response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>")
	rd, err := NewReader(strings.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, rec.Type())
		if rec.Type() == "response" {
			hdr, body, err := rec.HTTPResponse()
			if err != nil || hdr.Get("Content-Type") != "text/html" || string(body) != "<p>hi</p>" || rec.TargetURI() != "https://example.org/a" {
				t.Errorf("response: %v %v %q %q", err, hdr, body, rec.TargetURI())
			}
		}
	}
	if strings.Join(types, ",") != "warcinfo,response" {
		t.Errorf("types = %v", types)
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"GET / HTTP/1.1\r\n\r\n", "WARC/1.0\r\nContent-Length: x\r\n\r\n", "WARC/1.0\r\nContent-Length: 50\r\n\r\nshort", "WARC/1.0\r\nContent-Length: 999999999\r\n\r\n"} {
		rd, err := NewReader(bytes.NewReader([]byte(in)), 1<<20)
		if err != nil {
			continue
		}
		if _, err := rd.Next(); err == nil || err == io.EOF {
			t.Errorf("Next(%q) = %v, want an error", in, err)
		}
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte(record("response", "HTTP/1.1 200 OK\r\n\r\nbody")))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 3\r\n\r\nabc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := NewReader(bytes.NewReader(data), 1<<16)
		if err != nil {
			return
		}
		for range 100 {
			rec, err := rd.Next()
			if err != nil {
				return
			}
			rec.HTTPResponse()
		}
	})
}
