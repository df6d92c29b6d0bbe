package parser

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/karir/karir/internal/profile"
)

// The regexps of a claim and its reality, built from the words of
// claims.txt and grammar.txt.
var (
	// turnRE finds where a myth or expectation turns to the reality inside
	// a sentence (", padahal sebenarnya", ", namun dalam realita,", ";
	// faktanya").
	turnRE = regexp.MustCompile(lexicon.pattern(`(?i)(?:[,;:]\s*|\s+)(?:{turn-but}\s*,?\s*)?(?:{reality-in}\s+)?{reality}\s*,?\s*|(?i)(?:[,;:]\s*|\s+){turn-alone}\s*,?\s+`))
	// copulaRE ends a lead-in that names the claim before stating it:
	// "Miskonsepsi tentang X adalah (menganggap) (bahwa)".
	copulaRE = regexp.MustCompile(lexicon.pattern(`(?i)\b{copula}\s+(?:{deem}\s+)?(?:{that}\s+)?`))
	// thatRE ends a lead-in that reports a belief: "... menduga bahwa".
	thatRE = regexp.MustCompile(lexicon.pattern(`(?i)^(?:[^,;]*,\s*)?[^,;]*?\b{that}\s+`))
	// believerRE is a lead-in of a holder and a verb of belief without
	// "bahwa": "Sebagian warga menyangka ...". The verb goes with the
	// holder; a verb of hope ("membayangkan honor yang besar") stays, as it
	// is the claim's own.
	believerRE = regexp.MustCompile(lexicon.pattern(`(?i)^(?:\S+\s+){0,10}?(?:{belief-adverb}\s+)*(?:{belief-verb}\s+|({hope-verb})\s)`))
	// verdictRE is a closing judgement on the claim: "... juga keliru".
	verdictRE = regexp.MustCompile(lexicon.pattern(`(?i)\s+(?:{verdict-lead}\s+)?{verdict}\s*[.!]?$`))
	// announceRE is a sentence that announces several claims without
	// stating one ("Ada dua bayangan keliru yang sering dibawa petugas
	// baru."): the claims follow, each its own item.
	announceRE = regexp.MustCompile(lexicon.pattern(`(?i)\b{claim-count}\s+(?:\pL+\s+)?{claim-noun}\b[^:]*[.!]$`))
)

// contrast is one myth or expectation with its reality, and the line it
// starts on.
type contrast struct {
	claim, reality string
	line           int
}

// contrasts groups a misconceptions or expectations section into items. A
// sentence with a strong cue of the section opens an item once the one
// before has its reality; the reality is what follows the turn, in the same
// sentence or the next ones. An item the text never answers is kept with an
// empty reality, for the warnings; the items only hold whole ones.
func contrasts(placements []Placement, section profile.SectionKey) []contrast {
	var groups [][]profile.Sentence
	var real []bool // whether each group already holds its reality
	opens := func(p Placement) bool {
		return (p.evidence.strong[indexOf(section)] || statesBelief(p.Text)) && !p.evidence.turn
	}
	for i, p := range placements {
		if p.Section != section || announceRE.MatchString(p.Text) {
			continue
		}
		if p.evidence.question && (len(groups) == 0 || real[len(real)-1]) &&
			i+1 < len(placements) && placements[i+1].Section == section && opens(placements[i+1]) {
			// "Bagaimana dengan bayanganmu sendiri?" leads into the claim
			// after it; it is no claim of its own.
			continue
		}
		opensItem := opens(p)
		if len(groups) == 0 || opensItem && real[len(real)-1] {
			groups, real = append(groups, nil), append(real, claimHasReality(p.Text))
		} else if !real[len(real)-1] {
			// A terse verdict ("Salah.") turns to the reality but is none.
			real[len(real)-1] = withoutTurn(p.Text) != ""
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], p.Sentence)
	}
	out := make([]contrast, 0, len(groups))
	for _, g := range groups {
		first := g[0].Text
		var rest []string
		for _, s := range g[1:] {
			if withoutTurn(s.Text) != "" {
				// A terse verdict ("Keliru.") is no part of the reality.
				rest = append(rest, s.Text)
			}
		}
		claim, reality := first, strings.Join(rest, " ")
		if loc := turnRE.FindStringIndex(first); loc != nil && loc[0] > 0 {
			claim, reality = first[:loc[0]], strings.TrimSpace(first[loc[1]:]+" "+reality)
		} else {
			reality = withoutTurn(reality)
		}
		out = append(out, contrast{claim: statement(claimText(claim)), reality: statement(reality), line: g[0].Line})
	}
	return out
}

// maxHolderWords is how far into a sentence a verb of belief may stand to
// open a claim: after its holder ("Tidak sedikit pula yang menyangka").
const maxHolderWords = 6

// statesBelief reports whether a sentence opens with someone holding a
// belief or a hope: a holder of a few words, then a verb of belief.
func statesBelief(text string) bool {
	return believesAtStart(lower(text))
}

