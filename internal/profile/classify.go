package profile

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A cue is a phrase of the genre that marks a section. Strong cues name the
// section itself ("Miskonsepsi tentang ...", "tidak cocok") and may move the
// reader to any section; weak cues are words a section tends to use
// ("kemampuan", "sedangkan") and only move the reader forward, so that a fit
// sentence that mentions "tanggung jawab" stays in fit.
type cue struct {
	section SectionKey
	strong  bool
	re      *regexp.Regexp
}

// cueRE compiles a cue phrase to match whole lower-cased words. The left
// word boundary is checked by cue.find rather than in the pattern, so that a
// phrase that starts with a literal lets the regexp engine scan for it
// instead of trying every position.
func cueRE(phrase string) *regexp.Regexp {
	if strings.HasPrefix(phrase, "^") {
		return regexp.MustCompile(`^(?:` + phrase[1:] + `)(?:$|[^\pL\pN])`)
	}
	return regexp.MustCompile(`(?:` + phrase + `)(?:$|[^\pL\pN])`)
}

// find returns where the cue first matches lower on a word boundary, or -1.
func (c cue) find(lower string) int {
	for _, loc := range c.re.FindAllStringIndex(lower, -1) {
		if loc[0] == 0 || !isWordRune(lastRuneBefore(lower, loc[0])) || lower[loc[0]] == ',' {
			return loc[0]
		}
	}
	return -1
}

