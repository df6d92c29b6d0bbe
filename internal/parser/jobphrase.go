package parser

import (
	"strings"
)

// maxJobPhraseWords is the longest job name read from a first sentence's
// subject or a heading: official titles run long ("Analis Perlindungan dan
// Jaminan Sosial Ahli Muda").
const maxJobPhraseWords = 10

// maxSubjectWords is how far into the first sentence its predicate may
// start: the job's name and a place or body after it.
const maxSubjectWords = 24

// maxIntroWords is how many words may introduce the job before "sebagai"
// ("Bekerja sebagai", "Sehari-hari berkarier sebagai").
const maxIntroWords = 2

// maxFrontedWords is how long an adjunct before the subject may be.
const maxFrontedWords = 8

// predicateWords start the predicate of a sentence whose subject is the
// job: a copula, or a verb of what the job does that is not an active verb
// in me-.
var predicateWords = lexicon.set("predicate-word")

// negators may stand inside a job's name ("rumah tidak layak huni",
// "bantuan pangan non tunai") unless a predicate follows them, or one of
// negatedPredicates ("tidak sekadar").
var negators, negatedPredicates = lexicon.set("negator"), lexicon.set("negated-predicate")

// phraseEnds end a job's name before the predicate: a place, a body, the
// people it serves or a relative clause comes after it.
var phraseEnds = lexicon.set("phrase-end", ",", "(", ";")

// nameJoiners stop a title but may join the words of a job's name
// ("perlindungan dan jaminan sosial").
var nameJoiners = lexicon.set("name-joiner")

// jobAs introduces the job after a word or two ("Bekerja sebagai ...").
var jobAs = lexicon.set("job-as")

// jobPhrase is the job named as the subject of a first sentence: the noun
// phrase before its predicate, after any word that introduces it
// ("Seorang koordinator program ... di NTT bertugas ...", "Profesi
// pendamping ... merupakan ...", "Menjadi koordinator ... berarti ..."). The
// name runs to the predicate, or to the place, body or clause that comes
// before it, across lower-case words and small words ("perlindungan dan
// jaminan sosial"). Nil if the sentence does not open that way.
func jobPhrase(toks []string) []string {
	if w := strings.ToLower(firstOf(toks)); !titleIntroductions[w] && (phraseEnds[w] || sentenceOpeners[w]) {
		// "Di banyak kabupaten di NTT, seorang koordinator gizi ...": the
		// subject comes after the adjunct the sentence opens with.
		for i, t := range toks {
			if i > maxFrontedWords {
				break
			}
			if t == "," {
				return jobPhrase(toks[i+1:])
			}
		}
		return nil
	}
	for i := 1; i < len(toks) && i <= maxIntroWords; i++ {
		if jobAs[strings.ToLower(toks[i])] && isWord(toks[0]) && !isPronoun(strings.ToLower(toks[0])) {
			// "Bekerja sebagai ...", "Berkarier sebagai ...": what comes
			// after "sebagai" is the job.
			toks = toks[i:]
			break
		}
	}
	introduced := len(toks) > 0 && titleIntroductions[strings.ToLower(toks[0])]
	for len(toks) > 0 && titleIntroductions[strings.ToLower(toks[0])] {
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return nil
	}
	if w := strings.ToLower(toks[0]); !isWord(toks[0]) || titleNonStarts[w] || sentenceOpeners[w] || isPronoun(w) || phraseEnds[w] {
		return nil
	}
	end := -1 // where the name ends, once a place or clause is met
	for i := 1; i < len(toks) && i <= maxSubjectWords; i++ {
		w := strings.ToLower(toks[i])
		switch {
		case startsPredicate(toks, i):
			if end < 0 {
				end = i
			}
			return phraseOf(toks[:end], introduced)
		case end >= 0:
			// Past the name: a place or clause runs on to the predicate.
			if w == "." || w == "?" || w == "!" {
				return nil
			}
		case w == "," && introduced:
			// "Sebagai fasilitator desa, kamu ...", but "Sebagai awak
			// kabin, pramugari bertugas ...", whose subject is the job.
			if acting := actingSubject(toks[i+1:]); len(acting) > 0 {
				return acting[0]
			}
			return phraseOf(toks[:i], introduced)
		case isPronoun(w) && !equalFoldAny(w, demonstratives):
			// "Hari gue mulai ...": whose day, not a job.
			return nil
		case phraseEnds[w]:
			end = i
		case !isWord(toks[i]) || sentenceOpeners[w] || titleStops[w] && !nameJoiners[w]:
			// "Hampir setiap hari pendamping ...": no name.
			return nil
		}
	}
	return nil
}

// startsPredicate reports whether the predicate of a sentence starts at
// toks[i]: a copula or verb, or a negation of one ("tidak hanya",
// "bukan sekadar"), not the "tidak" of "tidak layak huni".
func startsPredicate(toks []string, i int) bool {
	w := strings.ToLower(toks[i])
	if predicateWords[w] || meVerbRE.MatchString(w) {
		return true
	}
	if !negators[w] || i+1 >= len(toks) {
		return false
	}
	next := strings.ToLower(toks[i+1])
	return predicateWords[next] || meVerbRE.MatchString(next) || negatedPredicates[next]
}

// phraseOf is words as a job's name, if they can be one: a word or two at
// least (one only after a word that introduces a job), at most
// maxJobPhraseWords, not ending in a small word.
func phraseOf(words []string, introduced bool) []string {
	if len(words) == 0 || len(words) > maxJobPhraseWords || len(words) == 1 && !introduced {
		return nil
	}
	if titleSmallWords[strings.ToLower(words[len(words)-1])] {
		return nil
	}
	return words
}

func firstOf(toks []string) string {
	if len(toks) == 0 {
		return ""
	}
	return toks[0]
}

// copulas link a subject to what it is.
var copulas = lexicon.set("copula")

// genericSubjects open a subject that describes a job without naming it
// ("Salah satu profesi yang jarang dikenal adalah ...", "Peran yang paling
// dekat dengan warga adalah ...").
var genericSubjects = lexicon.set("generic-subject")

// namedAfterCopula is the job a first sentence names after its copula when
// its subject only describes a job: "Salah satu profesi yang jarang dikenal
// adalah koordinator program gizi di NTT." names the Koordinator Program
// Gizi. The name runs to a place, body or clause, as a job phrase does.
func namedAfterCopula(toks []string) []string {
	if len(toks) == 0 || !genericSubjects[strings.ToLower(toks[0])] {
		return nil
	}
	for c := 1; c < len(toks) && c <= maxSubjectWords; c++ {
		if !copulas[strings.ToLower(toks[c])] {
			continue
		}
		rest := toks[c+1:]
		for len(rest) > 0 && titleIntroductions[strings.ToLower(rest[0])] {
			rest = rest[1:]
		}
		end := 0
		for end < len(rest) && isWord(rest[end]) && !phraseEnds[strings.ToLower(rest[end])] && !startsPredicate(rest, end) && !titleStops[strings.ToLower(rest[end])] {
			end++
		}
		return phraseOf(rest[:end], false)
	}
	return nil
}
