package parser

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// The regexps of a comparison, built from the words of comparisons.txt,
// focus.txt and grammar.txt.
var (
	// contrastRE splits a comparison at the turn to the other profession.
	contrastRE = regexp.MustCompile(lexicon.pattern(`(?i)(?:[,;]\s*|\.\s+|\s+)(?:{contrast}|{contrast-clause})(?:\s*,\s*|\s+)`))
	// contrastOpenerRE opens a sentence that turns to another subject
	// ("Adapun pekerja sosial adopsi menyiapkan ...").
	contrastOpenerRE = regexp.MustCompile(lexicon.pattern(`(?i)^(?:{contrast}|{contrast-opener})\s*,?\s+`))
	// connectiveRE is a word that joins a clause to the one before it.
	connectiveRE = regexp.MustCompile(lexicon.pattern(`(?i)^{connective}\s+`))
	// focusRE is where a clause starts to say what a job focuses on.
	focusRE = regexp.MustCompile(lexicon.pattern(`(?i)\b(?:{more}\s+)?{focus}(?:\s+{relative})?(?:\s+{more})?(?:\s+{exact})?\s+{focus-on}\s+|\b{stress}(?:\s+{stress-on})?\s+`))
	// predicateRE is the first word of what a clause says about its
	// subject.
	predicateRE = regexp.MustCompile(lexicon.pattern(`(?i)\b{clause-predicate}\b`))
	// otherFirstRE is a comparison that describes the other profession
	// first: "Berbeda dengan pendamping sosial yang <other focus>, <this
	// focus>".
	otherFirstRE = regexp.MustCompile(lexicon.pattern(`(?i)^{differ}\s+{from}\s+[^,]*?\b{relative}\s+([^,]+),\s*(.+)$`))
	// listSepRE splits a list of names: "Konselor dan Guru BK".
	listSepRE = regexp.MustCompile(lexicon.pattern(`(?i)\s*,?\s+{list-and}\s+|\s*,\s*`))
)

// professionRE finds the similar profession the comparison names.
var professionRE = compileAll(
	`(?i)\b{job-noun}(?:\s+{other})?(?:\s+{relative})?\s+{similar}\s*,?\s*{for-example}\s+(?:{article}\s+)?([^,.;]+?)(?:\s*[,.;]|\s+{example-end}\b)`,
	`(?i)^(?:{if}\s+)?{compare-verb}(?:\s+{with})?\s+(?:{name-article}\s+)?([^,.;]+?)(?:\s*[,.;]|\s+{compared-end}\b)`,
	`(?i)^{differ}\s+{from}\s+(?:{name-article}\s+)?([^,.;]+?)(?:\s*[,.;]|\s+{compared-end}\b)`,
	`(?i)\b{set-apart}\s+.+?\s+{from}\s+(?:{name-article}\s+)?([^,.;]+?)(?:\s*[,.;]|\s+{difference-end}\b)`,
	`(?i)\b{between}\s+(?:{name-article}\s+)?([^,.;]+?)(?:\s*[,.;]|\s+{difference-end}\b)`,
)

// professionGates and namedGates pass over the sentences professionRE
// and namedRE cannot match.
var professionGates, namedGates = gatesOf(professionRE), gatesOf(namedRE)

// namedRE finds the professions a comparison names, most specific first:
// a list after "profesi serupa seperti", the object of a verb of comparing,
// what "membedakan X" sets X apart from, and any "antara"/"dengan" phrase.
var namedRE = compileAll(
	`(?i)\b(?:{similar}|{touching})\s*,?\s*(?:{for-example}|{among-others})\s+{names}`,
	`(?i)\b{compared-with}\s+{from}\s+{names}`,
	// "Tidak seperti perawat gerontik yang ...", "mirip konsultan pembangunan".
	`(?i)\b{like}\s+{names}`,
	`(?i)\b{set-apart}\s+.+?\s+{from}\s+{names}`,
	`(?i)\b{between}\s+{names}{difference-end}\b`,
	// "X dan Y sering dianggap sama".
	`(?i)^((?:\pL+\s+){1,5}?{and}\s+(?:\pL+\s+){1,4}?)(?:{often}\s+)?{seen-as}\s+{alike}\b`,
	// "Kalau petugas humas menyampaikan ..., <this job> justru ...",
	// "Kalau guru les privat datang ...".
	`(?i)^(?:{if-spoken}|{if})\s+((?:\pL+\s+){1,4}?)(?:(?:{verb-prefix}|{passive-prefix})\pL+|{bare-verb})\b`,
	// "Kalau pelayan restoran, mereka cuma ...".
	`(?i)^(?:{if-spoken}|{if})\s+((?:\pL+\s+){0,3}\pL+),\s+{pronoun}\b`,
	// "Dibandingkan software developer, ...", "Kalau dibandingkan sama
	// perawat, ...".
	`(?i)^(?:(?:{if-spoken}|{if})\s+)?{compare-verb}(?:\s+{from})?\s+{names}`,
	// "Sama sopir truk ekspedisi juga beda: ...".
	`(?i)^{from}\s+((?:\pL+\s+){0,4}?\pL+)\s+(?:{verb-adverb}\s+)?{differ-word}\b`,
	// "Notaris juga sering merangkap sebagai PPAT, ...".
	`(?i)\b{doubles-as}\s+{names}`,
	// "Ia juga bukan tukang taman: ...".
	`(?i)^{pronoun}\s+(?:{verb-adverb}\s+)?{is-not}\s+{names}`,
)

