package extract

import (
	"bytes"
	"context"
	"fmt"
	"github.com/sitrep/sitrep/document"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// teaserBytes is the content size under which a feed item is only a teaser
// and its page is fetched.
const teaserBytes = 1200

// extractFeed reads an RSS, Atom or RSS 1.0 (RDF) feed; each item becomes a
// document. Items that carry only a teaser have their page fetched.
func (x *Extractor) extractFeed(ctx context.Context, in Input, data []byte, emit Emit) error {
	data = feedToUTF8(data)
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return emit(failed(in.Name, fmt.Errorf("malformed feed: %w", err)))
	}
	for i, it := range feed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := fmt.Sprintf("%s#item%d", in.Name, i+1)
		if e := emit(job(name, func(ctx context.Context) (*document.Document, error) { return x.fromFeedItem(ctx, feed, it, name) })); e != nil {
			return e
		}
	}
	return nil
}

func (x *Extractor) fromFeedItem(ctx context.Context, feed *gofeed.Feed, it *gofeed.Item, name string) (*document.Document, error) {
	content := firstNonEmpty(it.Content, it.Description)
	var a *article
	var warnings []string
	if len(content) < teaserBytes && it.Link != "" && x.opts.Fetcher != nil && !x.opts.NoFetch {
		page, err := x.fetchArticle(ctx, it.Link)
		switch {
		case err == nil:
			a = page
		case strings.TrimSpace(content) == "":
			return nil, err
		default:
			warnings = append(warnings, fmt.Sprintf("%v; kept the feed's text", err))
		}
	}
	if a == nil {
		if strings.TrimSpace(content) == "" {
			return nil, fmt.Errorf("item has no text")
		}
		a = &article{paragraphs: htmlParagraphs(content), warnings: warnings}
	}
	a.url = firstNonEmpty(it.Link, a.url)
	a.title = firstNonEmpty(strings.TrimSpace(htmlText(it.Title)), a.title)
	a.source = firstNonEmpty(feed.Title, a.source)
	if len(it.Authors) > 0 && it.Authors[0] != nil && it.Authors[0].Name != "" {
		a.byline = it.Authors[0].Name
	}
	if t := firstTime(it.PublishedParsed, it.UpdatedParsed); t != nil {
		a.published = t.UTC().Format(time.RFC3339)
		a.publishedFrom = "feed"
	}
	if it.GUID != "" {
		a.meta = map[string]any{"guid": it.GUID}
	}
	x.finishDates(a)
	return x.finish(a, name), nil
}

func firstTime(ts ...*time.Time) *time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return t
		}
	}
	return nil
}

// htmlParagraphs turns an HTML fragment into text paragraphs, one per block element.
func htmlParagraphs(s string) []string {
	if !strings.ContainsAny(s, "<&") {
		return splitParagraphs(s)
	}
	root, err := html.Parse(strings.NewReader("<body>" + s))
	if err != nil {
		return splitParagraphs(s)
	}
	return nodeParagraphs(root)
}

// nodeParagraphs returns the text paragraphs of an HTML tree, one per block
// element (paragraphs, headings, list items, quotations, line breaks), with
// the white space inside each collapsed.
func nodeParagraphs(root *html.Node) []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := normalizeSpace(cur.String()); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "style":
				return
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "dd", "dt", "section", "article", "hr":
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	flush()
	return paras
}

func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	return strings.Join(htmlParagraphs(s), " ")
}

// feedToUTF8 converts a feed whose bytes are not UTF-8 and that declares no
// encoding (or declares Latin-1, which real feeds use for Windows-1252) so
// that the XML parser can read it. Declared encodings are converted as well.
func feedToUTF8(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	enc := ""
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("<?xml")) {
		end := bytes.Index(data, []byte("?>"))
		if end > 0 {
			decl := string(data[:end])
			if i := strings.Index(strings.ToLower(decl), "encoding="); i >= 0 {
				v := decl[i+len("encoding="):]
				if len(v) > 1 {
					q := v[0]
					if j := strings.IndexByte(v[1:], q); j >= 0 {
						enc = strings.ToLower(v[1 : 1+j])
					}
				}
			}
		}
	}
	switch enc {
	case "", "utf-8", "utf8":
		if bytesValidUTF8(data) {
			return data
		}
		enc = "windows-1252"
	case "iso-8859-1", "latin1", "latin-1", "us-ascii":
		enc = "windows-1252"
	}
	s, ok := decodeCharset(data, enc)
	if !ok {
		return []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
	}
	// The declaration must now say UTF-8.
	if i := strings.Index(s, "?>"); i > 0 && strings.HasPrefix(strings.TrimSpace(s), "<?xml") {
		s = `<?xml version="1.0" encoding="UTF-8"` + s[i:]
	}
	return []byte(s)
}

// fetchArticle fetches a page and extracts its article.
func (x *Extractor) fetchArticle(ctx context.Context, link string) (*article, error) {
	resp, err := x.opts.Fetcher.Get(ctx, link, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", link, err)
	}
	a, err := x.articleFromHTML(resp.Body, resp.ContentType, resp.URL)
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", link, err)
	}
	return a, nil
}
