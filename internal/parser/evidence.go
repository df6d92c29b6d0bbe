package parser

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/karir/karir/internal/profile"
)

//go:embed evidence.txt
var evidenceText string

// evidenceLists is evidence.txt read once; a malformed line of the
// embedded file is a programming error that every test run catches at
// start-up.
var evidenceLists = must(parseWordLists("evidence.txt", evidenceText, evidenceWord))

// classes are the word classes of evidence.txt.
var classes = wordClassesOf(evidenceLists)

// wordClasses maps each word (with the affixed forms of the stems) to the
// classes it belongs to.
type wordClasses map[string]map[string]bool

// has reports whether word belongs to class.
func (c wordClasses) has(class, word string) bool { return c[word][class] }

// stemmed are the classes written as stems.
var stemmed = map[string]bool{"believe": true, "compare": true}

// evidenceWord says what is wrong with a word of evidence.txt, whose
// format is that of the word-list files, but that the words of the classes
// written as stems may end in *.
func evidenceWord(class, w string) string {
	stem, affixedOnly := strings.CutSuffix(w, "*")
	if stem != strings.ToLower(stem) || affixedOnly && !stemmed[class] {
		return "want lower-case words (a * only on a stem)"
	}
	return ""
}

// wordClassesOf maps each word of the lists, and each affixed form of
// those written as stems, to its classes.
func wordClassesOf(lists map[string]*wordList) wordClasses {
	c := wordClasses{}
	add := func(class, word string) {
		if c[word] == nil {
			c[word] = map[string]bool{}
		}
		c[word][class] = true
	}
	for class, list := range lists {
		for _, w := range list.words {
			stem, affixedOnly := strings.CutSuffix(w, "*")
			if !stemmed[class] {
				add(class, strings.ReplaceAll(stem, "_", " "))
				continue
			}
			for _, form := range affixedForms(stem) {
				if form != stem || !affixedOnly {
					add(class, form)
				}
			}
		}
	}
	return c
}

// maxHolderSpan is how many words may stand before a verb of belief for its
// holder to be the sentence's subject ("Para sarjana kesehatan masyarakat
// yang baru lulus sering datang dengan bayangan ...").
const maxHolderSpan = 10

// claimHolder reads who holds the belief a sentence opens with: the public
// (a misconception) or people entering the job (an expectation). It
// returns the section, the words that tell and whether there is one: a
// verb of belief, or a light verb and a noun of belief ("datang dengan
// bayangan"), within the first words, after a subject that holds a
// newcomer word or, failing one, a public word.
func claimHolder(words []string) (profile.SectionKey, string, bool) {
	public, newcomer, quantifier, counted, notion, clause, prev := "", "", "", false, false, false, ""
	for i, w := range words {
		if i > maxHolderSpan {
			break
		}
		if i+1 < len(words) && classes.has("newcomer", w+" "+words[i+1]) && newcomer == "" {
			newcomer = w + " " + words[i+1]
		}
		switch {
		case public == "" && newcomer == "" && notion && relatives[prev] && passiveRE.MatchString(w) && classes.has("believe", w):
			// "gambaran yang dipercaya banyak penonton": the holder of a
			// passive belief follows it.
			return passiveHolder(words[i+1:min(len(words), i+1+maxPassiveGap)], w)
		case classes.has("believe", w), classes.has("carry", w) && i+2 < len(words) && believes(words[i+1:i+3]):
			switch {
			case relatives[prev] && !counted:
				// "Orang yang mengharapkan ... perlu ...": who, not a claim.
			case newcomer != "":
				return profile.Expectations, newcomer + " … " + w, true
			case public != "":
				return profile.Misconceptions, public + " … " + w, true
			case quantifier != "" && !classes.has("plural", quantifier) && prev != quantifier:
				// "Banyak pejabat desa memandang ...", "Tak sedikit aparat
				// desa menyepelekan ...": many people, and no newcomers;
				// but "Sebagian juga mengira ..." counts those the sentence
				// before named, whoever they are.
				return profile.Misconceptions, quantifier + " … " + w, true
			}
			return "", "", false
		case meVerbRE.MatchString(w) && !relatives[prev] && !clause:
			// "Ia memastikan agar warga melihat ...": the sentence has its
			// predicate; a holder after it is no subject.
			return "", "", false
		case i > 0 && classes.has("preposition", words[i-1]):
			// "bersama warga": not the subject.
		case classes.has("newcomer", w) && newcomer == "":
			newcomer = w
		case classes.has("public", w) && public == "":
			public = w
		}
		if classes.has("quantifier", w) && quantifier == "" && (i == 0 || !classes.has("preposition", words[i-1])) {
			quantifier = w
		}
		counted = counted || classes.has("quantifier", w)
		clause = clause || classes.has("when", w)
		notion = notion || classes.has("notion", w)
		if !classes.has("adverb", w) {
			prev = w
		}
	}
	return "", "", false
}

