package parser

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// A title candidate is the run of words the genre writes after a phrase that
// introduces the job ("Pekerjaan sebagai", "tipe pekerjaan", "Miskonsepsi
// tentang profesi", "antara") and before a word that starts the predicate
// ("adalah", "melibatkan", ","). The words are those of titles.txt.
var (
	titleTriggers = lexicon.phrases("title-trigger")
	// Words after which the predicate begins: a candidate must end here.
	titleEnds = lexicon.set("title-end", ",", ".", ";", ":", "?", "!")
	// Words that stop a candidate without completing it.
	titleStops = lexicon.set("title-stop", "(", ")")
	// Words that open a clause after a name: a title stopped there is
	// whole, as it is before a place.
	titleClauses = lexicon.set("title-clause")
	// Words a job title never starts with.
	titleNonStarts = lexicon.set("title-non-start")
)

// institutions open the name of a body a job works in ("Analis Kebijakan
// pada Badan Perencanaan ..."): a title stops before "pada Badan".
var institutions = lexicon.set("institution")

// Words that introduce a job without being part of its name: "Jabatan
// Kepala Seksi ..." names the Kepala Seksi, "# Profil Profesi: ..." the rest.
var titleIntroductions = lexicon.set("title-introduction", ":", "-", "–", "—")

const (
	maxTitleWords = 10
	// headingVotes is what a markdown heading counts for against the
	// phrases of the text: more than the few times a text names its job.
	headingVotes = phraseVotes + 1
	// subjectVotes is what the name that opens the text counts for, in
	// capitals or as the subject before the predicate: the genre's first
	// sentence is about the job, so its subject outweighs an institution
	// or a standard the text mentions twice.
	subjectVotes = 3
	// phraseVotes is what the job phrase a first sentence opens with counts
	// for when its predicate follows it ("Seorang koordinator program ...
	// di NTT dan NTB bertugas ..."): a place or agency the text writes in
	// capitals is only a hint, however often it recurs.
	phraseVotes = 6
)

// leadingName is the run of capitalised words (with small words between)
// that opens a sentence, after any introducing word: "Jabatan Kepala Seksi
// ...", "Sebagai Petugas ...", "Koordinator TKSK ...". Two words at least.
func leadingName(toks []string) []string {
	toks = withoutIntroduction(toks)
	end := 0
	for end < len(toks) && end < maxTitleWords {
		if isCapitalWord(toks[end]) {
			end++
			continue
		}
		if titleSmallWords[toks[end]] && !places[toks[end]] && end+1 < len(toks) && isCapitalWord(toks[end+1]) && !institutions[strings.ToLower(toks[end+1])] {
			end++
			continue
		}
		break
	}
	if end < 2 || sentenceOpeners[strings.ToLower(toks[0])] || places[strings.ToLower(toks[0])] {
		// "Di Kabupaten Sikka, pendamping ...": a place, not a name.
		return nil
	}
	return toks[:end]
}

// places open where a job is done, which its name opening a sentence does
// not include: "Koordinator Program Gizi di NTT bertugas ..." names the
// Koordinator Program Gizi.
var places = lexicon.set("place")

// subjectName is the subject of a sentence that opens with the job named
// in lower case ("Fasilitator pemberdayaan masyarakat nelayan mendampingi
// ...", "Case manager BPJS Ketenagakerjaan menangani ..."): the words before
// its predicate, two at least, or those between an introducing word and a
// comma ("Sebagai fasilitator desa, kamu ...").
func subjectName(toks []string) []string {
	introduced := len(toks) > 0 && titleIntroductions[strings.ToLower(toks[0])]
	for len(toks) > 0 && titleIntroductions[strings.ToLower(toks[0])] {
		toks = toks[1:]
	}
	for end, t := range toks {
		w := strings.ToLower(t)
		switch {
		case introduced && t == "," && end > 0:
			// "Sebagai fasilitator desa, kamu ...".
			return toks[:end]
		case end >= 2 && qualifiers[w] && predicateFollows(toks[end+1:]):
			// "Petugas pendistribusian zakat di lembaga amil zakat
			// bertugas ...": a place or a clause after the name.
			return toks[:end]
		case end > maxTitleWords || !isWord(t) || titleStops[w] || sentenceOpeners[w] || end == 0 && (titleNonStarts[w] || isPronoun(w)):
			return nil
		case titleEnds[w] || predicateWords[w] || activeVerbRE.MatchString(w):
			if end < 2 {
				return nil
			}
			return toks[:end]
		}
	}
	return nil
}

