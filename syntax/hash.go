package syntax

// Feature keys are 32-bit hashes of (template, values). Key 0 is reserved
// for empty slots of the inference tables.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is FNV-1a over the bytes of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashLower is FNV-1a over s with ASCII letters lowercased, without
// allocating.
func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func key(h uint64) uint32 {
	k := uint32(h >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

// f1, f2, f3 combine a template number with one, two or three values into a
// feature key.
func f1(t uint64, a uint64) uint32 {
	return key(mix64(t*0x9e3779b97f4a7c15 ^ a))
}

func f2(t uint64, a, b uint64) uint32 {
	return key(mix64(mix64(t*0x9e3779b97f4a7c15^a) ^ b))
}

func f3(t uint64, a, b, c uint64) uint32 {
	return key(mix64(mix64(mix64(t*0x9e3779b97f4a7c15^a)^b) ^ c))
}
