package profile_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/profile"
)

func TestCheckTitle(t *testing.T) {
	for _, title := range []string{
		"Manajer Pelayanan Sosial",
		"Pekerja Sosial (Rehabilitasi) — Tingkat 2",
		"Perancang Busana & Désainer",
		strings.Repeat("a", profile.MaxTitleLength),
	} {
		assert.NoError(t, profile.CheckTitle(title), title)
	}
	for _, tc := range []struct{ title, detail string }{
		{strings.Repeat("a", profile.MaxTitleLength+1), "The title is 201 characters long; it must be at most 200."},
		// A Cyrillic а (U+0430) in a Latin word.
		{"Kep\u0430la Bagian", "The title mixes the Latin and Cyrillic scripts, which can make it pass for another; write it in one script."},
		{"Manajer Pelayanan Σosial", "The title mixes the Latin and Greek scripts, which can make it pass for another; write it in one script."},
		{"Manajer \u202eSosial", "The title holds the invisible or control character U+202E; remove it."},
		{"Manajer\u200bSosial", "The title holds the invisible or control character U+200B; remove it."},
		{"Manajer\u00adSosial", "The title holds the invisible or control character U+00AD; remove it."},
		{"Manajer\tSosial", "The title holds the invisible or control character U+0009; remove it."},
		{"Руководитель", "The title must hold a Latin letter or a digit: its slug is made of them."},
	} {
		err := profile.CheckTitle(tc.title)
		assert.Equal(t, profile.EUNPROCESSABLE, profile.ErrorCode(err), tc.title)
		assert.Equal(t, tc.detail, profile.ErrorMessage(err), tc.title)
	}
}
