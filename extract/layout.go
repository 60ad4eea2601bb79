package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

// article is what a reader found before it is laid out as a Document.
type article struct {
	id, url, source, byline, title string
	published, publishedFrom       string
	language                       string
	captions                       []string
	paragraphs                     []string
	meta                           map[string]any
	warnings                       []string
	// detectTitle: the first paragraph may be the headline (plain text).
	detectTitle bool
}

// layout builds the Document: Text is the title, the captions, then the body
// paragraphs, separated by blank lines, and every part gets its span.
func layout(a *article, input string) *document.Document {
	d := document.New()
	d.Input = input
	d.URL = a.url
	d.Source = a.source
	d.Byline = a.byline
	d.Published = a.published
	d.PublishedFrom = a.publishedFrom
	d.Meta = a.meta
	d.Warnings = a.warnings

	paras := cleanParagraphs(a.paragraphs)
	title := normalizeSpace(a.title)
	if title == "" && a.detectTitle && len(paras) > 1 && looksLikeHeadline(paras[0]) {
		title, paras = paras[0], paras[1:]
	}
	captions := cleanParagraphs(a.captions)
	// Leading caption paragraphs of the body ("A handout picture ... (AFP Photo)").
	for len(paras) > 1 && looksLikeCaption(paras[0]) {
		captions = append(captions, paras[0])
		paras = paras[1:]
	}
	// A caption repeated in the body (HTML extractors often keep figcaptions).
	if len(captions) > 0 {
		seen := make(map[string]bool, len(captions))
		for _, c := range captions {
			seen[c] = true
		}
		kept := paras[:0:0]
		for _, p := range paras {
			if !seen[p] {
				kept = append(kept, p)
			}
		}
		paras = kept
	}
	paras = dropPageChrome(paras, title)
	d.Title = title

	var b strings.Builder
	pos := 0 // in code points
	add := func(s string) document.Span {
		if b.Len() > 0 {
			b.WriteString("\n\n")
			pos += 2
		}
		start := pos
		b.WriteString(s)
		pos += utf8.RuneCountInString(s)
		return document.Span{Start: start, End: pos}
	}
	if title != "" {
		sp := add(title)
		d.TitleSpan = &sp
	}
	for _, c := range captions {
		d.Captions = append(d.Captions, add(c))
	}
	for i, p := range paras {
		sp := add(p)
		d.Paragraphs = append(d.Paragraphs, sp)
		if i == 0 {
			if dl := parseDateline(p); dl != nil {
				dl.Start += sp.Start
				dl.End += sp.Start
				d.Dateline = dl
			}
		}
	}
	d.SetText(b.String())
	for i := range d.Captions {
		d.Captions[i].Text = d.Slice(d.Captions[i].Start, d.Captions[i].End)
	}
	if d.Dateline != nil {
		d.Dateline.Text = d.Slice(d.Dateline.Start, d.Dateline.End)
		if d.Source == "" {
			d.Source = d.Dateline.Source
		}
	}

	d.ID = a.id
	switch {
	case d.ID != "":
	case d.URL != "":
		d.ID = "u" + hash(d.URL)
	default:
		d.ID = "t" + hash(d.Text)
	}
	d.Language = a.language
	if d.Language == "" {
		d.Language = detectLanguage(d.Text)
	}
	return d
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:12])
}

