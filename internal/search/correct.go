package search

import (
	"context"
	"slices"
)

// correct replaces each word of the positive units that no text holds by
// the most similar word the texts hold, if any is similar enough. It
// reports whether any word changed. Corrections are cached.
func (ix *textIndex) correct(ctx context.Context, q query) (query, bool, error) {
	fixes := map[string]string{}
	var missing []string
	for _, u := range q.units {
		for _, w := range u.words {
			if u.neg {
				continue
			}
			if fix, ok := ix.corrections.get(w); ok {
				fixes[w] = fix
			} else if !slices.Contains(missing, w) {
				missing = append(missing, w)
			}
		}
	}
	if len(missing) > 0 {
		fixed, err := ix.engine.an.Correct(ctx, missing)
		if err != nil {
			return q, false, err
		}
		for i, w := range missing {
			ix.corrections.put(w, fixed[i])
			fixes[w] = fixed[i]
		}
	}
	changed := false
	out := query{units: make([]unit, len(q.units))}
	for i, u := range q.units {
		out.units[i] = unit{neg: u.neg, phrase: u.phrase}
		for _, w := range u.words {
			if fix, ok := fixes[w]; ok && !u.neg && fix != w {
				w, changed = fix, true
			}
			out.units[i].words = append(out.units[i].words, w)
		}
	}
	return out, changed, nil
}
