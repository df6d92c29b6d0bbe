package httpapi_test

import (
	"testing"

	"github.com/karir/karir/internal/profile"
)

// inListOrder returns the fixtures in the order lists show them: by title,
// in byte order.
func inListOrder() []*profile.Profile {
	return []*profile.Profile{direktur(), manajer(), pendamping(), pengelola(), pengurus()}
}

// fixtures returns new copies of the test profiles, built as the parser
// would from four of the seed texts and from one short text that has only
// the two sections the genre requires. They are returned out of title order
// so that the list has to sort them.
func fixtures() []*profile.Profile {
	return []*profile.Profile{pengurus(), direktur(), pendamping(), manajer(), pengelola()}
}

// fixture returns the fixture with the slug.
func fixture(t *testing.T, slug string) *profile.Profile {
	t.Helper()
	for _, p := range fixtures() {
		if p.Slug == slug {
			return p
		}
	}
	t.Fatalf("no fixture has the slug %q", slug)
	return nil
}

func s(line int, text string) profile.Sentence { return profile.Sentence{Text: text, Line: line} }

func pengurus() *profile.Profile {
	p := &profile.Profile{
		Slug:     "pengurus-program-kesejahteraan-sosial",
		Title:    "Pengurus Program Kesejahteraan Sosial",
		Summary:  "Pekerjaan pengurus program kesejahteraan sosial melibatkan perencanaan, pengorganisasian, dan pelaksanaan program-program kesejahteraan untuk masyarakat.",
		Sections: profile.NewSections(),
		Source:   profile.Source{File: "000_ed1c257391812fa3.txt", SHA256: "cea7a40b541333bf0d5b02381350ee4d8bb94de602609b4b3a40b2cc9c448fd8"},
	}
	ss := &p.Sections
	ss.Tasks.Sentences = []profile.Sentence{
		s(1, "Pekerjaan pengurus program kesejahteraan sosial melibatkan perencanaan, pengorganisasian, dan pelaksanaan program-program kesejahteraan untuk masyarakat."),
		s(2, "Tugas utama meliputi mengidentifikasi kebutuhan masyarakat, merencanakan program-program sosial yang sesuai, serta mengkoordinasikan pelaksanaannya dengan pihak terkait."),
		s(3, "Selain itu, pekerjaan ini juga melibatkan pemantauan dan evaluasi program-program yang telah dilaksanakan, serta melakukan laporan dan analisis data untuk perbaikan program di masa mendatang."),
	}
	ss.Fit.Sentences = []profile.Sentence{
		s(4, "Profil orang yang cocok untuk tipe pekerjaan Pengurus Program Kesejahteraan Sosial adalah seorang yang memiliki empati tinggi, memiliki kemampuan analisis masalah sosial, dan memiliki keahlian dalam mengorganisasi program-program kesejahteraan masyarakat yang efektif."),
		s(5, "Dalam bekerja sebagai Pengurus Program Kesejahteraan Sosial, seorang kandidat juga harus memiliki kemampuan komunikasi yang baik, berpikiran kreatif, dan mampu bekerja sama dalam tim untuk mencapai tujuan kesejahteraan sosial yang lebih baik."),
	}
	ss.Fit.Traits = []string{"empati", "analisis", "pengorganisasian", "komunikasi", "kreativitas", "kerja sama tim"}
	ss.NonFit.Sentences = []profile.Sentence{
		s(6, "Orang yang tidak cocok dengan pekerjaan ini adalah orang yang tidak memiliki empati dan kepedulian terhadap kesejahteraan sosial serta tidak memiliki kemampuan dalam mengelola program-program kesejahteraan."),
	}
	ss.NonFit.Traits = []string{"empati", "kepedulian", "pengelolaan program"}
	ss.Misconceptions.Sentences = []profile.Sentence{
		s(7, "Miskonsepsi tentang profesi Pengurus Program Kesejahteraan Sosial adalah menganggap bahwa mereka hanya bertanggung jawab untuk menyediakan bantuan finansial kepada masyarakat secara langsung, padahal sebenarnya tugas mereka lebih kompleks dan melibatkan perencanaan, pengorganisasian, dan pelaksanaan program-program kesejahteraan sosial."),
	}
	ss.Misconceptions.Items = []profile.Misconception{{
		Myth:    "mereka hanya bertanggung jawab untuk menyediakan bantuan finansial kepada masyarakat secara langsung",
		Reality: "tugas mereka lebih kompleks dan melibatkan perencanaan, pengorganisasian, dan pelaksanaan program-program kesejahteraan sosial",
	}}
	ss.Expectations.Sentences = []profile.Sentence{
		s(8, "Ekspektasi banyak orang terhadap Pengurus Program Kesejahteraan Sosial adalah mereka akan menjadi penyelamat bagi masyarakat yang membutuhkan, namun realitanya mereka lebih berperan sebagai fasilitator yang bekerja sama dengan pihak terkait, lembaga sosial, dan masyarakat untuk menciptakan solusi berkelanjutan yang bersifat holistik dalam meningkatkan kesejahteraan sosial."),
	}
	ss.Expectations.Items = []profile.Expectation{{
		Expectation: "mereka akan menjadi penyelamat bagi masyarakat yang membutuhkan",
		Reality:     "mereka lebih berperan sebagai fasilitator yang bekerja sama dengan pihak terkait, lembaga sosial, dan masyarakat untuk menciptakan solusi berkelanjutan yang bersifat holistik dalam meningkatkan kesejahteraan sosial",
	}}
	ss.Comparisons.Sentences = []profile.Sentence{
		s(9, "Perbedaan dengan profesi yang mirip, seperti pekerja sosial, adalah bahwa Pengurus Program Kesejahteraan Sosial memiliki fokus yang lebih tepat pada pengorganisasian, manajemen program, dan evaluasi program kesejahteraan sosial, sedangkan pekerja sosial lebih berfokus pada pelayanan langsung dan pemberdayaan individu atau kelompok yang membutuhkan."),
	}
	ss.Comparisons.Items = []profile.Comparison{{
		Profession: "pekerja sosial",
		ThisFocus:  "pengorganisasian, manajemen program, dan evaluasi program kesejahteraan sosial",
		OtherFocus: "pelayanan langsung dan pemberdayaan individu atau kelompok yang membutuhkan",
	}}
	return p
}

