package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalise(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text stays", "Ia bekerja.\nLalu pulang.", "Ia bekerja.\nLalu pulang."},
		{"a combining accent is composed", "Sebelum cafe\u0301 buka, re\u0301sume\u0301 dicek.", "Sebelum café buka, résumé dicek."},
		{"a no-break space is a space", "berisi ±8\u00a0kg alat", "berisi ±8 kg alat"},
		{"thin and narrow spaces are spaces", "5\u2009–\u202f10 kg, 160\u2007cm", "5 – 10 kg, 160 cm"},
		{"a tab is a space", "Satu\tdua.", "Satu dua."},
		{"invisible marks go", "peker\u00adjaan\u200b ini\u2060 dan \ufeffitu", "pekerjaan ini dan itu"},
		{"line breaks stay", "Satu.\u00a0\nDua.", "Satu. \nDua."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, normalise(tt.in))
		})
	}
}

// TestParseNormalisesBeforeReading: a decomposed accent and a no-break
// space are read, and kept, as the composed letter and a plain space.
func TestParseNormalisesBeforeReading(t *testing.T) {
	text := "Pekerjaan sebagai Barista melibatkan meracik kopi sebelum cafe\u0301 buka dengan alat seberat 8\u00a0kg.\n\n" +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar."
	p, err := Parse("x.txt", []byte(text))
	if assert.NoError(t, err) {
		assert.Equal(t, "Pekerjaan sebagai Barista melibatkan meracik kopi sebelum café buka dengan alat seberat 8 kg.", p.Summary)
	}
}
