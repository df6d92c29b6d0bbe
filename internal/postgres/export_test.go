package postgres

// The queries, for the EXPLAIN tests.
const (
	SearchSQL        = searchSQL
	SuggestSQL       = suggestSQL
	SimilarTitlesSQL = similarTitlesSQL
	CorrectSQL       = correctSQL
	TraitFilterSQL   = traitFilter
)

// StemRules are the stem corrections as ts_rewrite takes them.
var StemRules = stemRules