// maxPassiveGap is how many words after a passive verb of belief its
// holder may stand ("dipercaya oleh sebagian besar warga").
const maxPassiveGap = 4

// passiveHolder reads who holds a passive belief from the words after its
// verb: a newcomer or a public word, or a quantifier of people ("banyak
// penonton"), which makes it the public's.
func passiveHolder(words []string, verb string) (profile.SectionKey, string, bool) {
	for _, w := range words {
		switch {
		case classes.has("newcomer", w):
			return profile.Expectations, verb + " … " + w, true
		case classes.has("public", w), classes.has("quantifier", w) && !classes.has("plural", w):
			return profile.Misconceptions, verb + " … " + w, true
		}
	}
	return "", "", false
}

// believes reports whether one of words is a verb or noun of belief.
func believes(words []string) bool {
	for _, w := range words {
		if classes.has("believe", w) {
			return true
		}
	}
	return false
}

// maxCompareGap is how many words may stand between a verb of comparing
// and its link ("samakan peran ini dengan").
const maxCompareGap = 3

// comparesWith reports whether words set the job beside another: a form of
// a stem of comparing, a link within a few words, and after it (past words
// such as "seorang", "profesi") another job: a head of job names or an
// agent noun in pe- ("penyuluh", not "pelayanan"). It returns the words
// that tell and the index of the verb.
func comparesWith(words []string) (string, int, bool) {
	for i, w := range words {
		if classes.has("resemble", w) {
			if k := pastIntroduction(words, i+1); k < len(words) && isJobNoun(words[k]) {
				return w + " " + words[k], i, true
			}
		}
		gap := maxCompareGap
		if i > 0 && classes.has("together", words[i-1]) {
			continue
		}
		if classes.has("alike", w) {
			gap = 0
		} else if !classes.has("compare", w) {
			continue
		}
		for j := i + 1; j < len(words) && j <= i+1+gap; j++ {
			if !classes.has("link", words[j]) {
				continue
			}
			if k := pastIntroduction(words, j+1); k < len(words) && isJobNoun(words[k]) {
				return w + " … " + words[j] + " " + words[k], i, true
			}
		}
	}
	return "", 0, false
}

// pastIntroduction is the index of the first word from k on that is not
// one introducing a job ("seorang", "profesi").
func pastIntroduction(words []string, k int) int {
	for k < len(words) && classes.has("introduce", words[k]) {
		k++
	}
	return k
}

// isJobNoun reports whether a lower-cased word can head the name of a job.
func isJobNoun(word string) bool {
	switch {
	case isPronoun(word) || titleStops[word]:
		return false
	case classes.has("jobhead", word):
		return true
	}
	return isAgentNoun(word)
}

// genericEvidence is a part that a sentence opens by its grammar rather
// than by a phrase of cues.txt, where in the sentence and the words that
// tell.
type genericEvidence struct {
	section profile.SectionKey
	at      int
	words   string
	weak    bool // it counts as a weak cue: it leans, it does not announce
}

// generic reads the evidence of evidence.txt in a lower-cased sentence:
// who holds the belief it opens with, and whether it sets the job beside
// another.
func generic(lower string) []genericEvidence {
	var out []genericEvidence
	// A holder and its verb stand in the first words: only they are read,
	// unless the sentence may compare.
	end := wordOffset(lower, maxHolderSpan+maxPassiveGap+2)
	if mayCompare(lower) {
		end = len(lower)
	}
	words := lowerWords(lower[:end])
	if section, why, ok := claimHolder(words); ok && !opens(vocabulary.turn, lower) {
		// A sentence that turns to the reality ("Nyatanya, tidak sedikit
		// narasumber ...") holds no belief of its own.
		out = append(out, genericEvidence{section, 0, why, false})
	}
	if end == len(lower) {
		if why, at, ok := comparesWith(words); ok {
			out = append(out, genericEvidence{profile.Comparisons, max(0, strings.Index(lower, words[at])), why, false})
		}
	}
	if opensWithPerson(words) {
		if end < len(lower) {
			words = lowerWords(lower)
		}
		if section, why, ok := personOutcome(words); ok {
			out = append(out, genericEvidence{section, 0, why, true})
		}
	}
	return out
}

