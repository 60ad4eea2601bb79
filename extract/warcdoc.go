package extract

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/warc"
)

// extractWARC reads the response records of HTML pages in a WARC file. A bad
// record is reported and skipped; a broken stream ends the input.
func (x *Extractor) extractWARC(ctx context.Context, in Input, br *bufio.Reader, emit Emit) error {
	rd, err := warc.NewReader(br, x.opts.MaxBytes)
	if err != nil {
		return emit(failed(in.Name, err))
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := rd.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return emit(failed(in.Name, err))
		}
		if rec.Type() != "response" {
			continue
		}
		name := in.Name + "#" + strconv.FormatInt(rec.Offset, 10)
		hdr, body, err := rec.HTTPResponse()
		if err != nil {
			if e := emit(failed(name, err)); e != nil {
				return e
			}
			continue
		}
		ct := hdr.Get("Content-Type")
		if ct != "" && !strings.Contains(ct, "html") {
			continue
		}
		uri := rec.TargetURI()
		if e := emit(job(name, func(context.Context) (*document.Document, error) { return x.fromHTML(body, ct, uri, name) })); e != nil {
			return e
		}
	}
}
