package extract

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
)

// decodeCharset decodes data from the named encoding into UTF-8.
func decodeCharset(data []byte, name string) (string, bool) {
	enc, err := htmlindex.Get(name)
	if err != nil {
		return "", false
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(data)))
	if err != nil {
		return "", false
	}
	return string(out), true
}

// htmlToUTF8 decodes an HTML page using its BOM, the declared Content-Type,
// or its <meta charset>, with UTF-8 validity as a final check.
func htmlToUTF8(data []byte, contentType string) (string, string) {
	_, name, certain := charset.DetermineEncoding(data, contentType)
	name = strings.ToLower(name)
	if name == "utf-8" || name == "" {
		return toUTF8(data)
	}
	if !certain && bytesValidUTF8(data) {
		return string(data), ""
	}
	if s, ok := decodeCharset(data, name); ok {
		return s, ""
	}
	return toUTF8(data)
}

func bytesValidUTF8(data []byte) bool {
	return strings.ToValidUTF8(string(data), "") == string(data)
}
