//go:build linux

package quotes

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on linux/amd64 and arm64.
const hugePage = 2 << 20

// allocRows returns n zeroed words for the joint table of t. On Linux they
// are mapped outside the Go heap and advised as transparent huge pages: the
// table is read at random, and with 4 KiB pages nearly every feature lookup
// would also miss the TLB. The mapping is released with t.
func allocRows(t *jointTable, n int) []uint64 {
	size := n * 8
	if size < hugePage {
		return make([]uint64, n)
	}
	b, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]uint64, n)
	}
	// Align the table to a huge page so that the kernel can back it by
	// huge pages throughout.
	skip := 0
	if r := uintptr(unsafe.Pointer(&b[0])) % hugePage; r != 0 {
		skip = int(hugePage - r)
	}
	rows := b[skip : skip+size]
	_ = syscall.Madvise(rows, syscall.MADV_HUGEPAGE) // advice only
	runtime.AddCleanup(t, func(b []byte) { _ = syscall.Munmap(b) }, b)
	return unsafe.Slice((*uint64)(unsafe.Pointer(&rows[0])), n)
}
