package parser

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// The word lists of the genre's grammar, one idea a file. Each file states
// its format in its header:
//
//	NAME: word word two_words ...
//
//go:embed titles.txt subjects.txt grammar.txt affixes.txt claims.txt comparisons.txt focus.txt leadins.txt
var wordListFiles embed.FS

// lexicon is the word lists, read once: the files ship inside the binary,
// so a malformed line is a programming error that every test run catches
// at start-up.
var lexicon = must(readLexicon(wordListFiles))

// must is v, for data embedded in the binary whose error is a programming
// error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// wordList is one named list of words and where it is first named.
type wordList struct {
	words []string
	at    string // "file:line"
}

// parseWordLists reads the format the word-list files share:
//
//	NAME: word word ...
//
// NAME is lower case, with hyphens; a list may take more than one line,
// each naming it again. check says what is wrong with a word of a list,
// or "" if nothing is.
func parseWordLists(file, text string, check func(name, word string) string) (map[string]*wordList, error) {
	lists := map[string]*wordList{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, words, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || !isListName(name) || len(strings.Fields(words)) == 0 {
			return nil, fmt.Errorf("%s:%d: want \"NAME: word word ...\"", file, n+1)
		}
		l := lists[name]
		if l == nil {
			l = &wordList{at: fmt.Sprintf("%s:%d", file, n+1)}
			lists[name] = l
		}
		for _, w := range strings.Fields(words) {
			fault := check(name, w)
			if slices.Contains(l.words, w) {
				fault = "listed twice in " + name
			}
			if fault != "" {
				return nil, fmt.Errorf("%s:%d: %q: %s", file, n+1, w, fault)
			}
			l.words = append(l.words, w)
		}
	}
	return lists, nil
}

// isListName reports whether name is lower-case letters and inner hyphens.
func isListName(name string) bool {
	for i, r := range name {
		if !('a' <= r && r <= 'z' || r == '-' && i > 0 && i < len(name)-1) {
			return false
		}
	}
	return name != ""
}

// lexiconWord says what is wrong with a word of a word-list file: it must
// be lower-case letters and single hyphens ("sehari-hari", and "di-",
// "-kan" for affixes), or such words joined by "_" into a phrase; a group
// of letters in brackets stands for one of them ("me[lrwy]").
func lexiconWord(_, w string) string {
	const want = "want lower-case words, _ joining those of a phrase, [abc] for one of the letters"
	for _, part := range strings.Split(w, "_") {
		if strings.Trim(part, "-") == "" || strings.Contains(part, "--") {
			return want
		}
		group := -1 // where the open group starts, or -1
		for i, r := range part {
			switch {
			case r == '[' && group < 0:
				group = i
			case r == ']' && group >= 0 && i > group+1:
				group = -1
			case !unicode.IsLower(r) && (r != '-' || group >= 0):
				return want
			}
		}
		if group >= 0 {
			return want
		}
	}
	return ""
}

// wordLists are the lists of every word-list file by name: a name stands
// in one file only.
type wordLists struct {
	lists map[string]*wordList
	mu    sync.Mutex
	used  map[string]bool // the lists the parser has asked for
}

// readLexicon reads every file of fsys as word lists.
func readLexicon(fsys fs.FS) (*wordLists, error) {
	l := &wordLists{lists: map[string]*wordList{}, used: map[string]bool{}}
	files, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		text, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		lists, err := parseWordLists(file, string(text), lexiconWord)
		if err != nil {
			return nil, err
		}
		for name, list := range lists {
			if other, ok := l.lists[name]; ok {
				return nil, fmt.Errorf("%s: the list %s is named in %s too", list.at, name, other.at)
			}
			l.lists[name] = list
		}
	}
	return l, nil
}

// list is the list called name. The parser reads its lists at start-up,
// so a name no file holds is a programming error: it panics.
func (l *wordLists) list(name string) *wordList {
	l.mu.Lock()
	defer l.mu.Unlock()
	list, ok := l.lists[name]
	if !ok {
		panic(fmt.Sprintf("no word list is called %q", name))
	}
	l.used[name] = true
	return list
}

// unused names the lists the parser never asked for.
func (l *wordLists) unused() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for name, list := range l.lists {
		if !l.used[name] {
			out = append(out, list.at+": "+name)
		}
	}
	return out
}

// set is the list called name as a set of words, with marks added: the
// punctuation the parser reads as words there. A phrase or a group of
// letters in it panics, as a set is looked up one word at a time.
func (l *wordLists) set(name string, marks ...string) map[string]bool {
	list := l.list(name)
	out := make(map[string]bool, len(list.words)+len(marks))
	for _, w := range list.words {
		if strings.ContainsAny(w, "_[") {
			panic(fmt.Sprintf("%s: the list %s holds %q; it wants words", list.at, name, w))
		}
		out[w] = true
	}
	for _, m := range marks {
		out[m] = true
	}
	return out
}

// words is the list called name, the words of a phrase joined by a space.
// A group of letters in it panics, as it is compared with text as written.
func (l *wordLists) words(name string) []string {
	out := make([]string, 0, len(l.list(name).words))
	for _, p := range l.phrases(name) {
		out = append(out, strings.Join(p, " "))
	}
	return out
}

// phrases is the list called name, each entry as its words. A group of
// letters in it panics, as a phrase is looked up word by word.
func (l *wordLists) phrases(name string) [][]string {
	list := l.list(name)
	out := make([][]string, len(list.words))
	for i, w := range list.words {
		if strings.Contains(w, "[") {
			panic(fmt.Sprintf("%s: the list %s holds %q; it wants phrases", list.at, name, w))
		}
		out[i] = strings.Split(w, "_")
	}
	return out
}

// listRef is a list named in a pattern: "{name}"; quantifiedRef is one
// with a quantifier right after it, which would bind to its last letter
// when the list is one word.
var (
	listRef       = regexp.MustCompile(`\{([a-z][a-z-]*)\}`)
	quantifiedRef = regexp.MustCompile(`\{[a-z][a-z-]*\}[?*+{]`)
)

// pattern is the regular expression tmpl with each "{name}" replaced by
// the alternation of that list's entries, in the order of the file, the
// words of a phrase joined by runs of white space; a group of letters is
// the class of its letters. A list of one word is that word, ungrouped.
// A quantifier right after a list panics: it wants a group around it.
func (l *wordLists) pattern(tmpl string) string {
	if ref := quantifiedRef.FindString(tmpl); ref != "" {
		panic(fmt.Sprintf("pattern %q quantifies %s: group it", tmpl, ref))
	}
	return listRef.ReplaceAllStringFunc(tmpl, func(ref string) string {
		list := l.list(ref[1 : len(ref)-1])
		if len(list.words) == 1 && !strings.ContainsAny(list.words[0], "_[") {
			return list.words[0]
		}
		alts := make([]string, len(list.words))
		for i, w := range list.words {
			alts[i] = strings.ReplaceAll(w, "_", `\s+`)
		}
		return "(?:" + strings.Join(alts, "|") + ")"
	})
}
