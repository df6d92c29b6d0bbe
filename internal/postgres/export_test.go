package postgres

// The queries, for the EXPLAIN tests.
const (
	SimilarTitlesSQL = similarTitlesSQL
	CorrectSQL       = correctSQL
	LoadSQL          = loadQuery
)
