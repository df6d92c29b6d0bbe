// Package generate makes any number of distinct, parseable job-profile
// texts by recombining the sections of seed texts under new titles, for
// load tests and benchmarks. It builds each Profile directly, as Parse would
// read the text (the tests hold it to that), so that a hundred thousand
// profiles take a second rather than the parser's minutes.
package generate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/profile"
)

// Title parts: Max is the product of their lengths. None of their words is
// a phrase of the trait lexicon or a word the parser ends a title at, and no
// role shares its first word with a profession the seeds compare with
// ("Asisten Sosial"): the parser tells the two sides of a comparison apart
// by the title's words.
var (
	roles = []string{
		"Koordinator", "Kepala", "Manajer", "Supervisor", "Pengelola", "Pengurus", "Direktur", "Pendamping",
		"Fasilitator", "Analis", "Penyuluh", "Petugas", "Konsultan", "Sekretaris", "Ketua", "Administrator",
	}
	domains = []string{
		"Layanan Lansia", "Kesejahteraan Anak", "Rehabilitasi Sosial", "Pemberdayaan Perempuan", "Bantuan Bencana",
		"Perlindungan Anak", "Pengembangan Masyarakat", "Layanan Disabilitas", "Jaminan Sosial", "Bantuan Pangan",
		"Pemulihan Adiksi", "Layanan Tunawisma", "Kesehatan Jiwa", "Pendidikan Nonformal", "Ketahanan Keluarga",
		"Pengentasan Kemiskinan", "Perumahan Rakyat", "Air Bersih", "Gizi Masyarakat", "Bank Sampah",
		"Koperasi Warga", "Pelayanan Publik", "Hak Pekerja", "Reintegrasi Sosial", "Karang Taruna",
	}
	placeHeads = []string{
		"Suka", "Karang", "Tanjung", "Sumber", "Pasir", "Bukit", "Muara", "Kali", "Teluk", "Rawa", "Sido",
		"Banyu", "Gunung", "Labuhan", "Padang",
	}
	placeTails = []string{
		"maju", "jaya", "sari", "mulya", "rejo", "asri", "makmur", "indah", "baru", "harjo", "agung", "raya",
		"wangi", "tengah", "utara", "selatan", "timur", "barat", "lestari", "sentosa",
	}
)

// Max is how many distinct titles, and so profiles, Generator makes.
var Max = len(roles) * len(domains) * len(placeHeads) * len(placeTails)

// Title is the i-th title, 0 <= i < Max: distinct for every i.
func Title(i int) string {
	role, i := roles[i%len(roles)], i/len(roles)
	domain, i := domains[i%len(domains)], i/len(domains)
	head, i := placeHeads[i%len(placeHeads)], i/len(placeHeads)
	return role + " " + domain + " Wilayah " + head + placeTails[i%len(placeTails)]
}

// seed is a parsed seed text, its lines, and where its title stands.
type seed struct {
	p     *profile.Profile
	lines []string
	title *regexp.Regexp
	// matches caches where title matches in each text of the seed, as
	// FindAllStringIndex finds it: the case-insensitive search took nine
	// tenths of the time of making a profile, for the same few hundred
	// texts again and again.
	matches *sync.Map
}

// retitle returns t with every match of the seed's title replaced by
// title, as s.title.ReplaceAllLiteralString does.
func (s *seed) retitle(t, title string) string {
	found, ok := s.matches.Load(t)
	if !ok {
		found, _ = s.matches.LoadOrStore(t, s.title.FindAllStringIndex(t, -1))
	}
	at := found.([][]int)
	if len(at) == 0 {
		return t
	}
	var b strings.Builder
	last := 0
	for _, m := range at {
		b.WriteString(t[last:m[0]])
		b.WriteString(title)
		last = m[1]
	}
	b.WriteString(t[last:])
	return b.String()
}

// Generator recombines seed texts.
type Generator struct {
	seeds []seed
}

