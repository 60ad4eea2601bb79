package server

import (
	"container/list"
	"sync"
	"sync/atomic"
)

// respCache keeps the JSON bodies of recent successful GET responses, keyed
// by path and query, for one version of the database: any commit to the
// database (by this process or another, see store.Store.DataVersion)
// empties it, so that it never serves an answer older than the last write.
// It is bounded in bytes and evicts the least recently used entries.
type respCache struct {
	maxBytes, maxEntry int

	mu      sync.Mutex
	version int64
	size    int
	order   *list.List // of *cacheEntry, most recently used first
	entries map[string]*list.Element

	hits, misses, resets atomic.Int64
}

type cacheEntry struct {
	key  string
	body []byte
}

func newRespCache(maxBytes int) *respCache {
	return &respCache{
		maxBytes: maxBytes,
		maxEntry: max(maxBytes/64, 1),
		version:  -1,
		order:    list.New(),
		entries:  map[string]*list.Element{},
	}
}

// resetLocked empties the cache for a new data version.
func (c *respCache) resetLocked(version int64) {
	if c.version != -1 && len(c.entries) > 0 {
		c.resets.Add(1)
	}
	c.version = version
	c.size = 0
	c.order.Init()
	clear(c.entries)
}

// get returns the body cached for key at this data version.
func (c *respCache) get(key string, version int64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.resetLocked(version)
	}
	el, ok := c.entries[key]
	if !ok {
		c.misses.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).body, true
}

// put caches body for key, computed at data version (read before the
// query ran, so that a commit during the query makes the entry stale, not
// wrong). body must not be modified afterwards.
func (c *respCache) put(key string, version int64, body []byte) {
	if len(body) > c.maxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		if version < c.version {
			return // computed before a newer write was seen
		}
		c.resetLocked(version)
	}
	if el, ok := c.entries[key]; ok {
		c.size -= len(el.Value.(*cacheEntry).body) + len(key)
		c.order.Remove(el)
	}
	c.entries[key] = c.order.PushFront(&cacheEntry{key, body})
	c.size += len(body) + len(key)
	for c.size > c.maxBytes && c.order.Len() > 0 {
		el := c.order.Back()
		e := el.Value.(*cacheEntry)
		c.order.Remove(el)
		delete(c.entries, e.key)
		c.size -= len(e.body) + len(e.key)
	}
}

// CacheStats counts the response cache's lookups.
type CacheStats struct {
	Hits, Misses, Resets int64
	Entries, Bytes       int
}

func (c *respCache) stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Resets: c.resets.Load(), Entries: len(c.entries), Bytes: c.size}
}