func direktur() *profile.Profile {
	p := &profile.Profile{
		Slug:     "direktur-lembaga-kesejahteraan-sosial",
		Title:    "Direktur Lembaga Kesejahteraan Sosial",
		Summary:  "Pekerjaan sebagai Direktur lembaga kesejahteraan sosial melibatkan pengelolaan dan pengawasan kegiatan yang berkaitan dengan pemberian bantuan dan layanan sosial kepada masyarakat.",
		Sections: profile.NewSections(),
		Source:   profile.Source{File: "004_7d2de9d7c1354217.txt", SHA256: "f642cbb3aefd0170efac07d022cfded42703b69d10e3b497dca29455e52fe9eb"},
	}
	ss := &p.Sections
	ss.Tasks.Sentences = []profile.Sentence{
		s(1, "Pekerjaan sebagai Direktur lembaga kesejahteraan sosial melibatkan pengelolaan dan pengawasan kegiatan yang berkaitan dengan pemberian bantuan dan layanan sosial kepada masyarakat."),
		s(2, "Tugas utama meliputi perencanaan dan pengembangan program kesejahteraan sosial, pengaturan anggaran, dan pengawasan pelaksanaan program."),
		s(3, "Selain itu, pekerjaan ini juga melibatkan koordinasi dengan pihak terkait, seperti pemerintah, LSM, dan masyarakat, serta melakukan evaluasi dan pelaporan terkait dampak dari program kesejahteraan sosial yang telah dilaksanakan."),
	}
	ss.Fit.Sentences = []profile.Sentence{
		s(4, "Profil orang yang cocok untuk tipe pekerjaan Direktur lembaga kesejahteraan sosial adalah seorang yang memiliki pemahaman yang mendalam tentang masalah sosial, memiliki kepemimpinan yang kuat, dan mampu mengembangkan program-program yang efektif dalam meningkatkan kesejahteraan masyarakat."),
		s(5, "Dalam peran ini, seorang Direktur juga perlu memiliki kemampuan komunikasi yang baik, dapat bekerja dengan berbagai pihak, dan memiliki kepekaan terhadap isu-isu sosial yang ada dalam masyarakat."),
	}
	ss.Fit.Traits = []string{"pemahaman masalah sosial", "kepemimpinan", "komunikasi", "kepekaan sosial"}
	ss.NonFit.Sentences = []profile.Sentence{
		s(6, "Jika kamu memiliki sedikit perhatian terhadap kebutuhan sosial dan kurang memiliki empati terhadap masyarakat yang membutuhkan, kemungkinan kamu tidak cocok menjadi direktur lembaga kesejahteraan sosial."),
	}
	ss.NonFit.Traits = []string{"kepedulian", "empati"}
	ss.Misconceptions.Sentences = []profile.Sentence{
		s(7, "Miskonsepsi tentang Direktur lembaga kesejahteraan sosial adalah mereka hanya mengatur program kesejahteraan dan tidak terlibat dalam praktik langsung dengan klien."),
		s(7, "Realitanya, mereka juga terlibat dalam pengambilan keputusan strategis, pengelolaan anggaran, dan pembuatan kebijakan yang berdampak langsung pada kesejahteraan sosial masyarakat."),
	}
	ss.Misconceptions.Items = []profile.Misconception{{
		Myth:    "mereka hanya mengatur program kesejahteraan dan tidak terlibat dalam praktik langsung dengan klien",
		Reality: "mereka juga terlibat dalam pengambilan keputusan strategis, pengelolaan anggaran, dan pembuatan kebijakan yang berdampak langsung pada kesejahteraan sosial masyarakat",
	}}
	ss.Expectations.Sentences = []profile.Sentence{
		s(8, "Salah satu ekspektasi yang sering salah tentang Direktur lembaga kesejahteraan sosial adalah mereka memiliki waktu luang yang banyak untuk pekerjaan lain atau kehidupan pribadi."),
		s(8, "Namun, realitanya, mereka menghadapi tekanan yang tinggi dengan jadwal yang padat dan tuntutan tanggung jawab yang besar."),
	}
	ss.Expectations.Items = []profile.Expectation{{
		Expectation: "mereka memiliki waktu luang yang banyak untuk pekerjaan lain atau kehidupan pribadi",
		Reality:     "mereka menghadapi tekanan yang tinggi dengan jadwal yang padat dan tuntutan tanggung jawab yang besar",
	}}
	ss.Comparisons.Sentences = []profile.Sentence{
		s(9, "Perbedaan utama antara Direktur lembaga kesejahteraan sosial dengan profesi yang mirip seperti Manajer Program adalah Direktur memiliki tanggung jawab yang lebih tinggi dalam pengambilan keputusan strategis, sementara Manajer Program lebih fokus pada implementasi program dan kegiatan sehari-hari."),
	}
	ss.Comparisons.Items = []profile.Comparison{{
		Profession: "Manajer Program",
		ThisFocus:  "tanggung jawab yang lebih tinggi dalam pengambilan keputusan strategis",
		OtherFocus: "implementasi program dan kegiatan sehari-hari",
	}}
	return p
}

