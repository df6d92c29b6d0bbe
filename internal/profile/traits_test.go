package profile

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTraitVocabularyRefuses: a malformed line of traits.txt is refused
// with its line, so that the start-up panic points at it.
func TestTraitVocabularyRefuses(t *testing.T) {
	for text, want := range map[string]string{
		"empati\nEmpati\n":         `traits.txt:2: want one lower-case trait, its words separated by single spaces`,
		"kerja  sama tim\n":        `traits.txt:1: want one lower-case trait, its words separated by single spaces`,
		"empati: empati, peduli\n": `traits.txt:1: want one lower-case trait, its words separated by single spaces`,
		"empati\n# c\nempati\n":    `traits.txt:3: "empati" is listed twice`,
	} {
		_, err := parseVocabulary(text)
		assert.EqualError(t, err, want, text)
	}
	v, err := parseVocabulary("# c\nempati\n\nkerja sama tim\n")
	require.NoError(t, err)
	assert.Equal(t, []string{"empati", "kerja sama tim"}, v)
}

func TestTraitNames(t *testing.T) {
	names := TraitNames()
	require.NotEmpty(t, names)
	assert.Equal(t, "empati", names[0], "in the order of traits.txt")
	names[0] = "changed"
	assert.Equal(t, "empati", TraitNames()[0], "each call returns its own list")
	assert.Equal(t, "Kerja sama tim", TraitLabel("kerja sama tim"))
	assert.NoError(t, CheckTraits([]string{"empati", "kerja sama tim"}))
	err := CheckTraits([]string{"empati", "tim hore"})
	assert.Equal(t, EINVALID, ErrorCode(err))
	assert.ErrorContains(t, err, `"tim hore" is not a known trait; the traits are empati, kepedulian,`)
}

func TestCanonicalTraits(t *testing.T) {
	assert.Nil(t, CanonicalTraits(nil))
	assert.Equal(t, []string{"empati", "kerja sama tim"}, CanonicalTraits([]string{TraitLabel("empati"), "KERJA Sama Tim"}))
	assert.NoError(t, CheckTraits(CanonicalTraits([]string{"Empati"})))
}

func TestCheckVocabulary(t *testing.T) {
	p := parsedSeed(t, "002_7b24272a60752fdb.txt")
	require.NoError(t, p.CheckVocabulary(), "a parsed text names known traits only")
	p.Sections.Fit.Traits = []string{"a", "b", "c", "empati"}
	p.Sections.NonFit.Traits = []string{"c", "d", "e", "f", "g"}
	err := p.CheckVocabulary()
	assert.Equal(t, EUNPROCESSABLE, ErrorCode(err))
	assert.ErrorContains(t, err, `outside the vocabulary: "a", "b", "c", "d", "e", and 2 more; the traits are empati, kepedulian,`)
}