// namesPattern captures a list of names: up to a mark or a word that starts
// the rest of the clause. Patterns name it "{names}".
var namesPattern = lexicon.pattern(`(?:{name-intro}\s+)*([^,.;:?!"“]+?)(?:\s*[,.;:?!]|\s+{name-end}\b|\s*$)`)

// compileAll compiles the patterns of the lexicon, where "{names}" stands
// for namesPattern.
func compileAll(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(lexicon.pattern(strings.ReplaceAll(p, "{names}", namesPattern)))
	}
	return out
}

// acronymRE is a short form in brackets that closes a name: "(DPMD)",
// "(Satpol PP)".
var acronymRE = regexp.MustCompile(`\s*\(\p{Lu}[\pL\d -]{0,15}\)$`)

// namedProfessions returns the professions a sentence compares the job
// with, as written, leaving out the job itself and words that only point
// to a profession ("profesi yang mirip", "mereka").
func namedProfessions(text, title string) []string {
	low := lower(text)
	for i, re := range namedRE {
		if !namedGates[i].open(low) {
			continue
		}
		var out []string
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			names := strings.TrimSpace(m[1])
			if loc := acronymRE.FindStringIndex(names); loc != nil {
				// "Kepala Dinas Pemberdayaan Masyarakat dan Desa (DPMD)":
				// an acronym in brackets closes one name, "dan" and all.
				names = strings.TrimSpace(names[:loc[0]])
				if n := len(strings.Fields(names)); n > 0 && n <= maxNameWords && !notANameStart[strings.ToLower(strings.Fields(names)[0])] && !strings.EqualFold(names, title) {
					out = append(out, names)
				}
				continue
			}
			for _, name := range listSepRE.Split(names, -1) {
				if name = strings.TrimSpace(name); isProfessionName(name, title) {
					out = append(out, name)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// notANameStart are words that only point to a profession the text does not
// name: "profesi lain", "yang serupa".
var notANameStart = lexicon.set("not-a-name")

// maxNameWords is the longest name an acronym in brackets vouches for.
const maxNameWords = 8

// isProfessionName reports whether name, found where a comparison names
// the other profession, is one: not the job itself, not a pronoun, not a
// word that only points to a profession ("profesi yang mirip", "lain").
func isProfessionName(name, title string) bool {
	words := strings.Fields(strings.ToLower(name))
	switch {
	case len(words) == 0 || len(words) > 5, strings.EqualFold(name, title), isPronoun(name), notANameStart[words[0]]:
		return false
	case titleIntroductions[words[0]]:
		return len(words) > 1 && !notANameStart[words[1]]
	}
	return true
}

// comparisonItems reads the comparisons: a sentence that names professions
// opens a group, the sentences after it that name none belong to it, and
// each profession of a group becomes an item with the group's two foci.
// summary is the text's first sentence: what the job does when the
// comparison only describes the other profession. It warns of a comparison
// that names no profession or leaves the other side out.
func comparisonItems(sentences []profile.Sentence, title, summary string) ([]profile.Comparison, []profile.Warning) {
	items := []profile.Comparison{}
	var warnings []profile.Warning
	type group struct {
		names []string
		texts []string
		line  int
	}
	var groups []*group
	named := 0 // groups that name a profession: each makes an item at least
	for _, s := range sentences {
		names := namedProfessions(s.Text, title)
		if len(names) == 0 {
			names = comparedNames(s.Text, title)
		}
		if len(names) == 0 && (len(groups) == 0 || len(groups[len(groups)-1].names) == 0 || contrastOpenerRE.MatchString(s.Text) || mayCompare(lower(s.Text))) {
			// A subject names a profession where none is named yet, where
			// the sentence turns to another one ("Adapun ...") or where it
			// compares ("Technical writer juga kerap disamakan ...").
			var named []string
			if len(groups) > 0 {
				named = groups[len(groups)-1].names
			}
			names = subjectProfession(s.Text, title, named)
		}
		if len(groups) == 0 || len(names) > 0 && len(groups[len(groups)-1].names) > 0 {
			if named >= maxComparisons {
				// The items are full; see the loop below.
				break
			}
			groups = append(groups, &group{line: s.Line})
		}
		g := groups[len(groups)-1]
		if len(g.names) == 0 && len(names) > 0 {
			g.names = names
			named++
		}
		g.texts = append(g.texts, s.Text)
	}
	for _, g := range groups {
		if len(items) >= maxComparisons {
			// No profile compares with more; a text that seems to is no
			// profile, and reading on would only cost its sender's time.
			break
		}
		text := strings.Join(g.texts, " ")
		c := comparison(text, title)
		if len(g.names) == 0 && isProfessionName(c.Profession, title) {
			g.names = []string{c.Profession}
		}
		if len(g.names) == 0 {
			warnings = append(warnings, profile.Warning{Section: profile.Comparisons, Line: g.line,
				Detail: "comparison without a profession: name the profession the job is compared with"})
			continue
		}
		for _, name := range g.names {
			item := profile.Comparison{Profession: name, ThisFocus: c.ThisFocus, OtherFocus: c.OtherFocus}
			if other := otherFocus(g.texts, name, title); other != "" {
				item.OtherFocus = other
			}
			_, otherFirst := cutPrefixFold(g.texts[0], name)
			if item.ThisFocus == "" || otherFirst || overlaps(item.ThisFocus, item.OtherFocus) || sameStart(item.ThisFocus, g.texts[0]) {
				// A comparison that opens with the other profession says
				// what the job does after it.
				item.ThisFocus = thisFocus(g.texts, name, title, summary)
			}
			if item.OtherFocus == "" {
				// The text says only how the job differs: the item keeps
				// the profession and says so, and a warning asks for more.
				item.OtherFocus = unstatedFocus
				warnings = append(warnings, profile.Warning{Section: profile.Comparisons, Line: g.line,
					Detail: fmt.Sprintf("the text does not say what %s does or focuses on", name)})
			}
			items = append(items, item)
		}
	}
	return items, warnings
}

// maxComparisons is the most compared professions a text is read for.
const maxComparisons = 12

// subjectProfession is the other profession a comparison sentence opens
// with as its subject ("Perawat puskesmas juga mendatangi ...", "Pengantar
// kerja di Disnaker melayani ..."): none if the subject is the job itself
// (its words are all in the title) or a profession already named (its
// words are all in that name). A name capitalised only because it opens
// the sentence is written as inside one ("konselor adiksi").
func subjectProfession(text, title string, named []string) []string {
	subject := subjectOf(text)
	if loc := contrastOpenerRE.FindStringIndex(text); loc != nil && len(subject) == 0 {
		// "Adapun kolumnis menulis ...": after the turn, a word that
		// names a job may be the whole name.
		if toks := tokens(text[loc[1]:wordOffset(text, maxTitleWords)]); len(toks) > 1 && isJobNoun(strings.ToLower(toks[0])) && startsPredicate(toks, 1) {
			subject = toks[:1]
		}
	}
	if len(subject) == 0 || wordsWithin(subject, strings.Fields(title)) {
		return nil
	}
	for _, n := range named {
		if wordsWithin(subject, strings.Fields(n)) {
			return nil
		}
	}
	name := strings.Join(subject, " ")
	if !isProfessionName(name, title) {
		return nil
	}
	return []string{asInsideSentence(name)}
}

// asInsideSentence writes a name that opens a sentence the way it reads
// inside one: its first capital is the sentence's, not the name's, unless
// the name is written as a title ("Pekerja Sosial") or opens with an
// acronym. The rest may hold acronyms ("Pendamping PKH": "pendamping
// PKH").
func asInsideSentence(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 || isAcronym(words[0]) {
		return name
	}
	for _, w := range words[1:] {
		if w != strings.ToLower(w) && !isAcronym(w) {
			return name
		}
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToLower(r)) + name[size:]
}

// wordsWithin reports whether every word of words is one of names,
// ignoring case.
func wordsWithin(words, names []string) bool {
	for _, w := range words {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, w) }) {
			return false
		}
	}
	return true
}

// subjectOf is the subject that opens a sentence naming a job, past a word
// that turns to another subject ("Adapun pekerja sosial adopsi ..."); the
// subject and its predicate stand in its first words.
func subjectOf(text string) []string {
	if loc := contrastOpenerRE.FindStringIndex(text); loc != nil {
		text = text[loc[1]:]
	}
	return subjectName(tokens(text[:wordOffset(text, maxTitleWords+maxQualifierWords+4)]))
}

// unstatedFocus stands for the focus of a compared profession the text does
// not describe.
const unstatedFocus = "(tidak disebutkan dalam teks)"

// focusCopulas end the clause of a comparison that names its sides ("Bedanya
// adalah ..."). relativeAfterName and verbAfterName follow a profession's
// name in the regexps of otherFocus: a relative clause ("penyuluh agama,
// yang memberikan ..."), and a place, adverbs and an active verb ("petugas
// humas di kecamatan juga menyampaikan ...").
var (
	focusCopulas      = lexicon.words("focus-copula")
	relativeAfterName = lexicon.pattern(`(?:\s*\([^)]*\))?\s*,?\s+{relative}\s+([^,.;]+)`)
	verbAfterName     = lexicon.pattern(`(?:\s+{at}\s+[\pL-]+)?(?:\s+{verb-adverb})*\s+({verb-prefix}[^,.;:]+)`)
)

// otherFocus is what the text says of the other profession: the relative
// clause after its name ("penyuluh agama, yang memberikan ..."), or the
// predicate of a sentence that starts with it ("Penyuluh koperasi membina
// ...").
func otherFocus(texts []string, name, title string) string {
	rel := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(name) + relativeAfterName)
	for _, t := range texts {
		if m := rel.FindStringSubmatch(t); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	head := strings.Fields(name)[0]
	for _, t := range texts {
		// "..., tetapi konsultan biasanya dikontrak untuk ...".
		for _, clause := range strings.Split(t, ", ")[1:] {
			if rest, ok := namedClause(clause, name, title); ok {
				return focus(rest, "")
			}
		}
	}
	for _, t := range texts[1:] {
		rest, ok := cutPrefixFold(t, name)
		if !ok {
			// "Perawat memberi ..." after "... perawat puskesmas?".
			rest, ok = cutPrefixFold(t, head+" ")
		}
		if ok {
			rest = strings.TrimLeft(rest, " ,")
			if loc := contrastRE.FindStringIndex(rest); loc != nil {
				rest = rest[:loc[0]]
			}
			if loc := verbRE.FindStringIndex(rest); loc != nil && loc[0] == 0 {
				// The predicate follows the name: up to the next clause.
				clause, _, _ := strings.Cut(rest, ",")
				return focus(clause, "")
			}
			return focus(rest, "")
		}
	}
	// "Kalau petugas humas menyampaikan informasi ..., ...".
	verb := regexp.MustCompile(`(?i)\b(?:` + regexp.QuoteMeta(name) + `|` + regexp.QuoteMeta(head) + `)` + verbAfterName)
	for _, t := range texts {
		if m := verb.FindStringSubmatch(t); m != nil {
			return focus(m[1], "")
		}
	}
	return ""
}

// thisFocus is what the first sentence of a comparison says of the job
// itself: the clause after the one that names the other profession
// ("Dibandingkan dengan X, <job> lebih ..."), or else a later sentence of
// the comparison that opens with the job, or else the summary's. Once a
// clause speaks of the other profession, the rest of its sentence does too.
func thisFocus(texts []string, name, title, summary string) string {
	first := texts[0]
	if i := strings.Index(lower(first), lower(name)); i >= 0 {
		rest := first[i+len(name):]
		for {
			j := strings.Index(rest, ", ")
			if j < 0 {
				break
			}
			rest = connectiveRE.ReplaceAllString(rest[j+2:], "")
			if _, other := namedClause(rest, name, title); other || startsWithPronoun(rest) {
				// "..., tetapi ia datang untuk ...": still the other.
				break
			}
			if _, relative := cutWord(strings.ToLower(rest), relatives); !relative {
				if f := focus(rest, title); f != "" && (f != strings.TrimSpace(rest) || predicateRE.MatchString(rest)) {
					return f
				}
			}
		}
	}
	for _, t := range texts[1:] {
		if namesJob(t, title) {
			return focus(t, title)
		}
	}
	f := focus(summary, title)
	if loc := copulaRE.FindStringIndex(f); loc != nil && loc[0] == 0 {
		f = f[loc[1]:]
	}
	return f
}

// startsWithPronoun reports whether a clause opens with a pronoun for a
// person ("ia datang ..."), who is the subject of the clause before.
func startsWithPronoun(clause string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(clause), " ")
	return isPronoun(first) && !equalFoldAny(first, demonstratives)
}

