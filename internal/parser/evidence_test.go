package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/profile"
)

// TestGenericEvidence: who holds a belief decides its part, and a job set
// beside another opens the comparisons, in words no cue lists, with verb
// forms derived from their stems.
func TestGenericEvidence(t *testing.T) {
	tests := map[string]profile.SectionKey{
		"Sebagian tetangga menilai pekerjaan ini ringan.":                                    profile.Misconceptions,
		"Warga kerap mengira petugas digaji besar.":                                          profile.Misconceptions,
		"Kalangan awam acap menyangka tugasnya hanya membagi beras.":                         profile.Misconceptions,
		"Banyak pengelola pemula datang dengan bayangan kantor yang nyaman.":                 profile.Expectations,
		"Para lulusan baru membayangkan gaji yang besar.":                                    profile.Expectations,
		"Para sarjana kesehatan masyarakat yang baru lulus berharap bekerja di kantor.":      profile.Expectations,
		"Jangan samakan peran ini dengan penyuluh pertanian.":                                profile.Comparisons,
		"Jika ditimbang dengan konselor sekolah, tugasnya lebih luas.":                       profile.Comparisons,
		"Kalau disandingkan dengan petugas dapur umum, ia bekerja setiap hari.":              profile.Comparisons,
		"Beda dengan mandor proyek, ia tidak memerintah tukang.":                             profile.Comparisons,
		"Lupakan gambaran yang dipercaya banyak penonton televisi bahwa rumah bisa disulap.": profile.Misconceptions,
		"Saat pertama kali memegang program ini, saya kira tugasnya ringan.":                 profile.Expectations,
		"Para tetangga kadang menjuluki kader itu tukang timbang.":                           profile.Misconceptions,
		"Kader yang baik adalah orang yang dipercaya warga.":                                 "",
		"Dulu saya membayangkan hari-hari di balai penuh cerita hangat.":                     profile.Expectations,
		"Awalnya saya mengira tugas ini cukup mengisi formulir.":                             profile.Expectations,
		"Peran ini kerap tertukar dengan perawat gerontik.":                                  profile.Comparisons,
		"Petugas ini sering dikacaukan dengan pendamping PKH.":                               profile.Comparisons,
		"Ia memastikan agar warga melihat dan menilai hasil rujukannya.":                     "",
		"Banyak pejabat desa memandang petugas ini sebagai penentu.":                         profile.Misconceptions,
		"Tak sedikit aparat desa menyepelekan penyuluhan.":                                   profile.Misconceptions,
		"Para pendamping menilai kebutuhan keluarga.":                                        "",
		"Orang yang gesit dan rapi biasanya bertahan lama di sini.":                          profile.Fit,
		"Mereka yang gampang tersinggung akan kewalahan.":                                    profile.NonFit,
		"Orang yang tidak sabar jarang bertahan lebih dari setahun.":                         profile.NonFit,
		"Orang yang mengharapkan jam kantor perlu berpikir dua kali.":                        "",
		"Bersama warga, ia menilai kebutuhan setiap keluarga.":                               "",
		"Ia menilai kelayakan warga yang mengajukan bantuan.":                                "",
		"Kemampuan bekerja sama dengan pekerja sosial sangat penting.":                       "",
		"Laporannya dibandingkan dengan pelayanan tahun lalu.":                               "",
		"Siapa pun yang mengharapkan jam kerja teratur akan cepat kehabisan tenaga.":         profile.NonFit,
		"Orang yang tidak mudah menyerah biasanya disukai warga.":                            profile.Fit,
		"Pekerjaan paralegal mirip pekerja sosial.":                                          profile.Comparisons,
		"Tugas ini serupa dengan pendata statistik.":                                         profile.Comparisons,
		"Banyak peksos muda berharap pasien langsung diterima warga.":                        profile.Expectations,
		"Pendampingan sama pentingnya dengan mencari lowongan.":                              "",
	}
	for text, want := range tests {
		var got profile.SectionKey
		if g := generic(lower(text)); len(g) > 0 {
			got = g[0].section
		}
		assert.Equal(t, want, got, text)
	}
}