// qualifiers open a phrase that may follow a job's name in its subject: a
// place or body ("di lembaga amil zakat"), or a relative clause.
var qualifiers = lexicon.set("qualifier")

// maxQualifierWords is how far past the name a subject's predicate may come.
const maxQualifierWords = 8

// predicateFollows reports whether the words, after a qualifier, reach a
// predicate within a short clause: a word that starts one, before any mark.
func predicateFollows(toks []string) bool {
	for i, t := range toks {
		w := strings.ToLower(t)
		switch {
		case i >= maxQualifierWords || !isWord(t):
			return false
		case i > 0 && (titleEnds[w] || activeVerbRE.MatchString(w)):
			return true
		}
	}
	return false
}

// withoutIntroduction drops the words that introduce a name, and whatever
// follows an opening bracket ("Pembimbing Kemasyarakatan (PK)").
func withoutIntroduction(toks []string) []string {
	for len(toks) > 0 && titleIntroductions[strings.ToLower(toks[0])] {
		toks = toks[1:]
	}
	for i, t := range toks {
		if !isWord(t) {
			return toks[:i]
		}
	}
	return toks
}

// Words that open a sentence without belonging to a name after them.
var sentenceOpeners = lexicon.set("sentence-opener")

// findTitle names the job: the candidate the text introduces most often.
// A candidate that another one extends ("pengelola bank sampah", "Pengelola
// Bank Sampah Komunitas") is the same job written short, so its votes go to
// the longer one, if that one is written as a title or introduced twice.
// Ties go to the candidate of the opening sentence, then to one written with
// capitals, then to the longer one, then to the one the text names in more
// sentences, then to the one seen first. Comparisons are read only through
// their triggers: their capitalised names are the other profession, and
// the capitalised names of people and places are none.
//
// The sentence that opens what the job involves, sentences[opening] (the
// first, unless the text opens with another part), names the job as its
// subject and counts most.
//
// A markdown heading names the job outright: the words of the first one
// written as a title ("# Program Officer di LSM Internasional", not "##
// Gambaran pekerjaan") above the first sentence that are not an
// introduction count as a candidate
// with headingVotes.
func findTitle(headings, sentences []profile.Sentence, opening int, comparisons map[profile.Sentence]bool) (string, bool) {
	b := ballot{byKey: map[string]*tally{}}
	for _, h := range headings {
		if h.Line > sentences[0].Line {
			// A title stands above the text, not over one of its parts.
			break
		}
		if name := withoutIntroduction(tokens(h.Text)); len(name) > 0 && len(name) <= maxJobPhraseWords && titleLike(name) {
			b.vote([][]string{name}, headingVotes, true)
			break
		}
	}
	others := slices.Concat(sentences[:opening], sentences[opening+1:])
	if name, votes := openingName(tokens(sentences[opening].Text), others); len(name) > 0 {
		b.vote([][]string{name}, votes, true)
	}
	for i, s := range sentences {
		toks := tokens(s.Text)
		cands := titleCandidates(toks)
		if !comparisons[s] {
			cands = append(cands, capitalRuns(toks)...)
		}
		b.vote(cands, 1, i == opening)
	}
	t := b.winner(&mentions{sentences: sentences})
	if t == nil {
		return "", false
	}
	return titleCase(t.words), true
}

// openingName is the job the sentence that opens what the job involves
// names, and the votes it counts for: its leading capitalised name or its
// subject, however the subject is written, unless the sentence adds to
// another ("juga").
func openingName(first []string, others []profile.Sentence) ([]string, int) {
	if adds(lower(strings.Join(first, " "))) {
		// "Perawat puskesmas juga mendatangi ...": a job beside another,
		// not the one the text opens with.
		return nil, 0
	}
	if lead := leadingName(first); len(lead) > 0 {
		return lead, subjectVotes
	} else if phrase := jobPhrase(first); len(phrase) > 0 {
		return shortName(phrase, others), phraseVotes
	} else if phrase := namedAfterCopula(first); len(phrase) > 0 {
		return phrase, phraseVotes
	} else if subject := subjectName(first); len(subject) > 0 {
		return subject, subjectVotes
	}
	// One word is a weaker sign than a phrase: a title the text
	// introduces often ("sebagai ...") may still outvote it.
	return soleName(first, others), subjectVotes
}

// minShortMentions is how many other sentences must name a job by its head
// alone for that word to be its name.
const minShortMentions = 3