// opensWithPerson reports whether words open with a person word, in the
// first or second place, and a relative clause after it ("Orang yang
// ...", "Sebaliknya, mereka yang ..."), or with the relative clause alone
// ("Yang gampang bosan ...").
func opensWithPerson(words []string) bool {
	if len(words) > 1 && relatives[words[0]] {
		// "Yang gampang bosan akan tersiksa": those who.
		return true
	}
	for start := 0; start < 2 && start+1 < len(words); start++ {
		if classes.has("person", words[start]) && relativeAt(words, start+1) > 0 {
			return true
		}
	}
	return false
}

// relativeOpeners open a relative clause after a person word.
var relativeOpeners = lexicon.phrases("relative-opener")

// relativeAt is how many words from i open a relative clause: "yang", or
// "pun yang" ("Siapa pun yang ..."); 0 if none does.
func relativeAt(words []string, i int) int {
	for _, r := range relativeOpeners {
		if i < len(words) && hasPrefix(words[i:], r) {
			return len(r)
		}
	}
	return 0
}

// personOutcome reads a sentence about a kind of person and how they fare
// in the job ("Orang yang gesit dan rapi biasanya bertahan lama di sini",
// "Mereka yang gampang tersinggung akan kewalahan"): a person word opening
// the sentence, a relative clause, and a word of thriving (fit) or of
// struggling (non-fit), a negation before the first turning it round. It
// returns the section and the words that tell.
func personOutcome(words []string) (profile.SectionKey, string, bool) {
	if len(words) < 3 || !opensWithPerson(words) {
		return "", "", false
	}
	start, from := 0, 1
	switch {
	case relatives[words[0]]:
		// "Yang gampang bosan ...": the clause is the person.
	case !classes.has("person", words[0]) || relativeAt(words, 1) == 0:
		start = 1
		from = start + 1 + relativeAt(words, start+1)
	default:
		from = start + 1 + relativeAt(words, start+1)
	}
	who := words[start] + " yang"
	if relatives[words[0]] {
		who = words[0]
	}
	for i := from; i < len(words); i++ {
		w := words[i]
		// "tidak betah", "tidak akan betah", "tidak mudah menyerah".
		negated := classes.has("negation", words[i-1]) || i > 1 && classes.has("negation", words[i-2])
		thrives := classes.has("thrive", w)
		switch {
		case !thrives && !classes.has("struggle", w):
		case thrives != negated:
			return profile.Fit, who + " … " + w, true
		default:
			return profile.NonFit, who + " … " + w, true
		}
	}
	return "", "", false
}

// compareStems are the stems and words of the classes of comparing and
// likeness, for a quick look at whether a sentence may compare at all.
var compareStems = func() []string {
	var out []string
	for _, class := range []string{"compare", "alike", "resemble"} {
		for _, w := range evidenceLists[class].words {
			out = append(out, strings.TrimSuffix(w, "*"))
		}
	}
	return out
}()

// mayCompare reports whether lower holds a stem of comparing.
func mayCompare(lower string) bool {
	for _, stem := range compareStems {
		if strings.Contains(lower, stem) {
			return true
		}
	}
	return false
}

// lowerWords are the words of a lower-cased text: its runs of letters,
// digits, inner hyphens and apostrophes, as tokens reads them.
func lowerWords(lower string) []string {
	out := make([]string, 0, strings.Count(lower, " ")+1)
	start := -1 // where the current word starts, or -1
	for i, r := range lower {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '-' || r == '\'' || r == '’') && start >= 0:
			if start < 0 {
				start = i
			}
		case start >= 0:
			if w := strings.Trim(lower[start:i], "-'’"); isWord(w) {
				out = append(out, w)
			}
			start = -1
		}
	}
	if start >= 0 {
		if w := strings.Trim(lower[start:], "-'’"); isWord(w) {
			out = append(out, w)
		}
	}
	return out
}