// New parses the seed texts, keyed by file name. Every seed must parse
// and keep each line within one section.
func New(texts map[string][]byte) (*Generator, error) {
	g := &Generator{}
	for file, data := range texts {
		p, err := parser.Parse(file, data)
		if err != nil {
			return nil, fmt.Errorf("generate: seed %w", err)
		}
		g.seeds = append(g.seeds, seed{
			p:       p,
			lines:   strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"),
			title:   regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(p.Title) + `\b`),
			matches: &sync.Map{},
		})
	}
	if len(g.seeds) == 0 {
		return nil, fmt.Errorf("generate: no seed texts")
	}
	// Map order is random; the seeds' order makes the output.
	slices.SortFunc(g.seeds, func(a, b seed) int { return strings.Compare(a.p.Source.File, b.p.Source.File) })
	return g, nil
}

// Profile returns the i-th text and the profile Parse reads from it, with
// file as its source file. Each section comes whole from a seed chosen by a
// generator seeded with i, so the output depends on i and the seeds alone.
func (g *Generator) Profile(i int, file string) ([]byte, *profile.Profile, error) {
	if i < 0 || i >= Max {
		return nil, nil, fmt.Errorf("generate: profile %d is outside 0..%d", i, Max-1)
	}
	title := Title(i)
	rng := rand.New(rand.NewPCG(uint64(i), 0x6b61726972))
	p := &profile.Profile{Title: title, Slug: profile.Slugify(title), Sections: profile.NewSections(), Warnings: []profile.Warning{}}
	var text strings.Builder
	line := 0
	for _, key := range profile.SectionKeys() {
		s := g.seeds[rng.IntN(len(g.seeds))]
		retitle := func(t string) string { return s.retitle(t, title) }
		newLine := map[int]int{}
		for _, sentence := range *s.p.Sections.Sentences(key) {
			if _, ok := newLine[sentence.Line]; !ok {
				line++
				newLine[sentence.Line] = line
				text.WriteString(retitle(s.lines[sentence.Line-1]) + "\n")
			}
			list := p.Sections.Sentences(key)
			*list = append(*list, profile.Sentence{Text: retitle(sentence.Text), Line: newLine[sentence.Line]})
		}
		switch key {
		case profile.Fit:
			p.Sections.Fit.Traits = append([]string{}, s.p.Sections.Fit.Traits...)
		case profile.NonFit:
			p.Sections.NonFit.Traits = append([]string{}, s.p.Sections.NonFit.Traits...)
		case profile.Misconceptions:
			for _, m := range s.p.Sections.Misconceptions.Items {
				p.Sections.Misconceptions.Items = append(p.Sections.Misconceptions.Items,
					profile.Misconception{Myth: retitle(m.Myth), Reality: retitle(m.Reality)})
			}
		case profile.Expectations:
			for _, e := range s.p.Sections.Expectations.Items {
				p.Sections.Expectations.Items = append(p.Sections.Expectations.Items,
					profile.Expectation{Expectation: retitle(e.Expectation), Reality: retitle(e.Reality)})
			}
		case profile.Comparisons:
			for _, c := range s.p.Sections.Comparisons.Items {
				p.Sections.Comparisons.Items = append(p.Sections.Comparisons.Items, profile.Comparison{
					Profession: c.Profession, ThisFocus: retitle(c.ThisFocus), OtherFocus: retitle(c.OtherFocus)})
			}
		}
	}
	p.Summary = p.Sections.Tasks.Sentences[0].Text
	data := []byte(text.String())
	sum := sha256.Sum256(data)
	p.Source = profile.Source{File: file, SHA256: hex.EncodeToString(sum[:])}
	return data, p, nil
}

// FromDir returns a generator over the *.txt seed texts in dir.
func FromDir(dir string) (*Generator, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	texts := map[string][]byte{}
	for _, f := range files {
		if texts[filepath.Base(f)], err = os.ReadFile(f); err != nil {
			return nil, fmt.Errorf("generate: %w", err)
		}
	}
	return New(texts)
}
