package parser

import (
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// The sentences whose subject is the job open what it involves; those
// whose subject is another job may open a comparison. Which they are
// depends on the job's name, read before the parts are known.

// maxNamingSentences is how far into a text namingSentence looks: further
// than any profile's tasks open; a text of thousands of sentences is no
// profile, and reading it all would only cost its sender's time.
const maxNamingSentences = 60

// namingSentence is the first sentence whose subject is a job's name, the
// way the genre opens what the job involves, or the first sentence if none
// is.
func namingSentence(sentences []profile.Sentence) int {
	for i, s := range sentences[:min(len(sentences), maxNamingSentences)] {
		if name, _ := openingName(tokens(s.Text), nil); len(name) > 0 {
			return i
		}
	}
	return 0
}

// markJob marks the sentences whose subject is the job and those whose
// subject is another job, given the sentence that opens the tasks and the
// title as read with it, and reports whether any mark changed. The job's
// words are those the opening sentence names, or else the title's.
func markJob(ev []evidence, l layout, opening int, title string) (changed bool) {
	named := strings.Fields(title)
	job := jobWords(l.sentences[opening].Text)
	if len(job) == 0 {
		job = named
	}
	for i, s := range l.sentences {
		jobSubject := ev[i].defines || len(named) > 0 && opensWithJob(s.Text, named)
		otherSubject := i != opening && len(job) > 0 && isOtherSubject(s.Text, job)
		changed = changed || jobSubject != ev[i].jobSubject || otherSubject != ev[i].otherSubject
		ev[i].jobSubject, ev[i].otherSubject = jobSubject, otherSubject
	}
	return changed
}

// jobWords are the words that name the job in the sentence that opens
// what it involves: its leading capitalised name or its subject.
func jobWords(first string) []string {
	if adds(lower(first)) {
		// "Perawat puskesmas juga ...": another job, beside this one.
		return nil
	}
	toks := tokens(first)
	if lead := leadingName(toks); len(lead) > 0 {
		return lead
	}
	return subjectName(toks)
}

// opensWithJob reports whether a sentence opens with the job named by
// title as its subject: past a fronted phrase and its comma ("Secara garis
// besar, DevOps Engineer ...", "Sebagai awak kabin, pramugari ...") and a
// word that introduces a job ("seorang"), its first words are the title's,
// and a word outside the title follows.
func opensWithJob(text string, title []string) bool {
	toks := tokens(text[:wordOffset(text, maxFrontedWords+maxTitleWords+2)])
	if i := slices.Index(toks, ","); i > 0 && i <= maxFrontedWords && !hasPrefixFold(toks, title[:1]) {
		toks = toks[i+1:]
	}
	for len(toks) > 0 && titleIntroductions[strings.ToLower(toks[0])] {
		toks = toks[1:]
	}
	return len(toks) > len(title) && hasPrefixFold(toks, title)
}

// definingPredicates define the job their subject names (subjects.txt).
var definingPredicates = lexicon.set("defining-predicate")

// definesJob reports whether a sentence defines a job: its subject names
// one and its predicate is a copula or a verb of duty ("Pendamping KUBE
// adalah tenaga lapangan ...", "Di Kabupaten Sikka, pendamping penyandang
// disabilitas bertugas ...").
func definesJob(text string) bool {
	toks := tokens(text[:wordOffset(text, maxFrontedWords+maxSubjectWords)])
	phrase := jobPhrase(toks)
	if len(phrase) == 0 {
		return false
	}
	for i := slices.Index(toks, phrase[len(phrase)-1]) + 1; i < len(toks); i++ {
		if startsPredicate(toks, i) {
			return definingPredicates[strings.ToLower(toks[i])]
		}
	}
	return false
}

// hasPrefixFold is hasPrefix ignoring case.
func hasPrefixFold(toks, prefix []string) bool {
	if len(toks) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if !strings.EqualFold(toks[i], p) {
			return false
		}
	}
	return true
}

// isOtherSubject reports whether a sentence opens with a job as its
// subject that is not the one named by job.
func isOtherSubject(text string, job []string) bool {
	subject := subjectOf(text)
	return len(subject) > 0 && !wordsWithin(subject, job)
}
