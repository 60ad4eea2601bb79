//go:build !unix

package gazetteer

import "os"

// mapFile reads path into memory where memory mapping is not available.
func mapFile(path string) ([]byte, nopCloser, error) {
	data, err := os.ReadFile(path)
	return data, nopCloser{}, err
}
