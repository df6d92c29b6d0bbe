package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/karir/karir/internal/generate"
)

// generateTexts writes N generated texts into DIR, for load tests.
func generateTexts(args []string, stdout io.Writer) error {
	if len(args) != 2 && len(args) != 3 {
		return usageError{"generate needs N and DIR"}
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 1 || n > generate.Max {
		return usageError{fmt.Sprintf("generate: N must be a whole number from 1 to %d", generate.Max)}
	}
	dir, seedDir := args[1], "seeds"
	if len(args) == 3 {
		seedDir = args[2]
	}
	g, err := generate.FromDir(seedDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		file := fmt.Sprintf("gen-%06d.txt", i)
		text, _, err := g.Profile(i, file)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, file), text, 0o644); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(stdout, "wrote %d texts to %s\n", n, dir)
	return err
}