func manajer() *profile.Profile {
	p := &profile.Profile{
		Slug:     "manajer-pelayanan-sosial",
		Title:    "Manajer Pelayanan Sosial",
		Summary:  "Pekerjaan sebagai manajer pelayanan sosial melibatkan pengelolaan dan koordinasi program-program pelayanan sosial untuk memenuhi kebutuhan masyarakat yang membutuhkan.",
		Sections: profile.NewSections(),
		Source:   profile.Source{File: "002_7b24272a60752fdb.txt", SHA256: "a4024002bf072b6bcbe19bd2eeea33790530260edc2148a327df98f200fbc888"},
	}
	ss := &p.Sections
	ss.Tasks.Sentences = []profile.Sentence{
		s(1, "Pekerjaan sebagai manajer pelayanan sosial melibatkan pengelolaan dan koordinasi program-program pelayanan sosial untuk memenuhi kebutuhan masyarakat yang membutuhkan."),
		s(2, "Tugas utama meliputi perencanaan, pengorganisasian, dan pengawasan berbagai kegiatan pelayanan sosial, seperti penyaluran bantuan, penanganan kasus-kasus sosial, dan pembangunan masyarakat."),
		s(3, "Selain itu, manajer pelayanan sosial juga bertanggung jawab dalam mengoordinasikan kerja sama dengan pihak-pihak terkait, seperti pemerintah, lembaga nirlaba, dan masyarakat, guna memastikan pelayanan sosial yang efektif dan efisien."),
	}
	ss.Fit.Sentences = []profile.Sentence{
		s(4, "Profil orang yang cocok untuk tipe pekerjaan Manajer Pelayanan Sosial adalah seorang yang empati, berkomunikasi dengan baik, memiliki kepemimpinan yang kuat, dan memiliki pemahaman yang mendalam tentang masalah sosial dan kebijakan publik."),
		s(5, "Sebagai seorang pemimpin dalam bidang pelayanan sosial, keahlian dalam mengelola tim, memecahkan masalah, dan beradaptasi dengan perubahan lingkungan sosial juga sangat diperlukan."),
	}
	ss.Fit.Traits = []string{"empati", "komunikasi", "kepemimpinan", "pemecahan masalah", "adaptasi"}
	ss.NonFit.Sentences = []profile.Sentence{
		s(6, "Jika kamu tidak memiliki empati yang tinggi, sulit berkomunikasi dengan baik, dan tidak suka bekerja dengan banyak orang, kemungkinan kamu akan tidak cocok dengan pekerjaan ini."),
	}
	ss.NonFit.Traits = []string{"empati", "komunikasi", "kerja sama tim"}
	ss.Misconceptions.Sentences = []profile.Sentence{
		s(7, "Miskonsepsi tentang profesi Manajer Pelayanan Sosial adalah bahwa mereka hanya bertugas memberikan bantuan finansial kepada individu atau kelompok yang membutuhkan."),
		s(7, "Namun, realitanya, Manajer Pelayanan Sosial juga bertanggung jawab dalam mengkoordinasikan program sosial, melakukan pemantauan terhadap kualitas pelayanan, serta melakukan penilaian terhadap kebutuhan masyarakat."),
	}
	ss.Misconceptions.Items = []profile.Misconception{{
		Myth:    "mereka hanya bertugas memberikan bantuan finansial kepada individu atau kelompok yang membutuhkan",
		Reality: "Manajer Pelayanan Sosial juga bertanggung jawab dalam mengkoordinasikan program sosial, melakukan pemantauan terhadap kualitas pelayanan, serta melakukan penilaian terhadap kebutuhan masyarakat",
	}}
	ss.Expectations.Sentences = []profile.Sentence{
		s(8, "Salah satu ekspektasi yang sering keliru adalah bahwa profesi Manajer Pelayanan Sosial hanya melibatkan pekerjaan di kantor."),
		s(8, "Padahal, realitanya, mereka juga sering terlibat di lapangan untuk melakukan evaluasi keadaan, mengadakan pertemuan dengan klien, serta berkoordinasi dengan berbagai pihak terkait."),
	}
	ss.Expectations.Items = []profile.Expectation{{
		Expectation: "profesi Manajer Pelayanan Sosial hanya melibatkan pekerjaan di kantor",
		Reality:     "mereka juga sering terlibat di lapangan untuk melakukan evaluasi keadaan, mengadakan pertemuan dengan klien, serta berkoordinasi dengan berbagai pihak terkait",
	}}
	ss.Comparisons.Sentences = []profile.Sentence{
		s(9, "Perbedaan utama antara profesi Manajer Pelayanan Sosial dengan profesi yang mirip seperti Asisten Sosial adalah bahwa Manajer Pelayanan Sosial memiliki tanggung jawab manajerial yang lebih besar, seperti penentuan kebijakan dan pengawasan terhadap staf yang bekerja di bawahnya."),
		s(9, "Sedangkan Asisten Sosial lebih fokus pada pemberian dukungan langsung kepada klien, seperti memberikan konseling dan membantu mengatasi masalah sosial."),
	}
	ss.Comparisons.Items = []profile.Comparison{{
		Profession: "Asisten Sosial",
		ThisFocus:  "tanggung jawab manajerial yang lebih besar, seperti penentuan kebijakan dan pengawasan terhadap staf yang bekerja di bawahnya",
		OtherFocus: "pemberian dukungan langsung kepada klien, seperti memberikan konseling dan membantu mengatasi masalah sosial",
	}}
	return p
}

