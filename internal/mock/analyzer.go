package mock

import (
	"context"

	"github.com/karir/karir/internal/profile"
)

var _ profile.TextAnalyzer = (*TextAnalyzer)(nil)

// TextAnalyzer is a profile.TextAnalyzer.
type TextAnalyzer struct {
	AnalyzeFn       func(ctx context.Context, words []string) ([][][]string, error)
	CorrectFn       func(ctx context.Context, words []string) ([]string, error)
	SimilarTitlesFn func(ctx context.Context, text string, limit int) ([]profile.Suggestion, error)
}

func (a *TextAnalyzer) Analyze(ctx context.Context, words []string) ([][][]string, error) {
	return a.AnalyzeFn(ctx, words)
}

func (a *TextAnalyzer) Correct(ctx context.Context, words []string) ([]string, error) {
	return a.CorrectFn(ctx, words)
}

func (a *TextAnalyzer) SimilarTitles(ctx context.Context, text string, limit int) ([]profile.Suggestion, error) {
	return a.SimilarTitlesFn(ctx, text, limit)
}
