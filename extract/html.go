package extract

import (
	"fmt"
	"github.com/sitrep/sitrep/document"
	"net/url"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// fromHTML extracts the article of an HTML page with go-trafilatura (body,
// title, byline, site name; the publication date from go-htmldate, which
// trafilatura runs), and its image captions from <figcaption>.
func (x *Extractor) fromHTML(data []byte, contentType, pageURL, input string) (*document.Document, error) {
	a, err := x.articleFromHTML(data, contentType, pageURL)
	if err != nil {
		return nil, err
	}
	x.finishDates(a)
	return x.finish(a, input), nil
}

func (x *Extractor) articleFromHTML(data []byte, contentType, pageURL string) (*article, error) {
	text, warn := htmlToUTF8(data, contentType)
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("malformed HTML: %w", err)
	}
	captions := figcaptions(root)
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		ExcludeTables:   true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(root, opts)
	if err != nil {
		return nil, fmt.Errorf("no article text found: %w", err)
	}
	body := strings.TrimSpace(res.ContentText)
	if body == "" {
		return nil, fmt.Errorf("no article text found")
	}
	// ContentText is the body with its white space collapsed, paragraphs
	// and headings run together; the paragraphs come from the content's
	// tree.
	a := &article{
		url:        firstNonEmpty(pageURL, res.Metadata.URL),
		source:     res.Metadata.Sitename,
		byline:     res.Metadata.Author,
		title:      res.Metadata.Title,
		captions:   captions,
		paragraphs: paragraphsOf(res.ContentNode, body),
	}
	if lang := res.Metadata.Language; len(lang) >= 2 {
		a.language = strings.ToLower(lang[:2])
	}
	if !res.Metadata.Date.IsZero() {
		a.published = res.Metadata.Date.UTC().Format(time.RFC3339)
		if d := res.Metadata.Date; d.Hour() == 0 && d.Minute() == 0 && d.Second() == 0 {
			a.published = d.Format(time.DateOnly)
		}
		a.publishedFrom = "html"
	}
	if warn != "" {
		a.warnings = append(a.warnings, warn)
	}
	return a, nil
}

// paragraphsOf returns the paragraphs of the extracted content, or its
// text as one paragraph when the tree holds none.
func paragraphsOf(content *html.Node, text string) []string {
	if content != nil {
		if ps := nodeParagraphs(content); len(ps) > 0 {
			return ps
		}
	}
	return []string{text}
}

// figcaptions returns the text of the page's <figcaption> elements.
func figcaptions(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "figcaption" {
			if t := normalizeSpace(nodeText(n)); len(t) > 15 {
				out = append(out, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// TrafilaturaText returns go-trafilatura's own body text for a page, with
// the options sitrep uses: the baseline that `sitrep eval html` compares
// sitrep's extraction against.
func TrafilaturaText(data []byte, contentType string) (string, error) {
	text, _ := htmlToUTF8(data, contentType)
	res, err := trafilatura.Extract(strings.NewReader(text), trafilatura.Options{
		EnableFallback: true, ExcludeComments: true, ExcludeTables: true, HtmlDateMode: trafilatura.Fast,
	})
	if err != nil {
		return "", err
	}
	return res.ContentText, nil
}
