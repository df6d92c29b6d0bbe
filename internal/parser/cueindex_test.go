package parser

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCueIndexAgreesWithFind: trying each cue only where its literals
// start finds, in every sentence of every seed and fresh text, the same
// first match as running its regexp over the whole sentence.
func TestCueIndexAgreesWithFind(t *testing.T) {
	checked := 0
	sc := new(cueScratch) // reused, as weigh reuses it
	for name, data := range corpus(t) {
		lines, _, refusal := decode(data)
		require.Empty(t, refusal, name)
		for _, s := range splitLayout(lines).sentences {
			text := lower(s.Text)
			vocabulary.index.firstMatches(vocabulary.cues, text, sc)
			for i, c := range vocabulary.cues {
				at, words := scan(c.re, text)
				if !assert.Equal(t, match{at, words}, sc.match(i), "%s: %q, cue %s", name, s.Text, c.re) {
					return
				}
				checked++
			}
		}
	}
	require.Greater(t, checked, 50000)
}

// TestCueStarts: the literals a phrase starts with are read from its
// regexp, any word among them where it opens with a class of letters.
func TestCueStarts(t *testing.T) {
	tests := map[string][]string{
		`(?:di)?bandingkan`:             {"bandingkan", "dibandingkan"},
		`tugas(?:nya)?`:                 {"tugas", "tugasnya"},
		`[\pL-]+ baru|calon`:            {anyWord + " baru", "calon"},
		`(?:[\pL]+, )?berbeda`:          {anyWord + ", berbeda", "berbeda"},
		`[\pL ]+ baru`:                  nil,
		`(?:kalau|jika) [\pL-]+ (?:me)`: {"jika ", "kalau "},
	}
	for phrase, want := range tests {
		re, err := cueRE(phrase)
		require.NoError(t, err)
		assert.Equal(t, want, re.starts, phrase)
	}
	assert.True(t, strings.HasPrefix(anyWord, "\x00"))
}