// namedClause reports whether a clause, after the word that joins it,
// opens with the other profession's name, or its first word when the job's
// title does not start with it too, and returns what it says of it.
func namedClause(clause, name, title string) (string, bool) {
	clause = connectiveRE.ReplaceAllString(strings.TrimSpace(clause), "")
	names := []string{name + " "}
	if head := strings.Fields(name)[0]; !namesJob(head, title) {
		names = append(names, head+" ")
	}
	for _, n := range names {
		if rest, ok := cutPrefixFold(clause, n); ok {
			return rest, true
		}
	}
	return "", false
}

// overlaps reports whether one focus is the other cut short: the same
// clause read for both sides.
func overlaps(a, b string) bool {
	return b != "" && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a))
}

// sameStart reports whether a focus is only the sentence it came from,
// with its subject and lead-in still on.
func sameStart(focus, sentence string) bool {
	f, s := strings.Fields(focus), strings.Fields(sentence)
	return len(f) >= 3 && len(s) >= 3 && strings.EqualFold(strings.Join(f[:3], " "), strings.Join(s[:3], " "))
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return "", false
}

func comparison(text, title string) profile.Comparison {
	var c profile.Comparison
	low := lower(text)
	for i, re := range professionRE {
		if !professionGates[i].open(low) {
			continue
		}
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			name := strings.TrimSpace(m[1])
			if name != "" && !strings.EqualFold(name, title) && !isPronoun(name) && len(strings.Fields(name)) <= 5 {
				c.Profession = name
				break
			}
		}
		if c.Profession != "" {
			break
		}
	}
	this, other := text, ""
	if loc := contrastRE.FindStringIndex(text); loc != nil {
		this, other = text[:loc[0]], text[loc[1]:]
		if namesJob(other, title) {
			// "..., tetapi X hanya ..., sementara <this job> ...".
			this, other = other, this
		}
	}
	if m := otherFirstRE.FindStringSubmatch(text); m != nil && other == "" {
		this, other = m[2], m[1]
	}
	if c.Profession == "" && other != "" {
		if loc := predicateRE.FindStringIndex(other); loc != nil && loc[0] > 0 {
			c.Profession = strings.TrimSpace(other[:loc[0]])
		} else if loc := verbRE.FindStringIndex(other); loc != nil && loc[0] > 0 && len(strings.Fields(other[:loc[0]])) <= 4 {
			// "Peneliti di universitas menulis ..., sementara <job> ...".
			c.Profession = strings.TrimSpace(other[:loc[0]])
		}
		if strings.HasPrefix(text, c.Profession) {
			c.Profession = asInsideSentence(c.Profession)
		}
	}
	for _, c := range focusCopulas {
		if i := strings.Index(lower(this), " "+c+" "); i >= 0 {
			this, _ = cutWord(this[i+len(c)+2:], thats)
			break
		}
	}
	c.ThisFocus = focus(this, title)
	c.OtherFocus = focus(other, c.Profession)
	return c
}

