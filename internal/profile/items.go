package profile

import (
	"regexp"
	"strings"
	"unicode"
)

// turnRE finds where a myth or expectation turns to the reality, inside a
// sentence (", padahal sebenarnya", ", namun dalam realita,") or at the start
// of the next one ("Realitanya,", "Namun, realitanya,").
var turnRE = regexp.MustCompile(`(?i)(?:^|[,;:]\s*|\s+)(?:(?:namun|tetapi|akan tetapi|tapi|padahal)\s*,?\s*)?(?:(?:pada|dalam)\s+)?(?:realitanya|realitasnya|realita|kenyataannya|kenyataan|faktanya|sebenarnya|sesungguhnya|yang sebenarnya terjadi)\s*,?\s*|(?i)(?:^|[,;:]\s*|\s+)(?:padahal|namun|tetapi|akan tetapi)\s*,?\s+`)

// leadInRE is the opening that names the myth rather than states it:
// "Miskonsepsi tentang X adalah (menganggap) bahwa", "Banyak orang mengira".
var leadInRE = regexp.MustCompile(`(?i)^.*?\b(?:adalah|ialah|yaitu|yakni|merupakan)\s+(?:(?:menganggap|mengira|beranggapan|berpikir)\s+)?(?:bahwa\s+)?|(?i)^.*?\b(?:bahwa)\s+|(?i)^(?:banyak|sebagian|kebanyakan|calon|orang|masyarakat|pelamar)(?:\s+\S+){0,4}?\s+(?:mengira|menganggap|beranggapan|berpikir|percaya|berharap|membayangkan|mengharapkan)\s+(?:bahwa\s+)?`)

// verdictRE is a closing judgement on the claim: "... juga keliru".
var verdictRE = regexp.MustCompile(`(?i)\s+(?:juga\s+|adalah\s+|itu\s+)?(?:keliru|salah|tidak tepat|kurang tepat|tidak benar)\s*[.!]?$`)

// contrast is one myth or expectation with its reality.
type contrast struct{ claim, reality string }

// contrasts groups a misconceptions or expectations section into items: a
// sentence that does not open with a turn word starts an item, and the
// reality is what follows the turn, in the same sentence or the next ones.
func contrasts(sentences []Sentence) []contrast {
	var groups [][]string
	for _, s := range sentences {
		opensTurn := opens(vocabulary.turn, strings.ToLower(s.Text))
		if len(groups) == 0 || !opensTurn && groupHasTurn(groups[len(groups)-1]) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], s.Text)
	}
	out := make([]contrast, 0, len(groups))
	for _, g := range groups {
		first := g[0]
		claim, reality := first, strings.Join(g[1:], " ")
		if loc := turnRE.FindStringIndex(first); loc != nil && loc[0] > 0 {
			claim, reality = first[:loc[0]], strings.TrimSpace(first[loc[1]:]+" "+reality)
		} else if reality != "" {
			if loc := turnRE.FindStringIndex(reality); loc != nil && loc[0] == 0 {
				reality = reality[loc[1]:]
			}
		}
		c := contrast{
			claim:   statement(verdictRE.ReplaceAllString(leadInRE.ReplaceAllString(claim, ""), "")),
			reality: statement(reality),
		}
		// A myth the text never answers is no item; its sentences stay.
		if c.claim != "" && c.reality != "" {
			out = append(out, c)
		}
	}
	return out
}

// groupHasTurn reports whether the item so far already holds its reality.
func groupHasTurn(group []string) bool {
	if len(group) > 1 {
		return true
	}
	loc := turnRE.FindStringIndex(group[0])
	return loc != nil && loc[0] > 0
}

func misconceptionItems(sentences []Sentence) []Misconception {
	items := []Misconception{}
	for _, c := range contrasts(sentences) {
		items = append(items, Misconception{Myth: c.claim, Reality: c.reality})
	}
	return items
}

