package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
)

// Near-duplicate detection: MinHash over word shingles with banded LSH.
//
// The text is lower-cased and split into runs of letters and digits
// (punctuation and spacing are ignored), so that copies differing only in
// layout hash alike (ExactHash). Shingles are shingleSize consecutive
// words; the signature keeps, for each of numHashes hash functions, the
// smallest hash over the shingles. Two signatures agree at position i with
// probability equal to the Jaccard similarity of the shingle sets. Bands of
// bandRows positions are hashed into band keys; documents that share a key
// are candidates, confirmed when their estimated similarity reaches the
// threshold (see Similarity). With 42 bands of 3 rows a pair of Jaccard
// similarity 0.3 is a candidate with probability 1-(1-0.3^3)^42 = 0.68,
// at 0.4 0.94, at 0.5 0.996; at 0.1 0.04. Candidates are confirmed by
// their estimated containment. The parameters (4-word shingles, 3 rows,
// threshold 0.6) were chosen with "sitrep eval dedup" on BBC News: pairs
// below 0.6 there are follow-up stories sharing passages, not copies.
const (
	shingleSize = 4
	numHashes   = 128
	bandRows    = 3
	numBands    = numHashes / bandRows
)

// minhashSeeds are the per-function seeds, a fixed splitmix64 sequence so
// that signatures are stable across runs and versions.
var minhashSeeds = func() [numHashes]uint64 {
	var s [numHashes]uint64
	x := uint64(0x5172e9)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix64(x)
	}
	return s
}()

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// words returns the normalized words of text.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// ExactHash is the hash of text's normalized words: equal for texts that
// differ only in case, spacing and punctuation. It is "" for a text with no
// words.
func ExactHash(text string) string {
	w := words(text)
	if len(w) == 0 {
		return ""
	}
	h := sha256.Sum256([]byte(strings.Join(w, " ")))
	return hex.EncodeToString(h[:16])
}

// Signature is a MinHash signature with the number of distinct shingles.
type Signature struct {
	H [numHashes]uint32
	N int
}

