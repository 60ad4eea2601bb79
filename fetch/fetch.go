// Package fetch downloads web pages politely and safely: a user agent that
// names sitrep, timeouts, a size cap, a bounded number of redirects, and no
// connections to private, loopback or link-local addresses unless allowed.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"
)

// UserAgent is sent with every request.
const UserAgent = "sitrep/0.1 (+https://github.com/sitrep/sitrep; news fact extraction)"

// Options configure a Client.
type Options struct {
	// MaxBytes caps the body size; 0 means 20 MB.
	MaxBytes int64
	// Timeout bounds a whole request; 0 means 30 s.
	Timeout time.Duration
	// AllowPrivate permits private, loopback and link-local addresses.
	AllowPrivate bool
	// MaxRedirects bounds redirects; 0 means 5.
	MaxRedirects int
}

// Client fetches URLs. It is safe for concurrent use.
type Client struct {
	http     *http.Client
	maxBytes int64
}

// ErrTooLarge is returned when a body exceeds the size cap.
var ErrTooLarge = errors.New("response too large")

// New returns a Client with opts.
func New(opts Options) *Client {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 20 << 20
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = 5
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if !opts.AllowPrivate {
		// Checked on the address actually dialled, so that DNS answers and
		// redirects cannot reach private networks.
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			ip := net.ParseIP(host)
			if ip == nil || isPrivate(ip) {
				return fmt.Errorf("refusing to connect to private address %s (use --allow-private)", host)
			}
			return nil
		}
	}
	tr := &http.Transport{
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       60 * time.Second,
	}
	maxRedirects := opts.MaxRedirects
	return &Client{
		maxBytes: opts.MaxBytes,
		http: &http.Client{
			Transport: tr,
			Timeout:   opts.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= maxRedirects {
					return fmt.Errorf("stopped after %d redirects", maxRedirects)
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
				}
				return nil
			},
		},
	}
}

func isPrivate(ip net.IP) bool {
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast()
}

// Response is a fetched body with what sitrep needs of its headers.
type Response struct {
	URL          string // final URL after redirects
	ContentType  string
	Body         []byte
	ETag         string
	LastModified string
	StatusCode   int
}

// Get fetches rawURL. Extra headers (for conditional requests) may be given.
// A status other than 2xx or 304 is an error.
func (c *Client) Get(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("not an http(s) URL: %q", rawURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := &Response{
		URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), StatusCode: resp.StatusCode,
	}
	if resp.StatusCode == http.StatusNotModified {
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > c.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, resp.ContentLength, c.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > c.maxBytes {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, c.maxBytes)
	}
	out.Body = body
	return out, nil
}