// focus is what a clause says its subject concentrates on: the words after
// "fokus pada", or else the predicate without the subject, whether the
// clause names it in full or in short ("Direktur" for the director's title).
func focus(clause, subject string) string {
	clause = strings.TrimSpace(clause)
	words, names := strings.Fields(clause), strings.Fields(subject)
	n := 0
	for n < len(words) && n < len(names) && strings.EqualFold(words[n], names[n]) {
		n++
	}
	if n > 0 && n < len(words) {
		clause = strings.Join(words[n:], " ")
	}
	if loc := focusRE.FindStringIndex(clause); loc != nil {
		clause = clause[loc[1]:]
	} else if loc := predicateRE.FindStringIndex(clause); loc != nil {
		clause = clause[loc[0]:]
	}
	if i := strings.Index(clause, ". "); i >= 0 {
		clause = clause[:i]
	}
	return strings.TrimRightFunc(strings.TrimSpace(clause), func(r rune) bool { return isTerminator(r) || r == ',' || r == ';' || r == ':' })
}

// namesJob reports whether a clause opens with the job itself: its title,
// the title's first word or the reader being addressed.
func namesJob(clause, title string) bool {
	words := strings.Fields(strings.ToLower(clause))
	titleWords := strings.Fields(strings.ToLower(title))
	return len(words) > 0 && len(titleWords) > 0 && (words[0] == titleWords[0] || addressees[words[0]])
}