// shortName is a job phrase without the lower-case words after its head
// when the head names a whole job by itself and the text calls the job by
// it: "Paralegal komunitas membantu ..." then "Paralegal yang baik ...",
// "Paralegal baru ...", is the Paralegal. A head that needs the rest of
// its name ("pendamping", "koordinator", "operator") keeps it, as does a
// phrase the text writes again.
func shortName(phrase []string, others []profile.Sentence) []string {
	if len(phrase) < 2 || isJobNoun(strings.ToLower(phrase[0])) {
		return phrase
	}
	for _, w := range phrase[1:] {
		if w != strings.ToLower(w) {
			return phrase
		}
	}
	head, next := strings.ToLower(phrase[0]), strings.ToLower(phrase[1])
	alone := 0
	for _, s := range others {
		toks := tokens(s.Text)
		i := slices.IndexFunc(toks, func(t string) bool { return strings.ToLower(t) == head })
		switch {
		case i < 0:
		case i+1 < len(toks) && strings.ToLower(toks[i+1]) == next:
			return phrase
		case i+1 < len(toks) && isCapitalWord(toks[i+1]):
			// "ketua TPK": the rest of the name, written short.
		default:
			alone++
		}
	}
	if alone >= minShortMentions {
		return phrase[:1]
	}
	return phrase
}

// soleName is a job named in one word, with no word introducing it, as the
// subject of a first sentence: a loanword or an acronym ("Fundraiser di
// sebuah yayasan ... mencari ...", "Paralegal membantu ..."). One word
// alone could be any noun, so the text must name it again: the genre
// speaks of its job throughout.
func soleName(toks []string, others []profile.Sentence) []string {
	if len(toks) < 3 || !isWord(toks[0]) {
		return nil
	}
	w := strings.ToLower(toks[0])
	if titleNonStarts[w] || sentenceOpeners[w] || isPronoun(w) || institutions[w] || titleIntroductions[w] || titleSmallWords[w] || phraseEnds[w] {
		return nil
	}
	if !startsPredicate(toks, 1) && !(phraseEnds[strings.ToLower(toks[1])] && predicateWithin(toks)) {
		return nil
	}
	for _, s := range others {
		if slices.Contains(lowerWords(lower(s.Text)), w) {
			return toks[:1]
		}
	}
	return nil
}

// predicateWithin reports whether a predicate starts within the first
// maxSubjectWords words, before any mark: past the name, the place or body
// it is done in ("di program pelatihan kerja bagi anak muda ...").
func predicateWithin(toks []string) bool {
	for i := 1; i < len(toks) && i <= maxSubjectWords && isWord(toks[i]); i++ {
		if startsPredicate(toks, i) {
			return true
		}
	}
	return false
}

// tally is the votes one title candidate got.
type tally struct {
	key     []string
	words   []string // as first written with capitals, or as first seen
	votes   int
	capital bool
	inFirst bool
}

// ballot counts the title candidates of a text.
type ballot struct {
	tallies []*tally
	byKey   map[string]*tally
}

// vote counts each candidate once, however often one sentence names it.
func (b *ballot) vote(cands [][]string, votes int, first bool) {
	voted := map[string]bool{}
	for _, cand := range cands {
		key := strings.ToLower(strings.Join(cand, " "))
		if voted[key] {
			continue
		}
		voted[key] = true
		t, ok := b.byKey[key]
		if !ok {
			t = &tally{key: strings.Fields(key), words: cand}
			b.byKey[key] = t
			b.tallies = append(b.tallies, t)
		}
		t.votes += votes
		t.inFirst = t.inFirst || first
		if capitalised(cand) && !t.capital {
			t.words, t.capital = cand, true
		}
	}
}

// winner is the candidate with the most votes, counting those of every
// candidate it extends, with the ties broken as findTitle says; nil if
// there is none.
func (b *ballot) winner(mentions *mentions) *tally {
	// Look each word prefix up rather than compare all pairs, which a long
	// text would make slow.
	score := make([]int, len(b.tallies))
	for i, t := range b.tallies {
		score[i] = t.votes
		if !t.capital && t.votes < 2 {
			// Named once in lower case, a longer run is as likely the
			// job and the words after it ("tukang las cepat dipercaya").
			continue
		}
		for n := 1; n < len(t.key); n++ {
			if short, ok := b.byKey[strings.Join(t.key[:n], " ")]; ok {
				score[i] += short.votes
			}
		}
	}
	best := -1
	for i, t := range b.tallies {
		if best < 0 {
			best = i
			continue
		}
		w := b.tallies[best]
		switch {
		case score[i] != score[best]:
			if score[i] > score[best] {
				best = i
			}
		case t.inFirst != w.inFirst:
			if t.inFirst {
				best = i
			}
		case t.capital != w.capital:
			if t.capital {
				best = i
			}
		case len(t.key) != len(w.key):
			if len(t.key) > len(w.key) {
				best = i
			}
		case mentions.of(t.key[0]) != mentions.of(w.key[0]):
			// The genre speaks of its job throughout, often by the head of
			// its name alone: of two phrases each introduced once, the job
			// is the one whose head the text names more.
			if mentions.of(t.key[0]) > mentions.of(w.key[0]) {
				best = i
			}
		}
	}
	if best < 0 {
		return nil
	}
	return b.tallies[best]
}

