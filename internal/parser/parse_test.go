package parser

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the parser's output")

func readSeed(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", name))
	require.NoError(t, err)
	return data
}

// TestParseSeedsGolden pins the whole document of every seed. Run
// `go test ./internal/parser -update` after a deliberate parser change and
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
			require.NoError(t, p.Validate(), "a parsed profile is a valid document")
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
			for i, key := range profile.SectionKeys() {
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
	texts := func(p *profile.Profile) map[profile.SectionKey][]string {
		out := map[profile.SectionKey][]string{}
		for _, key := range profile.SectionKeys() {
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
		want []profile.Sentence
	}{
		{"one per line", "Satu dua.\nTiga empat.", []profile.Sentence{{Text: "Satu dua.", Line: 1}, {Text: "Tiga empat.", Line: 2}}},
		{"several on a line", "Satu. Dua! Tiga? Empat.", []profile.Sentence{{Text: "Satu.", Line: 1}, {Text: "Dua!", Line: 1}, {Text: "Tiga?", Line: 1}, {Text: "Empat.", Line: 1}}},
		{"abbreviations before lowercase", "Bantuan, pelatihan, dll. diberikan. Data, dsb. dicatat, dst. sampai selesai.",
			[]profile.Sentence{{Text: "Bantuan, pelatihan, dll. diberikan.", Line: 1}, {Text: "Data, dsb. dicatat, dst. sampai selesai.", Line: 1}}},
		{"abbreviation ending a sentence", "Ia mengurus data, laporan, dll. Selain itu ia memimpin.",
			[]profile.Sentence{{Text: "Ia mengurus data, laporan, dll.", Line: 1}, {Text: "Selain itu ia memimpin.", Line: 1}}},
		{"dkk", "Bersama Sari dkk. yang lain.", []profile.Sentence{{Text: "Bersama Sari dkk. yang lain.", Line: 1}}},
		{"numbers and degrees", "Ada 1.200 nasabah dan gelar S.Sos. yang sah. Lalu selesai.",
			[]profile.Sentence{{Text: "Ada 1.200 nasabah dan gelar S.Sos. yang sah.", Line: 1}, {Text: "Lalu selesai.", Line: 1}}},
		{"a short form listed in capitals", "Disebut dalam QS. At-Taubah ayat 60. Lalu selesai.",
			[]profile.Sentence{{Text: "Disebut dalam QS. At-Taubah ayat 60.", Line: 1}, {Text: "Lalu selesai.", Line: 1}}},
		{"name titles", "Dipimpin Dr. Sari dan Prof. Budi. Selesai.", []profile.Sentence{{Text: "Dipimpin Dr. Sari dan Prof. Budi.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		{"quotes close a sentence", "Ia berkata \"cukup.\" Lalu pergi.", []profile.Sentence{{Text: "Ia berkata \"cukup.\"", Line: 1}, {Text: "Lalu pergi.", Line: 1}}},
		{"hard-wrapped sentence", "Ia bekerja sama dengan\n   rumah singgah.\nLalu pulang.",
			[]profile.Sentence{{Text: "Ia bekerja sama dengan rumah singgah.", Line: 1}, {Text: "Lalu pulang.", Line: 3}}},
		{"a line break is not a full stop", "Ia bekerja bersama Dinas\nKesehatan dan\nBPJS setempat.", []profile.Sentence{{Text: "Ia bekerja bersama Dinas Kesehatan dan BPJS setempat.", Line: 1}}},
		{"blank line ends a sentence", "Tanpa titik\n\nkalimat baru.", []profile.Sentence{{Text: "Tanpa titik", Line: 1}, {Text: "kalimat baru.", Line: 3}}},
		{"stray spaces and tabs", "  Satu\t\tdua.   \n\t Tiga.", []profile.Sentence{{Text: "Satu dua.", Line: 1}, {Text: "Tiga.", Line: 2}}},
		{"bullets and numbers", "- Satu.\n1. Dua.", []profile.Sentence{{Text: "Satu.", Line: 1}, {Text: "Dua.", Line: 2}}},
		{"ellipsis inside", "Ia menunggu... lalu pergi. Selesai.", []profile.Sentence{{Text: "Ia menunggu... lalu pergi.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		{"last sentence without terminator", "Satu. Dua tanpa titik", []profile.Sentence{{Text: "Satu.", Line: 1}, {Text: "Dua tanpa titik", Line: 1}}},
		// Abbreviations.
		{"on behalf of before a title", "Dilaporkan kepada Kepala Dinas\nu.p. Kepala Bidang Jaminan Sosial. Selesai.",
			[]profile.Sentence{{Text: "Dilaporkan kepada Kepala Dinas u.p. Kepala Bidang Jaminan Sosial.", Line: 1}, {Text: "Selesai.", Line: 2}}},
		{"a.n. before a name", "Surat ditandatangani a.n. Kepala Dinas. Lalu dikirim.",
			[]profile.Sentence{{Text: "Surat ditandatangani a.n. Kepala Dinas.", Line: 1}, {Text: "Lalu dikirim.", Line: 1}}},
		{"tsb. inside a sentence", "Seluruh tugas tsb. dijalankan dengan teliti.", []profile.Sentence{{Text: "Seluruh tugas tsb. dijalankan dengan teliti.", Line: 1}}},
		{"dotted academic title before lowercase", "Dipegang Rizky, S.Kom. yang juga melatih kader.", []profile.Sentence{{Text: "Dipegang Rizky, S.Kom. yang juga melatih kader.", Line: 1}}},
		{"dotted academic title before a comma", "Dipegang Nur Aisyah,\nS.Sos., yang dulu pendamping.", []profile.Sentence{{Text: "Dipegang Nur Aisyah, S.Sos., yang dulu pendamping.", Line: 1}}},
		{"dotted academic title ending a sentence", "Dibina Dr. Hendra, M.Si. Ia mewajibkan rencana.",
			[]profile.Sentence{{Text: "Dibina Dr. Hendra, M.Si.", Line: 1}, {Text: "Ia mewajibkan rencana.", Line: 1}}},
		{"dll. ending a sentence before a capital", "Mendata korban, menyalurkan logistik, dll. Tidak jarang ia bermalam.",
			[]profile.Sentence{{Text: "Mendata korban, menyalurkan logistik, dll.", Line: 1}, {Text: "Tidak jarang ia bermalam.", Line: 1}}},
		{"dst. and dsb. inside", "Camat, kepala desa, dst. tanpa kehilangan arah; poster, video, dsb. lalu dievaluasi.",
			[]profile.Sentence{{Text: "Camat, kepala desa, dst. tanpa kehilangan arah; poster, video, dsb. lalu dievaluasi.", Line: 1}}},
		{"an acronym ending a wrapped line", "Ia menindaklanjuti temuan BPK.\nApabila dibandingkan, Bpk. Sastro diam. Disertai ST. Lulusan SD. Selesai.",
			[]profile.Sentence{{Text: "Ia menindaklanjuti temuan BPK.", Line: 1}, {Text: "Apabila dibandingkan, Bpk. Sastro diam.", Line: 2}, {Text: "Disertai ST.", Line: 2}, {Text: "Lulusan SD.", Line: 2}, {Text: "Selesai.", Line: 2}}},
		{"s.d. and mis. inside a sentence", "Buka pukul 08.00 s.d. 16.00. Senin s.d.\nKamis, mis. Balai Kerja. Selesai.",
			[]profile.Sentence{{Text: "Buka pukul 08.00 s.d. 16.00.", Line: 1}, {Text: "Senin s.d. Kamis, mis. Balai Kerja.", Line: 1}, {Text: "Selesai.", Line: 2}}},
		{"an unlisted dotted short form", "Dikirim d.a. Kantor Desa, d.a. 12 rumah, dll.\nSemua d.a.\nKantor Camat.",
			[]profile.Sentence{{Text: "Dikirim d.a. Kantor Desa, d.a. 12 rumah, dll.", Line: 1}, {Text: "Semua d.a.", Line: 2}, {Text: "Kantor Camat.", Line: 3}}},
		{"an initial before a name", "Dipimpin M. Yusuf sejak lama. Selesai.", []profile.Sentence{{Text: "Dipimpin M. Yusuf sejak lama.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		{"a class letter before a turn", "Cuma modal motor sama SIM C. Kenyataannya, lo harus hafal gang.",
			[]profile.Sentence{{Text: "Cuma modal motor sama SIM C.", Line: 1}, {Text: "Kenyataannya, lo harus hafal gang.", Line: 1}}},
		{"a place abbreviation before a name", "Kantornya di Kab. Bogor. Selesai.", []profile.Sentence{{Text: "Kantornya di Kab. Bogor.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		// Numbers.
		{"law numbers", "Berpedoman pada UU\nNo. 11 Tahun 2009 dan PP No. 39/2012 tentang itu. Selesai.",
			[]profile.Sentence{{Text: "Berpedoman pada UU No. 11 Tahun 2009 dan PP No. 39/2012 tentang itu.", Line: 1}, {Text: "Selesai.", Line: 2}}},
		{"prices, decimals and times", "Honor Rp2.750.000 untuk 2,5 jam mulai pukul 07.30. Lalu pulang.",
			[]profile.Sentence{{Text: "Honor Rp2.750.000 untuk 2,5 jam mulai pukul 07.30.", Line: 1}, {Text: "Lalu pulang.", Line: 1}}},
		{"a short form without vowels before a number", "Paling lambat tgl. 15 setiap bulan. Selesai.",
			[]profile.Sentence{{Text: "Paling lambat tgl. 15 setiap bulan.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		{"a sentence ending in a number", "Ada 1.200 nasabah. 50 di antaranya baru.", []profile.Sentence{{Text: "Ada 1.200 nasabah.", Line: 1}, {Text: "50 di antaranya baru.", Line: 1}}},
		// Questions, exclamations and quotes.
		{"question and exclamation", "Lalu, apa bedanya? Jangan salah! Dana ditransfer.", []profile.Sentence{{Text: "Lalu, apa bedanya?", Line: 1}, {Text: "Jangan salah!", Line: 1}, {Text: "Dana ditransfer.", Line: 1}}},
		{"closing quote after the full stop", "Ia berkata, \u201cAmanah itu nomor satu.\u201d Anda yang tidak tahan pergi.",
			[]profile.Sentence{{Text: "Ia berkata, \u201cAmanah itu nomor satu.\u201d", Line: 1}, {Text: "Anda yang tidak tahan pergi.", Line: 1}}},
		{"single closing quote", "Disebut 'penyelamat.' Padahal bukan.", []profile.Sentence{{Text: "Disebut 'penyelamat.'", Line: 1}, {Text: "Padahal bukan.", Line: 1}}},
		{"quote closing the text across lines", "Begini:\n\"Yang satu mengisi, yang lain\nmenuang.\"", []profile.Sentence{{Text: "Begini: \"Yang satu mengisi, yang lain menuang.\"", Line: 1}}},
		// Markdown.
		{"a title line without #", "Pekerja Sosial Anak\nPekerja sosial anak mendampingi anak.", []profile.Sentence{{Text: "Pekerja sosial anak mendampingi anak.", Line: 2}}},
		{"a capitalised line that runs on", "Ia bekerja bersama Dinas Sosial\nIa juga menulis.", []profile.Sentence{{Text: "Ia bekerja bersama Dinas Sosial Ia juga menulis.", Line: 1}}},
		{"heading is no sentence", "# Pendamping KUBE\n\nIa membimbing kelompok.", []profile.Sentence{{Text: "Ia membimbing kelompok.", Line: 3}}},
		{"emphasis is dropped", "**Mitos:** masyarakat _sering_ mengira *hal* itu. **Kenyataannya**, tidak.",
			[]profile.Sentence{{Text: "Mitos: masyarakat sering mengira hal itu.", Line: 1}, {Text: "Kenyataannya, tidak.", Line: 1}}},
		{"a list marker run into a paragraph", "Ia mendata warga. - Ia melatih kader.", []profile.Sentence{{Text: "Ia mendata warga.", Line: 1}, {Text: "Ia melatih kader.", Line: 1}}},
		{"snake_case stays", "Kolom data_warga diisi.", []profile.Sentence{{Text: "Kolom data_warga diisi.", Line: 1}}},
		{"list items are blocks", "Tugasnya:\n- mendata warga\n- menyalurkan bantuan\n2) melapor", []profile.Sentence{{Text: "Tugasnya:", Line: 1}, {Text: "mendata warga", Line: 2}, {Text: "menyalurkan bantuan", Line: 3}, {Text: "melapor", Line: 4}}},
		// Lists with every marker.
		{"lettered items", "Tugasnya terdiri atas:\na. mengajar;\nb. meneliti.\nDi luar itu ia membimbing.",
			[]profile.Sentence{{Text: "Tugasnya terdiri atas:", Line: 1}, {Text: "mengajar;", Line: 2}, {Text: "meneliti.", Line: 3}, {Text: "Di luar itu ia membimbing.", Line: 4}}},
		{"lettered items with brackets", "Anda akan:\na) memeriksa berkas;\nb) mengunjungi lokasi.", []profile.Sentence{{Text: "Anda akan:", Line: 1}, {Text: "memeriksa berkas;", Line: 2}, {Text: "mengunjungi lokasi.", Line: 3}}},
		{"bullets and stars", "Bekalnya berikut:\n\u2022 kepekaan berbahasa\n* empati pada pengguna\nPenulis yang ingin setiap kalimatnya tampil indah cepat frustrasi.",
			[]profile.Sentence{{Text: "Bekalnya berikut:", Line: 1}, {Text: "kepekaan berbahasa", Line: 2}, {Text: "empati pada pengguna", Line: 3}, {Text: "Penulis yang ingin setiap kalimatnya tampil indah cepat frustrasi.", Line: 4}}},
		{"an item without a mark runs on over a line that is no whole sentence", "Tugasnya:\n- menulis laporan dan\nRencana Kerja\n- melapor", []profile.Sentence{{Text: "Tugasnya:", Line: 1}, {Text: "menulis laporan dan Rencana Kerja", Line: 2}, {Text: "melapor", Line: 4}}},
		{"numbered items with brackets, capitalised", "Pokoknya berikut.\n1) Menyusun RKK.\n2) Memimpin induksi.\nPada proyek besar, ia memegang sertifikat.",
			[]profile.Sentence{{Text: "Pokoknya berikut.", Line: 1}, {Text: "Menyusun RKK.", Line: 2}, {Text: "Memimpin induksi.", Line: 3}, {Text: "Pada proyek besar, ia memegang sertifikat.", Line: 4}}},
		{"a wrapped line that starts with a letter and a stop is no item", "Ia memilih kategori\na. Lalu selesai.", []profile.Sentence{{Text: "Ia memilih kategori a.", Line: 1}, {Text: "Lalu selesai.", Line: 2}}},
		{"a dash that sets off a phrase is no bullet", "Ia bekerja di desa\n\u2013 terutama yang terpencil \u2013 setiap hari.", []profile.Sentence{{Text: "Ia bekerja di desa \u2013 terutama yang terpencil \u2013 setiap hari.", Line: 1}}},
		// Titles, degrees and short forms inside a sentence.
		{"titles before names", "Dipimpin Prof. Dr. Hendra Wijaya dan Ir. Dedi, S.T., M.T., lalu Drs. Agus dan Ns. Wulan Sari, S.Kep., yang teliti. Selesai.",
			[]profile.Sentence{{Text: "Dipimpin Prof. Dr. Hendra Wijaya dan Ir. Dedi, S.T., M.T., lalu Drs. Agus dan Ns. Wulan Sari, S.Kep., yang teliti.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		{"a medical title and a specialist degree", "Dibaca dr. Sari Anggraini, Sp.KFR., yang memimpin. Bergelar S.Tr.Keb. atau sarjana. Selesai.",
			[]profile.Sentence{{Text: "Dibaca dr. Sari Anggraini, Sp.KFR., yang memimpin.", Line: 1}, {Text: "Bergelar S.Tr.Keb. atau sarjana.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		{"roads, numbers and pages", "Kantornya di Jl. Raya Serang, Akta No. 27, ditulis (hlm. 112) a.l. BOR dan LOS. Selesai.",
			[]profile.Sentence{{Text: "Kantornya di Jl. Raya Serang, Akta No. 27, ditulis (hlm. 112) a.l. BOR dan LOS.", Line: 1}, {Text: "Selesai.", Line: 1}}},
		{"dst., dsb. and dll. end a sentence before a capital", "Terminologi medis, dst. Seorang kepala datang. Implan KB, dsb. Kalau ada bahaya, dll. Satu batang.",
			[]profile.Sentence{{Text: "Terminologi medis, dst.", Line: 1}, {Text: "Seorang kepala datang.", Line: 1}, {Text: "Implan KB, dsb.", Line: 1}, {Text: "Kalau ada bahaya, dll.", Line: 1}, {Text: "Satu batang.", Line: 1}}},
		{"ranges and symbols", "Sesi 30\u201345 menit, \u00b18 kg, pukul 08.00\u201317.00, pola 14/14, Rp4,5 juta. Selesai.",
			[]profile.Sentence{{Text: "Sesi 30\u201345 menit, \u00b18 kg, pukul 08.00\u201317.00, pola 14/14, Rp4,5 juta.", Line: 1}, {Text: "Selesai.", Line: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, splitLayout(strings.Split(tt.text, "\n")).sentences)
		})
	}
}

func TestSplitSentencesKeepsHeadings(t *testing.T) {
	l := splitLayout([]string{"", "## **Pendamping KUBE** ##", "Ia membimbing."})
	assert.Equal(t, []profile.Sentence{{Text: "Pendamping KUBE", Line: 2}}, l.headings)
	assert.Equal(t, []string{"Pendamping KUBE"}, l.under)
}

func TestAbbreviationTable(t *testing.T) {
	_, err := parseAbbreviations("name: dr\nrank: kol\n")
	assert.EqualError(t, err, `abbreviations.txt:2: want "name:", "number:", "inner:" or "degree:" and a list`)
	_, err = parseAbbreviations("number: no, , hlm\n")
	assert.EqualError(t, err, "abbreviations.txt:1: want lower-case or capital abbreviations separated by commas")
	_, err = parseAbbreviations("name: Dr\n")
	assert.EqualError(t, err, "abbreviations.txt:1: want lower-case or capital abbreviations separated by commas")
	table, err := parseAbbreviations("name: QS\n")
	require.NoError(t, err)
	assert.True(t, table.name["QS"])
}

func TestCueVocabulary(t *testing.T) {
	tests := map[string]string{
		"define job\n":               "cues.txt:1: want \"define NAME REGEXP\"",
		"fit sometimes cocok\n":      "cues.txt:1: want \"SECTION strong|weak PHRASE\", \"turn|negation|belief|without PHRASE\" or \"define NAME REGEXP\"",
		"salary strong gaji\n":       "cues.txt:1: want \"SECTION strong|weak PHRASE\", \"turn|negation|belief|without PHRASE\" or \"define NAME REGEXP\"",
		"fit strong @nobody cocok\n": "cues.txt:1: @nobody is not defined",
		"\n# c\nturn (unclosed\n":    "cues.txt:3: error parsing regexp: missing closing ): `(?:(unclosed)(?:$|[^\\pL\\pN])`",
		"fit strong\n":               "cues.txt:1: want \"SECTION strong|weak PHRASE\", \"turn|negation|belief|without PHRASE\" or \"define NAME REGEXP\"",
	}
	for text, want := range tests {
		_, err := parseVocabulary(text)
		assert.EqualError(t, err, want, text)
	}
	v, err := parseVocabulary("define who (?:warga|publik)\nmisconceptions strong @who mengira\nturn ^faktanya\n")
	require.NoError(t, err)
	require.Len(t, v.cues, 1)
	at, words := find(v.cues[0].re, "sebagian warga mengira ini")
	assert.Equal(t, 9, at)
	assert.Equal(t, "warga mengira", words)
	at, _ = find(v.cues[0].re, "kewarga mengira")
	assert.Equal(t, -1, at, "cues match whole words")
	assert.True(t, opens(v.turn, "faktanya, tidak"))
	assert.False(t, opens(v.turn, "bukan faktanya"))
}

// TestPlacement covers the rules of the placement one at a time.
func TestPlacement(t *testing.T) {
	sections := func(text string) []profile.SectionKey {
		t.Helper()
		e, err := Explain("x.txt", []byte(text))
		require.NoError(t, err)
		var out []profile.SectionKey
		for _, p := range e.Placements {
			out = append(out, p.Section)
		}
		return out
	}
	const (
		open  = "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga. "
		fit   = "Orang yang cocok untuk pekerjaan ini adalah orang yang sabar. "
		unfit = "Posisi ini kurang cocok bagi orang yang mudah marah. "
		myth  = "Banyak orang mengira pendamping desa membagikan uang. "
		hope  = "Calon pendamping sering berharap bekerja di kantor. "
		other = "Dibandingkan dengan camat, pendamping desa lebih dekat dengan warga. "
	)
	T, F, N, M, E, C := profile.Tasks, profile.Fit, profile.NonFit, profile.Misconceptions, profile.Expectations, profile.Comparisons
	t.Run("public belief is a misconception, a newcomer's an expectation", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, N, M, E, C}, sections(open+fit+unfit+
			"Masyarakat umum menduga ia membagikan uang. "+"Para lulusan baru membayangkan kerja di kantor. "+other))
	})
	t.Run("a turn stays with its claim even with a cue of the next part", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, N, M, M, E, C}, sections(open+fit+unfit+myth+
			"Faktanya, calon pendamping berharap banyak pada warga. "+hope+other))
	})
	t.Run("a turn opens the next part when nothing later does", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, N, M, M, E, E, C}, sections(open+fit+unfit+myth+"Faktanya, ia melatih warga. "+
			"Namun, ekspektasi yang keliru adalah kerja di kantor. "+"Realitanya, ia di lapangan. "+other))
	})
	t.Run("a question leads into its part", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, F, N, M, E, C}, sections(open+
			"Apakah kamu suka mengobrol dengan warga? Jika ya, kamu cocok menjadi pendamping. "+unfit+myth+hope+other))
	})
	t.Run("an unknown cue does not drag the rest along", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, N, M, E, C}, sections(open+fit+
			"Pribadi pemarah akan tersiksa di sini. "+myth+hope+other))
	})
	t.Run("paragraphs mark parts without cues", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, T, F, F, N, M, E, C}, sections(open+"Ia juga mendata warga.\n\n"+
			"Pribadi yang tenang akan betah. Sabar itu perlu.\n\n"+unfit+"\n\n"+myth+"\n\n"+hope+"\n\n"+other))
	})
	t.Run("a list stays in one part, and a part's cue later wins over filling it early", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, T, T, T, T, F, N, M, E, C}, sections(open+"Tugasnya sebagai berikut.\n"+
			"- mendata warga\n- memilih kader yang cocok dengan desa\n- melapor ke camat\n\n"+fit+unfit+myth+hope+other))
	})
	t.Run("a list ends at a capitalised line after an item's full stop; 'Berikut ...' leads into it", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, T, T, T, F, N, M, E, C}, sections(open+"Berikut tugas-tugasnya.\n"+
			"1. mendata warga,\n2. melapor ke camat.\n"+fit+"\n"+unfit+"\n"+myth+hope+other))
	})
	t.Run("a part opens at the sentence that announces it, not at an earlier weak cue", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, T, T, F, N, M, E, C}, sections(open+"Ia juga menyeleksi calon kader. "+
			"Ia melapor ke camat. "+fit+unfit+myth+hope+other))
	})
	t.Run("a sentence without a cue stays with the part before it", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, T, T, F, N, M, E, C}, sections(open+"Ia juga mendata warga.\n\n"+
			"Di luar itu, ia menjadi penghubung warga dan desa. "+fit+"\n\n"+unfit+"\n\n"+myth+"\n\n"+hope+"\n\n"+other))
	})
	t.Run("headings mark parts", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, T, F, N, M, E, C}, sections("## Kerja\n\n"+open+"Ia juga memilih kader yang cocok dengan desa.\n\n"+
			"## Cocok\n\n"+fit+"\n\n## Tidak\n\n"+unfit+"\n\n"+myth+hope+other))
	})
	t.Run("a turn word may open non_fit after fit", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, N, M, E, C}, sections(open+"Kamu yang telaten pasti betah di sini! "+
			"Tapi kalau kamu tidak suka kuitansi, posisi ini bisa bikin frustrasi. "+myth+hope+other))
	})
	t.Run("a belief held before joining is an expectation", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, N, M, E, E, C}, sections(open+fit+unfit+myth+
			"Sebelum bergabung, banyak yang mengira pekerjaan ini santai. Nyatanya, laporan menyita waktu. "+other))
	})
	t.Run("negation three words back, two jobs thought the same", func(t *testing.T) {
		e, err := Explain("x.txt", []byte(open+fit+"Bukan pekerjaan yang tepat bagi kamu yang mudah bosan. "+myth+hope+
			"Pendamping desa dan penyuluh sering dianggap sama, padahal penyuluh berfokus pada informasi, sedangkan pendamping desa menemani warga."))
		require.NoError(t, err)
		var got []profile.SectionKey
		for _, p := range e.Placements {
			got = append(got, p.Section)
		}
		assert.Equal(t, []profile.SectionKey{T, F, N, M, E, C}, got)
		assert.Equal(t, []profile.Comparison{{Profession: "penyuluh", ThisFocus: "menemani warga", OtherFocus: "informasi"}}, e.Profile.Sections.Comparisons.Items)
	})
	t.Run("a negated suitability word about data is no non_fit cue", func(t *testing.T) {
		assert.Equal(t, []profile.SectionKey{T, F, F, N, M, E, C}, sections(open+fit+
			"Kemampuan bernegosiasi diperlukan ketika usulan tidak cocok dengan data. "+unfit+myth+hope+other))
	})
}

