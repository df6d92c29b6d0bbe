package search

import (
	_ "embed"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// The language data of the package, in lexicon/: the stem corrections
// search needs and what discovery says. The files are embedded, so every
// test run reads them: a mistake in one fails it (the must functions
// panic).
var (
	//go:embed lexicon/stems.txt
	stemsText string
	//go:embed lexicon/messages.txt
	messagesText string
)

// stems are the groups of words of stems.txt whose stems must find one
// another; their stems come from the analyzer with the other words.
var stems = mustStems(stemsText)

// say is what discovery says, from messages.txt.
var say = mustMessages(messagesText)

// eachLine calls fn with each line of the lexicon file name, holding text,
// that is neither blank nor a comment (#), trimmed, and where it stands.
func eachLine(name, text string, fn func(at, line string)) {
	for n, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			fn(fmt.Sprintf("lexicon/%s:%d", name, n+1), line)
		}
	}
}

func mustStems(text string) [][]string {
	word := regexp.MustCompile(`^[a-z]+$`)
	var groups [][]string
	eachLine("stems.txt", text, func(at, line string) {
		words := strings.Fields(line)
		for _, w := range words {
			if !word.MatchString(w) {
				panic(fmt.Sprintf("%s: %q is not a lower-case word", at, w))
			}
		}
		groups = append(groups, words)
	})
	return groups
}

// messages are the texts of messages.txt, by use.
type messages struct {
	and                                                          string
	sharedTraits, sharedProfessions, sharedTitleWords, titleWord template
	avoidedTrait, lackingTrait                                   template
}

// template is a text with one %s: what stands before it and after it.
type template struct{ before, after string }

func (t template) with(s string) string { return t.before + s + t.after }

func mustMessages(text string) messages {
	texts := map[string]string{}
	eachLine("messages.txt", text, func(at, line string) {
		name, text, _ := strings.Cut(line, " ")
		if _, twice := texts[name]; twice {
			panic(fmt.Sprintf("%s: %s is given twice", at, name))
		}
		texts[name] = strings.TrimSpace(text)
	})
	take := func(name string) string {
		text, ok := texts[name]
		if !ok || text == "" {
			panic(fmt.Sprintf("lexicon/messages.txt: no text for %s", name))
		}
		delete(texts, name)
		return text
	}
	fill := func(name string) template {
		before, after, ok := strings.Cut(take(name), "%s")
		if !ok || strings.Contains(after, "%s") {
			panic(fmt.Sprintf("lexicon/messages.txt: %s must hold %%s once", name))
		}
		return template{before, after}
	}
	m := messages{
		and:          take("and"),
		sharedTraits: fill("shared-traits"), sharedProfessions: fill("shared-professions"),
		sharedTitleWords: fill("shared-title-words"), titleWord: fill("title-word"),
		avoidedTrait: fill("avoided-trait"), lackingTrait: fill("lacking-trait"),
	}
	if len(texts) > 0 {
		unknown := slices.Sorted(maps.Keys(texts))
		panic(fmt.Sprintf("lexicon/messages.txt: the code asks for no %s", strings.Join(unknown, ", ")))
	}
	return m
}
