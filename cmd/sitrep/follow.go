package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store"
)

// maxFeedBytes bounds the size of a fetched feed.
const maxFeedBytes = 32 << 20

// feedFollower polls feeds with conditional requests and stores their new
// items.
type feedFollower struct {
	e        *env
	st       *store.Store
	pf       *pipelineFlags
	client   *http.Client
	interval time.Duration
	maxDelay time.Duration
	log      *slog.Logger
	put      func(*document.Document) error
	flush    func() error
	rng      *rand.Rand
}

// followFeeds polls every feed each interval until ctx is done (or, with
// polls > 0, until each feed was polled that many times). A feed that fails
// is retried after interval·2^errors (at most an hour, or the interval if
// longer), with jitter.
//
// put stores a document (it may buffer it); flush commits what put
// buffered and is called after each poll.
func followFeeds(ctx context.Context, e *env, st *store.Store, pf *pipelineFlags, feeds []string, interval time.Duration, polls int, log *slog.Logger, put func(*document.Document) error, flush func() error) error {
	if interval <= 0 {
		return errors.New("--interval must be positive")
	}
	for _, f := range feeds {
		u, err := url.Parse(f)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--follow %q: not an http(s) URL", f)
		}
	}
	ff := &feedFollower{
		e: e, st: st, pf: pf, interval: interval, log: log, put: put, flush: flush,
		client:   &http.Client{Timeout: 60 * time.Second},
		maxDelay: max(time.Hour, interval),
		rng:      rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7)),
	}
	next := make([]time.Time, len(feeds))
	count := make([]int, len(feeds))
	for {
		// Poll the feed that is due first.
		i := -1
		for j := range feeds {
			if polls > 0 && count[j] >= polls {
				continue
			}
			if i < 0 || next[j].Before(next[i]) {
				i = j
			}
		}
		if i < 0 {
			return nil
		}
		if d := time.Until(next[i]); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
		delay := ff.poll(ctx, feeds[i])
		if ctx.Err() != nil {
			return ctx.Err()
		}
		count[i]++
		next[i] = time.Now().Add(delay)
	}
}

// poll fetches one feed and stores its new items; it returns the time to
// wait before the next poll.
func (ff *feedFollower) poll(ctx context.Context, feed string) time.Duration {
	fs, err := ff.st.Feed(ctx, feed)
	if err != nil {
		ff.log.Error("feed state", "feed", feed, "err", err)
		return ff.interval
	}
	n, err := ff.fetch(ctx, feed, &fs)
	fs.CheckedAt = ""
	if err != nil {
		fs.Errors++
		delay := min(ff.interval<<min(fs.Errors, 20), ff.maxDelay)
		delay += time.Duration(ff.rng.Int64N(int64(delay)/10 + 1))
		ff.log.Warn("feed poll failed", "feed", feed, "err", err, "errors", fs.Errors, "retry_in", delay.Round(time.Millisecond).String())
		if serr := ff.st.SaveFeed(ctx, fs); serr != nil {
			ff.log.Error("feed state", "feed", feed, "err", serr)
		}
		return delay
	}
	fs.Errors = 0
	if err := ff.st.SaveFeed(ctx, fs); err != nil {
		ff.log.Error("feed state", "feed", feed, "err", err)
	}
	if n >= 0 {
		ff.log.Info("feed polled", "feed", feed, "new_items", n)
	} else {
		ff.log.Info("feed not modified", "feed", feed)
	}
	return ff.interval
}

// fetch makes the conditional request and stores new items, returning
// their number, or -1 when the feed was not modified.
func (ff *feedFollower) fetch(ctx context.Context, feed string, fs *store.FeedState) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "sitrep (+https://github.com/sitrep/sitrep)")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
	if fs.ETag != "" {
		req.Header.Set("If-None-Match", fs.ETag)
	}
	if fs.LastModified != "" {
		req.Header.Set("If-Modified-Since", fs.LastModified)
	}
	resp, err := ff.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return -1, nil
	case resp.StatusCode != http.StatusOK:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return 0, fmt.Errorf("HTTP %s", resp.Status)
	}
	tmpDir, err := os.MkdirTemp("", "sitrep-feed-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, "feed"+feedExt(req.URL, resp.Header.Get("Content-Type")))
	f, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	nb, err := io.Copy(f, io.LimitReader(resp.Body, maxFeedBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("read feed: %w", err)
	}
	if nb > maxFeedBytes {
		return 0, fmt.Errorf("feed larger than %d bytes", maxFeedBytes)
	}
	newItems := 0
	var fresh []string
	pf := *ff.pf
	var itemErr error
	pf.onFailure = func(input string, err error) {
		input = strings.Replace(input, tmp, feed, 1)
		if ff.pf.onFailure != nil {
			ff.pf.onFailure(input, err)
		}
		if input == feed {
			itemErr = err
		}
	}
	_, err = processInputs(ctx, ff.e, &pf, []string{tmp}, func(d *document.Document) error {
		d.Input = strings.Replace(d.Input, tmp, feed, 1)
		seen, err := ff.st.ItemSeen(ctx, feed, d.ID)
		if err != nil {
			return err
		}
		if seen {
			return nil
		}
		if err := ff.put(d); err != nil {
			return err
		}
		newItems++
		fresh = append(fresh, d.ID)
		return nil
	})
	if ferr := ff.flush(); err == nil {
		err = ferr
	}
	// Items are marked seen only once committed.
	for _, id := range fresh {
		if merr := ff.st.MarkItemSeen(ctx, feed, id); merr != nil && err == nil {
			err = merr
		}
	}
	if err == nil {
		err = itemErr
	}
	if err != nil {
		return newItems, err
	}
	// Remember the validators only once the items are stored.
	fs.ETag = resp.Header.Get("ETag")
	fs.LastModified = resp.Header.Get("Last-Modified")
	return newItems, nil
}

// feedExt picks a file extension that tells the readers the input is a feed.
func feedExt(u *url.URL, contentType string) string {
	switch ext := strings.ToLower(path.Ext(u.Path)); ext {
	case ".rss", ".atom", ".xml", ".rdf":
		return ext
	}
	switch {
	case strings.Contains(contentType, "atom"):
		return ".atom"
	case strings.Contains(contentType, "rss"):
		return ".rss"
	}
	return ".xml"
}