// TestParseLabelledPairs: "Mitos: ... Realita: ..." pairs lose their labels.
func TestParseLabelledPairs(t *testing.T) {
	text := "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga. " +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar. Posisi ini kurang cocok bagi orang yang mudah marah. " +
		"Mitos: pendamping desa membagikan uang. Fakta: ia melatih warga. " +
		"Ekspektasi: setiap warga ingin dilatih. Realita: sebagian warga menolak. " +
		"Dibandingkan dengan camat, pendamping desa lebih dekat dengan warga."
	p, err := Parse("x.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, []profile.Misconception{{Myth: "Pendamping desa membagikan uang.", Reality: "Ia melatih warga."}}, p.Sections.Misconceptions.Items)
	assert.Equal(t, []profile.Expectation{{Expectation: "Setiap warga ingin dilatih.", Reality: "Sebagian warga menolak."}}, p.Sections.Expectations.Items)
}

// TestParseComparesTwoProfessions: one sentence names two professions, the
// next says what each does.
func TestParseComparesTwoProfessions(t *testing.T) {
	text := "Sebagai Konselor Keluarga di Pusat Pembelajaran Keluarga, kamu mendampingi keluarga. " +
		"Kamu cocok menjadi konselor keluarga bila tenang dan netral. Posisi ini kurang cocok bagi orang yang mudah memihak. " +
		"Banyak orang mengira konselor mendamaikan setiap pasangan. Faktanya, konselor membantu keluarga memutuskan. " +
		"Kamu mungkin membayangkan setiap sesi berakhir haru. Sebenarnya, banyak sesi berakhir tanpa kesepakatan. " +
		"Konselor keluarga berbeda dengan psikolog klinis maupun advokat perceraian. " +
		"Psikolog klinis mendiagnosis gangguan jiwa, advokat mengurus perkara di pengadilan, sedangkan konselor keluarga memperkuat komunikasi di dalam keluarga."
	p, err := Parse("x.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, "Konselor Keluarga", p.Title)
	assert.Equal(t, []profile.Comparison{
		{Profession: "psikolog klinis", ThisFocus: "memperkuat komunikasi di dalam keluarga", OtherFocus: "mendiagnosis gangguan jiwa"},
		{Profession: "advokat perceraian", ThisFocus: "memperkuat komunikasi di dalam keluarga", OtherFocus: "mengurus perkara di pengadilan"},
	}, p.Sections.Comparisons.Items)
	assert.Empty(t, p.Warnings)
}

// TestParseSectionHeadings: a heading that names a part counts as its cue
// for the sentence under it, and does not name the job.
func TestParseSectionHeadings(t *testing.T) {
	text := "# Fasilitator Desa Ramah Anak\n\n## Apa yang dikerjakan\n\n" +
		"Fasilitator Desa Ramah Anak mendampingi pemerintah desa menyusun kebijakan\nyang melindungi hak anak.\n\n" +
		"- Ia memetakan kasus kekerasan terhadap anak.\n- Ia melatih kader.\n\n" +
		"## Siapa yang cocok\n\nAnda yang sabar dan luwes bergaul dengan aparat desa.\n\n" +
		"## Siapa yang kurang cocok\n\nMereka yang gelisah dalam rapat panjang.\n\n" +
		"## Salah kaprah\n\nWarga sering menganggap fasilitator membawa dana hibah.\nPadahal, ia hanya mendampingi.\n\n" +
		"## Harapan vs kenyataan\n\nFasilitator baru biasanya berharap perubahan cepat.\nKenyataannya, perlu tiga tahun.\n\n" +
		"## Bedanya dengan pekerja sosial\n\nPekerja sosial menangani kasus satu per satu, sedangkan fasilitator\nmengubah kebijakan desa.\n"
	e, err := Explain("x.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, "Fasilitator Desa Ramah Anak", e.Profile.Title)
	var got []string
	for _, p := range e.Placements {
		got = append(got, fmt.Sprintf("%d %s %s", p.Line, p.Section, p.Reason))
	}
	assert.Equal(t, []string{
		"5 tasks summary: the text opens with the job",
		"8 tasks order",
		"9 tasks order",
		"13 fit cue \"siapa yang cocok\"",
		"17 non_fit cue \"kurang cocok\"",
		"21 misconceptions cue \"warga sering menganggap\"",
		"22 misconceptions turn: the reality of the claim before",
		"26 expectations cue \"fasilitator baru biasanya berharap\"",
		"27 expectations turn: the reality of the claim before",
		"31 comparisons cue \"bedanya\"",
	}, got)
	assert.Empty(t, e.Profile.Warnings)
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
			assert.Equal(t, profile.EUNPROCESSABLE, profile.ErrorCode(err))
			var perr *Error
			require.True(t, errors.As(err, &perr))
			assert.Contains(t, profile.ErrorMessage(err), perr.Msg, "the message says why")
			assert.NotContains(t, profile.ErrorMessage(err), "x.txt", "and leaves out the file, which the client named")
		})
	}
}

