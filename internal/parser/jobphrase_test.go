package parser

import (
	"testing"
)

// TestTitlesFromTheSubject: the title is the job phrase the first sentence
// opens with, up to its predicate or the place before it, however long,
// and not a place or agency written in capitals.
func TestTitlesFromTheSubject(t *testing.T) {
	const rest = " Orang yang cocok untuk pekerjaan ini adalah orang yang sabar di Kabupaten Timor Tengah Selatan." +
		" Sebagian warga mengira tugasnya ringan di Kabupaten Timor Tengah Selatan."
	tests := map[string]string{
		"Seorang koordinator program gizi di Kabupaten Timor Tengah Selatan dan Kota Kupang bertugas memantau posyandu.":         "Koordinator Program Gizi",
		"Profesi pendamping rehabilitasi rumah tidak layak huni bagi warga Kabupaten Timor Tengah Selatan merupakan penghubung.": "Pendamping Rehabilitasi Rumah Tidak Layak Huni",
		"Menjadi petugas pencatat bantuan pangan non tunai di Kabupaten Timor Tengah Selatan berarti mendata warga.":             "Petugas Pencatat Bantuan Pangan Non Tunai",
		"Jabatan analis perlindungan dan jaminan sosial ahli muda memimpin kajian di Kabupaten Timor Tengah Selatan.":            "Analis Perlindungan dan Jaminan Sosial Ahli Muda",
		"Koordinator Program Gizi di NTT dan NTB bertugas memantau posyandu.":                                                    "Koordinator Program Gizi",
		"Di banyak desa di Kabupaten Timor Tengah Selatan, seorang kader pendamping gizi bertugas menimbang balita.":             "Kader Pendamping Gizi",
		"Bekerja sebagai koordinator gizi di Kabupaten Timor Tengah Selatan berarti menimbang ribuan balita.":                    "Koordinator Gizi",
		"Berkarier sebagai analis data kemiskinan pada Dinas Sosial Kabupaten Timor Tengah Selatan menuntut ketelitian.":         "Analis Data Kemiskinan",
		"Salah satu profesi yang jarang dikenal di Kabupaten Timor Tengah Selatan adalah koordinator program gizi di NTT.":       "Koordinator Program Gizi",
		"Peran yang paling dekat dengan warga Kabupaten Timor Tengah Selatan adalah pendamping sosial desa.":                     "Pendamping Sosial Desa",
		"Pendamping PKH di Kabupaten Timor Tengah Selatan tidak hanya menyalurkan bantuan.":                                      "Pendamping PKH",
		"Pengelola program sanitasi total berbasis masyarakat bertugas mengajak warga di Kabupaten Timor Tengah Selatan.":        "Pengelola Program Sanitasi Total Berbasis Masyarakat",
	}
	assertTitles(t, tests, rest)
}