func pengelola() *profile.Profile {
	p := &profile.Profile{
		Slug:     "pengelola-program-pengembangan-masyarakat",
		Title:    "Pengelola Program Pengembangan Masyarakat",
		Summary:  "Pekerjaan sebagai pengelola program pengembangan masyarakat melibatkan perencanaan, pelaksanaan, dan evaluasi program-program yang bertujuan untuk meningkatkan kesejahteraan masyarakat.",
		Sections: profile.NewSections(),
		Source:   profile.Source{File: "003_0a0dc8bf71916dcc.txt", SHA256: "a1a2ac5263c7f5c5c1773f4b779790e39ee12c33553c02414d5af7893c0e1e4f"},
	}
	ss := &p.Sections
	ss.Tasks.Sentences = []profile.Sentence{
		s(1, "Pekerjaan sebagai pengelola program pengembangan masyarakat melibatkan perencanaan, pelaksanaan, dan evaluasi program-program yang bertujuan untuk meningkatkan kesejahteraan masyarakat."),
		s(2, "Tugas pokoknya meliputi penyusunan rencana program, pengumpulan dan analisis data, pemilihan metode dan strategi yang efektif, serta koordinasi dengan berbagai pihak terkait."),
		s(3, "Selain itu, pengelola program pengembangan masyarakat juga bertugas melakukan monitoring dan evaluasi untuk memastikan keberhasilan dan dampak positif dari program yang telah dirancang dan dilaksanakan."),
	}
	ss.Fit.Sentences = []profile.Sentence{
		s(4, "Seorang yang cocok untuk pekerjaan Pengelola Program Pengembangan Masyarakat adalah seseorang yang memiliki kemampuan komunikasi yang baik, memiliki kepedulian yang tinggi terhadap masyarakat, dan tanggap terhadap kebutuhan mereka."),
	}
	ss.Fit.Traits = []string{"komunikasi", "kepedulian", "ketanggapan"}
	ss.NonFit.Sentences = []profile.Sentence{
		s(5, "Jika kamu tidak memiliki kemampuan komunikasi yang baik, kurang memiliki rasa empati, dan tidak memiliki kepedulian terhadap masyarakat, kemungkinan kamu tidak cocok dengan pekerjaan ini."),
	}
	ss.NonFit.Traits = []string{"komunikasi", "empati", "kepedulian"}
	ss.Misconceptions.Sentences = []profile.Sentence{
		s(6, "Miskonsepsi tentang profesi Pengelola Program Pengembangan Masyarakat adalah bahwa pekerjaan ini hanya melibatkan administrasi dan pengorganisasian, padahal sebenarnya mereka juga harus memiliki pengetahuan dan keterampilan dalam bidang pengembangan masyarakat dan memahami kebutuhan dan tantangan yang dihadapi oleh masyarakat yang mereka layani."),
	}
	ss.Misconceptions.Items = []profile.Misconception{{
		Myth:    "pekerjaan ini hanya melibatkan administrasi dan pengorganisasian",
		Reality: "mereka juga harus memiliki pengetahuan dan keterampilan dalam bidang pengembangan masyarakat dan memahami kebutuhan dan tantangan yang dihadapi oleh masyarakat yang mereka layani",
	}}
	ss.Expectations.Sentences = []profile.Sentence{
		s(7, "Ekspektasi terhadap Pengelola Program Pengembangan Masyarakat adalah mereka diharapkan dapat mengubah kondisi sosial dan ekonomi masyarakat dengan cepat dan signifikan, namun dalam realita, perubahan ini memerlukan waktu dan upaya yang berkelanjutan serta kerja sama dari berbagai pihak terkait."),
	}
	ss.Expectations.Items = []profile.Expectation{{
		Expectation: "mereka diharapkan dapat mengubah kondisi sosial dan ekonomi masyarakat dengan cepat dan signifikan",
		Reality:     "perubahan ini memerlukan waktu dan upaya yang berkelanjutan serta kerja sama dari berbagai pihak terkait",
	}}
	ss.Comparisons.Sentences = []profile.Sentence{
		s(8, "Perbedaan dengan profesi serupa, seperti pekerja sosial, adalah bahwa Pengelola Program Pengembangan Masyarakat lebih berfokus pada perencanaan dan implementasi program-program yang melibatkan partisipasi masyarakat dan berfokus pada pembangunan masyarakat secara keseluruhan, sedangkan pekerja sosial lebih fokus pada pemberdayaan individu atau kelompok yang membutuhkan bantuan sosial."),
	}
	ss.Comparisons.Items = []profile.Comparison{{
		Profession: "pekerja sosial",
		ThisFocus:  "perencanaan dan implementasi program-program yang melibatkan partisipasi masyarakat dan berfokus pada pembangunan masyarakat secara keseluruhan",
		OtherFocus: "pemberdayaan individu atau kelompok yang membutuhkan bantuan sosial",
	}}
	return p
}

