// Package profile holds the domain of karir: career profiles, the
// interfaces their consumers need, their validation, slugs and trait
// vocabulary, and the errors every adapter maps to. It imports no adapter;
// package parser reads the Indonesian job-profile texts profiles come from.
package profile

import "time"

// SectionKey names one of the six sections of the genre.
type SectionKey string

// The six sections, in the order the genre writes them.
const (
	Tasks          SectionKey = "tasks"
	Fit            SectionKey = "fit"
	NonFit         SectionKey = "non_fit"
	Misconceptions SectionKey = "misconceptions"
	Expectations   SectionKey = "expectations"
	Comparisons    SectionKey = "comparisons"
)

// SectionKeys returns the six keys in genre order.
func SectionKeys() []SectionKey {
	return []SectionKey{Tasks, Fit, NonFit, Misconceptions, Expectations, Comparisons}
}

// Label is the Indonesian heading a frontend shows for the section.
func (k SectionKey) Label() string {
	switch k {
	case Tasks:
		return "Tugas dan Tanggung Jawab"
	case Fit:
		return "Siapa yang Cocok"
	case NonFit:
		return "Siapa yang Tidak Cocok"
	case Misconceptions:
		return "Miskonsepsi"
	case Expectations:
		return "Ekspektasi dan Realita"
	case Comparisons:
		return "Perbedaan dengan Profesi Serupa"
	}
	return ""
}

// Valid reports whether k is one of the six keys.
func (k SectionKey) Valid() bool { return k.Label() != "" }

// Sentence is one sentence of the source text and the line it starts on.
type Sentence struct {
	Text string `json:"text"`
	Line int    `json:"line"`
}

// Misconception is a common belief about the job and the reality.
type Misconception struct {
	Myth    string `json:"myth"`
	Reality string `json:"reality"`
}

// Expectation is a wrong expectation about the job and the reality.
type Expectation struct {
	Expectation string `json:"expectation"`
	Reality     string `json:"reality"`
}

// Comparison contrasts the job with a similar profession.
type Comparison struct {
	Profession string `json:"profession"`
	ThisFocus  string `json:"this_focus"`
	OtherFocus string `json:"other_focus"`
}

// Section is the sentences of one section under their heading.
type Section struct {
	Label     string     `json:"label"`
	Sentences []Sentence `json:"sentences"`
}

// TraitSection is the fit or non_fit section with the canonical traits its
// sentences name.
type TraitSection struct {
	Section
	Traits []string `json:"traits"`
}

// ItemSection is a section whose sentences also yield structured items.
type ItemSection[T any] struct {
	Section
	Items []T `json:"items"`
}

// Sections are the six sections of a profile. Every key is always present,
// with empty lists where the text has no such section.
type Sections struct {
	Tasks          Section                    `json:"tasks"`
	Fit            TraitSection               `json:"fit"`
	NonFit         TraitSection               `json:"non_fit"`
	Misconceptions ItemSection[Misconception] `json:"misconceptions"`
	Expectations   ItemSection[Expectation]   `json:"expectations"`
	Comparisons    ItemSection[Comparison]    `json:"comparisons"`
}

// NewSections returns six empty sections with their labels set, so that
// every producer of a Profile (the parser, the store) agrees on them.
func NewSections() Sections {
	section := func(k SectionKey) Section { return Section{Label: k.Label(), Sentences: []Sentence{}} }
	return Sections{
		Tasks:          section(Tasks),
		Fit:            TraitSection{Section: section(Fit), Traits: []string{}},
		NonFit:         TraitSection{Section: section(NonFit), Traits: []string{}},
		Misconceptions: ItemSection[Misconception]{Section: section(Misconceptions), Items: []Misconception{}},
		Expectations:   ItemSection[Expectation]{Section: section(Expectations), Items: []Expectation{}},
		Comparisons:    ItemSection[Comparison]{Section: section(Comparisons), Items: []Comparison{}},
	}
}

// Get returns the section stored under key, as the value the API serves.
func (s *Sections) Get(key SectionKey) (any, bool) {
	switch key {
	case Tasks:
		return &s.Tasks, true
	case Fit:
		return &s.Fit, true
	case NonFit:
		return &s.NonFit, true
	case Misconceptions:
		return &s.Misconceptions, true
	case Expectations:
		return &s.Expectations, true
	case Comparisons:
		return &s.Comparisons, true
	}
	return nil, false
}

// Sentences returns a pointer to the sentence list of the section under key.
func (s *Sections) Sentences(key SectionKey) *[]Sentence {
	switch key {
	case Tasks:
		return &s.Tasks.Sentences
	case Fit:
		return &s.Fit.Sentences
	case NonFit:
		return &s.NonFit.Sentences
	case Misconceptions:
		return &s.Misconceptions.Sentences
	case Expectations:
		return &s.Expectations.Sentences
	case Comparisons:
		return &s.Comparisons.Sentences
	}
	return nil
}

// Warning is one doubt the parser has about a text it accepted: where, and
// what a careful reader should check there.
type Warning struct {
	Section SectionKey `json:"section"`
	Line    int        `json:"line"`
	Detail  string     `json:"detail"`
}

// Source identifies the text a profile was parsed from.
type Source struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// Profile is one career profile: the document the API serves.
type Profile struct {
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Summary  string   `json:"summary"`
	Sections Sections `json:"sections"`
	// Warnings are what a careful reader should check in the source text;
	// always a list, empty when the parser placed everything with
	// confidence.
	Warnings []Warning `json:"warnings"`
	Source   Source    `json:"source"`
	// UpdatedAt is when the store last changed the profile; zero (and left
	// out of the JSON) for a profile that was only parsed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Summary is the short form of a profile that lists show.
type Summary struct {
	Slug    string
	Title   string
	Summary string
	// Traits are the fit traits: what the job asks of a person.
	Traits []string
}

// PageKey is the position in the title order a page starts after.
type PageKey struct {
	Title string
	Slug  string
}

// Page is one page of summaries in title order.
type Page struct {
	Items []Summary
	Total int
	// Next is where the following page starts; nil on the last page.
	Next *PageKey
}

// SeedResult counts what a seed did to each profile it was given.
type SeedResult struct {
	Inserted, Updated, Unchanged int
}
