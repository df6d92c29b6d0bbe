package profile

import "strings"

// The messages that more than one place sends, each written once.

// NoProfile is the ENOTFOUND Error of a slug no current profile has.
func NoProfile(slug string) *Error { return NotFound("No profile has the slug %q.", slug) }

// NoHistory is the ENOTFOUND Error of a slug no profile has ever had, so
// that it has no revisions either.
func NoHistory(slug string) *Error {
	return NotFound("No profile has ever had the slug %q.", slug)
}

// NoRevision is the ENOTFOUND Error of a revision number slug has not
// reached.
func NoRevision(slug string, n int) *Error {
	return NotFound("The slug %q has no revision %d.", slug, n)
}

// NoSection is the ENOTFOUND Error of a section key that profiles do not
// have.
func NoSection(key string) *Error {
	return NotFound("Profiles have no section %q; the sections are %s.", key, sectionList())
}

// BadSection refuses a section parameter that names no section.
func BadSection() *Error {
	return Invalid("The section parameter must be one of %s.", sectionList())
}

// BadQuery refuses a search without its words.
func BadQuery() *Error {
	return Invalid("The q parameter must be given once, with at least one word.")
}

// BadPrefix refuses what autocomplete cannot complete.
func BadPrefix() *Error {
	return Invalid("The q parameter must be given once, from %d to %d characters long.", MinSuggestLen, MaxQueryLength)
}

// BadLimit refuses a page of fewer than one item.
func BadLimit(limit int) *Error { return Invalid("The limit must be 1 or more, not %d.", limit) }

// sectionList names the sections, in order.
func sectionList() Verbatim {
	keys := make([]string, 0, len(SectionKeys()))
	for _, k := range SectionKeys() {
		keys = append(keys, string(k))
	}
	return Verbatim(strings.Join(keys, ", "))
}