// pendamping has only the tasks and fit sections: the other four are
// served as empty lists, never null.
func pendamping() *profile.Profile {
	p := &profile.Profile{
		Slug:     "pendamping-sosial-desa",
		Title:    "Pendamping Sosial Desa",
		Summary:  "Pendamping sosial desa mendampingi keluarga penerima manfaat di satu desa atau kelurahan agar bantuan sosial tepat sasaran.",
		Sections: profile.NewSections(),
		Source:   profile.Source{File: "105_pendamping-sosial-desa.txt", SHA256: "bb8436377b704443d039a185eb246514b95406b0113e78bcc1af9d6faaa9bac8"},
	}
	p.Sections.Tasks.Sentences = []profile.Sentence{
		s(1, "Pendamping sosial desa mendampingi keluarga penerima manfaat di satu desa atau kelurahan agar bantuan sosial tepat sasaran."),
		s(2, "Setiap minggu ia mengunjungi rumah warga, memperbarui data terpadu kesejahteraan sosial, dan melaporkan kendala kepada dinas sosial kabupaten."),
	}
	p.Sections.Fit.Sentences = []profile.Sentence{
		s(3, "Pekerjaan ini cocok bagi orang yang sabar, teliti dalam pencatatan, dan senang bertemu banyak orang."),
	}
	p.Sections.Fit.Traits = []string{"kesabaran", "ketelitian", "keramahan"}
	return p
}
