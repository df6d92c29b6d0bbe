package profile

import "context"

// TextAnalyzer is the language authority of the search served from memory:
// PostgreSQL's indonesian text-search configuration reads the words (stems,
// unaccent) and pg_trgm finds similar spellings, while the index of the
// read model evaluates queries itself. Every method honours ctx's deadline;
// a database that cannot answer is an EUNAVAILABLE Error.
type TextAnalyzer interface {
	// Analyze reads each word (lower case: letters and digits, possibly
	// joined by hyphens) as a text of its own and returns, for each, the
	// lexemes of every position the configuration counts in it, in order:
	// a hyphenated word is the compound and then each part; a position
	// with no lexeme is a stop word.
	Analyze(ctx context.Context, words []string) ([][][]string, error)
	// Correct returns, for each word, the most similar word of the stored
	// texts by trigram similarity when no text holds the word itself and
	// one is similar enough, else the word.
	Correct(ctx context.Context, words []string) ([]string, error)
	// SimilarTitles returns at most limit profiles whose titles hold words
	// similar to text, most similar first.
	SimilarTitles(ctx context.Context, text string, limit int) ([]Suggestion, error)
}