func lastRuneBefore(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// cues are compiled once: they are the genre's fixed vocabulary.
var cues = genreCues()

func genreCues() []cue {
	strong := func(s SectionKey, phrases ...string) []cue {
		out := make([]cue, len(phrases))
		for i, p := range phrases {
			out[i] = cue{section: s, strong: true, re: cueRE(p)}
		}
		return out
	}
	weak := func(s SectionKey, phrases ...string) []cue {
		out := strong(s, phrases...)
		for i := range out {
			out[i].strong = false
		}
		return out
	}
	job := `(?:profesi|pekerjaan|posisi|peran|karier|karir|jabatan|bidang)`
	var list []cue
	list = append(list, strong(Misconceptions,
		`miskonsepsi`, `mitos`, `salah kaprah`, `kesalahpahaman`, `salah paham`, `disalahpahami`,
		`(?:anggapan|pandangan|persepsi|asumsi|pemahaman)(?: umum| banyak orang| masyarakat| awam)?(?: yang)?(?: sering| kerap| masih)?(?: beredar)? (?:keliru|salah|kurang tepat|tidak tepat)`,
		`(?:banyak|sebagian|kebanyakan)(?: orang| masyarakat| pihak)?(?: yang)?(?: masih)?(?: sering| kerap)? (?:mengira|menganggap|beranggapan|berpikir|percaya|menyangka)`,
		`(?:sering|kerap|banyak)(?: kali)? (?:dianggap|dikira|disangka|disalahartikan)`,
		`orang (?:sering|kerap|umumnya|biasanya|awam) (?:mengira|menganggap|beranggapan|berpikir|menyangka)`,
		`dikira`, `disangka`,
	)...)
	list = append(list, strong(Expectations,
		`ekspektasi`,
		`harapan (?:banyak orang|orang|umum|calon|masyarakat|para)`,
		`harapan(?: yang)?(?: sering| kerap| paling)?(?: keliru| salah| tidak (?:tepat|realistis)| berlebihan| terlalu tinggi| muluk)`,
		`(?:orang|calon|pelamar|lulusan|pendatang baru|masyarakat|banyak yang)(?: [\pL-]+){0,4}? (?:berharap|mengharapkan|membayangkan|mengira akan)`,
	)...)
	list = append(list, weak(Expectations,
		`berharap`, `mengharapkan`, `membayangkan`, `dibayangkan`, `harapan`,
	)...)
	list = append(list, strong(Comparisons,
		`perbedaan(?:nya)?(?: utama| mendasar| pokok| paling mendasar)?(?: antara| dengan| dari)`,
		`perbedaan (?:utama|mendasar|pokok)`, `(?:yang )?membedakan(?:nya)?`, `bedanya`,
		`^berbeda (?:dengan|dari)`, `berbeda (?:dengan|dari) `+job,
		`^(?:jika |bila |apabila )?(?:di)?bandingkan(?: dengan)?`, `dibanding(?:kan)? (?:dengan )?`+job,
		job+`(?: lain)?(?: yang)? (?:mirip|serupa|sejenis|berdekatan)`,
	)...)
	list = append(list, weak(Comparisons,
		`^(?:sedangkan|sementara(?: itu)?|adapun|di sisi lain)`, `, ?(?:sedangkan|sementara|adapun|di sisi lain)`,
		`lebih (?:ber)?fokus`, `perbedaan`,
		`berbeda (?:dengan|dari)`, `dibanding(?:kan)?`,
	)...)
	list = append(list, strong(NonFit,
		`(?:tidak|kurang|bukan|tak)(?: terlalu| begitu| akan)? (?:cocok|ideal)`,
		`(?:tidak|kurang) sesuai (?:untuk|bagi|dengan (?:pekerjaan|profesi|posisi|peran))`,
		`tidak (?:disarankan|dianjurkan|direkomendasikan)`,
		`sebaiknya (?:tidak (?:memilih|mengambil|menjadi|melamar)|jangan|menghindari|hindari|mempertimbangkan (?:ulang|kembali)|berpikir (?:ulang|dua kali))`,
		`(?:hindari|hindarilah|jauhi) `+job,
		`bukan (?:pilihan|untuk orang|bagi orang|untuk mereka|bagi mereka|untuk kamu|bagi kamu|untuk anda|bagi anda)`,
		`tidak (?:akan )?betah`,
		`(?:akan )?(?:kesulitan|kewalahan|kesusahan) (?:di|dalam|menjalani|menjalankan) (?:pekerjaan|profesi|peran|posisi|bidang) ini`,
	)...)
	list = append(list, strong(Fit,
		`(?:orang|seseorang|seorang|sosok|kandidat|individu|pribadi|calon)(?: yang)? (?:cocok|sesuai|tepat|ideal|pas)`,
		`cocok (?:untuk|bagi|sebagai|menjadi|dengan|di)`,
		`(?:sesuai|ideal|tepat|pas) (?:untuk|bagi) (?:orang|seseorang|mereka|individu|anda|kamu|pribadi|siapa)`,
		job+` ini (?:sangat )?(?:sesuai|ideal|tepat|pas) (?:untuk|bagi)`,
		`kandidat (?:yang )?(?:ideal|tepat|terbaik)`, `profil (?:orang|kandidat|seseorang|individu|ideal)`,
		`(?:kualifikasi|persyaratan|syarat) (?:yang )?(?:dibutuhkan|diperlukan)`,
	)...)
	list = append(list, weak(Fit,
		`kandidat`, `calon`, `(?:harus|perlu|wajib|sebaiknya|hendaknya|idealnya|mesti) (?:memiliki|mempunyai|punya|bisa|mampu|dapat|menguasai|bersikap|berjiwa)`,
		`(?:dibutuhkan|diperlukan|dituntut|dibekali)`, `keahlian`, `kemampuan`, `keterampilan`,
		`kualifikasi`, `karakter`, `sifat`, `kepribadian`, `berjiwa`,
	)...)
	list = append(list, weak(Tasks,
		`tugas(?:nya)?`, `bertugas`, `tanggung jawab(?:nya)?`, `bertanggung jawab`, `melibatkan`,
		`meliputi`, `mencakup`, `sehari-hari`, `menangani`, `lingkup`, `kegiatan`, `aktivitas`,
		job+` ini`,
	)...)
	return list
}

// turnStart is a sentence that opens with the turn to the reality of a
// misconception or expectation.
var turnStart = regexp.MustCompile(`^(?:namun|tetapi|akan tetapi|tapi|padahal|realitanya|realitasnya|kenyataannya|faktanya|sebenarnya|sesungguhnya|pada (?:kenyataannya|realitanya|faktanya)|dalam (?:kenyataannya|realitanya|realita)|justru)(?:$|[^\pL])`)

// contrastStart is a sentence that opens with the other side of a comparison.
var contrastStart = regexp.MustCompile(`^(?:sedangkan|sementara|adapun|di sisi lain|sebaliknya|lain halnya)(?:$|[^\pL])`)

// classify places every sentence in exactly one section. It reports false
// when no sentence carries any cue of the genre.
func classify(sentences []Sentence) (Sections, bool) {
	sections := NewSections()
	current, anyCue := Tasks, false
	for _, s := range sentences {
		lower := strings.ToLower(s.Text)
		next := pick(lower, current)
		anyCue = anyCue || next.section != ""
		switch {
		case (current == Misconceptions || current == Expectations) && turnStart.MatchString(lower):
			// The reality of a myth stays with it, whatever it mentions,
			// unless it opens the other kind of myth.
			if next.strong && (next.section == Misconceptions || next.section == Expectations) {
				current = next.section
			}
		case current == Comparisons && contrastStart.MatchString(lower) && !next.strong:
		case next.section != "":
			current = next.section
		}
		list := sections.Sentences(current)
		*list = append(*list, s)
	}
	return sections, anyCue
}

// choice is the section a sentence's cues point to, and whether a strong cue
// chose it.
type choice struct {
	section SectionKey
	strong  bool
}

// pick returns the section the cues in lower point to, given the section the
// reader is in. Among strong cues the earliest in the sentence wins (the
// genre names its subject first); otherwise the nearest section ahead that a
// weak cue names, unless a weak cue also names the current section.
func pick(lower string, current SectionKey) choice {
	strongest, strongAt := SectionKey(""), len(lower)+1
	ahead, here := SectionKey(""), false
	for _, c := range cues {
		at := c.find(lower)
		switch {
		case at < 0:
		case c.strong:
			if at < strongAt {
				strongest, strongAt = c.section, at
			}
		case c.section == current:
			here = true
		case c.section.index() == current.index()+1:
			ahead = c.section
		}
	}
	switch {
	case strongest != "":
		return choice{section: strongest, strong: true}
	case here:
		return choice{section: current}
	}
	return choice{section: ahead}
}
