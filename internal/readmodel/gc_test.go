package readmodel

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPacedGCPercent(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, 100},         // nothing loaded: the default
		{5 << 20, 100},   // the seeds
		{128 << 20, 100}, // as much garbage as catalogue
		{256 << 20, 50},
		{512 << 20, 25}, // 100,000 profiles
		{4 << 30, loadGCPercent},
	} {
		assert.Equal(t, tc.want, pacedGCPercent(tc.live), "%d MiB", tc.live>>20)
	}
}
