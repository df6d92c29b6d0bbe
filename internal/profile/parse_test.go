package profile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the parser's output")

func readSeed(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", name))
	require.NoError(t, err)
	return data
}

// TestParseSeedsGolden pins the whole document of every seed. Run
// `go test ./internal/profile -update` after a deliberate parser change and
// read the diff of testdata/golden before committing it.
func TestParseSeedsGolden(t *testing.T) {
	seeds, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	require.Len(t, seeds, 5)
	for _, seed := range seeds {
		name := filepath.Base(seed)
		t.Run(name, func(t *testing.T) {
			p, err := Parse(seed, readSeed(t, name))
			require.NoError(t, err)
			got, err := json.MarshalIndent(p, "", "  ")
			require.NoError(t, err)
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, append(got, '\n'), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(got))
		})
	}
}

// TestParseSeeds states by hand what the golden files hold for the fields
// that matter most, so a careless -update cannot bless a regression.
func TestParseSeeds(t *testing.T) {
	tests := []struct {
		file, title, slug, profession string
		sections                      [6]int // sentences per section, in genre order
	}{
		{"000_ed1c257391812fa3.txt", "Pengurus Program Kesejahteraan Sosial", "pengurus-program-kesejahteraan-sosial", "pekerja sosial", [6]int{3, 2, 1, 1, 1, 1}},
		{"001_4fa8a5dff1a9e866.txt", "Kepala Bagian Kesejahteraan Masyarakat", "kepala-bagian-kesejahteraan-masyarakat", "pekerja sosial", [6]int{3, 2, 1, 1, 1, 1}},
		{"002_7b24272a60752fdb.txt", "Manajer Pelayanan Sosial", "manajer-pelayanan-sosial", "Asisten Sosial", [6]int{3, 2, 1, 2, 2, 2}},
		{"003_0a0dc8bf71916dcc.txt", "Pengelola Program Pengembangan Masyarakat", "pengelola-program-pengembangan-masyarakat", "pekerja sosial", [6]int{3, 1, 1, 1, 1, 1}},
		{"004_7d2de9d7c1354217.txt", "Direktur Lembaga Kesejahteraan Sosial", "direktur-lembaga-kesejahteraan-sosial", "Manajer Program", [6]int{3, 2, 1, 2, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readSeed(t, tt.file)
			p, err := Parse(tt.file, data)
			require.NoError(t, err)
			assert.Equal(t, tt.title, p.Title)
			assert.Equal(t, tt.slug, p.Slug)
			var counts [6]int
			var lines []int
			for i, key := range SectionKeys() {
				counts[i] = len(*p.Sections.Sentences(key))
				for _, s := range *p.Sections.Sentences(key) {
					lines = append(lines, s.Line)
				}
			}
			assert.Equal(t, tt.sections, counts)
			assert.IsNonDecreasing(t, lines, "sections keep the text's order")
			assert.Equal(t, 1, lines[0])
			assert.Equal(t, bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n"))+1, lines[len(lines)-1])
			assert.Equal(t, p.Sections.Tasks.Sentences[0].Text, p.Summary)
			require.Len(t, p.Sections.Misconceptions.Items, 1)
			require.Len(t, p.Sections.Expectations.Items, 1)
			require.Len(t, p.Sections.Comparisons.Items, 1)
			assert.Equal(t, tt.profession, p.Sections.Comparisons.Items[0].Profession)
			for _, item := range p.Sections.Misconceptions.Items {
				assert.NotEmpty(t, item.Myth)
				assert.NotEmpty(t, item.Reality)
			}
			for _, item := range p.Sections.Expectations.Items {
				assert.NotEmpty(t, item.Expectation)
				assert.NotEmpty(t, item.Reality)
			}
			assert.Contains(t, p.Sections.Fit.Traits, "komunikasi")
			assert.Contains(t, p.Sections.NonFit.Traits, "empati")
		})
	}
}

// TestParseLayouts feeds one seed in the layouts texts arrive in and expects
// the same profile from each; only line numbers may differ.
func TestParseLayouts(t *testing.T) {
	const seed = "002_7b24272a60752fdb.txt"
	original := readSeed(t, seed)
	lines := strings.Split(strings.TrimRight(string(original), "\n"), "\n")
	layouts := map[string]string{
		"crlf with bom":       "\ufeff" + strings.Join(lines, "\r\n") + "\r\n",
		"one paragraph":       strings.Join(lines, " "),
		"blank lines, tabs":   "\n\n\t" + strings.Join(lines, "  \t\n\n   ") + "\n\n\n",
		"two lines":           strings.Join(lines[:5], " ") + "\n" + strings.Join(lines[5:], "\t"),
		"old mac line breaks": strings.Join(lines, "\r"),
	}
	want, err := Parse(seed, original)
	require.NoError(t, err)
	texts := func(p *Profile) map[SectionKey][]string {
		out := map[SectionKey][]string{}
		for _, key := range SectionKeys() {
			for _, s := range *p.Sections.Sentences(key) {
				out[key] = append(out[key], s.Text)
			}
		}
		return out
	}
	for name, text := range layouts {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(seed, []byte(text))
			require.NoError(t, err)
			assert.Equal(t, want.Title, got.Title)
			assert.Equal(t, want.Summary, got.Summary)
			assert.Equal(t, texts(want), texts(got))
			assert.Equal(t, want.Sections.Fit.Traits, got.Sections.Fit.Traits)
			assert.Equal(t, want.Sections.Misconceptions.Items, got.Sections.Misconceptions.Items)
			assert.Equal(t, want.Sections.Expectations.Items, got.Sections.Expectations.Items)
			assert.Equal(t, want.Sections.Comparisons.Items, got.Sections.Comparisons.Items)
		})
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Sentence
	}{
		{"one per line", "Satu dua.\nTiga empat.", []Sentence{{"Satu dua.", 1}, {"Tiga empat.", 2}}},
		{"several on a line", "Satu. Dua! Tiga? Empat.", []Sentence{{"Satu.", 1}, {"Dua!", 1}, {"Tiga?", 1}, {"Empat.", 1}}},
		{"abbreviations before lowercase", "Bantuan, pelatihan, dll. diberikan. Data, dsb. dicatat, dst. sampai selesai.",
			[]Sentence{{"Bantuan, pelatihan, dll. diberikan.", 1}, {"Data, dsb. dicatat, dst. sampai selesai.", 1}}},
		{"abbreviation ending a sentence", "Ia mengurus data, laporan, dll. Selain itu ia memimpin.",
			[]Sentence{{"Ia mengurus data, laporan, dll.", 1}, {"Selain itu ia memimpin.", 1}}},
		{"dkk", "Bersama Sari dkk. yang lain.", []Sentence{{"Bersama Sari dkk. yang lain.", 1}}},
		{"numbers and degrees", "Ada 1.200 nasabah dan gelar S.Sos. yang sah. Lalu selesai.",
			[]Sentence{{"Ada 1.200 nasabah dan gelar S.Sos. yang sah.", 1}, {"Lalu selesai.", 1}}},
		{"name titles", "Dipimpin Dr. Sari dan Prof. Budi. Selesai.", []Sentence{{"Dipimpin Dr. Sari dan Prof. Budi.", 1}, {"Selesai.", 1}}},
		{"quotes close a sentence", "Ia berkata \"cukup.\" Lalu pergi.", []Sentence{{"Ia berkata \"cukup.\"", 1}, {"Lalu pergi.", 1}}},
		{"hard-wrapped sentence", "Ia bekerja sama dengan\n   rumah singgah.\nLalu pulang.",
			[]Sentence{{"Ia bekerja sama dengan rumah singgah.", 1}, {"Lalu pulang.", 3}}},
		{"a line break is not a full stop", "Ia bekerja bersama Dinas\nKesehatan dan\nBPJS setempat.", []Sentence{{"Ia bekerja bersama Dinas Kesehatan dan BPJS setempat.", 1}}},
		{"blank line ends a sentence", "Tanpa titik\n\nkalimat baru.", []Sentence{{"Tanpa titik", 1}, {"kalimat baru.", 3}}},
		{"stray spaces and tabs", "  Satu\t\tdua.   \n\t Tiga.", []Sentence{{"Satu dua.", 1}, {"Tiga.", 2}}},
		{"bullets and numbers", "- Satu.\n1. Dua.", []Sentence{{"Satu.", 1}, {"Dua.", 2}}},
		{"ellipsis inside", "Ia menunggu... lalu pergi. Selesai.", []Sentence{{"Ia menunggu... lalu pergi.", 1}, {"Selesai.", 1}}},
		{"last sentence without terminator", "Satu. Dua tanpa titik", []Sentence{{"Satu.", 1}, {"Dua tanpa titik", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := splitSentences(strings.Split(tt.text, "\n"))
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseRefuses(t *testing.T) {
	seed := string(readSeed(t, "000_ed1c257391812fa3.txt"))
	seedLines := strings.Split(seed, "\n")
	tests := []struct {
		name string
		text string
		want string
	}{
		{"empty", "", "some/dir/x.txt: input is empty"},
		{"only whitespace and a bom", "\ufeff \r\n\t\n", "some/dir/x.txt: input is empty"},
		{"too large", strings.Repeat("a", MaxInputSize+1), "some/dir/x.txt: input is over the 1 MiB limit"},
		{"nul byte", "Baris satu.\r\nBaris\rtiga \x00 di sini.", "some/dir/x.txt:3: input holds a NUL byte"},
		{"invalid utf-8", "Baris satu.\nBaris \xff dua.", "some/dir/x.txt:2: input is not valid UTF-8"},
		{"no section", "Hari ini cerah. Kami pergi ke pasar membeli sayur.", "some/dir/x.txt: no recognisable section: the text does not read as a job profile"},
		{"no fit section", strings.Join(seedLines[:3], "\n"), "some/dir/x.txt: no fit section: the text never says who fits the job"},
		{"no tasks section", strings.Join(seedLines[3:], "\n"), "some/dir/x.txt:1: no tasks section: the text must open with what the job involves"},
		{"no title", "Pekerjaan ini melibatkan banyak hal. Orang yang cocok adalah orang yang sabar.",
			"some/dir/x.txt: no job title found: name the job, e.g. \"Pekerjaan sebagai <judul> melibatkan ...\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("some/dir/x.txt", []byte(tt.text))
			assert.Nil(t, p)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.True(t, errors.Is(err, ErrInvalid))
			var perr *ParseError
			assert.True(t, errors.As(err, &perr))
		})
	}
}

func TestParseSource(t *testing.T) {
	data := readSeed(t, "003_0a0dc8bf71916dcc.txt")
	p, err := Parse("/anywhere/003_0a0dc8bf71916dcc.txt", data)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	assert.Equal(t, Source{File: "003_0a0dc8bf71916dcc.txt", SHA256: hex.EncodeToString(sum[:])}, p.Source)
	bom, err := Parse("b.txt", append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...))
	require.NoError(t, err)
	assert.NotEqual(t, p.Source.SHA256, bom.Source.SHA256, "the digest is of the bytes as given")
}

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

func TestTitleCase(t *testing.T) {
	assert.Equal(t, "Direktur Lembaga Kesejahteraan Sosial", titleCase(strings.Fields("Direktur lembaga kesejahteraan sosial")))
	assert.Equal(t, "Koordinator Layanan Sosial untuk Tunawisma", titleCase(strings.Fields("koordinator layanan sosial untuk tunawisma")))
	assert.Equal(t, "Kepala Sub-Bagian LSM", titleCase(strings.Fields("kepala sub-bagian LSM")))
}

func TestTraitLexicon(t *testing.T) {
	_, err := parseTraitLexicon("empati: empati\nrusak\n")
	assert.EqualError(t, err, `traits.txt:2: want "trait: phrase, phrase"`)
	_, err = parseTraitLexicon("empati: empati, ,peduli\n")
	assert.EqualError(t, err, "traits.txt:1: empty phrase")
	assert.Equal(t, []string{"organisasi", "empati", "kerja sama tim"},
		findTraits([]Sentence{{Text: "Mampu mengorganisasikan program-program, berempati, dan bekerja sama.", Line: 1}}))
}

// TestParseKeepsOnlyWholeItems: an item needs both of its sides; the
// sentences of a half item still land in their section.
func TestParseKeepsOnlyWholeItems(t *testing.T) {
	text := "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga. " +
		"Orang yang cocok untuk pekerjaan Pendamping Desa adalah orang yang sabar. " +
		"Miskonsepsi tentang Pendamping Desa adalah mereka hanya membagikan bantuan. " +
		"Perbedaan utama dengan profesi lain cukup besar."
	p, err := Parse("desa.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, "Pendamping Desa", p.Title)
	assert.Len(t, p.Sections.Misconceptions.Sentences, 1)
	assert.Empty(t, p.Sections.Misconceptions.Items)
	assert.Len(t, p.Sections.Comparisons.Sentences, 1)
	assert.Empty(t, p.Sections.Comparisons.Items)
	assert.Equal(t, []Warning{
		{NonFit, 1, "no sentence reads as the non_fit part: the text seems to leave it out"},
		{Expectations, 1, "no sentence reads as the expectations part: the text seems to leave it out"},
		{Misconceptions, 1, "incomplete pair: a claim without the reality that answers it"},
		{Comparisons, 1, "comparison without a profession: name the profession the job is compared with"},
	}, p.Warnings)
}

// TestParseWarnsOfPartsPlacedByOrder: a part whose sentences carry no cue
// of it is placed where the order of the genre leaves room, and flagged.
func TestParseWarnsOfPartsPlacedByOrder(t *testing.T) {
	text := "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga.\n\n" +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar.\n\n" +
		"Posisi ini kurang cocok bagi orang yang mudah marah.\n\n" +
		"Banyak orang mengira pendamping desa membagikan uang. Faktanya, ia melatih warga.\n\n" +
		"Calon pendamping sering berharap bekerja di kantor. Nyatanya, ia lebih sering di lapangan.\n\n" +
		"Kalau camat memimpin wilayah, pendamping desa menemani warga menyusun rencana.\n"
	p, err := Parse("desa.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, []Sentence{{"Kalau camat memimpin wilayah, pendamping desa menemani warga menyusun rencana.", 11}}, p.Sections.Comparisons.Sentences)
	assert.Equal(t, []Comparison{{Profession: "camat", ThisFocus: "menemani warga menyusun rencana", OtherFocus: "memimpin wilayah"}}, p.Sections.Comparisons.Items)
	assert.Equal(t, []Warning{{Comparisons, 11, "placed by order only: no sentence here carries a cue of this part; check where it starts and ends"}}, p.Warnings)
}

// BenchmarkParse measures one seed-sized profile: `make bench`.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", "002_7b24272a60752fdb.txt"))
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("002.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
