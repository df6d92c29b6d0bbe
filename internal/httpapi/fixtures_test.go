package httpapi_test

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/profile"
)

// pendampingText has only the two sections the genre requires, so that the
// other four are served as empty lists, never null.
const pendampingText = `Pekerjaan sebagai pendamping sosial desa melibatkan pendampingan keluarga penerima manfaat di satu desa atau kelurahan agar bantuan sosial tepat sasaran.
Setiap minggu ia mengunjungi rumah warga, memperbarui data terpadu kesejahteraan sosial, dan melaporkan kendala kepada dinas sosial kabupaten.
Pekerjaan ini cocok bagi orang yang sabar, teliti dalam pencatatan, dan senang bertemu banyak orang.
`

// fixtures returns new copies of the test profiles, parsed from four of the
// seed texts and from pendampingText. They are returned out of title order
// so that the list has to sort them.
func fixtures(t testing.TB) []*profile.Profile {
	t.Helper()
	parse := func(file string, data []byte) *profile.Profile {
		p, err := parser.Parse(file, data)
		require.NoError(t, err)
		return p
	}
	var out []*profile.Profile
	for _, file := range []string{"000_ed1c257391812fa3.txt", "002_7b24272a60752fdb.txt", "003_0a0dc8bf71916dcc.txt", "004_7d2de9d7c1354217.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "seeds", file))
		require.NoError(t, err)
		out = append(out, parse(file, data))
	}
	out = append(out, parse("105_pendamping-sosial-desa.txt", []byte(pendampingText)))
	require.False(t, slices.IsSortedFunc(out, byTitle), "the fixtures must come out of title order")
	return out
}

// inListOrder returns the fixtures in the order lists show them: by title,
// in byte order, then by slug.
func inListOrder(t *testing.T) []*profile.Profile {
	t.Helper()
	out := fixtures(t)
	slices.SortFunc(out, byTitle)
	return out
}

func byTitle(a, b *profile.Profile) int {
	return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.Slug, b.Slug))
}

// fixture returns the fixture with the slug.
func fixture(t *testing.T, slug string) *profile.Profile {
	t.Helper()
	for _, p := range fixtures(t) {
		if p.Slug == slug {
			return p
		}
	}
	t.Fatalf("no fixture has the slug %q", slug)
	return nil
}
