package profile

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Direktur Lembaga Kesejahteraan Sosial": "direktur-lembaga-kesejahteraan-sosial",
		"Kepala Sub-Bagian  LSM":                "kepala-sub-bagian-lsm",
		"Manajer Café & Program (Anak)":         "manajer-cafe-program-anak",
	}
	for in, want := range tests {
		assert.Equal(t, want, Slugify(in), in)
	}
}
