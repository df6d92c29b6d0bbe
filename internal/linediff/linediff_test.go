package linediff

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lcs is the length of a longest common subsequence of a and b, by the
// textbook table: what a shortest edit script keeps.
func lcs(a, b []string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t[0][0]
}

func randomLines(r *rand.Rand, n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = string(rune('a' + r.IntN(4)))
	}
	return lines
}

func TestLinesIsAShortestScript(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, b := randomLines(r, r.IntN(12)), randomLines(r, r.IntN(12))
		edits := Lines(a, b)
		var gotA, gotB []string
		kept := 0
		for _, e := range edits {
			if e.Kind != Insert {
				gotA = append(gotA, e.Line)
			}
			if e.Kind != Delete {
				gotB = append(gotB, e.Line)
			}
			if e.Kind == Equal {
				kept++
			}
		}
		require.Equal(t, strings.Join(a, ""), strings.Join(gotA, ""), "%q → %q", a, b)
		require.Equal(t, strings.Join(b, ""), strings.Join(gotB, ""), "%q → %q", a, b)
		require.Equal(t, lcs(a, b), kept, "%q → %q keeps a longest common subsequence", a, b)
	}
}

func TestLinesBeyondMaxEdits(t *testing.T) {
	a, b := make([]string, MaxEdits), make([]string, MaxEdits)
	for i := range a {
		a[i], b[i] = "a", "b"
	}
	a = append([]string{"same"}, a...)
	b = append([]string{"same"}, b...)
	edits := Lines(a, b)
	require.Len(t, edits, 2*MaxEdits+1)
	assert.Equal(t, Edit{Equal, "same"}, edits[0])
	assert.Equal(t, Edit{Delete, "a"}, edits[1])
	assert.Equal(t, Edit{Insert, "b"}, edits[MaxEdits+1])
}

func TestUnified(t *testing.T) {
	assert.Empty(t, Unified("a", "b", "satu\ndua\n", "satu\r\ndua"), "line ends do not count")
	assert.Equal(t, "--- a\n+++ b\n@@ -0,0 +1 @@\n+baru\n", Unified("a", "b", "", "baru\n"))
	assert.Equal(t, "--- a\n+++ b\n@@ -1,2 +1 @@\n-satu\n dua\n", Unified("a", "b", "satu\ndua\n", "dua\n"))
}

// TestUnifiedAgreesWithDiff compares the hunks with those of diff -u on
// texts far apart and close together.
func TestUnifiedAgreesWithDiff(t *testing.T) {
	_, err := exec.LookPath("diff")
	require.NoError(t, err, "the test compares with diff -u (Debian's diffutils, an essential package)")
	lines := func(n int, change map[int]string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			if s, ok := change[i]; ok {
				b.WriteString(s)
			} else {
				b.WriteString("baris " + string(rune('A'+i%26)) + string(rune('a'+i/26)) + "\n")
			}
		}
		return b.String()
	}
	for name, tc := range map[string]struct{ a, b string }{
		"far apart":   {lines(40, nil), lines(40, map[int]string{2: "dua\n", 30: "", 39: "x\ny\n"})},
		"close":       {lines(20, nil), lines(20, map[int]string{5: "", 11: "sebelas\n", 12: ""})},
		"at the ends": {lines(8, nil), lines(8, map[int]string{1: "", 8: "akhir\n"})},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			from, to := filepath.Join(dir, "a"), filepath.Join(dir, "b")
			require.NoError(t, os.WriteFile(from, []byte(tc.a), 0o600))
			require.NoError(t, os.WriteFile(to, []byte(tc.b), 0o600))
			out, _ := exec.Command("diff", "-u", "--label", "a", "--label", "b", from, to).Output()
			assert.Equal(t, string(out), Unified("a", "b", tc.a, tc.b))
		})
	}
}