// comparedNames are the professions a sentence sets the job beside in
// words namedRE does not list ("Jangan samakan pekerjaan ini dengan kepala
// panti asuhan", "letak perbedaan kader ... dengan bidan desa"), as
// written: the names after the link that comparesWith finds.
func comparedNames(text, title string) []string {
	low := lower(text)
	if !mayCompare(low) {
		return nil
	}
	why, _, ok := comparesWith(lowerWords(low))
	if !ok {
		return nil
	}
	linked := `\s+`
	verb, rest, ok := strings.Cut(why, " … ")
	if ok {
		link, _, _ := strings.Cut(rest, " ")
		linked = `(?:\s+\S+){0,` + fmt.Sprint(maxCompareGap) + `}?\s+` + regexp.QuoteMeta(link) + `\s+`
	} else {
		// A word of likeness right before the other job: "mirip pekerja sosial".
		verb, _, _ = strings.Cut(why, " ")
	}
	re, err := regexp.Compile(`(?i)(?:^|[^\pL])` + regexp.QuoteMeta(verb) + linked + `(?:` + introducePattern + `\s+)*` + namesPattern)
	if err != nil {
		return nil
	}
	m := re.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	var out []string
	for _, name := range listSepRE.Split(strings.TrimSpace(m[1]), -1) {
		if name = strings.TrimSpace(name); isProfessionName(name, title) {
			out = append(out, name)
		}
	}
	return out
}

// introducePattern is a word of the class "introduce".
var introducePattern = func() string {
	var words []string
	for w, cs := range classes {
		if cs["introduce"] {
			words = append(words, regexp.QuoteMeta(w))
		}
	}
	slices.Sort(words)
	return "(?:" + strings.Join(words, "|") + ")"
}()

// inheritHolders makes a belief whose holder is a bare quantifier ("Banyak
// yang membayangkan ...") the claim of those the sentence before named:
// after "Bagaimana dengan harapan para lulusan baru?", the newcomers'.
func (e *evidence) inheritHolders(before evidence) {
	m, x := indexOf(profile.Misconceptions), indexOf(profile.Expectations)
	k, other := m, x
	switch {
	case before.strong[x] && !before.strong[m]:
		k, other = x, m
	case !before.strong[m] || before.strong[x]:
		return
	}
	if !e.strong[other] || e.strong[k] {
		return
	}
	e.strong[k], e.score[k], e.cue[k] = true, e.score[other], "those the sentence before named"
	e.strong[other], e.score[other] = false, weakCue
}

// maxAlsoWords is how far into a sentence a word that adds to the one
// before may stand: before the verb of its belief.
const maxAlsoWords = 3

// alsoWords add to what the sentence before said (grammar.txt).
var alsoWords = lexicon.set("also")

// adds reports whether one of the first words of a lower-cased sentence
// adds to the sentence before ("Ada juga yang ...", "Sebagian juga ...").
func adds(lower string) bool {
	for i, w := range strings.Fields(lower[:wordOffset(lower, maxAlsoWords)]) {
		if i > 0 && alsoWords[strings.Trim(w, ",")] {
			return true
		}
	}
	return false
}

// maxBareWords is how many words a bare quantifier and its verb of belief
// run to ("Tak sedikit pula yang menyangka").
const maxBareWords = 6

// bareHolder reports whether words open with a quantifier of people
// without a noun and a verb of belief: "Banyak yang membayangkan",
// "Sebagian juga mengira", "Ada pula yang menyangka".
func bareHolder(words []string) bool {
	if len(words) > 0 && classes.has("negation", words[0]) {
		// "Tak sedikit yang menyangka ...".
		words = words[1:]
	}
	if len(words) == 0 || !classes.has("quantifier", words[0]) && !existentials[words[0]] {
		return false
	}
	for _, w := range words[1:] {
		switch {
		case classes.has("believe", w):
			return true
		case !relatives[w] && !alsoWords[w] && !classes.has("adverb", w) && !classes.has("quantifier", w) && !classes.has("negation", w):
			return false
		}
	}
	return false
}

// existentials say there are some: "Ada yang mengira ...".
var existentials = lexicon.set("existential")
