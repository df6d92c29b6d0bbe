package search

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

//go:embed lexicon/stems.txt
var stemsText string

// stems are the groups of words of stems.txt whose stems must find one
// another; their stems come from the analyzer with the other words.
var stems = mustStems(stemsText)

func mustStems(text string) [][]string {
	word := regexp.MustCompile(`^[a-z]+$`)
	var groups [][]string
	for n, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words := strings.Fields(line)
		for _, w := range words {
			if !word.MatchString(w) {
				// The file is embedded: every test run catches this.
				panic(fmt.Sprintf("lexicon/stems.txt:%d: %q is not a lower-case word", n+1, w))
			}
		}
		groups = append(groups, words)
	}
	return groups
}