// TestWordClassesRefuse: a malformed line of evidence.txt is refused with
// its line.
func TestWordClassesRefuse(t *testing.T) {
	for text, want := range map[string]string{
		"believe: kira\nperson: Orang\n": `evidence.txt:2: "Orang": want lower-case words (a * only on a stem)`,
		"person: orang*\n":               `evidence.txt:1: "orang*": want lower-case words (a * only on a stem)`,
		"person orang\n":                 `evidence.txt:1: want "NAME: word word ..."`,
	} {
		_, err := parseWordLists("evidence.txt", text, evidenceWord)
		assert.EqualError(t, err, want, text)
	}
}

// TestComparedNames: the profession a comparison names in words namedRE
// does not list is read after the link the stem evidence finds.
func TestComparedNames(t *testing.T) {
	tests := map[string][]string{
		"Jangan samakan pekerjaan ini dengan kepala panti asuhan.":                     {"kepala panti asuhan"},
		"Lantas, di mana letak perbedaan kader pendamping keluarga dengan bidan desa?": {"bidan desa"},
		"Beda dengan petugas dapur umum saat bencana, ia bekerja setiap hari.":         {"petugas dapur umum"},
		"Jika ditimbang dengan seorang konselor sekolah, tugasnya lebih luas.":         {"konselor sekolah"},
		"Ia bekerja sama dengan pekerja sosial.":                                       nil,
		"Pekerjaan ini sering disangka sama dengan tenaga pemasaran.":                  {"tenaga pemasaran"},
		"Mentor mirip guru BK.": {"guru BK"},
	}
	for text, want := range tests {
		assert.Equal(t, want, comparedNames(text, "Kader Pendamping Keluarga"), text)
	}
}

// TestHearsayAndTurns: hearsay opens a myth, and the turn words a reality
// may open with include the less formal ones.
func TestHearsayAndTurns(t *testing.T) {
	for _, text := range []string{"Ada yang bilang pekerjaan ini santai.", "Katanya, petugas digaji besar.", "Konon pendamping bisa memilih penerima.",
		"Kata orang, operator bisa memasukkan siapa saja.", "Orang luar melihat fundraiser sebagai peminta-minta.", "Dari luar, paralegal tampak seperti pengacara.", "Orang bilang petugas digaji besar.", "Orang tua melihat konselor sebaya sebagai teman nongkrong."} {
		assert.True(t, weigh(profile.Sentence{Text: text}).strong[indexOf(profile.Misconceptions)], text)
	}
	for _, text := range []string{"Sebetulnya, petugas hanya merujuk.", "Sayangnya, honor sering terlambat.", "Aslinya, kerja ini berat.", "Salah.", "Tidak juga.", "Bukan!"} {
		assert.True(t, weigh(profile.Sentence{Text: text}).turn, text)
	}
	assert.False(t, weigh(profile.Sentence{Text: "Bukan hanya mencatat, ia juga merujuk."}).turn)
	assert.True(t, weigh(profile.Sentence{Text: "Jika kamu mudah bosan, pilih jalan lain."}).strong[indexOf(profile.NonFit)])
	assert.True(t, weigh(profile.Sentence{Text: "Posisi ini diperuntukkan bagi orang yang sabar."}).strong[indexOf(profile.Fit)])
	assert.True(t, weigh(profile.Sentence{Text: "Peran ini untuk mereka yang sabar."}).strong[indexOf(profile.Fit)])
	assert.True(t, weigh(profile.Sentence{Text: "Jabatan ini pas sekali buat anak muda yang hangat."}).strong[indexOf(profile.Fit)])
	assert.True(t, weigh(profile.Sentence{Text: "Kalau kamu ingin jam kerja yang pasti, siap-siap kecewa."}).strong[indexOf(profile.NonFit)])
	assert.True(t, weigh(profile.Sentence{Text: "Yang suka duduk di ruangan mungkin lebih cocok bekerja di tempat lain."}).strong[indexOf(profile.NonFit)])
}

// TestLowerWords: the words of a text are its tokens that are words.
func TestLowerWords(t *testing.T) {
	for _, text := range []string{"sebagian warga, (kota) menilai: tugas-tugas 'itu' 2,5 jam—ringan!", "", "-- ' ’x’ a-", "é ü 12 ab12"} {
		want := []string{}
		for _, tok := range tokens(text) {
			if isWord(tok) {
				want = append(want, tok)
			}
		}
		assert.Equal(t, want, append([]string{}, lowerWords(text)...), text)
	}
}
