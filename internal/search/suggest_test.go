package search_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

func TestSuggest(t *testing.T) {
	ps := append(catalogue(), newProfile("Pelaksana Program Élite"), newProfile("Pengawas Pelayanan Data"))
	ix := build(t, analyzer(), ps...)
	titles := func(prefix string) []string {
		got, err := ix.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		out := []string{}
		for _, g := range got {
			out = append(out, g.Title)
		}
		return out
	}
	// Titles starting with it, then titles with a later word that does, in
	// the order of that word.
	assert.Equal(t, []string{"Pelaksana Program Élite", "Pengawas Pelayanan Data", "Manajer Pelayanan"}, titles("pe"))
	assert.Equal(t, []string{"Analis Data", "Pengawas Pelayanan Data"}, titles(" DATA "))
	assert.Equal(t, []string{"Pelaksana Program Élite"}, titles("eli"))
	assert.Equal(t, []string{"Kepala Program", "Pelaksana Program Élite"}, titles("program"))
	// Similar titles after those.
	assert.Equal(t, []string{"Manajer Pelayanan"}, titles("manjer"))
	assert.Equal(t, []string{}, titles("zq"))
	_, err := ix.Suggest(t.Context(), " k ")
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
}