func expectationItems(sentences []Sentence) []Expectation {
	items := []Expectation{}
	for _, c := range contrasts(sentences) {
		items = append(items, Expectation{Expectation: c.claim, Reality: c.reality})
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
	if !isTerminator(r[len(r)-1]) {
		r = append(r, '.')
	}
	return string(r)
}

// contrastRE splits a comparison at the turn to the other profession.
var contrastRE = regexp.MustCompile(`(?i)(?:[,;]\s*|\.\s+|\s+)(?:sedangkan|sementara(?:\s+itu)?|adapun|di\s+sisi\s+lain|sebaliknya)\s*,?\s*`)

// focusRE is where a clause starts to say what a job focuses on.
var focusRE = regexp.MustCompile(`(?i)\b(?:lebih\s+)?(?:ber)?fokus(?:nya)?(?:\s+yang)?(?:\s+lebih)?(?:\s+tepat)?\s+(?:pada|kepada|terhadap|di|untuk)\s+|\b(?:menitikberatkan|mengutamakan|menekankan|memusatkan\s+perhatian)(?:\s+(?:pada|kepada))?\s+`)

// predicateRE is the first word of what a clause says about its subject.
var predicateRE = regexp.MustCompile(`(?i)\b(?:lebih|memiliki|mempunyai|bertugas|bertanggung|berperan|menangani|mengurus|cenderung|hanya|biasanya|umumnya|justru|bekerja|terlibat|berurusan|melayani|mendampingi|memberikan|menjalankan)\b`)

// professionRE finds the similar profession the comparison names.
var professionRE = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(?:profesi|pekerjaan|jabatan|peran)(?:\s+lain)?(?:\s+yang)?\s+(?:mirip|serupa|sejenis|berdekatan)\s*,?\s*(?:seperti|yaitu|yakni|misalnya|contohnya)\s+(?:seorang\s+)?([^,.;]+?)(?:\s*[,.;]|\s+(?:adalah|ialah|yaitu|terletak|yang|lebih|dalam|memiliki)\b)`),
	regexp.MustCompile(`(?i)^(?:jika\s+|bila\s+|apabila\s+)?(?:di)?bandingkan(?:\s+dengan)?\s+(?:profesi\s+|seorang\s+)?([^,.;]+?)(?:\s*[,.;]|\s+(?:yang|adalah|lebih)\b)`),
	regexp.MustCompile(`(?i)^berbeda\s+(?:dengan|dari)\s+(?:profesi\s+|seorang\s+)?([^,.;]+?)(?:\s*[,.;]|\s+(?:yang|adalah|lebih)\b)`),
	regexp.MustCompile(`(?i)\bmembedakan\s+.+?\s+(?:dari|dengan)\s+(?:profesi\s+|seorang\s+)?([^,.;]+?)(?:\s*[,.;]|\s+(?:adalah|ialah|yaitu|terletak)\b)`),
	regexp.MustCompile(`(?i)\b(?:antara|dengan)\s+(?:profesi\s+|seorang\s+)?([^,.;]+?)(?:\s*[,.;]|\s+(?:adalah|ialah|yaitu|terletak)\b)`),
}

// otherFirstRE is a comparison that describes the other profession first:
// "Berbeda dengan pendamping sosial yang <other focus>, <this focus>".
var otherFirstRE = regexp.MustCompile(`(?i)^berbeda\s+(?:dengan|dari)\s+[^,]*?\byang\s+([^,]+),\s*(.+)$`)

// comparisonItems reads one comparison from each group of sentences that
// starts with a strong comparison cue.
func comparisonItems(sentences []Sentence, title string) []Comparison {
	items := []Comparison{}
	var group []string
	flush := func() {
		if len(group) == 0 {
			return
		}
		// A comparison that names no other job or no focus is no item;
		// its sentences stay.
		if c := comparison(strings.Join(group, " "), title); c.Profession != "" && c.ThisFocus != "" && c.OtherFocus != "" {
			items = append(items, c)
		}
		group = nil
	}
	for _, s := range sentences {
		if len(group) > 0 && !opens(vocabulary.contrast, strings.ToLower(s.Text)) && contrastRE.MatchString(strings.Join(group, " ")) {
			flush()
		}
		group = append(group, s.Text)
	}
	flush()
	return items
}

func comparison(text, title string) Comparison {
	var c Comparison
	for _, re := range professionRE {
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
	}
	if m := otherFirstRE.FindStringSubmatch(text); m != nil && other == "" {
		this, other = m[2], m[1]
	}
	if c.Profession == "" && other != "" {
		if loc := predicateRE.FindStringIndex(other); loc != nil && loc[0] > 0 {
			c.Profession = strings.TrimSpace(other[:loc[0]])
		}
	}
	if i := strings.Index(strings.ToLower(this), " adalah "); i >= 0 {
		this = strings.TrimPrefix(this[i+len(" adalah "):], "bahwa ")
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
	return strings.TrimRightFunc(strings.TrimSpace(clause), func(r rune) bool { return isTerminator(r) || r == ',' || r == ';' })
}

func isPronoun(s string) bool {
	switch strings.ToLower(s) {
	case "mereka", "ia", "dia", "kita", "kami", "kamu", "anda", "ini", "itu":
		return true
	}
	return false
}
