package extract

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Inputs expands command-line arguments into inputs: "-" is standard input,
// an http(s) URL is fetched by the Extractor, a directory is walked (sorted,
// hidden files skipped), anything else is a file. Arguments that cannot be
// used are returned as errors, one per argument; the others are still
// returned.
func Inputs(args []string, stdin io.Reader) ([]Input, []error) {
	var ins []Input
	var errs []error
	for _, arg := range args {
		switch {
		case arg == "-":
			ins = append(ins, Input{Name: "<stdin>", Open: func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }})
		case strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://"):
			ins = append(ins, Input{Name: arg, URL: arg})
		default:
			fi, err := os.Stat(arg)
			if err != nil {
				errs = append(errs, &Error{Input: arg, Err: unwrapPathError(err)})
				continue
			}
			if !fi.IsDir() {
				ins = append(ins, fileInput(arg))
				continue
			}
			var files []string
			werr := filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					errs = append(errs, &Error{Input: path, Err: unwrapPathError(err)})
					return nil
				}
				if path != arg && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.Type().IsRegular() {
					files = append(files, path)
				}
				return nil
			})
			if werr != nil {
				errs = append(errs, &Error{Input: arg, Err: werr})
			}
			sort.Strings(files)
			for _, f := range files {
				ins = append(ins, fileInput(f))
			}
		}
	}
	return ins, errs
}

func fileInput(path string) Input {
	return Input{Name: path, Open: func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, unwrapPathError(err)
		}
		return f, nil
	}}
}

// unwrapPathError drops the path from *fs.PathError, since Error names the input.
func unwrapPathError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file or directory")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
