package parser

import "regexp"

// The verbs of the genre's predicates, told by their prefixes in
// affixes.txt.
var (
	// meVerbRE is an active verb in me-, the way a predicate starts
	// ("mengajak", "memimpin", "menyusun"), but not a noun that only looks
	// like one ("mental", "medis", "menu").
	meVerbRE = regexp.MustCompile(lexicon.pattern(`^{active-me}\pL{2,}$`))
	// activeVerbRE is a word with the prefix of an active verb, in me- or
	// ber- ("mendampingi", "memastikan", "bertugas").
	activeVerbRE = regexp.MustCompile(lexicon.pattern(`^(?:{active-me}|{active-ber})\pL{2,}$`))
	// verbRE is an active verb inside a clause: the genre's predicates
	// start with me-, ber- or ter-.
	verbRE = regexp.MustCompile(lexicon.pattern(`(?i)\b{verb-prefix}\pL{3,}\b`))
	// passiveRE is a verb in the passive ("dikira").
	passiveRE = regexp.MustCompile(lexicon.pattern(`^{passive-prefix}`))
)