func TestParseSource(t *testing.T) {
	data := readSeed(t, "003_0a0dc8bf71916dcc.txt")
	p, err := Parse("/anywhere/003_0a0dc8bf71916dcc.txt", data)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	assert.Equal(t, profile.Source{File: "003_0a0dc8bf71916dcc.txt", SHA256: hex.EncodeToString(sum[:])}, p.Source)
	bom, err := Parse("b.txt", append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...))
	require.NoError(t, err)
	assert.NotEqual(t, p.Source.SHA256, bom.Source.SHA256, "the digest is of the bytes as given")
}

func TestTitles(t *testing.T) {
	const rest = " Orang yang cocok untuk pekerjaan ini adalah orang yang sabar. Sebagian warga mengira tugasnya ringan di Kementerian Sosial."
	tests := map[string]string{
		"Jabatan Kepala Seksi Rehabilitasi Sosial adalah jabatan pengawas pada Dinas Sosial di Kementerian Sosial.":  "Kepala Seksi Rehabilitasi Sosial",
		"Pendamping KUBE adalah tenaga lapangan yang membimbing Kelompok Usaha Bersama di Kementerian Sosial.":       "Pendamping KUBE",
		"Analis Kebijakan Sosial pada Badan Perencanaan Daerah menelaah data kemiskinan.":                            "Analis Kebijakan Sosial",
		"Koordinator Layanan Sosial untuk Tunawisma mengelola penampungan.":                                          "Koordinator Layanan Sosial untuk Tunawisma",
		"Case manager BPJS Ketenagakerjaan menangani klaim di Kementerian Sosial.":                                   "Case Manager BPJS Ketenagakerjaan",
		"Pengelola lokasi pengungsian memastikan warga aman sesuai Standar Sphere.":                                  "Pengelola Lokasi Pengungsian",
		"Petugas pendistribusian zakat di lembaga amil zakat bertugas memastikan dana sampai di Kementerian Sosial.": "Petugas Pendistribusian Zakat",
		"Konselor kesehatan mental mendampingi warga di Kementerian Sosial.":                                         "Konselor Kesehatan Mental",
		"Sebagai fasilitator desa, kamu mendampingi warga di Kementerian Sosial.":                                    "Fasilitator Desa",
	}
	assertTitles(t, tests, rest)
	p, err := Parse("x.txt", []byte("# Profil Jabatan: Operator SIKS-NG\n\nIa memasukkan data warga ke aplikasi."+rest))
	require.NoError(t, err)
	assert.Equal(t, "Operator SIKS-NG", p.Title)
	assert.Equal(t, "operator-siks-ng", p.Slug)
	p, err = Parse("x.txt", []byte("## Gambaran pekerjaan\n\nPendamping lansia merawat warga.\n\n## Perbandingan\n\nIa berbeda dari perawat."+rest))
	require.NoError(t, err)
	assert.Equal(t, "Pendamping Lansia", p.Title, "a heading over a part names no job")
	p, err = Parse("x.txt", []byte("Hampir setiap hari pendamping mengunjungi Pekerja Sosial Anak di rumah."+rest))
	require.NoError(t, err)
	assert.Equal(t, "Pekerja Sosial Anak", p.Title, "an adverb is no subject")
}