// capitalRuns returns the runs of two or more capitalised words (with small
// words such as "untuk" between them), the way the genre writes a job's name
// as the subject of a sentence.
func capitalRuns(toks []string) [][]string {
	var out [][]string
	for i := 0; i < len(toks); i++ {
		if !isCapitalWord(toks[i]) || i == 0 && sentenceOpeners[strings.ToLower(toks[i])] {
			continue
		}
		end, capitals := i+1, 1
		for end < len(toks) {
			if isCapitalWord(toks[end]) && !isShortForm(toks, end) && utf8.RuneCountInString(toks[end]) > 1 {
				end, capitals = end+1, capitals+1
				continue
			}
			if titleSmallWords[toks[end]] && !places[toks[end]] && end+1 < len(toks) && isCapitalWord(toks[end+1]) && !institutions[strings.ToLower(toks[end+1])] {
				end++
				continue
			}
			break
		}
		if run := withoutIntroduction(toks[i:end]); capitals >= 2 && len(run) >= 2 && len(run) <= maxTitleWords && !isProperName(toks, i, end) {
			out = append(out, run)
		}
		i = end - 1
	}
	return out
}

// isShortForm reports whether toks[i] is a listed short form with its stop
// ("No.", "Jl."), which ends a run of capitals ("UU No. 21"), as a letter
// alone does ("SIM C", a licence).
func isShortForm(toks []string, i int) bool {
	if i+1 >= len(toks) || toks[i+1] != "." {
		return false
	}
	w := strings.ToLower(toks[i])
	return abbreviations.name[w] || abbreviations.number[w] || abbreviations.name[toks[i]]
}

// isProperName reports whether the capitalised words toks[i:end] name a
// person, a place or a body rather than a job: they follow a short form
// that stands before a name ("dr. Sari Anggraini", "Ir. Bambang", "Jl.
// Raya Serang", "PT. Maju") or come before a degree ("Wulan Sari,
// S.Kep.").
func isProperName(toks []string, i, end int) bool {
	if i >= 2 && toks[i-1] == "." && (i < 3 || toks[i-3] != ".") {
		if w := toks[i-2]; abbreviations.name[w] || abbreviations.name[strings.ToLower(w)] {
			return true
		}
	}
	return end+1 < len(toks) && toks[end] == "," && abbreviations.degree[degreeAt(toks[end+1:])]
}

// maxDegreeTokens is how many words and stops a degree may run to
// ("S.Tr.Keb." is six).
const maxDegreeTokens = 8

// degreeAt is the dotted short form toks open with, lower case and without
// its last stop ("S.Kep." is "s.kep"), or "" if they open with none.
func degreeAt(toks []string) string {
	var b strings.Builder
	for i, t := range toks[:min(len(toks), maxDegreeTokens)] {
		if (t == ".") == (i%2 == 0) || t != "." && !isWord(t) {
			// A degree is words each closed by a stop: "S.Tr.Keb. atau"
			// ends before "atau".
			break
		}
		b.WriteString(t)
	}
	return strings.TrimSuffix(strings.ToLower(b.String()), ".")
}

// titleLike reports whether words are written as a title: each
// capitalised, but for the small words of titles after the first.
func titleLike(words []string) bool {
	for i, w := range words {
		if !isCapitalWord(w) && (i == 0 || !titleSmallWords[w]) {
			return false
		}
	}
	return true
}

func isCapitalWord(tok string) bool {
	r, _ := firstRune(tok)
	return unicode.IsUpper(r)
}