// MinHash returns the signature of text and false when text has no words.
func MinHash(text string) (Signature, bool) {
	var sig Signature
	w := words(text)
	if len(w) == 0 {
		return sig, false
	}
	seen := make(map[uint64]struct{}, len(w))
	var mins [numHashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	n := len(w) - shingleSize + 1
	if n < 1 {
		n = 1
	}
	for i := 0; i < n; i++ {
		end := min(i+shingleSize, len(w))
		// FNV-1a over the shingle's words, separated by a zero byte.
		h := uint64(14695981039346656037)
		for _, word := range w[i:end] {
			for j := 0; j < len(word); j++ {
				h ^= uint64(word[j])
				h *= 1099511628211
			}
			h ^= 0
			h *= 1099511628211
		}
		if _, dup := seen[h]; dup {
			continue
		}
		seen[h] = struct{}{}
		for k := range mins {
			if v := mix64(h ^ minhashSeeds[k]); v < mins[k] {
				mins[k] = v
			}
		}
	}
	for k := range sig.H {
		sig.H[k] = uint32(mins[k] >> 32)
	}
	sig.N = len(seen)
	return sig, true
}

// minContainmentMatches is the number of agreeing positions (of numHashes)
// from which Similarity trusts the containment estimate; below it the
// estimate is noise and the Jaccard estimate is used.
const minContainmentMatches = 16

// Similarity estimates how much of the smaller text's shingles the other
// text contains (1 for a copy, also when one is a truncation of the
// other). From the Jaccard estimate J (the fraction of agreeing positions)
// and the set sizes, |A∩B| = J(|A|+|B|)/(1+J). With few agreeing positions
// it returns J itself.
func Similarity(a, b Signature) float64 {
	same := 0
	for i := range a.H {
		if a.H[i] == b.H[i] {
			same++
		}
	}
	j := float64(same) / numHashes
	if same < minContainmentMatches || a.N <= 0 || b.N <= 0 {
		return j
	}
	inter := j / (1 + j) * float64(a.N+b.N)
	return max(j, min(1, inter/float64(min(a.N, b.N))))
}

// bandKeys returns the LSH key of each band of sig.
func bandKeys(sig Signature) [numBands]int64 {
	var keys [numBands]int64
	for b := range keys {
		h := mix64(uint64(b) + 0x2545f4914f6cdd1d)
		for r := 0; r < bandRows; r++ {
			h = mix64(h ^ uint64(sig.H[b*bandRows+r]))
		}
		keys[b] = int64(h)
	}
	return keys
}

// bytes encodes s: the shingle count, then the hashes, little-endian uint32s.
func (s Signature) bytes() []byte {
	b := make([]byte, 4*(numHashes+1))
	binary.LittleEndian.PutUint32(b, uint32(s.N))
	for i, v := range s.H {
		binary.LittleEndian.PutUint32(b[4*(i+1):], v)
	}
	return b
}

func signatureFrom(b []byte) (Signature, bool) {
	var s Signature
	if len(b) != 4*(numHashes+1) {
		return s, false
	}
	s.N = int(binary.LittleEndian.Uint32(b))
	for i := range s.H {
		s.H[i] = binary.LittleEndian.Uint32(b[4*(i+1):])
	}
	return s, true
}

// storyInfo is where a document landed among stories.
type storyInfo struct {
	Story      int64   // doc_key of the story's first copy
	DupOf      string  // id of the first copy, "" for a first copy
	Similarity float64 // estimated similarity to the copy matched, 0 for a first copy
	Exact      bool    // the normalized words equal the copy matched
}

// assignStory computes the signature of the document docKey (its text
// given), links it to the best earlier document it nearly duplicates and
// records its band keys. Only earlier documents (smaller doc_key) are
// considered, so that a first copy stays first when it is updated.
func assignStory(ctx context.Context, tx *sql.Tx, docKey int64, text string, threshold float64) (storyInfo, error) {
	info := storyInfo{Story: docKey}
	if _, err := tx.ExecContext(ctx, `DELETE FROM lsh WHERE doc_key = ?`, docKey); err != nil {
		return info, fmt.Errorf("clear band keys: %w", err)
	}
	exact := ExactHash(text)
	sig, ok := MinHash(text)
	var match int64 = -1
	if exact != "" {
		err := tx.QueryRowContext(ctx, `SELECT doc_key FROM documents WHERE exact_hash = ? AND doc_key < ? ORDER BY doc_key LIMIT 1`, exact, docKey).Scan(&match)
		switch {
		case err == sql.ErrNoRows:
			match = -1
		case err != nil:
			return info, fmt.Errorf("exact duplicate lookup: %w", err)
		default:
			info.Similarity, info.Exact = 1, true
		}
	}
	var keys [numBands]int64
	if ok {
		keys = bandKeys(sig)
	}
	if ok && match < 0 {
		args := make([]any, 0, numBands+1)
		var q strings.Builder
		q.WriteString(`SELECT DISTINCT l.doc_key, g.sig FROM lsh l JOIN signatures g ON g.doc_key = l.doc_key WHERE l.band_key IN (`)
		for i, k := range keys {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('?')
			args = append(args, k)
		}
		q.WriteString(`) AND l.doc_key < ? LIMIT 256`)
		args = append(args, docKey)
		rows, err := tx.QueryContext(ctx, q.String(), args...)
		if err != nil {
			return info, fmt.Errorf("candidate lookup: %w", err)
		}
		best := 0.0
		for rows.Next() {
			var key int64
			var blob []byte
			if err := rows.Scan(&key, &blob); err != nil {
				rows.Close()
				return info, fmt.Errorf("candidate lookup: %w", err)
			}
			other, ok := signatureFrom(blob)
			if !ok {
				continue
			}
			sim := Similarity(sig, other)
			if sim >= threshold && (sim > best || (sim == best && key < match)) {
				best, match = sim, key
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return info, fmt.Errorf("candidate lookup: %w", err)
		}
		info.Similarity = best
	}
	if match >= 0 {
		var story sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT story FROM documents WHERE doc_key = ?`, match).Scan(&story); err != nil {
			return info, fmt.Errorf("story of match: %w", err)
		}
		info.Story = match
		if story.Valid {
			info.Story = story.Int64
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE doc_key = ?`, info.Story).Scan(&info.DupOf); err != nil {
			return info, fmt.Errorf("first copy of story: %w", err)
		}
	} else {
		info.Similarity = 0
	}
	var blob []byte
	if ok {
		blob = sig.bytes()
	}
	var dupOf any
	if info.DupOf != "" {
		dupOf = info.DupOf
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET story = ?, dup_of = ?, similarity = ?, exact_hash = ? WHERE doc_key = ?`,
		info.Story, dupOf, info.Similarity, exact, docKey); err != nil {
		return info, fmt.Errorf("record story: %w", err)
	}
	dup := 0
	if info.DupOf != "" {
		dup = 1
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET dup = ? WHERE doc_key = ?`, dup, docKey); err != nil {
		return info, fmt.Errorf("record story: %w", err)
	}
	if blob != nil {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO signatures(doc_key, sig) VALUES (?, ?)`, docKey, blob); err != nil {
			return info, fmt.Errorf("record signature: %w", err)
		}
	} else if _, err := tx.ExecContext(ctx, `DELETE FROM signatures WHERE doc_key = ?`, docKey); err != nil {
		return info, fmt.Errorf("clear signature: %w", err)
	}
	if ok {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO lsh(band_key, doc_key) VALUES (?, ?)`, k, docKey); err != nil {
				return info, fmt.Errorf("record band key: %w", err)
			}
		}
	}
	return info, nil
}