// cleanParagraphs normalizes whitespace inside each paragraph and drops empty ones.
func cleanParagraphs(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p = normalizeSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dropPageChrome removes what web pages put among the body's paragraphs:
// the title repeated at its top, the sharing buttons' labels ("Tweet",
// "Share this"), and a dateline's place repeated on its own before the
// dateline ("SURABAYA, Indonesia/JAKARTA", then "SURABAYA,
// Indonesia/JAKARTA (Reuters) - ...").
func dropPageChrome(paras []string, title string) []string {
	out := paras[:0:0]
	for i, p := range paras {
		switch {
		case len(out) == 0 && title != "" && strings.EqualFold(strings.TrimRight(p, ". "), strings.TrimRight(title, ". ")):
			continue
		case shareLabels[strings.ToLower(strings.TrimRight(p, ".:!"))]:
			continue
		case i < 5 && utf8.RuneCountInString(p) < 60 && nextStartsWith(paras, i, p):
			continue
		}
		out = append(out, p)
	}
	return out
}

// nextStartsWith reports whether a paragraph after paras[i], past sharing
// labels, starts with p and goes on.
func nextStartsWith(paras []string, i int, p string) bool {
	for _, q := range paras[i+1:] {
		if shareLabels[strings.ToLower(strings.TrimRight(q, ".:!"))] {
			continue
		}
		return len(q) > len(p) && strings.HasPrefix(q, p)
	}
	return false
}

var shareLabels = map[string]bool{
	"tweet": true, "share": true, "share this": true, "link this": true, "email": true, "e-mail": true,
	"print": true, "facebook": true, "twitter": true, "linkedin": true, "whatsapp": true, "pinterest": true,
	"reddit": true, "share on facebook": true, "share on twitter": true, "share this article": true,
	"share this story": true, "email this": true, "print this": true, "comments": true, "advertisement": true,
	"skip to main content": true, "read more": true, "copy link": true,
}

// normalizeSpace collapses runs of whitespace (including newlines) into one
// space and trims the ends.
func normalizeSpace(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			clean = false
			break
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
		if sp && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == 0xfeff || r == 0x200b {
			space = b.Len() > 0
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// splitParagraphs splits plain text into paragraphs: at blank lines when the
// text has them, else at every line break.
func splitParagraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if !blankLine.MatchString(text) {
		return strings.Split(text, "\n")
	}
	paras := blankLine.Split(strings.TrimLeft(text, " \t\n"), -1)
	// A headline and a caption line often open the text without a blank
	// line between them.
	if lines := strings.Split(strings.TrimSpace(paras[0]), "\n"); len(lines) > 1 && len(lines) <= 3 && looksLikeHeadline(strings.TrimSpace(lines[0])) {
		paras = append(lines, paras[1:]...)
	}
	return paras
}

var blankLine = regexp.MustCompile(`\n[ \t\f\v]*\n`)

// looksLikeHeadline: a single short line without a final full stop.
func looksLikeHeadline(p string) bool {
	if len(p) > 250 || strings.Count(p, " ") > 30 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if last == '.' && !strings.HasSuffix(p, "...") || last == ',' || last == ';' {
		return false
	}
	// A headline starts with a capital, a digit or a quote.
	first, _ := utf8.DecodeRuneInString(p)
	return unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("\"'“‘", first)
}

var captionRE = regexp.MustCompile(`(?i)^(a |an |the )?(handout |file |undated |screen ?grab |still )*(photo|picture|image|photograph|video grab|handout|screengrab|screenshot)\b|\((AFP|AP|Reuters|EPA|Getty|Anadolu|Xinhua|SANA|IRNA|Sputnik|TASS)?[ /]*(Photo|Images|Picture|handout)[^)]*\)\s*$|(Photo|Picture|Image|Credit)s?: [^.]{2,80}$|^(In this|This) (handout |file )?(photo|picture|image)`)

// looksLikeCaption reads a paragraph as an image caption: it names a photo
// or picture, or ends with a photo credit.
func looksLikeCaption(p string) bool {
	if len(p) > 600 {
		return false
	}
	return captionRE.MatchString(p)
}

var datelineRE = regexp.MustCompile(`^([A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s+[A-Z][A-Za-z.'’\-/ ]{1,30})?)` + // place
	`(?:,\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?))?` + // date
	`\s*(?:\(([A-Za-z][A-Za-z .&/-]{0,30})\))?` + // source
	`\s*(?:[-–—]+|:)\s+`)

// parseDateline recognizes a leading wire dateline: "DAMASCUS, Sept 3
// (Reuters) - ", "BEIRUT (AP) — ", "LONDON, March 5 -". The returned span is
// relative to p, in code points, and covers the dateline with its dash.
func parseDateline(p string) *document.Dateline {
	m := datelineRE.FindStringSubmatchIndex(p)
	if m == nil {
		return nil
	}
	place := p[m[2]:m[3]]
	// A dateline has a date or a source, or a place in capitals.
	hasDate, hasSource := m[4] >= 0, m[6] >= 0
	if !hasDate && !hasSource && strings.ToUpper(place) != place {
		return nil
	}
	if !hasDate && !hasSource && !strings.Contains(p[:m[1]], "—") && !strings.Contains(p[:m[1]], "--") && !strings.Contains(p[:m[1]], " - ") {
		return nil
	}
	dl := &document.Dateline{Place: strings.TrimSpace(place)}
	if hasDate {
		dl.Date = p[m[4]:m[5]]
	}
	if hasSource {
		dl.Source = strings.TrimSpace(p[m[6]:m[7]])
	}
	end := strings.TrimRight(p[:m[1]], " ")
	dl.Start = 0
	dl.End = utf8.RuneCountInString(end)
	return dl
}
