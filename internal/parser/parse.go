package parser

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/karir/karir/internal/profile"
)

// MaxInputSize is the largest text Parse accepts. Profiles of the genre are a
// few kilobytes; anything near this size is not a profile.
const MaxInputSize = 1 << 20

// Error is why a text was refused, with the file and, where one line is
// to blame, its number.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Unwrap makes a refused text an EUNPROCESSABLE profile.Error whose message
// says why and, when one line is to blame, which; the file is left out, as
// the client sent it.
func (e *Error) Unwrap() error {
	if e.Line > 0 {
		return profile.Unprocessable("The parser cannot read line %d of the text: %s.", e.Line, profile.Verbatim(e.Msg))
	}
	return profile.Unprocessable("The parser cannot read the text: %s.", profile.Verbatim(e.Msg))
}

// Parse turns one job-profile text into a Profile. file names the source:
// errors show it as given, Profile.Source keeps its base name.
func Parse(file string, data []byte) (*profile.Profile, error) {
	return ParseContext(context.Background(), file, data)
}

// ParseContext parses like Parse, and stops soon after ctx is done with
// ctx's error: a request's parse ends with the request.
func ParseContext(ctx context.Context, file string, data []byte) (*profile.Profile, error) {
	e, err := read(ctx, file, data, false)
	if err != nil {
		return nil, err
	}
	return e.Profile, nil
}

// Explanation is a parsed profile with the reasons behind it: where every
// sentence went and why.
type Explanation struct {
	Profile    *profile.Profile
	Placements []Placement
	Order      Order
}

// Explain parses like Parse and also says where every sentence went and why.
func Explain(file string, data []byte) (*Explanation, error) {
	return ExplainContext(context.Background(), file, data)
}

// ExplainContext explains like Explain, and stops soon after ctx is done
// with ctx's error: it looks at ctx between the stages of the parse and
// every few hundred sentences while it weighs them.
func ExplainContext(ctx context.Context, file string, data []byte) (*Explanation, error) {
	return read(ctx, file, data, true)
}

// read parses a text and says why; with margin, it also weighs an unusual
// order against the usual one (Order.Margin), which only the explanation
// shows and which costs a second reading.
func read(ctx context.Context, file string, data []byte, margin bool) (*Explanation, error) {
	fail := func(line int, format string, args ...any) (*Explanation, error) {
		return nil, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	lines, line, refusal := decode(data)
	if refusal != "" {
		return fail(line, "%s", refusal)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l := splitLayout(lines)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sentences := l.sentences
	if len(sentences) == 0 {
		return fail(0, "input is empty")
	}

	sections, placements, order, ok := classify(ctx, l, margin)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !ok {
		return fail(0, "no recognisable section: the text does not read as a job profile")
	}
	sum := sha256.Sum256(data)
	p := &profile.Profile{Sections: sections, Warnings: []profile.Warning{}, Source: profile.Source{File: filepath.Base(file), SHA256: hex.EncodeToString(sum[:])}}
	if len(p.Sections.Tasks.Sentences) == 0 {
		return fail(sentences[0].Line, "no tasks section: the text must open with what the job involves")
	}
	if len(p.Sections.Fit.Sentences) == 0 {
		return fail(0, "no fit section: the text never says who fits the job")
	}
	inComparisons := map[profile.Sentence]bool{}
	for _, s := range p.Sections.Comparisons.Sentences {
		inComparisons[s] = true
	}
	opening := slices.IndexFunc(placements, func(p Placement) bool { return p.Section == profile.Tasks })
	title, ok := findTitle(titleHeadings(l.headings), sentences, opening, inComparisons)
	if !ok {
		return fail(0, "no job title found: name the job, e.g. \"Pekerjaan sebagai <judul> melibatkan ...\"")
	}
	p.Title = title
	p.Slug = profile.Slugify(title)
	p.Summary = sentences[0].Text
	addItems(p, placements, order)
	return &Explanation{Profile: p, Placements: placements, Order: order}, nil
}

// decode turns the bytes of a text into its lines, or says why it refuses
// them and, where one line is to blame, which.
func decode(data []byte) (lines []string, line int, refusal string) {
	if len(data) > MaxInputSize {
		// Callers may read only one byte past the limit: the size is unknown.
		return nil, 0, "input is over the 1 MiB limit"
	}
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(text) {
		return nil, invalidUTF8Line(text), "input is not valid UTF-8"
	}
	if i := bytes.IndexByte(text, 0); i >= 0 {
		// PostgreSQL cannot store NUL in text; no profile holds one.
		return nil, lineAt(text, i), "input holds a NUL byte"
	}
	return strings.Split(normalise(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string(text))), "\n"), 0, ""
}

// addItems fills in the traits, the items and the warnings of p, the
// order of its parts among them.
func addItems(p *profile.Profile, placements []Placement, order Order) {
	p.Sections.Fit.Traits = findTraits(p.Sections.Fit.Sentences)
	p.Sections.NonFit.Traits = findTraits(p.Sections.NonFit.Sentences)
	myths := contrasts(placements, profile.Misconceptions)
	hopes := contrasts(placements, profile.Expectations)
	p.Sections.Misconceptions.Items = misconceptionItems(myths)
	p.Sections.Expectations.Items = expectationItems(hopes)
	comparisons, comparisonWarnings := comparisonItems(p.Sections.Comparisons.Sentences, p.Title, p.Summary)
	p.Sections.Comparisons.Items = comparisons
	p.Warnings = append(p.Warnings, orderWarnings(order)...)
	p.Warnings = append(p.Warnings, placementWarnings(placements)...)
	p.Warnings = append(p.Warnings, contrastWarnings(profile.Misconceptions, myths)...)
	p.Warnings = append(p.Warnings, contrastWarnings(profile.Expectations, hopes)...)
	p.Warnings = append(p.Warnings, comparisonWarnings...)
}

// titleHeadings are the headings that may name the job: those that do not
// name a part of the genre ("## Siapa yang cocok").
func titleHeadings(headings []profile.Sentence) []profile.Sentence {
	var out []profile.Sentence
	for _, h := range headings {
		if e := weigh(h); e.score == [6]int{} {
			out = append(out, h)
		}
	}
	return out
}

// lineAt is the 1-based line of text[i], counting line breaks the way Parse
// does (LF, CRLF or a lone CR).
func lineAt(text []byte, i int) int {
	before := text[:i]
	return 1 + bytes.Count(before, []byte("\n")) + bytes.Count(before, []byte("\r")) - bytes.Count(before, []byte("\r\n"))
}

// invalidUTF8Line is the 1-based line holding the first byte that is not
// UTF-8, counting line breaks the way Parse does (LF, CRLF or a lone CR).
func invalidUTF8Line(text []byte) int {
	line := 1
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' || r == '\r' && (len(text) == 1 || text[1] != '\n') {
			line++
		}
		text = text[size:]
	}
	return line
}