// believesAtStart is statesBelief of a lower-cased sentence.
func believesAtStart(l string) bool {
	// Only the first words can hold the verb; a phrase of belief runs a
	// few words past it ("anggapan lain bahwa").
	if at := wordOffset(l, maxHolderWords+4); at < len(l) {
		l = l[:at]
	}
	for _, re := range vocabulary.belief {
		if at, _ := find(re, l); at >= 0 && len(strings.Fields(l[:at])) <= maxHolderWords {
			return true
		}
	}
	return false
}

// wordOffset is where the word after the first n words of s starts, or
// len(s) if s has no more words.
func wordOffset(s string, n int) int {
	words, inWord := 0, false
	for i, r := range s {
		switch {
		case r == ' ':
			inWord = false
		case !inWord:
			if words == n {
				return i
			}
			words, inWord = words+1, true
		}
	}
	return len(s)
}

// maxLeadInWords is how long a lead-in before a comma that reports a claim
// may be ("Kata banyak orang,", "Di mata publik,").
const maxLeadInWords = 4

// claimText is a claim without the lead-in that names or reports it and
// without a closing verdict.
func claimText(claim string) string {
	if label, rest, ok := strings.Cut(claim, ":"); ok && (len(strings.Fields(label)) <= 3 && hasClaimNoun(lower(label)) || len(strings.Fields(label)) <= maxHolderWords && statesBelief(label)) {
		// "Ekspektasi: ...", "Mitos: ...", "Harapan lain yang sering
		// muncul: ...".
		claim = strings.TrimSpace(rest)
	} else if label, rest, ok := strings.Cut(claim, ","); ok && len(strings.Fields(label)) <= maxLeadInWords && hasClaimNoun(lower(label)) {
		// "Kata orang, ...", "Di mata publik, ...": who says so is no part
		// of what they say.
		claim = strings.TrimSpace(rest)
	}
	switch {
	case thatRE.MatchString(claim):
		claim = thatRE.ReplaceAllString(claim, "")
	case copulaRE.MatchString(claim) && namesClaim(claim[:copulaRE.FindStringIndex(claim)[0]]):
		claim = claim[copulaRE.FindStringIndex(claim)[1]:]
	default:
		if m := believerRE.FindStringSubmatchIndex(claim); m != nil {
			if m[2] >= 0 {
				claim = claim[m[2]:]
			} else {
				claim = claim[m[1]:]
			}
		}
	}
	return verdictRE.ReplaceAllString(claim, "")
}

// namesClaim reports whether the words before a copula name the claim
// ("Miskonsepsi tentang X adalah ..."), not state who holds it: after a
// verb of belief ("... sering mengira tugas utamanya adalah menata map"),
// the copula is the claim's own.
func namesClaim(lead string) bool {
	if m := believerRE.FindStringIndex(lead); m != nil && m[1] < len(lead) {
		return false
	}
	return hasClaimNoun(lower(lead))
}

// hasClaimNoun reports whether a lead-in names a claim ("Miskonsepsi
// tentang X", "Harapan yang salah"), so that what follows its copula is
// the claim itself.
func hasClaimNoun(lower string) bool {
	for _, c := range vocabulary.cues {
		if (c.section == profile.Misconceptions || c.section == profile.Expectations) && c.strong {
			if at, _ := find(c.re, lower); at >= 0 {
				return true
			}
		}
	}
	return false
}

// withoutTurn drops the turn words a reality opens with ("Faktanya,",
// "Jangan salah!", "Yang terjadi justru sebaliknya:").
func withoutTurn(reality string) string {
	for stripped := true; stripped; {
		stripped = false
		for _, re := range vocabulary.turn {
			if at, words := find(re, lower(reality)); at == 0 && words != "" {
				reality = strings.TrimLeft(reality[len(words):], " ,:;!.")
				reality, _ = cutWord(reality, thats)
				stripped = true
			}
		}
	}
	return reality
}

// claimHasReality reports whether the sentence that opens an item already
// holds its reality, after a turn inside it.
func claimHasReality(claim string) bool {
	loc := turnRE.FindStringIndex(claim)
	return loc != nil && loc[0] > 0
}

func misconceptionItems(cs []contrast) []profile.Misconception {
	items := []profile.Misconception{}
	for _, c := range cs {
		if c.claim != "" && c.reality != "" {
			items = append(items, profile.Misconception{Myth: c.claim, Reality: c.reality})
		}
	}
	return items
}

func expectationItems(cs []contrast) []profile.Expectation {
	items := []profile.Expectation{}
	for _, c := range cs {
		if c.claim != "" && c.reality != "" {
			items = append(items, profile.Expectation{Expectation: c.claim, Reality: c.reality})
		}
	}
	return items
}

// statement tidies a clause into a sentence: trimmed, capitalised, closed
// with a full stop. An empty clause stays empty.
func statement(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' })
	if s == "" {
		return ""
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	if !endsWithTerminator(r) {
		r = append(r, '.')
	}
	return string(r)
}

// endsWithTerminator reports whether r closes with a terminator, before any
// closing quotes or brackets ("... sama saja.”").
func endsWithTerminator(r []rune) bool {
	i := len(r) - 1
	for i >= 0 && isCloser(r[i]) {
		i--
	}
	return i >= 0 && isTerminator(r[i])
}