// titleCandidates returns the runs of words after each trigger that end
// where a predicate begins, at a word of titles.txt or at a verb
// ("seorang tukang las menyambung ..."), or where a place or a clause
// follows the name ("jadi montir motor di bengkel", "jadi pramugari kalau
// ...").
func titleCandidates(toks []string) [][]string {
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(t)
	}
	var out [][]string
	for i := 0; i < len(toks); i++ {
		for _, trig := range titleTriggers {
			if !hasPrefix(low[i:], trig) {
				continue
			}
			start := i + len(trig)
			end := start
			predicate := func(end int) bool { return end > start && startsPredicate(toks, end) }
			for end < len(toks) && !titleEnds[low[end]] && !titleStops[low[end]] && !predicate(end) && end-start <= maxTitleWords {
				end++
			}
			n := end - start
			closed := end == len(toks) || titleEnds[low[end]] || predicate(end) || places[low[end]] || titleClauses[low[end]]
			if n >= 1 && n <= maxTitleWords && closed && !titleNonStarts[low[start]] && isWord(toks[start]) {
				out = append(out, toks[start:end])
				if i == 0 && jobAs[low[i]] && end < len(toks) && toks[end] == "," {
					out = append(out, actingSubject(toks[end+1:])...)
				}
			}
			// Triggers overlap ("tipe pekerjaan", "pekerjaan"): one vote per phrase.
			i = start - 1
			break
		}
	}
	return out
}

// maxActingWords is the longest subject actingSubject reads.
const maxActingWords = 3

// actingSubject is the subject of a sentence that opens "Sebagai X, ...":
// a short name in lower case right before the predicate ("Sebagai awak
// kabin, pramugari bertugas ..."), which is the job as much as X is; none
// when the subject is a pronoun or a phrase ("Sebagai PPL, tanggung jawab
// Anda meliputi ...").
func actingSubject(toks []string) [][]string {
	for end := 1; end < len(toks) && end <= maxActingWords; end++ {
		if startsPredicate(toks, end) {
			for _, t := range toks[:end] {
				if !isWord(t) || t != strings.ToLower(t) || isPronoun(t) || titleNonStarts[t] {
					return nil
				}
			}
			return [][]string{toks[:end]}
		}
	}
	return nil
}

func hasPrefix(toks, prefix []string) bool {
	if len(toks) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if toks[i] != p {
			return false
		}
	}
	return true
}

// tokens splits a sentence into words (letters, digits, inner hyphens and
// apostrophes) and single punctuation marks.
func tokens(s string) []string {
	// Tokens are substrings of s: a word is one run of letters and digits
	// (with inner hyphens and apostrophes), so slicing s allocates nothing
	// per token.
	var out []string
	start := -1 // where the current word starts, or -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, strings.Trim(s[start:end], "-'’"))
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '-' || r == '\'' || r == '’') && start >= 0:
			if start < 0 {
				start = i
			}
		case unicode.IsSpace(r):
			flush(i)
		default:
			flush(i)
			out = append(out, s[i:i+utf8.RuneLen(r)])
		}
	}
	flush(len(s))
	return out
}

func isWord(tok string) bool {
	r, _ := firstRune(tok)
	return unicode.IsLetter(r)
}

func capitalised(words []string) bool {
	for _, w := range words {
		if r, _ := firstRune(w); unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// Words that stay lower case inside a title.
var titleSmallWords = lexicon.set("title-small-word")

// titleCase writes each word with a capital, keeping acronyms (LSM) and
// names with an inner capital (DevOps) and leaving Indonesian conjunctions
// and prepositions lower case.
func titleCase(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		lower := strings.ToLower(w)
		switch {
		case len([]rune(w)) > 1 && w == strings.ToUpper(w) && w != lower, innerCapital(w):
			// An acronym, or a name with a capital inside ("DevOps",
			// "LinkedIn"), is written as its owner writes it.
			out[i] = w
		case i > 0 && titleSmallWords[lower]:
			out[i] = lower
		default:
			parts := strings.Split(lower, "-")
			for j, p := range parts {
				r := []rune(p)
				if len(r) > 0 {
					r[0] = unicode.ToUpper(r[0])
				}
				parts[j] = string(r)
			}
			out[i] = strings.Join(parts, "-")
		}
	}
	return strings.Join(out, " ")
}

// innerCapital reports whether a word has a capital after a lower-case
// letter ("DevOps", "iPhone"), not after a hyphen ("Pra-Sejahtera").
func innerCapital(w string) bool {
	prev := ' '
	for _, r := range w {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			return true
		}
		prev = r
	}
	return false
}

// mentions counts, for each lower-cased word, the sentences that hold it.
// It reads the text only when a tie asks, and then once.
type mentions struct {
	sentences []profile.Sentence
	counts    map[string]int
}

// of is how many sentences hold word.
func (m *mentions) of(word string) int {
	if m.counts == nil {
		m.counts = map[string]int{}
		for _, s := range m.sentences {
			seen := map[string]bool{}
			for _, w := range lowerWords(lower(s.Text)) {
				if !seen[w] {
					seen[w] = true
					m.counts[w]++
				}
			}
		}
	}
	return m.counts[word]
}
