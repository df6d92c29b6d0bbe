// Package parser reads Indonesian job-profile texts into the domain's
// profiles: it cuts a text into sentences, places each in one of the six
// sections of the genre, whatever order the text gives them in, names the
// job, and reads the traits, the pairs of
// claim and reality, and the comparisons with other professions. Parse
// returns the profile; Explain also says where every sentence went and
// why.
//
// Its Indonesian is data: lexicon files beside the code, embedded in the
// binary and read at start-up, where a malformed line panics with its file
// and line. Each states its format in its header:
//
//   - cues.txt: the phrases that point a sentence to one of the sections,
//     and those after which a cue does not count;
//   - evidence.txt: the word classes by which the grammar of a sentence
//     opens a part no phrase names (who holds a belief, a job set beside
//     another);
//   - traits.txt: how texts name the traits of the domain's vocabulary;
//   - abbreviations.txt: the short forms whose full stop ends no sentence,
//     and the degrees written after a name;
//   - nasal.txt: the forms the prefix meN- takes;
//   - the word lists ("NAME: word word ..."), one idea a file: titles.txt
//     (the words around a job's title), subjects.txt (a first sentence
//     whose subject is the job), claims.txt (a myth or expectation and its
//     reality), comparisons.txt (how the other profession is named),
//     focus.txt (what a comparison says each job does), leadins.txt (a
//     sentence that leads into a list), affixes.txt (prefixes, suffixes
//     and letters) and grammar.txt (function words).
//
// The code keeps the structure: the regexps and matchers it builds from
// those words, the placement of sentences over every order of the parts
// (order.go) and its weights.
package parser