// assertTitles parses each first sentence of tests followed by rest and
// wants the title it maps to.
func assertTitles(t *testing.T, tests map[string]string, rest string) {
	t.Helper()
	for first, want := range tests {
		p, err := Parse("x.txt", []byte(first+rest))
		require.NoError(t, err, first)
		assert.Equal(t, want, p.Title, first)
	}
}

func TestTitleCase(t *testing.T) {
	assert.Equal(t, "Direktur Lembaga Kesejahteraan Sosial", titleCase(strings.Fields("Direktur lembaga kesejahteraan sosial")))
	assert.Equal(t, "Koordinator Layanan Sosial untuk Tunawisma", titleCase(strings.Fields("koordinator layanan sosial untuk tunawisma")))
	assert.Equal(t, "Kepala Sub-Bagian LSM", titleCase(strings.Fields("kepala sub-bagian LSM")))
	assert.Equal(t, "DevOps Engineer", titleCase(strings.Fields("DevOps engineer")))
}

func TestTraitLexicon(t *testing.T) {
	vocabulary := profile.TraitNames()
	_, err := parseTraitLexicon("empati: empati\nrusak\n", vocabulary)
	assert.EqualError(t, err, `traits.txt:2: want "trait: phrase, phrase"`)
	_, err = parseTraitLexicon("empati: empati, ,peduli\n", vocabulary)
	assert.EqualError(t, err, "traits.txt:1: empty phrase")
	_, err = parseTraitLexicon("empati: empati\nketekunan: tekun\n", vocabulary)
	assert.EqualError(t, err, `traits.txt:2: "ketekunan" is not a trait of the vocabulary (internal/profile/traits.txt)`)
	assert.Equal(t, []string{"organisasi", "empati", "kerja sama tim"},
		findTraits([]profile.Sentence{{Text: "Mampu mengorganisasikan program-program, berempati, dan bekerja sama.", Line: 1}}))
}

