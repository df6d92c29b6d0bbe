package parser

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAffixedForms: the forms of a stem include the active, passive and
// nominal ones with their nasal changes, and those of spoken Indonesian.
func TestAffixedForms(t *testing.T) {
	for stem, forms := range map[string][]string{
		"kira":    {"mengira", "dikira", "perkiraan"},
		"pandang": {"memandang", "pandangan", "dipandang"},
		"sangka":  {"menyangka", "disangka"},
		"timbang": {"menimbang", "ditimbang"},
		"sama":    {"menyamakan", "disamakan", "samakan", "nyamain", "samain"},
		"anggap":  {"menganggap", "beranggapan", "anggapan", "nganggep"},
		"bayang":  {"membayangkan", "ngebayangin", "bayangin"},
		"pikir":   {"mikir"},
		"banding": {"dibandingkan", "ngebandingin", "bandingin"},
	} {
		assert.Subset(t, affixedForms(stem), forms, stem)
	}
}

func TestAffixes(t *testing.T) {
	l, err := readLexicon(fstest.MapFS{"a.txt": {Data: []byte("stem: di- -kan per-an\nword: kata\n")}})
	require.NoError(t, err)
	assert.Equal(t, []affix{{"di", ""}, {"", "kan"}, {"per", "an"}}, l.affixes("stem"))
	assert.PanicsWithValue(t, `a.txt:2: the list word holds "kata"; it wants affixes such as "di-", "-kan", "per-an"`, func() { l.affixes("word") })
}

// TestNasalsRefuse: a malformed line of nasal.txt is refused with its
// line.
func TestNasalsRefuse(t *testing.T) {
	for text, want := range map[string]string{
		"meng: a -k\nmem: k\nme: *\n": `nasal.txt:1: 'k' stands under two forms`,
		"meng: ab\n":                  `nasal.txt:1: "ab": want one letter, "-" and a letter, or "*"`,
		"meng: a\n":                   `nasal.txt: want one form for "*", not 0`,
	} {
		_, err := parseNasals(text)
		assert.EqualError(t, err, want, text)
	}
}
