package parser

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// The verbs of the genre's predicates, told by their prefixes in
// affixes.txt.
var (
	// meVerbRE is an active verb in me-, the way a predicate starts
	// ("mengajak", "memimpin", "menyusun"), but not a noun that only looks
	// like one ("mental", "medis", "menu"); or its spoken form ("ngecek").
	meVerbRE = regexp.MustCompile(lexicon.pattern(`^(?:{active-me}|{spoken-active})\pL{2,}$`))
	// activeVerbRE is a word with the prefix of an active verb, in me- or
	// ber- ("mendampingi", "memastikan", "bertugas").
	activeVerbRE = regexp.MustCompile(lexicon.pattern(`^(?:{active-me}|{active-ber})\pL{2,}$`))
	// verbRE is an active verb inside a clause: the genre's predicates
	// start with me-, ber- or ter-.
	verbRE = regexp.MustCompile(lexicon.pattern(`(?i)\b{verb-prefix}\pL{3,}\b`))
	// passiveRE is a verb in the passive ("dikira").
	passiveRE = regexp.MustCompile(lexicon.pattern(`^{passive-prefix}`))
)

// affix is what an affix of affixes.txt puts before a stem and after it:
// "per-an" is {"per", "an"}, "-kan" {"", "kan"}.
type affix struct{ prefix, suffix string }

// affixes is the list called name as affixes. An entry without exactly
// one hyphen panics, as it says nothing of where it attaches.
func (l *wordLists) affixes(name string) []affix {
	list := l.list(name)
	out := make([]affix, len(list.words))
	for i, w := range list.words {
		prefix, suffix, ok := strings.Cut(w, "-")
		if !ok || strings.Contains(suffix, "-") || strings.Contains(w, "_") {
			panic(fmt.Sprintf("%s: the list %s holds %q; it wants affixes such as \"di-\", \"-kan\", \"per-an\"", list.at, name, w))
		}
		out[i] = affix{prefix, suffix}
	}
	return out
}

// The affixes of affixes.txt.
var (
	stemPrefixes     = lexicon.affixes("stem-prefix")
	stemSuffixes     = lexicon.affixes("stem-suffix")
	stemCircumfixes  = lexicon.affixes("stem-circumfix")
	agentPrefixes    = lexicon.affixes("agent-prefix")
	notAgentSuffixes = lexicon.affixes("not-agent-suffix")
)

// affixedForms are the forms Indonesian builds on a stem: the stem itself
// and its forms with each prefix and with meN-, each with or without each
// suffix, and its forms with each circumfix ("nilai": menilai; "kira":
// mengira; "pandang": memandang; "timbang": menimbang; "sangka":
// menyangka; "anggap": beranggapan, anggapan).
func affixedForms(stem string) []string {
	bases := []string{stem}
	for _, p := range stemPrefixes {
		bases = append(bases, p.prefix+stem)
	}
	bases = append(bases, meN(stem))
	var out []string
	for _, base := range bases {
		out = append(out, base)
		for _, s := range stemSuffixes {
			out = append(out, base+s.suffix)
		}
	}
	for _, c := range stemCircumfixes {
		out = append(out, c.prefix+stem+c.suffix)
	}
	return append(out, spokenForms(stem)...)
}

// The affixes and the vowel of spoken Indonesian (affixes.txt).
var (
	spokenDrop     = lexicon.affixes("spoken-drop")
	spokenPrefixes = lexicon.affixes("spoken-prefix")
	spokenSuffixes = lexicon.affixes("spoken-suffix")
	spokenVowel    = lexicon.words("spoken-last-vowel")
)

// spokenForms are the forms spoken Indonesian builds on a stem: meN-
// without its me-, nge-, each with or without -in, on the stem as written
// and as spoken ("anggap": nganggep, nganggepin; "kira": ngira; "sama":
// nyamain).
func spokenForms(stem string) []string {
	var out []string
	for _, st := range []string{stem, spokenStem(stem)} {
		bases := []string{st, meN(st)}
		for _, d := range spokenDrop {
			bases[1] = strings.TrimPrefix(bases[1], d.prefix)
		}
		for _, p := range spokenPrefixes {
			bases = append(bases, p.prefix+st)
		}
		for _, base := range bases {
			out = append(out, base)
			for _, s := range spokenSuffixes {
				out = append(out, base+s.suffix)
			}
		}
	}
	return out
}

// spokenStem is a stem with the vowel of its last closed syllable as spoken
// ("anggap": anggep, "harap": harep); the stem itself if it has none.
func spokenStem(stem string) string {
	if len(spokenVowel) != 2 || len(stem) < 3 {
		return stem
	}
	written, spoken := spokenVowel[0], spokenVowel[1]
	last := stem[len(stem)-1:]
	if strings.HasSuffix(stem[:len(stem)-1], written) && !vowels[last] {
		return stem[:len(stem)-1-len(written)] + spoken + last
	}
	return stem
}

// isAgentNoun reports whether a lower-cased word is an agent noun in pe-
// ("penyuluh", not "pelayanan").
func isAgentNoun(word string) bool {
	return slices.ContainsFunc(agentPrefixes, func(a affix) bool { return strings.HasPrefix(word, a.prefix) }) &&
		!slices.ContainsFunc(notAgentSuffixes, func(a affix) bool { return strings.HasSuffix(word, a.suffix) }) &&
		utf8.RuneCountInString(word) >= 6
}

//go:embed nasal.txt
var nasalText string

// nasals is nasal.txt read once; a malformed line of the embedded file is
// a programming error that every test run catches at start-up.
var nasals = must(parseNasals(nasalText))

// nasal is a form of meN- and whether it replaces the stem's first letter.
type nasal struct {
	form    string
	replace bool
}

// nasalTable is the form of meN- by a stem's first letter, and the form
// of any other letter.
type nasalTable struct {
	byLetter map[rune]nasal
	other    nasal
}

// parseNasals reads the format of nasal.txt.
func parseNasals(text string) (nasalTable, error) {
	lists, err := parseWordLists("nasal.txt", text, func(_, w string) string {
		letter := strings.TrimPrefix(w, "-")
		if w != "*" && (utf8.RuneCountInString(letter) != 1 || letter < "a" || letter > "z") {
			return `want one letter, "-" and a letter, or "*"`
		}
		return ""
	})
	if err != nil {
		return nasalTable{}, err
	}
	t := nasalTable{byLetter: map[rune]nasal{}}
	others := 0
	forms := make([]string, 0, len(lists))
	for form := range lists {
		forms = append(forms, form)
	}
	slices.Sort(forms)
	for _, form := range forms {
		for _, w := range lists[form].words {
			if w == "*" {
				t.other, others = nasal{form: form}, others+1
				continue
			}
			letter, _ := utf8.DecodeRuneInString(strings.TrimPrefix(w, "-"))
			if _, ok := t.byLetter[letter]; ok {
				return nasalTable{}, fmt.Errorf("%s: %q stands under two forms", lists[form].at, letter)
			}
			t.byLetter[letter] = nasal{form: form, replace: strings.HasPrefix(w, "-")}
		}
	}
	if others != 1 {
		return nasalTable{}, fmt.Errorf(`nasal.txt: want one form for "*", not %d`, others)
	}
	return t, nil
}

// meN is the active prefix meN- on a stem, in the form its first letter
// takes.
func meN(stem string) string {
	r, size := utf8.DecodeRuneInString(stem)
	n, ok := nasals.byLetter[r]
	if !ok {
		n = nasals.other
	}
	if n.replace {
		return n.form + stem[size:]
	}
	return n.form + stem
}
