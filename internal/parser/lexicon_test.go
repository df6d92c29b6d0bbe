package parser

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWordListsRefuse: a malformed line of a word-list file is refused
// with its file and line, so that the start-up panic points at it.
func TestWordListsRefuse(t *testing.T) {
	tests := map[string]string{
		"title-end: adalah\nrusak\n": `x.txt:2: want "NAME: word word ..."`,
		"# c\ntitle-end:\n":          `x.txt:2: want "NAME: word word ..."`,
		"Title: adalah\n":            `x.txt:1: want "NAME: word word ..."`,
		"-end: adalah\n":             `x.txt:1: want "NAME: word word ..."`,
		"title-end: Adalah\n":        `x.txt:1: "Adalah": want lower-case words, _ joining those of a phrase, [abc] for one of the letters`,
		"title-end: akan__tetapi\n":  `x.txt:1: "akan__tetapi": want lower-case words, _ joining those of a phrase, [abc] for one of the letters`,
		"title-end: (?:adalah)\n":    `x.txt:1: "(?:adalah)": want lower-case words, _ joining those of a phrase, [abc] for one of the letters`,
		"title-end: per--an\n":       `x.txt:1: "per--an": want lower-case words, _ joining those of a phrase, [abc] for one of the letters`,
		"title-end: akan_-\n":        `x.txt:1: "akan_-": want lower-case words, _ joining those of a phrase, [abc] for one of the letters`,
		"a: b\n\na: c b\n":           `x.txt:3: "b": listed twice in a`,
	}
	for text, want := range tests {
		_, err := parseWordLists("x.txt", text, lexiconWord)
		assert.EqualError(t, err, want, text)
	}
	_, err := readLexicon(fstest.MapFS{
		"a.txt": {Data: []byte("copula: adalah\n")},
		"b.txt": {Data: []byte("# c\ncopula: ialah\n")},
	})
	assert.EqualError(t, err, "b.txt:2: the list copula is named in a.txt:1 too")
}

func TestWordLists(t *testing.T) {
	l, err := readLexicon(fstest.MapFS{"a.txt": {Data: []byte("turn: akan_tetapi namun\nturn: sehari-hari\nend: adalah\nverb: me[lr][aiu] ber\n")}})
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"akan", "tetapi"}, {"namun"}, {"sehari-hari"}}, l.phrases("turn"))
	assert.Equal(t, `^(?:akan\s+tetapi|namun|sehari-hari),`, l.pattern(`^{turn},`))
	assert.Equal(t, map[string]bool{"adalah": true, ",": true}, l.set("end", ","))
	assert.Equal(t, `^(?:me[lr][aiu]|ber)\pL+`, l.pattern(`^{verb}\pL+`))
	assert.PanicsWithValue(t, `a.txt:1: the list turn holds "akan_tetapi"; it wants words`, func() { l.set("turn") })
	assert.PanicsWithValue(t, `a.txt:4: the list verb holds "me[lr][aiu]"; it wants words`, func() { l.set("verb") })
	assert.PanicsWithValue(t, `a.txt:4: the list verb holds "me[lr][aiu]"; it wants phrases`, func() { l.phrases("verb") })
	assert.PanicsWithValue(t, `no word list is called "nothing"`, func() { l.pattern("{nothing}") })
	assert.Equal(t, `\badalah\s+`, l.pattern(`\b{end}\s+`), "a list of one word is that word")
	assert.PanicsWithValue(t, `pattern "{end}?" quantifies {end}?: group it`, func() { l.pattern("{end}?") })
}

// TestLexiconListsAreUsed: every list of the word-list files is read by
// the parser; one it never asks for is a word the parser does not know.
func TestLexiconListsAreUsed(t *testing.T) {
	assert.Empty(t, lexicon.unused())
}