// TestTraitLexiconNamesEveryTrait: a trait of the vocabulary that no phrase
// names could never be found in a text.
func TestTraitLexiconNamesEveryTrait(t *testing.T) {
	phrases, err := parseTraitLexicon(traitLexiconText, profile.TraitNames())
	require.NoError(t, err)
	named := map[string]bool{}
	for _, p := range phrases {
		named[p.trait] = true
	}
	for _, trait := range profile.TraitNames() {
		assert.True(t, named[trait], "no phrase of traits.txt names %q", trait)
	}
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
	assert.Equal(t, []profile.Warning{
		{Section: profile.NonFit, Line: 1, Detail: "no sentence reads as the non_fit part: the text seems to leave it out"},
		{Section: profile.Expectations, Line: 1, Detail: "no sentence reads as the expectations part: the text seems to leave it out"},
		{Section: profile.Misconceptions, Line: 1, Detail: "incomplete pair: a claim without the reality that answers it"},
		{Section: profile.Comparisons, Line: 1, Detail: "comparison without a profession: name the profession the job is compared with"},
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
	assert.Equal(t, []profile.Sentence{{Text: "Kalau camat memimpin wilayah, pendamping desa menemani warga menyusun rencana.", Line: 11}}, p.Sections.Comparisons.Sentences)
	assert.Equal(t, []profile.Comparison{{Profession: "camat", ThisFocus: "menemani warga menyusun rencana", OtherFocus: "memimpin wilayah"}}, p.Sections.Comparisons.Items)
	assert.Equal(t, []profile.Warning{{Section: profile.Comparisons, Line: 11, Detail: "placed by order only: no sentence here carries a cue of this part; check where it starts and ends"}}, p.Warnings)
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

// TestParseOpensItemsOnBelief: a second myth or expectation opened by a
// holder and a verb of belief that no cue names is an item of its own, and
// the sentence after a claim is its reality even without a turn word.
func TestParseOpensItemsOnBelief(t *testing.T) {
	text := "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga. " +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar. " +
		"Posisi ini kurang cocok bagi orang yang mudah marah. " +
		"Banyak orang mengira pendamping desa membagikan uang. Ia melatih warga menyusun rencana. " +
		"Tidak sedikit pula yang menyangka ia pegawai kecamatan. Ia dikontrak kementerian. " +
		"Calon pendamping sering berharap bekerja di kantor. Nyatanya, ia lebih sering di lapangan. " +
		"Saya juga sempat berharap honornya besar. Honornya setara upah minimum. " +
		"Harapan lain yang sering muncul: jam kerja tetap. Jadwalnya mengikuti warga. " +
		"Dibandingkan dengan camat, pendamping desa lebih dekat dengan warga."
	p, err := Parse("desa.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, []profile.Misconception{
		{Myth: "Pendamping desa membagikan uang.", Reality: "Ia melatih warga menyusun rencana."},
		{Myth: "Ia pegawai kecamatan.", Reality: "Ia dikontrak kementerian."},
	}, p.Sections.Misconceptions.Items)
	assert.Equal(t, []profile.Expectation{
		{Expectation: "Berharap bekerja di kantor.", Reality: "Ia lebih sering di lapangan."},
		{Expectation: "Berharap honornya besar.", Reality: "Honornya setara upah minimum."},
		{Expectation: "Jam kerja tetap.", Reality: "Jadwalnya mengikuti warga."},
	}, p.Sections.Expectations.Items)
}

// TestNamedProfessions: the professions a comparison names, as written.
func TestNamedProfessions(t *testing.T) {
	tests := map[string][]string{
		"Apabila dibandingkan dengan Kepala Dinas Pemberdayaan Masyarakat dan Desa (DPMD), bedanya besar.": {"Kepala Dinas Pemberdayaan Masyarakat dan Desa"},
		"Peran ini berbeda dengan Pembimbing Kemasyarakatan (PK), yang mengawasi.":                         {"Pembimbing Kemasyarakatan"},
		"Ia mirip konselor dan guru BK, tetapi fokusnya lain.":                                             {"konselor", "guru BK"},
		"Tidak seperti perawat gerontik yang memasang infus, ia merawat.":                                  {"perawat gerontik"},
		"Jika disandingkan dengan Petugas Satuan Polisi Pamong Praja (Satpol PP), ia membujuk.":            {"Petugas Satuan Polisi Pamong Praja"},
		"Jika disandingkan dengan pekerja sosial medis di rumah sakit, ia lebih terikat.":                  {"pekerja sosial medis"},
		"Dengan demikian, ia lebih banyak berurusan dengan perlindungan.":                                  nil,
		"Pekerjaan ini sering disamakan dengan penyuluh sosial, padahal tugasnya lain.":                    {"penyuluh sosial"},
		"Pekerjaan ini juga sering disamakan dengan dua profesi lain.":                                     nil,
		"Sekilas perannya mirip guru PAUD, tetapi guru PAUD mengajar.":                                     {"guru PAUD"},
		// Other phrasings and registers, the compared job first.
		"Peran ini berlainan dengan guru SMA, yang kurikulumnya sudah ditetapkan.":         {"guru SMA"},
		"Kontras dengan tenaga pemasaran pestisida yang juga rajin mendatangi petani.":     {"tenaga pemasaran pestisida"},
		"Beda sama mekanik mobil yang bisa berhari-hari ngerjain satu unit.":               {"mekanik mobil"},
		"Nggak kayak bartender yang ngeracik minuman beralkohol, barista kerja pagi.":      {"bartender"},
		"Kalau pelayan restoran, mereka cuma nganterin makanan.":                           {"pelayan restoran"},
		"Kalau guru les privat datang ke rumah, tutor bimbel ngajar di lembaga.":           {"guru les privat"},
		"Dibandingkan system administrator zaman dulu, kerjaanmu lebih banyak kode.":       {"system administrator"},
		"Kalau dibandingkan sama perawat, bidan punya kewenangan mandiri.":                 {"perawat"},
		"Sama sopir truk ekspedisi juga beda: mereka bawa muatan gede.":                    {"sopir truk ekspedisi"},
		"Notaris juga sering merangkap sebagai PPAT, tetapi kewenangan PPAT terbatas.":     {"PPAT"},
		"Ia juga bukan tukang taman: tukang taman menanam dan merawat.":                    {"tukang taman"},
		"Dosen pun tidak sama dengan peneliti di lembaga riset, karena ia tetap mengajar.": {"peneliti"},
	}
	for text, want := range tests {
		assert.Equal(t, want, namedProfessions(text, "Pendamping Desa"), text)
	}
}

// TestParseComparisonSubjects: a comparison that names the other
// professions only as the subjects of its sentences, and a second one
// opened by "Adapun".
func TestParseComparisonSubjects(t *testing.T) {
	text := "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga. " +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar. Posisi ini kurang cocok bagi orang yang mudah marah. " +
		"Banyak orang mengira pendamping desa membagikan uang. Faktanya, ia melatih warga. " +
		"Calon pendamping sering berharap bekerja di kantor. Kenyataannya, ia bekerja di lapangan. " +
		"Pekerjaan ini sering disamakan dengan dua profesi lain. " +
		"Penyuluh sosial memberi informasi kepada warga, sementara pendamping desa menemani warga. " +
		"Adapun kepala dusun memimpin urusan pemerintahan dusun, sedangkan pendamping desa bukan aparat."
	p, err := Parse("x.txt", []byte(text))
	require.NoError(t, err)
	var got []string
	for _, c := range p.Sections.Comparisons.Items {
		got = append(got, c.Profession)
	}
	assert.Equal(t, []string{"penyuluh sosial", "kepala dusun"}, got)
}

// TestParseComparesUpToThreeProfessions: one to three professions, over
// one sentence or several, the compared job before or after, each whole
// and alone.
func TestParseComparesUpToThreeProfessions(t *testing.T) {
	const rest = "Pekerjaan sebagai Jurnalis melibatkan liputan. Orang yang cocok untuk pekerjaan ini adalah orang yang teliti. " +
		"Posisi ini kurang cocok bagi orang yang mudah panik. Banyak orang mengira jurnalis bebas menulis. Faktanya, naskah disunting. " +
		"Calon jurnalis sering berharap langsung meliput investigasi. Kenyataannya, ia menulis berita singkat.\n\n"
	tests := map[string][]string{
		"Tidak seperti praktisi humas yang menulis untuk lembaga, jurnalis menulis untuk pembaca.": {"praktisi humas"},
		"Tidak seperti praktisi humas yang menulis untuk lembaga, jurnalis menulis untuk pembaca. " +
			"Pekerjaan ini juga berlainan dengan content creator, yang tidak terikat verifikasi. " +
			"Adapun kolumnis menulis opini pribadi, sedangkan jurnalis menyajikan fakta.": {"praktisi humas", "content creator", "kolumnis"},
		"Berbeda dengan copywriter yang menulis untuk membujuk, jurnalis menulis untuk pembaca. Technical writer juga kerap disamakan dengannya, tetapi technical writer menyusun manual, sedangkan jurnalis menulis berita.": {"copywriter", "technical writer"},
	}
	for comparisons, want := range tests {
		p, err := Parse("x.txt", []byte(rest+comparisons))
		require.NoError(t, err)
		var got []string
		for _, c := range p.Sections.Comparisons.Items {
			got = append(got, c.Profession)
			assert.NotEmpty(t, c.ThisFocus, c.Profession)
			assert.NotEmpty(t, c.OtherFocus, c.Profession)
		}
		assert.Equal(t, want, got, comparisons)
	}
}

// TestParseAnnouncedClaims: "Ada dua bayangan keliru ..." announces the
// claims that follow; each becomes its own item and the announcement none.
func TestParseAnnouncedClaims(t *testing.T) {
	text := "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga. " +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar. Posisi ini kurang cocok bagi orang yang mudah marah. " +
		"Masyarakat yakin pendamping desa membagikan uang. Faktanya, ia melatih warga. " +
		"Ada dua bayangan keliru yang sering dibawa pendamping baru. Yang pertama, mereka mengira kerjanya di kantor. " +
		"Kenyataannya, ia di lapangan. Yang kedua, mereka membayangkan warga selalu hadir. Di lapangan, rapat sering sepi. " +
		"Dibandingkan dengan camat, pendamping desa lebih dekat dengan warga."
	p, err := Parse("x.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, []profile.Misconception{{Myth: "Pendamping desa membagikan uang.", Reality: "Ia melatih warga."}}, p.Sections.Misconceptions.Items)
	assert.Equal(t, []profile.Expectation{
		{Expectation: "Kerjanya di kantor.", Reality: "Ia di lapangan."},
		{Expectation: "Membayangkan warga selalu hadir.", Reality: "Rapat sering sepi."},
	}, p.Sections.Expectations.Items)
}

// TestParseComparisonOpensWithTheOther: a comparison whose first sentence is
// about the other profession, its second about the job.
func TestParseComparisonOpensWithTheOther(t *testing.T) {
	text := "Pekerjaan sebagai Pendamping Desa melibatkan pendampingan warga. " +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar. Posisi ini kurang cocok bagi orang yang mudah marah. " +
		"Banyak orang mengira pendamping desa membagikan uang. Faktanya, ia melatih warga. " +
		"Calon pendamping sering berharap bekerja di kantor. Kenyataannya, ia bekerja di lapangan.\n\n" +
		"Perawat puskesmas juga mendatangi rumah warga, tetapi ia datang untuk tindakan medis. " +
		"Pendamping desa menemani warga merencanakan pembangunan."
	p, err := Parse("x.txt", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, []profile.Comparison{{Profession: "perawat puskesmas", ThisFocus: "menemani warga merencanakan pembangunan", OtherFocus: "mendatangi rumah warga"}},
		p.Sections.Comparisons.Items)
}

// TestTitlesAnyRegister: a title in one word, an acronym or a term with a
// connecting word, first named mid-sentence, in formal, casual or
// impersonal Indonesian.
func TestTitlesAnyRegister(t *testing.T) {
	const rest = "\n\nOrang yang cocok untuk pekerjaan ini adalah orang yang sabar. Sebagian warga mengira tugasnya ringan."
	tests := map[string]string{
		// Named once mid-sentence, again later; a doctor's name is none.
		"Sehari-hari, seorang fisioterapis menangani pasien, dicatat dr. Sari Anggraini, Sp.KFR., di rekam medis. Fisioterapi adalah profesi kesehatan dengan dasar ilmu. Banyak orang mengira fisioterapis hanyalah tukang pijat.": "Fisioterapis",
		// Spoken "itu" links the subject; spoken "jadi" introduces it.
		"Barista itu orang di balik mesin espresso. Barista yang jutek cepat ketahuan.":               "Barista",
		"Jadi tutor bimbel itu intinya bantuin siswa. Tutor bimbel juga ngoreksi try out.":            "Tutor Bimbel",
		"Gue udah sembilan tahun jadi montir motor di bengkel kecil. Ongkos servis ringan murah.":     "Montir Motor",
		"Banyak yang nyamain kerjaan gue sama driver ojol. Gue sebagai kurir paket dapet jatah rute.": "Kurir Paket",
		// A term with a connecting word, and a loanword with an inner capital.
		"Teknisi Listrik dan Instrumentasi menjaga agar alat ukur bekerja akurat.":                                                                                    "Teknisi Listrik dan Instrumentasi",
		"Banyak fresh graduate ngelamar jadi DevOps Engineer karena ngira kerjaannya santai.":                                                                         "DevOps Engineer",
		"Banyak calon pramugari ngebayangin kerjanya jalan-jalan. Sebagai awak kabin, pramugari bertugas menjaga keselamatan. Kamu cocok jadi pramugari kalau ramah.": "Pramugari",
		// A licence in capitals is no job; the job named after "seorang" is.
		"Kurir mengantar paket dari gudang. Orang-orang kira jadi kurir cuma modal motor sama SIM C.":                                                     "Kurir",
		"Sehari-hari, seorang tukang las menyambung potongan logam. Kemampuan membaca gambar membuat seorang tukang las cepat dipercaya memegang proyek.": "Tukang Las",
	}
	assertTitles(t, tests, rest)
	p, err := Parse("x.txt", []byte("# MUA\n\nMUA merias wajah klien untuk pernikahan.\n\nKata orang, jadi MUA itu gampang. Kenyataannya jauh dari itu."+rest))
	require.NoError(t, err)
	assert.Equal(t, "MUA", p.Title, "an acronym heading")
}

// TestClaimText: a claim loses the lead-in that names or reports it, and
// keeps its own copula.
func TestClaimText(t *testing.T) {
	tests := map[string]string{
		"Miskonsepsi tentang profesi ini adalah menganggap bahwa mereka hanya membagi bantuan":      "mereka hanya membagi bantuan",
		"Banyak orang mengira fisioterapis hanyalah tukang pijat":                                   "fisioterapis hanyalah tukang pijat",
		"Lulusan D3 yang baru bekerja sering mengira tugas utamanya adalah menata map di rak arsip": "tugas utamanya adalah menata map di rak arsip",
		"Orang-orang kira jadi kurir cuma modal motor":                                              "jadi kurir cuma modal motor",
		"Yang baru mulai sering ngebayangin tiap hari bakal bikin latte art":                        "ngebayangin tiap hari bakal bikin latte art",
	}
	for claim, want := range tests {
		assert.Equal(t, want, claimText(claim), claim)
	}
}

// TestCuesAfterWithout: a cue right after "tanpa (perlu)" does not count.
func TestCuesAfterWithout(t *testing.T) {
	nonFit := indexOf(profile.NonFit)
	assert.Zero(t, weigh(profile.Sentence{Text: "Teks itu membantu pengguna paham tanpa perlu berpikir dua kali."}).score[nonFit])
	assert.Positive(t, weigh(profile.Sentence{Text: "Kalau kamu mudah panik, sebaiknya berpikir dua kali."}).score[nonFit])
	assert.True(t, without("tanpa perlu berpikir", len("tanpa perlu ")))
	assert.False(t, without("tanpa ragu, mereka berpikir", len("tanpa ragu, mereka ")))
}

// TestCuesOfEveryRegister: formal, casual and impersonal sentences point
// to their parts.
func TestCuesOfEveryRegister(t *testing.T) {
	tests := map[string]profile.SectionKey{
		"Cocokkah kamu jadi bidan?":                                                               profile.Fit,
		"Profesi ini bakal berat buat kamu yang gampang pingsan.":                                 profile.NonFit,
		"Yang jijik sama oli mending cari kerjaan lain deh.":                                      profile.NonFit,
		"Yang nggak tahan panas-hujan atau gampang nyasar, mending jangan deh.":                   profile.NonFit,
		"Orang yang meremehkan prosedur tidak punya tempat di sini.":                              profile.NonFit,
		"Orang yang suka bergosip juga tidak layak berada di sini.":                               profile.NonFit,
		"Penulis yang sulit menerima revisi biasanya cepat frustrasi di sini.":                    profile.NonFit,
		"Jangan ambil peran ini jika kamu sulit tidur di tempat seadanya.":                        profile.NonFit,
		"Banyak orang nganggep montir itu kerjaan buat yang nggak sekolah.":                       profile.Misconceptions,
		"Orang-orang kira jadi kurir cuma modal motor.":                                           profile.Misconceptions,
		"Yang baru mulai sering ngebayangin tiap hari bakal bikin latte art.":                     profile.Expectations,
		"Banyak fresh graduate ngelamar jadi DevOps Engineer karena ngira kerjaannya cuma nulis.": profile.Expectations,
		"Kamu mungkin membayangkan hari-hari yang santai.":                                        profile.Expectations,
		"Peran ini berlainan dengan guru SMA.":                                                    profile.Comparisons,
		"Kontras dengan tenaga pemasaran pestisida, penyuluh tidak membawa target.":               profile.Comparisons,
		"Beda sama mekanik mobil, montir motor dikejar jumlah.":                                   profile.Comparisons,
		"Nggak kayak bartender, barista kerja pagi.":                                              profile.Comparisons,
		"Banyak yang nyamain kerjaan gue sama driver ojol, padahal beda jauh.":                    profile.Comparisons,
		"Dari luar, peran ini tampak serupa dengan kontraktor bangunan.":                          profile.Comparisons,
	}
	for text, want := range tests {
		e := weigh(profile.Sentence{Text: text})
		assert.True(t, e.strong[indexOf(want)], "%s: %v", text, e.cue)
	}
	e := weigh(profile.Sentence{Text: "Dari luar, peran ini tampak serupa dengan kontraktor bangunan."})
	assert.Equal(t, strongFirst, e.score[indexOf(profile.Comparisons)], "how the job looks beside another job is a comparison")
	// Not a part's cue: the reader who does not fit, the idiom, a holder
	// who is no subject, and a turn.
	for text, section := range map[string]profile.SectionKey{
		"Pekerjaan ini kurang tepat bagi Anda yang mudah bosan atau menganggap remeh kesalahan kecil.": profile.Expectations,
		"Ia memastikan agar warga melihat hasil rujukannya.":                                           profile.Misconceptions,
		"Nyatanya, tidak sedikit narasumber yang menolak, dan kepercayaan mereka baru terbangun.":      profile.Misconceptions,
	} {
		assert.False(t, weigh(profile.Sentence{Text: text}).strong[indexOf(section)], text)
	}
	e = weigh(profile.Sentence{Text: "Ada juga yang ngira gajinya langsung dua digit."})
	assert.True(t, e.belief && e.also, "a belief that adds to the claims before")
	assert.True(t, weigh(profile.Sentence{Text: "Banyak yang membayangkan akan langsung merancang taman."}).bare)
}
